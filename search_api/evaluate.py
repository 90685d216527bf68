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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

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


def first_match_ranks(query: EvalQuery, hits: list[tuple[str, str]], k: int) -> list[int | None]:
    """For each relevant passage, the 1-based rank of the first of the top-k hits (source, text) that contains it."""
    normalised_hits = [(source, normalise(text)) for source, text in hits[:k]]
    ranks: list[int | None] = []
    for rel in query.relevant:
        quote = normalise(rel.quote)
        ranks.append(next((rank for rank, (source, text) in enumerate(normalised_hits, start=1)
                           if source == rel.doc and quote in text), None))
    return ranks


def score_query(query: EvalQuery, hits: list[tuple[str, str]], k: int = 10) -> dict[str, float]:
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


def evaluate(queries: Iterable[EvalQuery], search: Callable[[str], list[tuple[str, str]]],
             k: int = 10) -> dict:
    """Run `search` (query -> ranked (source, text) hits) on every query; mean metrics overall, by lang and by type."""
    per_query: list[dict] = []
    for q in queries:
        scores = score_query(q, search(q.query), k)
        per_query.append({"id": q.id, "lang": q.lang, "type": q.type, **scores})

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
    }
