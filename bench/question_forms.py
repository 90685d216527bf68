"""Session forms: each eval question that names a session, asked again with the session written another way, and
scored. Figures, no verdicts.

    .venv/bin/python bench/session_forms.py [QUERIES.jsonl ...]

Against the configured Neo4j (NEO4J_URI), as `climate-kg eval` is. A question names a session the way its writer
did ("COP 29", "CMA 第一届会议"); a user may write any other: the number first as the Chinese press does
("第二十九届缔约方大会", "第一届《巴黎协定》缔约方会议"), the English session's words ("the twenty-ninth session of the
COP"), the conference by its city ("巴库大会", "the Baku Climate Change Conference"). Each rewriting is a question set
of its own, scored like the originals (nDCG@10 over the questions it could rewrite): the same answers should come
back. On both dev sets' 8 such questions, before and after the changes that came with it (docs/search.md, step 10):
as written 0.821 → 0.827, number first / in words (8) 0.671 → 0.831, by city (4) 0.760 → 0.845.
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from embed.embedder import Embedder
from graph import symbols
from graph.config import Settings
from graph.store.client import Neo4jClient
from search_api.evaluate import EvalQuery, load_queries, score_query
from search_api.query import int_to_cn
from search_api.search import Searcher
from search_api.startup import start_up

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
K = 10
_ZH_AFTER_NUMBER = {"COP": "缔约方大会", "CMA": "《巴黎协定》缔约方会议", "CMP": "《京都议定书》缔约方会议",
                    "SB": "附属机构会议"}
_EN_ORDINAL = {n: word for word, n in symbols.EN_ORDINALS.items()}


def number_first(session: str, chinese: bool) -> str:
    body, n = session.split()
    if not chinese:
        return f"the {_EN_ORDINAL[int(n)]} session of the {body}"
    number = int_to_cn(int(n))
    if body in _ZH_AFTER_NUMBER:
        return f"第{number}届{_ZH_AFTER_NUMBER[body]}"
    return f"{symbols.BODIES[body]['zh']}第{number}届会议"


def by_city(session: str, chinese: bool) -> str | None:
    cop = next((cop for cop in symbols.VENUES if session in symbols.sessions_held_with(cop)), None)
    if cop is None or session == "CMA 1":  # CMA 1 met in three parts, at three COPs
        return None
    cities = symbols.VENUES[cop]
    return f"{cities[-1]}大会" if chinese else f"the {cities[0]} Climate Change Conference"


FORMS: dict[str, Callable[[str, bool], str | None]] = {"number first / in words": number_first, "by city": by_city}


def rewritten(query: EvalQuery, form: Callable[[str, bool], str | None]) -> EvalQuery | None:
    """`query` with each session it names written in `form`; None when it names none or one has no such form."""
    text, chinese = query.query, query.lang == "zh"
    mentions = list({(start, end): session for session, start, end in symbols.iter_sessions(text)}.items())
    for (start, end), session in reversed(mentions):
        written = form(session, chinese)
        if written is None:
            return None
        text = text[:start] + written + text[end:]
    return replace(query, query=text) if mentions else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", type=Path, nargs="*",
                        default=[EVAL / "dev_queries.jsonl", EVAL / "dev_queries_decisions.jsonl"])
    args = parser.parse_args()

    start_up()
    queries = [q for path in args.queries for q in load_queries(path)]
    settings = Settings()
    with Neo4jClient(settings) as client:
        searcher = Searcher(client, Embedder(settings))

        def ndcg(query: EvalQuery) -> float:
            return score_query(query, [(h.source, h.text) for h in searcher.search(query.query, k=K).hits], K)["ndcg"]

        original = {q.id: ndcg(q) for q in queries if symbols.find_sessions(q.query)}
        print(f"{len(original)} of {len(queries)} questions name a session: nDCG@{K} "
              f"{statistics.fmean(original.values()):.3f}")
        for name, form in FORMS.items():
            asked = [r for q in queries if q.id in original and (r := rewritten(q, form))]
            scores = {q.id: ndcg(q) for q in asked}
            print(f"\n{name}: {len(asked)} questions, nDCG@{K} {statistics.fmean(scores.values()):.3f} "
                  f"(as written {statistics.fmean(original[i] for i in scores):.3f})")
            for q in asked:
                print(f"  {q.id} {original[q.id]:.2f} -> {scores[q.id]:.2f}  {q.query}")


if __name__ == "__main__":
    main()
