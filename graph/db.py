"""The one way the project talks to Neo4j: a connected `Graph`, and read-only Cypher for analysts.

Reads and writes go through the driver's managed transactions, which retry transient errors
(deadlocks, leader switches, a connection dropped mid-way) by themselves.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, GraphDatabase, Record, RoutingControl, unit_of_work
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point

from graph.settings import Neo4jSettings

_EXPLAIN = "EXPLAIN "
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_ROWS = 1000

# Plan operators of queries that Neo4j types as reads but that load files or commit on their own.
_REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV",
    "TransactionApply": "CALL { ... } IN TRANSACTIONS",
    "TransactionForeach": "CALL { ... } IN TRANSACTIONS",
    "TerminateTransactions": "TERMINATE TRANSACTIONS",
}


class Neo4jUnavailable(RuntimeError):
    """Neo4j cannot be reached or refused the login."""


class WriteQueryRefused(ValueError):
    """A query given as read-only would change the graph or the server."""


class QueryFailed(RuntimeError):
    """Neo4j rejected a query (syntax, types, unknown procedure...)."""


class QueryTimedOut(QueryFailed):
    """A query ran past its time limit and was stopped."""


def unreachable_message(settings: Neo4jSettings) -> str:
    hint = "start it with `climate-kg db start`" if settings.is_local else "check NEO4J_URI and that the server is up"
    return f"Neo4j is not reachable at {settings.bolt_uri()}: {hint}"


class Graph:
    """A driver connected (and checked) at construction. Use as a context manager, or call close()."""

    def __init__(self, settings: Neo4jSettings | None = None) -> None:
        self.settings = settings or Neo4jSettings()
        self.uri = self.settings.bolt_uri()
        self.database = self.settings.database
        # Notifications (e.g. "property does not exist yet" on a new graph) are for query authors, not for our logs.
        self.driver = GraphDatabase.driver(self.uri, auth=self.settings.auth(), connection_timeout=10.0,
                                           notifications_min_severity="OFF")
        try:
            with self.connection_errors():
                self.driver.verify_connectivity()
        except Neo4jUnavailable:
            self.driver.close()
            raise

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.driver.close()

    @contextmanager
    def connection_errors(self) -> Iterator[None]:
        """Turn the driver's connection and login failures into one clear Neo4jUnavailable."""
        try:
            yield
        except (ServiceUnavailable, SessionExpired, OSError) as e:
            raise Neo4jUnavailable(unreachable_message(self.settings)) from e
        except AuthError as e:
            user = self.settings.auth()[0]
            raise Neo4jUnavailable(f"Neo4j at {self.uri} refused the login of user {user!r}: {e.message}") from e

    def session(self, **config: Any):
        """A driver session on the configured database, for batched loads with execute_write."""
        return self.driver.session(database=self.database, **config)

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[Record]:
        return self._execute(query, params, RoutingControl.READ)

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[Record]:
        return self._execute(query, params, RoutingControl.WRITE)

    def _execute(self, query: str, params: dict[str, Any] | None, routing: RoutingControl) -> list[Record]:
        with self.connection_errors():
            return self.driver.execute_query(query, params, database_=self.database, routing_=routing).records


@dataclass
class ReadOnlyResult:
    columns: list[str]
    rows: list[list[Any]]  # JSON-safe values, one list per row in column order
    truncated: bool  # True when the query had more than max_rows rows and the rest was cut

    def to_json(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows, "truncated": self.truncated}


def run_read_only(
    query: str,
    params: dict[str, Any] | None = None,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    max_rows: int = DEFAULT_MAX_ROWS,
    graph: Graph | None = None,
) -> ReadOnlyResult:
    """Run an analyst's Cypher that must not change anything, within a time and a row limit.

    Neo4j plans the query first (EXPLAIN, nothing runs) and only a plan typed read-only is run,
    then in a READ transaction, which the server itself refuses to write in.
    """
    if graph is None:
        with Graph() as own:
            return run_read_only(query, params, timeout_s=timeout_s, max_rows=max_rows, graph=own)
    params = params or {}

    @unit_of_work(timeout=timeout_s)
    def fetch(tx) -> tuple[list[str], list[Record]]:
        result = tx.run(query, params)
        return list(result.keys()), result.fetch(max_rows + 1)

    with graph.connection_errors(), graph.session(default_access_mode=READ_ACCESS, notifications_min_severity="OFF") as s:
        try:
            _refuse_writes(s.run(_EXPLAIN + query, params).consume())
            columns, records = s.execute_read(fetch)
        except AuthError:
            raise
        except Neo4jError as e:
            if "TransactionTimedOut" in (e.code or ""):
                raise QueryTimedOut(f"the query ran longer than {timeout_s:g} s and was stopped") from e
            raise QueryFailed(_first_line_without_explain(e.message or str(e))) from e
    rows = [[to_json(value) for value in record.values()] for record in records[:max_rows]]
    return ReadOnlyResult(columns, rows, truncated=len(records) > max_rows)


def _first_line_without_explain(message: str) -> str:
    """Neo4j's error message, with positions on line 1 shifted back over the "EXPLAIN " we put in front."""
    first_line = message.strip().splitlines()[0]

    def shift(m: re.Match) -> str:
        line, column, offset = (int(g) for g in m.groups())
        if line == 1:
            column -= len(_EXPLAIN)
        return f"(line {line}, column {column} (offset: {offset - len(_EXPLAIN)}))"

    return _POSITION.sub(shift, first_line)


def _refuse_writes(summary) -> None:
    if summary.query_type != "r":
        kind = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or the server"}
        raise WriteQueryRefused(f"refused: the query {kind.get(summary.query_type, 'is not read-only')}; only read-only Cypher is allowed")
    for operator in _plan_operators(summary.plan or {}):
        if operator in _REFUSED_OPERATORS:
            raise WriteQueryRefused(f"refused: {_REFUSED_OPERATORS[operator]} is not allowed in read-only Cypher")


def _plan_operators(plan: dict[str, Any]) -> Iterator[str]:
    yield plan.get("operatorType", "").split("@")[0]  # "LoadCSV@neo4j" -> "LoadCSV"
    for child in plan.get("children", []):
        yield from _plan_operators(child)


def to_json(value: Any) -> Any:
    """A query result value as plain JSON types: graph entities as dicts, temporal values as ISO strings."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Node):
        return {"id": value.element_id, "labels": sorted(value.labels), "properties": to_json(dict(value))}
    if isinstance(value, Relationship):
        return {
            "id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id,
            "end": value.end_node.element_id,
            "properties": to_json(dict(value)),
        }
    if isinstance(value, Path):
        return {"nodes": to_json(value.nodes), "relationships": to_json(value.relationships)}
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if hasattr(value, "iso_format"):  # neo4j.time Date, Time, DateTime, Duration
        return value.iso_format()
    return str(value)
