"""Weighted reciprocal-rank fusion of ranked candidate lists.

RRF needs no score calibration between signals whose scales have nothing in common (Lucene scores, cosine
similarities, graph matches), which is what makes it safe for queries unlike the ones it was tuned on.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
