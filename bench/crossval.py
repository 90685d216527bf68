"""Cross-validation of search's fusion settings: which ones to ship, and how well they hold on queries not tuned on.

    .venv/bin/python bench/crossval.py [--queries FILE ...] [--folds 5] [--seed 0] [--by-document]

Every query of the dev sets (both by default) is understood and retrieved once against the graph NEO4J_URI names;
then every setting of a small grid (GRID) ranks those signals. For each of the k folds, the setting with the best
mean nDCG@10 over the other folds is scored on the held-out fold; with --by-document a fold is the queries about one
document (the document of a query's best-graded relevant passage), as a held-out set over a document never tuned on
is. Printed: each fold's choice and held-out score, the folds' mean and spread, the setting the whole set picks, and
the grid's best and worst, to read how flat it is.
Then two ceilings, to read whether a target is within fusion's reach: each query at its own best setting of the grid
(no one setting can do better), and each query's relevant passages that any signal proposes, put first (what a
perfect reordering of the signals' candidates would score).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
from dataclasses import replace
from pathlib import Path
from typing import Any

from embed.embedder import Embedder
from graph.config import Settings
from graph.store.client import Neo4jClient
from search_api.evaluate import EvalQuery, first_match_ranks, load_queries, score_query
from search_api.query import QueryAnalysis
from search_api.retrievers import Filters
from search_api.search import POOL, RANKING, Ranking, Searcher
from search_api.startup import start_up

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
K = 10

# Each dimension: a signal's weight (in both fusions where it takes part) or a field of Ranking, and its values.
GRID: dict[str, list[Any]] = {
    "rrf_k": [3, 5, 10, 20, 60],
    "own_text": [1.5, 3.0, 4.5, 6.0],
    "graph": [1.0, 1.5],
    "coverage_floor": [0.1, 0.2, 0.35],
    "coverage_rarity": [0.5, 1.0, 1.5, 2.0],
    "linked_share": [0.8, 0.9, 0.95],
}


def variant(point: dict[str, Any]) -> Ranking:
    """The shipped Ranking with the values of one point of the grid."""
    weights = {name: value for name, value in point.items() if name in RANKING.weights}
    fields = {name: value for name, value in point.items() if name not in weights}
    return replace(RANKING, weights=RANKING.weights | weights,
                   english_weights=RANKING.english_weights | {
                       name: value for name, value in weights.items() if name in RANKING.english_weights},
                   **fields)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, nargs="+",
                        default=[EVAL / "dev_queries.jsonl", EVAL / "dev_queries_decisions.jsonl"])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--by-document", action="store_true",
                        help="One fold per document: the queries whose best-graded relevant passage it holds.")
    parser.add_argument("--json", type=Path, help="Also write every setting's nDCG@10 per query to this file.")
    args = parser.parse_args()

    start_up()
    queries = [q for path in args.queries for q in load_queries(path)]
    settings = Settings()
    grid = [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]
    with Neo4jClient(settings) as client:
        searcher = Searcher(client, Embedder(settings))
        analyses = [searcher.understand(q.query) for q in queries]
        retrieved = [searcher.retrieve(a, POOL, Filters()) for a in analyses]
        texts: dict[str, tuple[str, str]] = {}

        def ndcg(query: EvalQuery, analysis: QueryAnalysis, ranked: dict, point: dict) -> float:
            page = [f.uid for f in searcher.fuse(analysis, ranked, Filters(), variant(point))[:K]]
            missing = [uid for uid in page if uid not in texts]
            texts.update({uid: (p["source"], p["text"]) for uid, p in searcher.passages(missing).items()})
            return score_query(query, [texts[uid] for uid in page if uid in texts], K)["ndcg"]

        scores = [[ndcg(q, a, r, point) for q, a, r in zip(queries, analyses, retrieved, strict=True)]
                  for point in grid]
        candidates = [searcher.passages(list({c.uid for cs in r.values() for c in cs})) for r in retrieved]
        pooled = [pool_ceiling(q, list(pool.values())) for q, pool in zip(queries, candidates, strict=True)]

    if args.json:
        args.json.write_text(json.dumps({"queries": [{"id": q.id, "lang": q.lang, "type": q.type} for q in queries],
                                         "grid": [{"setting": point, "ndcg": row} for point, row in zip(grid, scores,
                                                                                                      strict=True)]}))
    order = list(range(len(queries)))
    random.Random(args.seed).shuffle(order)
    if args.by_document:
        documents = [max(q.relevant, key=lambda r: r.grade).doc for q in queries]
        names = sorted(set(documents))
        folds = [[i for i in order if documents[i] == name] for name in names]
    else:
        names = [str(n) for n in range(1, args.folds + 1)]
        folds = [order[i :: args.folds] for i in range(args.folds)]

    def mean(point: int, members: list[int]) -> float:
        return statistics.fmean(scores[point][i] for i in members)

    held_out = []
    for name, fold in zip(names, folds, strict=True):
        training = [i for i in order if i not in fold]
        best = max(range(len(grid)), key=lambda p: mean(p, training))
        held_out.append(mean(best, fold))
        print(f"fold {name} ({len(fold)} queries): chose {grid[best]}, training {mean(best, training):.3f}, "
              f"held out {held_out[-1]:.3f}")
    # Documents' folds differ in size (1 to 18 queries): the mean by query is the one comparable with the whole set's.
    by_query = statistics.fmean(held_out, weights=[len(fold) for fold in folds])
    print(f"held-out nDCG@{K}: mean {statistics.fmean(held_out):.3f} (by query {by_query:.3f}), spread "
          f"{min(held_out):.3f}–{max(held_out):.3f} (sd {statistics.stdev(held_out):.3f})")
    ranked_points = sorted(range(len(grid)), key=lambda p: -mean(p, order))
    for label, p in (("whole set picks", ranked_points[0]), ("grid's worst", ranked_points[-1])):
        print(f"{label}: {grid[p]} {mean(p, order):.3f}")
    shipped = next((p for p, point in enumerate(grid) if variant(point) == RANKING), None)
    if shipped is not None:
        print(f"shipped: {grid[shipped]} {mean(shipped, order):.3f}")
    print(f"ceiling, each query at its own best setting of the grid: "
          f"{statistics.fmean(max(row[i] for row in scores) for i in order):.3f}")
    print(f"ceiling, the signals' candidates perfectly reordered: {statistics.fmean(pooled):.3f}")


def pool_ceiling(query: EvalQuery, pool: list[dict]) -> float:
    """nDCG@K of `pool` (the passages the signals proposed) with its relevant passages first, best grade first."""
    hits = [(p["source"], p["text"]) for p in pool]
    grade: dict[int, int] = {}
    for relevant, rank in zip(query.relevant, first_match_ranks(query, hits, len(hits)), strict=True):
        if rank is not None:
            grade[rank] = max(grade.get(rank, 0), relevant.grade)
    return score_query(query, [hits[rank - 1] for rank in sorted(grade, key=lambda r: -grade[r])], K)["ndcg"]


if __name__ == "__main__":
    main()
