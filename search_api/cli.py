"""The `climate-kg` command: a thin layer over the packages.

Settings are read once, when the command starts (`main`), and handed to each command in its context. Every
UserError, wherever raised, is printed as one line with exit code 1 by the one handler, `OneLineErrors`.
"""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from graph.config import Settings
from graph.errors import UserError
from graph.store import server
from graph.store.client import Neo4jClient
from graph.store.readonly import run_read_only
from search_api.startup import start_up

if TYPE_CHECKING:
    # The Context typer's commands are invoked with: typer >= 0.29 vendors its own copy of click.
    from typer._click import Context as ClickContext

console = Console()
errors = Console(stderr=True)


class OneLineErrors(TyperGroup):
    """The CLI's one error handler: a UserError, or a file the user named that cannot be written (OSError), is
    one line on stderr and exit code 1. Anything else is a bug and keeps its traceback."""

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except (UserError, OSError) as e:
            errors.print(f"error: {e}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None


app = typer.Typer(cls=OneLineErrors, help="Knowledge graph and semantic search over UN climate documents.",
                  no_args_is_help=True)
db_app = typer.Typer(help="The local Neo4j server (or the one NEO4J_URI points at).", no_args_is_help=True)
app.add_typer(db_app, name="db")


@app.callback()
def main(ctx: typer.Context) -> None:
    start_up()
    ctx.obj = Settings.from_env()


def settings_of(ctx: typer.Context) -> Settings:
    return ctx.find_root().obj


@db_app.command()
def start(ctx: typer.Context) -> None:
    """Start the local Neo4j and wait until it answers on Bolt."""
    console.print(server.start(settings_of(ctx)), markup=False, highlight=False)


@db_app.command()
def stop(ctx: typer.Context) -> None:
    """Stop the local Neo4j cleanly (the data stays in var/)."""
    console.print(server.stop(settings_of(ctx)), markup=False, highlight=False)


@db_app.command()
def status(ctx: typer.Context) -> None:
    """Print the Bolt URI, version and edition of the Neo4j in use."""
    info = server.status(settings_of(ctx))
    console.print(f"Neo4j {info['version']} {info['edition']} at {info['uri']}", markup=False, highlight=False)


@app.command()
def cypher(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="A read-only Cypher query."),
    as_json: bool = typer.Option(False, "--json", help='Print {"columns": [...], "rows": [...]} instead of a table.'),
    max_rows: int | None = typer.Option(None, "--max-rows", min=1, help="Cut the result after this many rows "
                                        "[default: CLIMATE_KG_CYPHER_MAX_ROWS]."),
    timeout: float | None = typer.Option(None, "--timeout", min=0.1, help="Stop the query after this many seconds "
                                         "[default: CLIMATE_KG_CYPHER_TIMEOUT_S]."),
) -> None:
    """Run read-only Cypher against the graph; writing queries are refused."""
    settings = settings_of(ctx)
    max_rows = max_rows or settings.cypher.max_rows
    with Neo4jClient(settings) as client:
        result = run_read_only(client, query, timeout_s=timeout or settings.cypher.timeout_s, max_rows=max_rows)
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
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="Files or folders of documents (.txt, .md)."),
    export: Path | None = typer.Option(None, "--export", help="Also write the documents' RDF to this Turtle file."),
) -> None:
    """Parse, validate and load documents into Neo4j with their embeddings; unchanged documents are skipped."""
    from rich.progress import Progress

    from embed.embedder import Embedder
    from graph.ingest import collect_files
    from graph.ingest import ingest as run_ingest

    settings = settings_of(ctx)
    # The model is loaded before the progress bar shows, so that an error loading it stands alone on its line.
    with (Neo4jClient(settings) as client, closing(Embedder(settings)) as embedder,
          Progress(console=errors, transient=True) as progress):
        task = progress.add_task("ingesting", total=len(collect_files(paths)))

        def report(result) -> None:
            progress.advance(task)
            if result.status == "failed":
                progress.console.print(f"error: {result.error}", markup=False, highlight=False, soft_wrap=True)
            else:
                took = ", ".join(f"{step} {s:.2f}s" for step, s in result.seconds.items())
                progress.console.print(f"{result.status}: {result.path.name} ({result.passages} passages; {took})",
                                       markup=False, highlight=False)

        results = run_ingest(paths, client, embedder, export=export, on_file=report)
    failed = sum(r.status == "failed" for r in results)
    console.print(f"{len(results) - failed} of {len(results)} documents ingested"
                  + (f", {failed} failed" if failed else "") + (f"; RDF written to {export}" if export else ""),
                  markup=False, highlight=False)
    if failed or not results:
        raise typer.Exit(1)


def _searcher(client: Neo4jClient, signals: list[str] | None = None):
    from embed.embedder import Embedder
    from search_api.search import SIGNALS, Searcher

    return Searcher(client, Embedder(client.settings), signals or SIGNALS)


