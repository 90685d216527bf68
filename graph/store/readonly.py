"""The analysts' gate: Cypher that must not change anything, run within a time and a row limit.

Neo4j plans the query first (EXPLAIN, nothing runs) and only a plan typed read-only is run, then in a READ
transaction, which the server itself refuses to write in.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Record, ResultSummary, unit_of_work
from neo4j.exceptions import AuthError, Neo4jError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point

from graph.errors import QueryFailed, QueryTimedOut, WriteQueryRefused
from graph.store.client import Neo4jClient

_EXPLAIN = "EXPLAIN "
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")

# Plan operators of queries that Neo4j types as reads but that load files or commit on their own.
_REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV",
    "TransactionApply": "CALL { ... } IN TRANSACTIONS",
    "TransactionForeach": "CALL { ... } IN TRANSACTIONS",
    "TerminateTransactions": "TERMINATE TRANSACTIONS",
}


@dataclass
class ReadOnlyResult:
    columns: list[str]
    rows: list[list[Any]]  # JSON-safe values, one list per row in column order
    truncated: bool  # True when the query had more than max_rows rows and the rest was cut

    def to_json(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows, "truncated": self.truncated}


def run_read_only(client: Neo4jClient, query: str, params: dict[str, Any] | None = None, *,
                  timeout_s: float, max_rows: int) -> ReadOnlyResult:
    """Run the query if Neo4j plans it as read-only; WriteQueryRefused, QueryFailed or QueryTimedOut if not."""
    params = params or {}

    @unit_of_work(timeout=timeout_s)
    def fetch(tx) -> tuple[list[str], list[Record]]:
        result = tx.run(query, params)
        return list(result.keys()), result.fetch(max_rows + 1)

    with client.connection_errors(), client.session(default_access_mode=READ_ACCESS,
                                                    notifications_min_severity="OFF") as s:
        try:
            refuse_writes(s.run(_EXPLAIN + query, params).consume())
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


def refuse_writes(summary: ResultSummary) -> None:
    """WriteQueryRefused unless the planned query (its EXPLAIN summary) only reads."""
    if summary.query_type != "r":
        kind = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or the server"}
        raise WriteQueryRefused(f"refused: the query {kind.get(summary.query_type or '', 'is not read-only')}; "
                                "only read-only Cypher is allowed")
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
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
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
