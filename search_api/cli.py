"""The `climate-kg` command: a thin layer over the packages; errors become one line and a non-zero exit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from embed.errors import ModelNotFoundError
from graph import server
from graph.db import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, Neo4jUnavailable, QueryFailed, WriteQueryRefused, run_read_only

app = typer.Typer(help="Knowledge graph and semantic search over UN climate documents.", no_args_is_help=True)
db_app = typer.Typer(help="The local Neo4j server (or the one NEO4J_URI points at).", no_args_is_help=True)
app.add_typer(db_app, name="db")

console = Console()
errors = Console(stderr=True)

# Failures a user can act on: shown as one line, exit code 1.
USER_ERRORS = (Neo4jUnavailable, WriteQueryRefused, QueryFailed, server.ServerError, ModelNotFoundError,
               OSError)  # OSError: a file the user named (e.g. --export) cannot be written


@contextmanager
def one_line_errors() -> Iterator[None]:
    try:
        yield
    except USER_ERRORS as e:
        errors.print(f"error: {e}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@db_app.command()
def start() -> None:
    """Start the local Neo4j and wait until it answers on Bolt."""
    with one_line_errors():
        console.print(server.start(), markup=False, highlight=False)


@db_app.command()
def stop() -> None:
    """Stop the local Neo4j cleanly (the data stays in var/)."""
    with one_line_errors():
        console.print(server.stop(), markup=False, highlight=False)


@db_app.command()
def status() -> None:
    """Print the Bolt URI, version and edition of the Neo4j in use."""
    with one_line_errors():
        info = server.status()
        console.print(f"Neo4j {info['version']} {info['edition']} at {info['uri']}", markup=False, highlight=False)


@app.command()
def cypher(
    query: str = typer.Argument(..., help="A read-only Cypher query."),
    as_json: bool = typer.Option(False, "--json", help='Print {"columns": [...], "rows": [...]} instead of a table.'),
    max_rows: int = typer.Option(DEFAULT_MAX_ROWS, "--max-rows", min=1, help="Cut the result after this many rows."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT_S, "--timeout", min=0.1, help="Stop the query after this many seconds."),
) -> None:
    """Run read-only Cypher against the graph; writing queries are refused."""
    with one_line_errors():
        result = run_read_only(query, timeout_s=timeout, max_rows=max_rows)
    if as_json:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
        return
    table = Table(*result.columns)
    for row in result.rows:
        table.add_row(*(_cell(value) for value in row))
    console.print(table)
    if result.truncated:
        errors.print(f"(only the first {max_rows} rows are shown; use --max-rows for more)", highlight=False)


def _cell(value: object) -> Text:
    return Text(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


# The commands below load the embedding model (torch): imported inside them so `db` and `cypher` stay quick.


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders of documents (.txt, .md)."),
    export: Path | None = typer.Option(None, "--export", help="Also write the documents' RDF to this Turtle file."),
) -> None:
    """Parse, validate and load documents into Neo4j with their embeddings; unchanged documents are skipped."""
    from rich.progress import Progress

    from embed.embedder import Embedder
    from graph.db import Graph
    from graph.ingest import collect_files
    from graph.ingest import ingest as run_ingest

    with one_line_errors(), Graph() as db, Progress(console=errors, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(collect_files(paths)))
        embedder = Embedder()

        def report(result) -> None:
            progress.advance(task)
            if result.status == "failed":
                progress.console.print(f"error: {result.error}", markup=False, highlight=False, soft_wrap=True)
            else:
                took = ", ".join(f"{step} {s:.2f}s" for step, s in result.seconds.items())
                progress.console.print(f"{result.status}: {result.path.name} ({result.passages} passages; {took})",
                                       markup=False, highlight=False)

        results = run_ingest(paths, db, embedder, export=export, on_file=report)
    failed = sum(r.status == "failed" for r in results)
    console.print(f"{len(results) - failed} of {len(results)} documents ingested"
                  + (f", {failed} failed" if failed else "") + (f"; RDF written to {export}" if export else ""),
                  markup=False, highlight=False)
    if failed or not results:
        raise typer.Exit(1)


def _searcher(db, signals: list[str] | None = None):
    from embed.embedder import Embedder
    from search_api.search import SIGNALS, Searcher

    return Searcher(db, Embedder(), signals or SIGNALS)


@app.command()
def search(
    query: str = typer.Argument(..., help="A question or keywords, in Chinese or English."),
    k: int = typer.Option(10, "-k", min=1, max=100, help="How many hits."),
    doc: str | None = typer.Option(None, help="Only this document (doc_id or file name)."),
    body: str | None = typer.Option(None, help="Only passages tied to this body (COP, CMA, SBI…)."),
    decision: str | None = typer.Option(None, help="Only passages citing this decision, e.g. 1/CMA.5."),
    lang: str | None = typer.Option(None, help="Only documents in this language (zh)."),
    as_json: bool = typer.Option(False, "--json", help="Print the API's response body."),
) -> None:
    """Search passages: the same search as the HTTP API."""
    from graph.db import Graph
    from search_api.api import params
    from search_api.retrievers import Filters

    checked = {}
    for name, value, check in (("--decision", decision, params.decision_symbol), ("--body", body, params.body)):
        try:
            checked[name] = check(value) if value else None
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint=name) from None
    filters = Filters(doc=doc, body=checked["--body"], decision=checked["--decision"], lang=lang)
    with one_line_errors(), Graph() as db:
        response = _searcher(db).search(query, k=k, filters=filters)
    if as_json:
        typer.echo(response.model_dump_json())
        return
    for rank, hit in enumerate(response.hits, start=1):
        where = f"{hit.source} ¶{hit.paragraph}" if hit.paragraph else f"{hit.source} ({hit.kind})"
        decisions = f"  [{', '.join(hit.decisions)}]" if hit.decisions else ""
        console.print(f"{rank}. {where}{decisions}  score {hit.score:.4f}  via {', '.join(hit.why.ranks)}",
                      style="bold", markup=False, highlight=False)
        console.print(hit.text, markup=False, highlight=False)
        console.print()
    console.print(f"{len(response.hits)} hits in {response.took_ms:.0f} ms", style="dim", highlight=False)


@app.command("eval")
def evaluate(
    queries: Path = typer.Argument(..., exists=True, dir_okay=False, help="Eval queries (JSON lines, see the contract)."),
    k: int = typer.Option(10, "-k", min=1, max=100, help="Cut-off of the metrics."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report, per query included, as JSON."),
    signal: list[str] = typer.Option([], "--signal", help="Measure only these signals (lexical, english, dense, dense_en, graph, paragraph); "
                                      "repeat the option for several. Default: all, fused."),
) -> None:
    """Retrieval metrics (nDCG, Recall, MRR @k) overall, by language and by query type."""
    from graph.db import Graph
    from search_api.evaluate import evaluate as run_eval
    from search_api.evaluate import load_queries

    with one_line_errors(), Graph() as db:
        try:
            loaded = load_queries(queries)
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint="QUERIES") from None
        try:
            searcher = _searcher(db, signal)
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint="--signal") from None
        report = run_eval(loaded, lambda q: [(h.source, h.text) for h in searcher.search(q, k=k).hits], k=k)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False))
        return
    table = Table("", "n", f"nDCG@{k}", f"Recall@{k}", f"MRR@{k}")
    rows = [("all", report["overall"])] + [(f"lang={key}", v) for key, v in report["by_lang"].items()] \
        + [(f"type={key}", v) for key, v in report["by_type"].items()]
    for name, m in rows:
        table.add_row(name, str(m["n"]), f"{m['ndcg']:.3f}", f"{m['recall']:.3f}", f"{m['mrr']:.3f}")
    console.print(table)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on (0.0.0.0 exposes it to the network)."),
    port: int = typer.Option(8000, min=1, max=65535, help="TCP port."),
) -> None:
    """Serve the HTTP API (/search, /decisions, /cypher, /health, /docs) and the web search page at /."""
    from search_api.api.app import serve as run_server

    with one_line_errors():
        run_server(host, port)
