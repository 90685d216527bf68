"""Weighted reciprocal-rank fusion of ranked candidate lists.

RRF needs no score calibration between signals whose scales have nothing in common (Lucene scores, cosine
similarities, graph matches), which is what makes it safe for queries unlike the ones it was tuned on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace


@dataclass
class Candidate:
    """One passage proposed by one signal, with why it matched."""

    uid: str
    score: float
    why: str = ""


@dataclass
class Fused:
    uid: str
    score: float
    signals: dict[str, int] = field(default_factory=dict)  # signal -> 1-based rank in that signal
    why: dict[str, str] = field(default_factory=dict)


def rrf(ranked: dict[str, list[Candidate]], weights: dict[str, float] | None = None, k: int = 60) -> list[Fused]:
    """Fuse `signal -> candidates (best first)`; a signal's weight scales its 1/(k + rank) contribution."""
    fused: dict[str, Fused] = {}
    for signal, candidates in ranked.items():
        weight = (weights or {}).get(signal, 1.0)
        for rank, cand in enumerate(candidates, start=1):
            entry = fused.setdefault(cand.uid, Fused(cand.uid, 0.0))
            if signal in entry.signals:  # a signal may propose a passage twice; its best rank counts
                continue
            entry.score += weight / (k + rank)
            entry.signals[signal] = rank
            if cand.why:
                entry.why[signal] = cand.why
    return sorted(fused.values(), key=lambda f: (-f.score, f.uid))


def with_linked(fused: list[Fused], linked: Callable[[list[str]], dict[str, dict[str, str]]], share: float,
                top: int = 10) -> list[Fused]:
    """`fused` with the passages linked to its first `top` (`linked`: uids -> {uid: {linked uid: how}}) scored at
    `share` of the passage that links them, unless they score higher already."""
    by_uid = {f.uid: f for f in fused}
    seeds = fused[:top]
    neighbours = linked([f.uid for f in seeds])
    for rank, seed in enumerate(seeds, start=1):
        for uid, how in neighbours.get(seed.uid, {}).items():
            entry = by_uid.setdefault(uid, Fused(uid, 0.0))
            if entry.score < seed.score * share:
                entry.score = seed.score * share
                entry.why.setdefault("graph", f"{how} hit #{rank}")
    return sorted(by_uid.values(), key=lambda f: (-f.score, f.uid))


def reweigh(fused: list[Fused], share: dict[str, float]) -> list[Fused]:
    """`fused` with each passage's score multiplied by its `share` (1 when it has none), reordered."""
    return sorted((replace(f, score=f.score * share.get(f.uid, 1.0)) for f in fused), key=lambda f: (-f.score, f.uid))


def balance_languages(fused: list[Fused], language: dict[str, str], order: list[str],
                      places: tuple[int, ...]) -> list[Fused]:
    """`fused` with the first page (as far as the last of `places`) holding at least len(places) passages of each
    language that has candidates: those missing are the best of theirs (in `order` for English, which ranks the
    English passages by the English signals, else in fused order), put at `places`."""
    page_size = max(places) + 1
    result = fused[:page_size]
    for lang in dict.fromkeys(language.get(f.uid) for f in fused):
        missing = len(places) - sum(language.get(f.uid) == lang for f in result)
        if missing <= 0:
            continue
        rank = {uid: i for i, uid in enumerate(order)} if lang == "en" else {}
        taken = {f.uid for f in result}
        best = sorted((f for f in fused if language.get(f.uid) == lang and f.uid not in taken),
                      key=lambda f: rank.get(f.uid, len(rank)))[:missing]
        for place, passage in zip(places, best, strict=False):  # fewer passages than places, maybe
            if place < len(result):  # it ranks where it stands now: level with the passage it goes before
                passage = replace(passage, score=max(passage.score, result[place].score))
            result.insert(place, passage)
        result = result[:page_size]
    taken = {f.uid for f in result}
    return result + [f for f in fused if f.uid not in taken]
