"""Benchmark: indexing throughput and search latency, printed as a table. Not a test: figures, no verdicts.

    .venv/bin/python bench/bench.py [--corpus ../shared/corpus] [--queries ../shared/eval/dev_queries.jsonl]
                                    [--keep-server]

It runs on a private Neo4j in a temporary folder with an empty embedding cache (so nothing of var/ is
touched and the first ingest pays for every embedding), then: a cold ingest; the embedding floor (the model
alone embedding the same texts in the same batches, which the ingest can at best match); an unchanged
re-ingest; every query in-process, then over HTTP: a round warming up, a round of questions new to the model (the
query vectors it memoises forgotten) and the same questions repeated (the model skipped).
With --keep-server the private Neo4j keeps running with the corpus, for bench/load.py (it prints how).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import uvicorn
from load import percentile, rss_mb  # bench/ is the script's folder

from embed.embedder import Embedder
from graph.config import LocalServerSettings, Neo4jSettings, Settings
from graph.ingest import collect_files, ingest
from graph.parse import parse_file
from graph.rdf import build_graph
from graph.sentences import sentences
from graph.store import server
from graph.store.client import Neo4jClient
from graph.store.mapping import passage_texts
from search_api.api.app import create_app
from search_api.evaluate import load_queries
from search_api.search import Searcher
from search_api.startup import start_up

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(name: str, embedder: Embedder, queries: list[str], search: Callable[[str], object]) -> list[tuple[str, str]]:
    """p50 and p95 of `search` over `queries`, after a round that loads the dictionary and warms Neo4j's caches: once
    with every question new to the model (its query vectors forgotten), once repeated (the model skipped)."""
    rows = []
    for label in ("warm-up", "new questions", "repeated questions"):
        if label == "new questions":
            embedder.embed_query.cache_clear()
        samples = []
        for query in queries:
            started = time.perf_counter()
            search(query)
            samples.append((time.perf_counter() - started) * 1000)
        if label != "warm-up":
            ordered = sorted(samples)
            rows.append((f"{name}, {label}",
                         f"p50 {statistics.median(ordered):.0f} ms, p95 {percentile(ordered, 0.95):.0f} ms"))
    return rows


def embedding_floor(embedder: Embedder, corpus: Path) -> tuple[int, float]:
    """Texts of `corpus` the ingest embeds (passages, and the long ones' sentences) and the seconds the model alone
    takes to embed them, document by document in the ingest's batches."""
    passages, seconds = 0, 0.0
    for path in collect_files([corpus]):
        try:
            # Each distinct text once, as the ingest embeds them.
            own = passage_texts(build_graph(parse_file(path))).values()
            texts = list(dict.fromkeys([*own, *(sentence for text in own for sentence in sentences(text))]))
        except Exception:  # the ingest reported it: no passages, no floor
            continue
        size = embedder.settings.batch_size
        started = time.perf_counter()
        for start in range(0, len(texts), size):
            embedder.model.encode(texts[start : start + size], prompt=embedder.passage_prompt, batch_size=size,
                                  normalize_embeddings=True)
        seconds += time.perf_counter() - started
        passages += len(texts)
    return passages, seconds


class Rows(list[tuple[str, str]]):
    """The figures, each also printed as soon as it is measured: a long run stopped early keeps what it found."""

    def append(self, row: tuple[str, str]) -> None:
        print(f"{row[0]}: {row[1]}", flush=True)
        super().append(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--queries", type=Path, default=REPO.parent / "shared" / "eval" / "dev_queries.jsonl")
    parser.add_argument("--keep-server", action="store_true", help="leave the private Neo4j running at the end")
    args = parser.parse_args()
    for path in (args.corpus, args.queries):
        if not path.exists():
            parser.error(f"{path}: no such file or folder")

    start_up()
    # A private server and state folder, whatever the environment names.
    settings = Settings(home=Path(tempfile.mkdtemp(prefix="climate-kg-bench-")),
                        server=LocalServerSettings(port=free_port()), neo4j=Neo4jSettings(uri=None))
    rows = Rows()
    started = time.perf_counter()
    server.start(settings)
    rows.append(("Neo4j start until Bolt answers", f"{time.perf_counter() - started:.1f} s"))
    try:
        embedder = Embedder(settings)
        with Neo4jClient(settings) as db:
            for label in ("cold ingest (empty embedding cache)", "re-ingest, nothing changed"):
                started = time.perf_counter()
                results = ingest([args.corpus], db, embedder)
                took = time.perf_counter() - started
                passages = sum(r.passages for r in results)
                steps: dict[str, float] = {}
                for r in results:
                    for step, seconds in r.seconds.items():
                        steps[step] = steps.get(step, 0.0) + seconds
                split = ", ".join(f"{step} {s:.1f} s" for step, s in steps.items())
                rate = f", {passages / took:.1f} passages/s" if passages else ""
                failed = sum(r.status == "failed" for r in results)
                rows.append((label, f"{len(results)} docs ({failed} failed), {passages} passages in {took:.1f} s"
                                    f"{rate} ({split})"))
                if label.startswith("cold"):
                    floor_passages, floor_s = embedding_floor(embedder, args.corpus)
                    rows.append(("embedding floor (the model alone, same batches)",
                                 f"{floor_passages} texts in {floor_s:.1f} s, {floor_passages / floor_s:.1f} "
                                 f"texts/s: the ingest ran at {floor_s / took:.2f}× the floor"))
                    rows.append(("resident memory after the cold ingest",
                                 f"Neo4j {rss_mb(int(settings.pid_file.read_text())):.0f} MB, this process "
                                 f"(model, parser) {rss_mb(os.getpid()):.0f} MB"))

            queries = [q.query for q in load_queries(args.queries)]
            searcher = Searcher(db, embedder)
            rows += timed(f"search in-process, {len(queries)} queries, k=10", embedder, queries,
                          lambda query: searcher.search(query, k=10))

        port = free_port()
        http = uvicorn.Server(uvicorn.Config(create_app(settings, embedder=embedder), host="127.0.0.1", port=port,
                                             log_level="warning"))
        thread = threading.Thread(target=http.run, daemon=True)
        thread.start()
        while not http.started:
            time.sleep(0.1)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            rows += timed("GET /search over HTTP (loopback), k=10", embedder, queries,
                          lambda query: client.get("/search", params={"q": query, "k": 10}).raise_for_status())
        http.should_exit = True
        thread.join()
    finally:
        if args.keep_server:
            rows.append(("Neo4j left running", f"CLIMATE_KG_HOME={settings.home} "
                                               f"CLIMATE_KG_NEO4J_PORT={settings.server.port}"))
        else:
            server.stop(settings)

    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  figure")
    for name, figure in rows:
        print(f"{name:<{width}}  {figure}")


if __name__ == "__main__":
    main()
