"""Load benchmark: open-loop traffic of distinct questions against GET /search, at fixed rates. Figures, no verdicts.

    .venv/bin/python bench/load.py [--rates 10 20 40] [--seconds 20] [--url http://127.0.0.1:PORT]

Without --url it starts `climate-kg serve` on a free loopback port against the Neo4j the environment names (the
local server by default; its corpus should be ingested) and stops it at the end. Only loopback addresses are
accepted: this is a tool for measuring one machine, not for loading someone else's.

Open loop: request i is sent at start + i/rate whether or not earlier ones have answered, and its latency counts
from that planned time, so a slow server cannot slow the generator down and hide its own queueing (coordinated
omission). Every question is distinct (an eval question with a short glossary term appended, one name of a term
as a visitor would type it), so no cache answers.
Each rate runs for --seconds after a warm-up; a request still unanswered --timeout seconds after its planned time
counts as an error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GLOSSARY = REPO / "search_api" / "glossary" / "unfccc_terms.tsv"


# The longest term appended. A question's cost grows with its length (the model's time is about linear in tokens),
# so the questions stay about as long as the eval's: appending whole glossary rows (every English name of a term,
# joined) made them 65% longer and the model's time per question 2.5 times as long.
SHORT_TERM = 12


def questions(files: list[Path]) -> Iterator[str]:
    """Distinct questions without end: each eval question followed by one short glossary term (an English or Chinese
    name of it), then by two, and so on."""
    base = [json.loads(line)["query"] for f in files for line in f.read_text().splitlines() if line.strip()]
    rows = [line.split("\t")[:2] for line in GLOSSARY.read_text().splitlines()[1:] if line.strip()]
    terms = sorted({name for row in rows for names in row for name in names.split("|") if 0 < len(name) <= SHORT_TERM})
    for n in itertools.count(1):
        for i, term_tuple in enumerate(itertools.product(terms, repeat=n)):
            yield f"{base[i % len(base)]} {' '.join(term_tuple)}"


def percentile(ordered: list[float], p: float) -> float:
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


async def run_rate(client: httpx.AsyncClient, path: str, queries: Iterator[str], rate: float, seconds: float,
                   timeout: float) -> dict:
    """Send `rate` requests a second for `seconds`; latency in ms of each answered request, by status."""
    latencies: dict[int, list[float]] = {}
    errors: Counter[str] = Counter()
    total = round(rate * seconds)
    start = time.perf_counter() + 0.1

    async def one(i: int, q: str) -> None:
        planned = start + i / rate
        await asyncio.sleep(max(0.0, planned - time.perf_counter()))
        try:
            response = await client.get(path, params={"q": q, "k": 10}, timeout=timeout)
        except httpx.HTTPError as e:
            errors[type(e).__name__] += 1
            return
        latencies.setdefault(response.status_code, []).append((time.perf_counter() - planned) * 1000)

    await asyncio.gather(*(one(i, next(queries)) for i in range(total)))
    elapsed = time.perf_counter() - start
    ok = sorted(latencies.get(200, []))
    refused = {status: len(v) for status, v in latencies.items() if status != 200}
    return {
        "offered": rate, "sent": total, "achieved": len(ok) / elapsed, "ok": len(ok),
        "p50": statistics.median(ok) if ok else None, "p95": percentile(ok, 0.95) if ok else None,
        "p99": percentile(ok, 0.99) if ok else None, "refused": refused, "errors": dict(errors),
        "refused_p99": percentile(sorted(x for s, v in latencies.items() if s != 200 for x in v), 0.99)
        if refused else None,
    }


def loopback_only(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        sys.exit(f"error: {url} is not a loopback address; this benchmark loads only this machine")


@contextlib.contextmanager
def served(url: str | None) -> Iterator[tuple[str, int | None]]:
    """The URL to load and the API's pid: `url`, or a `climate-kg serve` started here and stopped on exit."""
    if url:
        yield url, None
        return
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([str(REPO / ".venv" / "bin" / "climate-kg"), "serve", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if process.poll() is not None:
                stderr = process.stderr.read().decode() if process.stderr else ""
                sys.exit(f"error: climate-kg serve ended: {stderr[-500:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            time.sleep(0.5)
        else:
            sys.exit("error: the API did not answer /health within 180 s")
        yield url, process.pid
    finally:
        process.kill()  # not terminate: uvicorn would first serve every request still queued
        process.wait()


def rss_mb(pid: int) -> float:
    """A process's resident memory in MB (Linux), or NaN when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


async def main_async(args: argparse.Namespace) -> None:
    queries = questions(args.queries)
    with served(args.url) as (url, pid):
        loopback_only(url)
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=200)
        async with httpx.AsyncClient(base_url=url, limits=limits) as client:
            await run_rate(client, args.path, queries, min(args.rates), args.warmup, args.timeout)
            print(f"# {time.strftime('%Y-%m-%d %H:%M')} {os.cpu_count()} cores, {url}{args.path}, "
                  f"{args.seconds:g} s per rate after a {args.warmup:g} s warm-up, distinct questions, open loop")
            print("| offered | achieved | p50 | p95 | p99 | refused (status: n, their p99) | errors |")
            print("| --- | --- | --- | --- | --- | --- | --- |")
            for rate in args.rates:
                r = await run_rate(client, args.path, queries, rate, args.seconds, args.timeout)
                ms = [f"{r[p]:.0f} ms" if r[p] is not None else "" for p in ("p50", "p95", "p99")]
                refused = ", ".join(f"{s}: {n}" for s, n in r["refused"].items())
                if refused:
                    refused += f" ({r['refused_p99']:.0f} ms)"
                errors = ", ".join(f"{e}: {n}" for e, n in r["errors"].items()) or "0"
                print(f"| {rate:g} req/s × {args.seconds:g} s | {r['achieved']:.1f}/s | {' | '.join(ms)} "
                      f"| {refused or 0} | {errors} |", flush=True)
                await asyncio.sleep(args.pause)
        if pid is not None:
            print(f"API resident memory after the runs: {rss_mb(pid):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an API already running on a loopback address (default: start one)")
    parser.add_argument("--path", default="/search", help="the GET endpoint taking q (and k)")
    parser.add_argument("--rates", type=float, nargs="+", default=[10, 20, 40])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=10, help="seconds at the lowest rate first, not reported")
    parser.add_argument("--pause", type=float, default=5, help="seconds of quiet between rates")
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--queries", type=Path, nargs="+", default=[SHARED / "eval" / f"{name}.jsonl" for name in
                                                                    ("dev_queries", "dev_queries_decisions")])
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
