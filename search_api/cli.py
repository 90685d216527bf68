"""The `climate-kg` command: a thin layer over the packages; errors become one line and a non-zero exit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from graph import server
from graph.db import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, Neo4jUnavailable, QueryFailed, WriteQueryRefused, run_read_only

app = typer.Typer(help="Knowledge graph and semantic search over UN climate documents.", no_args_is_help=True)
db_app = typer.Typer(help="The local Neo4j server (or the one NEO4J_URI points at).", no_args_is_help=True)
app.add_typer(db_app, name="db")

console = Console()
errors = Console(stderr=True)

# Failures a user can act on: shown as one line, exit code 1.
USER_ERRORS = (Neo4jUnavailable, WriteQueryRefused, QueryFailed, server.ServerError)


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