@app.command()
def search(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="A question or keywords, in Chinese or English."),
    k: int = typer.Option(10, "-k", min=1, max=100, help="How many hits."),
    doc: str | None = typer.Option(None, help="Only this document (doc_id or file name)."),
    body: str | None = typer.Option(None, help="Only passages tied to this body (COP, CMA, SBI…)."),
    decision: str | None = typer.Option(None, help="Only passages citing this decision, e.g. 1/CMA.5."),
    lang: str | None = typer.Option(None, help="Only documents in this language (zh)."),
    as_json: bool = typer.Option(False, "--json", help="Print the API's response body."),
) -> None:
    """Search passages: the same search as the HTTP API."""
    from search_api.api import params
    from search_api.retrievers import Filters

    checked = {}
    for name, value, check in (("QUERY", query, params.searchable), ("--decision", decision, params.decision_symbol),
                               ("--body", body, params.body)):
        try:
            checked[name] = check(value) if value is not None else None
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint=name) from None
    filters = Filters(doc=doc, body=checked["--body"], decision=checked["--decision"], lang=lang)
    with Neo4jClient(settings_of(ctx)) as client:
        response = _searcher(client).search(query, k=k, filters=filters)
    if as_json:
        typer.echo(response.model_dump_json())
        return
    for rank, hit in enumerate(response.hits, start=1):
        where = f"{hit.source} ¶{hit.paragraph}" if hit.paragraph else f"{hit.source} ({hit.kind})"
        decisions = f"  [{', '.join(hit.decisions)}]" if hit.decisions else ""
        holds = f"  holds {', '.join(hit.why.holds)}" if hit.why.holds else ""
        # A passage lifted beside a hit it is linked to says so ("follows hit #1"), whatever else ranked it.
        lifted = [hit.why.matched["graph"]] if "graph" in hit.why.matched and "graph" not in hit.why.ranks else []
        console.print(f"{rank}. {where}{decisions}  score {hit.score:.4f}  via {', '.join([*hit.why.ranks, *lifted])}"
                      f"{holds}", style="bold", markup=False, highlight=False)
        console.print(hit.text, markup=False, highlight=False)
        console.print()
    console.print(f"{len(response.hits)} hits in {response.took_ms:.0f} ms", style="dim", highlight=False)


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    queries: Path = typer.Argument(..., exists=True, dir_okay=False,
                                   help="Eval queries (JSON lines, see the contract)."),
    k: int = typer.Option(10, "-k", min=1, max=100, help="Cut-off of the metrics."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report, per query included, as JSON."),
    signal: list[str] = typer.Option([], "--signal", help="Measure only these signals (lexical, english, gloss, "
                                      "dense, dense_en, sentences, sentences_en, graph, paragraph, structure, "
                                      "own_text, dense_terms); repeat the option for several. Default: all, fused."),
    misses: bool = typer.Option(False, "--misses", help="List the relevant passages missed in the top k: the quote, "
                                "its rank among the first --depth hits if there, and the signals that ranked it."),
    depth: int = typer.Option(50, "--depth", min=1, max=1000, help="How deep a miss is looked for."),
) -> None:
    """Retrieval metrics (nDCG, Recall, MRR @k) overall, by language and by query type."""
    from search_api.evaluate import EvalHit, load_queries
    from search_api.evaluate import evaluate as run_eval

    with Neo4jClient(settings_of(ctx)) as client:
        try:
            loaded = load_queries(queries)
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint="QUERIES") from None
        try:
            searcher = _searcher(client, signal)
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint="--signal") from None
        report = run_eval(loaded, lambda q: [EvalHit(h.source, h.text, _signal_ranks(h.why.ranks))
                                             for h in searcher.search(q, k=max(k, depth)).hits], k=k)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False))
        return
    table = Table("", "n", f"nDCG@{k}", f"Recall@{k}", f"MRR@{k}")
    rows = [("all", report["overall"])] + [(f"lang={key}", v) for key, v in report["by_lang"].items()] \
        + [(f"type={key}", v) for key, v in report["by_type"].items()]
    for name, m in rows:
        table.add_row(name, str(m["n"]), f"{m['ndcg']:.3f}", f"{m['recall']:.3f}", f"{m['mrr']:.3f}")
    console.print(table)
    if misses:
        for m in report["misses"]:
            found = f"rank {m['rank']} ({m['signals']})" if m["rank"] else f"not in the first {depth}"
            console.print(f"{m['id']} {m['query']}\n  missed (grade {m['grade']}) {m['doc']}: “{m['quote']}” — {found}",
                          markup=False, highlight=False)


def _signal_ranks(ranks: dict[str, int]) -> str:
    return ", ".join(f"{signal} {rank}" for signal, rank in ranks.items())


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", help="Interface to listen on (0.0.0.0 exposes it to the network)."),
    port: int = typer.Option(8000, min=1, max=65535, help="TCP port."),
) -> None:
    """Serve the HTTP API (/search, /decisions, /cypher, /health, /docs), the web search page at / and, when it
    listens on loopback only, Neo4j Browser at /browser/."""
    from search_api.api import browser
    from search_api.api.app import serve as run_server

    settings = settings_of(ctx)
    console.print(browser.announcement(settings, host, port), markup=False, highlight=False, soft_wrap=True)
    run_server(settings, host, port)
