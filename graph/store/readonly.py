"""The analysts' gate: Cypher that must not change anything, run within a time and a row limit.

Neo4j plans the query first (EXPLAIN, nothing runs) and only a plan typed read-only is run, then in a READ
transaction, which the server itself refuses to write in. One exception: Neo4j types "s" any plan that calls a
DBMS-mode procedure, even `CALL dbms.components()`, which only reports the version; such a plan runs when it calls one
of the two DBMS-mode procedures that only describe the server. Any plan must also write nothing and call only
procedures Neo4j declares read-only (SHOW PROCEDURES: mode and admin). docs/cypher.md ("What the read-only gate lets
through") lists what passes and what is refused.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from neo4j import READ_ACCESS, Record, ResultSummary, Session, unit_of_work
from neo4j.exceptions import AuthError, Neo4jError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point

from graph.errors import QueryFailed, QueryTimedOut, WriteQueryRefused
from graph.store.client import Neo4jClient

_EXPLAIN = "EXPLAIN "
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")
_DECLARED = "SHOW PROCEDURES YIELD name, mode, admin WHERE name IN $names RETURN name, mode, admin"

# Plan operators that must not run, by how their names begin (SetNodePropertiesFromMap, TransactionApply...).
# Neo4j types a plan "r" even when it loads a file, commits on its own (IN TRANSACTIONS) or ends other
# transactions; SHOW TRANSACTIONS shows every user's queries and their parameters (the gate's user is an admin),
# and SHOW SETTINGS the server's configuration, which dbms.listConfig shows only to admins. The writing clauses are
# here for plans a DBMS-mode procedure types "s", which hides them: `CALL dbms.components() YIELD name
# CREATE (:X {name: name})` is typed "s", like `CALL dbms.components()` alone.
_REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV",
    "Transaction": "CALL { ... } IN TRANSACTIONS",
    "TerminateTransactions": "TERMINATE TRANSACTIONS",
    "ShowTransactions": "SHOW TRANSACTIONS",
    "ShowSettings": "SHOW SETTINGS",
    "Create": "CREATE",
    "Merge": "MERGE",
    "Lock": "MERGE",  # LockingMerge, and LockNodes before it
    "Set": "SET",
    "Remove": "REMOVE",
    "Delete": "DELETE",
    "DetachDelete": "DETACH DELETE",
    "Foreach": "FOREACH",
}

# The DBMS-mode procedures that pass. Neo4j declares DBMS whatever acts on the server rather than on a database,
# describing it or administering it alike (dbms.killConnection, db.clearQueryCaches), so only these two pass: the
# version and edition every analyst asks first, and the server's id and name. Not dbms.queryJmx (the JVM's
# arguments and system properties), dbms.listConnections (other users' addresses) nor tx.setMetaData (it labels
# the query in the server's logs).
_DBMS_INTROSPECTION = {"dbms.components", "dbms.info"}

# READ-mode procedures that do not read but make the server recompute index statistics.
_INDEX_MAINTENANCE = {"db.resampleIndex", "db.resampleOutdatedIndexes"}


class Declared(NamedTuple):
    """How Neo4j declares a procedure (SHOW PROCEDURES)."""

    mode: str  # READ, WRITE, SCHEMA or DBMS
    admin: bool  # only an admin may call it


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
            explained = s.run(_EXPLAIN + query, params).consume()
            refuse_writes(explained, _declarations(s, _procedures_called(explained.plan or {})))
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


def _declarations(session: Session, names: set[str]) -> dict[str, Declared]:
    if not names:
        return {}
    return {r["name"]: Declared(r["mode"], r["admin"]) for r in session.run(_DECLARED, names=sorted(names))}


def refuse_writes(summary: ResultSummary, declared: Mapping[str, Declared]) -> None:
    """WriteQueryRefused unless the planned query (its EXPLAIN summary) only reads.

    `declared` is how Neo4j declares each procedure the plan calls."""
    plan = summary.plan or {}
    called = _procedures_called(plan)
    for name in sorted(called):
        if name not in _DBMS_INTROSPECTION and not _reads(name, declared.get(name)):
            raise WriteQueryRefused(f"refused: the procedure {name} is not allowed in read-only Cypher")
    if summary.query_type != "r" and not called & _DBMS_INTROSPECTION:
        kind = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or the server"}
        raise WriteQueryRefused(f"refused: the query {kind.get(summary.query_type or '', 'is not read-only')}; "
                                "only read-only Cypher is allowed")
    for operator in _plan_operators(plan):
        for start, clause in _REFUSED_OPERATORS.items():
            if operator.startswith(start):
                raise WriteQueryRefused(f"refused: {clause} is not allowed in read-only Cypher")


def _reads(name: str, declared: Declared | None) -> bool:
    """Whether Neo4j declares the procedure read-only: READ mode, for anyone, and its own (db.*).

    A plugin's READ mode only says it does not write the graph: APOC's apoc.load.json reads URLs, GDS's
    gds.graph.project fills the server's memory."""
    return (declared is not None and declared.mode == "READ" and not declared.admin and name.startswith("db.")
            and name not in _INDEX_MAINTENANCE)


def _procedures_called(plan: dict[str, Any]) -> set[str]:
    """The procedures the plan calls: "db.labels" of a ProcedureCall detailed "db.labels() :: (label :: STRING)"."""
    found = {plan.get("args", {}).get("Details", "").split("(")[0]} if _operator(plan) == "ProcedureCall" else set()
    return found.union(*(_procedures_called(child) for child in plan.get("children", [])))


def _plan_operators(plan: dict[str, Any]) -> Iterator[str]:
    yield _operator(plan)
    for child in plan.get("children", []):
        yield from _plan_operators(child)


def _operator(plan: dict[str, Any]) -> str:
    return plan.get("operatorType", "").split("@")[0]  # "LoadCSV@neo4j" -> "LoadCSV"


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
