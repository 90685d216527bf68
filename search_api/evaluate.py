"""Retrieval metrics over an evaluation file, per the contract's eval format.

A hit matches a relevant passage when it comes from the same file and its text contains the quote after both are
normalised; each relevant passage counts once, at its first matching hit.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TAG = re.compile(r"<sup>\s*\w+\s*</sup>", re.IGNORECASE)
_SUP_CHARS = re.compile(f"[{SUPERSCRIPTS}]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    # Markers go before NFKC, which would turn "¹" into a plain "1" that can no longer be told from the text.
    text = _SUP_CHARS.sub("", _SUP_TAG.sub("", text))
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Relevant:
    doc: str
    quote: str
    grade: int


@dataclass(frozen=True)
class EvalQuery:
    id: str
    lang: str
    type: str
    query: str
    relevant: tuple[Relevant, ...]
    decisions: tuple[str, ...] = ()


class EvalHit(NamedTuple):
    """One hit of the search measured: where it comes from, its text, and which signals ranked it where."""

    source: str
    text: str
    signals: str = ""  # "lexical 3, dense 12": read in a miss's report


def load_queries(path: Path) -> list[EvalQuery]:
    queries = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            queries.append(EvalQuery(
                id=row["id"], lang=row["lang"], type=row["type"], query=row["query"],
                relevant=tuple(Relevant(r["doc"], r["quote"], int(r["grade"])) for r in row["relevant"]),
                decisions=tuple(row.get("decisions", [])),
            ))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{line_no}: not an eval query ({exc})") from exc
    return queries


def first_match_ranks(query: EvalQuery, hits: Sequence[tuple[str, ...]], k: int) -> list[int | None]:
    """For each relevant passage, the 1-based rank of the first of the top-k hits (source, text) that contains it."""
    normalised_hits = [(hit[0], normalise(hit[1])) for hit in hits[:k]]
    ranks: list[int | None] = []
    for rel in query.relevant:
        quote = normalise(rel.quote)
        ranks.append(next((rank for rank, (source, text) in enumerate(normalised_hits, start=1)
                           if source == rel.doc and quote in text), None))
    return ranks


def score_query(query: EvalQuery, hits: Sequence[tuple[str, ...]], k: int = 10) -> dict[str, float]:
    ranks = first_match_ranks(query, hits, k)
    grades = [rel.grade for rel in query.relevant]
    dcg = sum((2 ** g - 1) / math.log2(r + 1) for g, r in zip(grades, ranks, strict=True) if r is not None)
    ideal = sorted(grades, reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    found = [r for r in ranks if r is not None]
    return {
        # One passage can hold two relevant quotes, which then both count at its rank: more than the ideal
        # ranking, which gives each its own rank, so the ratio is capped at a perfect 1.
        "ndcg": min(1.0, dcg / idcg) if idcg else 0.0,
        "recall": len(found) / len(ranks) if ranks else 0.0,
        "mrr": 1.0 / min(found) if found else 0.0,
    }


def evaluate(queries: Iterable[EvalQuery], search: Callable[[str], Sequence[tuple[str, ...]]],
             k: int = 10) -> dict:
    """Run `search` (query -> ranked EvalHit or (source, text)) on every query; mean metrics overall, by lang and by
    type, and the relevant passages missed in the top k, with their rank among the hits `search` returned beyond k
    (ask it for more than k to see how near a miss came) and the signals that ranked them."""
    per_query: list[dict] = []
    misses: list[dict] = []
    for q in queries:
        hits = [EvalHit(*h) for h in search(q.query)]
        scores = score_query(q, hits, k)
        per_query.append({"id": q.id, "lang": q.lang, "type": q.type, **scores})
        for rel, rank in zip(q.relevant, first_match_ranks(q, hits, len(hits)), strict=True):
            if rank is None or rank > k:
                misses.append({"id": q.id, "query": q.query, "doc": rel.doc, "quote": rel.quote, "grade": rel.grade,
                               "rank": rank, "signals": hits[rank - 1].signals if rank else ""})

    def mean(rows: list[dict]) -> dict[str, float]:
        return {m: round(sum(r[m] for r in rows) / len(rows), 4) for m in ("ndcg", "recall", "mrr")} | {"n": len(rows)}

    groups: dict[str, dict[str, list[dict]]] = {"lang": defaultdict(list), "type": defaultdict(list)}
    for row in per_query:
        for field in groups:
            groups[field][row[field]].append(row)
    return {
        "k": k,
        "overall": mean(per_query) if per_query else {},
        "by_lang": {key: mean(rows) for key, rows in sorted(groups["lang"].items())},
        "by_type": {key: mean(rows) for key, rows in sorted(groups["type"].items())},
        "queries": per_query,
        "misses": misses,
    }
