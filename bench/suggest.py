"""Type-ahead benchmark: GET /suggest for every prefix a person typing would send, through the app in-process.
Figures, no verdicts.

    .venv/bin/python bench/suggest.py [--words 300]

Runs the app (FastAPI's TestClient, lifespan included) against the Neo4j the environment names, whose corpus should
be ingested. The words typed are the graph's own: decision symbols written three ways ("1/CMA.5", "decision
1/cma.5", "第1/CMA.5号决定"), glossary terms in both languages and document titles, each typed one character at a
time; every prefix is asked once. Prints p50/p95/p99 through the app (routing, the rate-limit and caching layers,
JSON) and the mean of the index lookup alone.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from fastapi.testclient import TestClient

from graph.config import Settings
from search_api.api import create_app
from search_api.startup import start_up
from search_api.suggest import Suggester


def words(suggester: Suggester, count: int) -> list[str]:
    index = suggester.index
    typed = []
    for entry in index.entries:
        suggestion = entry.suggestion
        if suggestion.kind == "decision":
            number, rest = suggestion.value.split("/")
            typed += [suggestion.value, f"decision {number}/{rest.lower()}", f"第{suggestion.value}号决定"]
        else:
            typed.append(suggestion.text[:30])
    return random.Random(7).sample(typed, min(count, len(typed)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=300, help="words typed (all their prefixes are asked)")
    args = parser.parse_args()
    start_up()
    app = create_app(Settings.from_env())
    with TestClient(app) as client:
        suggester = app.state.services.suggester()
        prefixes = sorted({w[:n] for w in words(suggester, args.words) for n in range(1, len(w) + 1)
                           if w[:n].strip()})
        client.get("/suggest", params={"q": "warm-up"})
        times = []
        for prefix in prefixes:
            started = time.perf_counter()
            assert client.get("/suggest", params={"q": prefix}).status_code == 200
            times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        for prefix in prefixes:
            suggester.suggest(prefix, 8)
        alone = (time.perf_counter() - started) * 1000 / len(prefixes)
    cuts = statistics.quantiles(times, n=100)
    print(f"{len(prefixes)} distinct prefixes of {args.words} words: p50 {cuts[49]:.2f} ms, p95 {cuts[94]:.2f} ms, "
          f"p99 {cuts[98]:.2f} ms through the app; the index alone {alone:.3f} ms a lookup")


if __name__ == "__main__":
    main()
