"""`climate-kg cypher` and run_read_only: read-only Cypher with row and time limits, on a real Neo4j.

The gate's decisions are also tested on plans recorded from Neo4j 5.26 (no Neo4j needed), and against the table of
docs/cypher.md ("What the read-only gate lets through") on the real server.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from neo4j import ResultSummary
from typer.testing import CliRunner

from graph.errors import QueryFailed, QueryTimedOut, WriteQueryRefused
from graph.store.client import Neo4jClient
from graph.store.readonly import Declared, refuse_writes, run_read_only
from paths import REPO_ROOT
from search_api.cli import app

runner = CliRunner()
LIMITS: dict[str, Any] = {"timeout_s": 10.0, "max_rows": 1000}

WRITES = [
    "CREATE (n)",
    "MERGE (n:Seed {x: 1})",
    "MATCH (n:Seed) SET n.x = 1",
    "MATCH (n:Seed) REMOVE n.x",
    "MATCH (n) DETACH DELETE n",
    "LOAD CSV FROM 'file:///seed.csv' AS line RETURN line",
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS",
    "UNWIND [1] AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y",
    "CREATE INDEX seed_x FOR (n:Seed) ON (n.x)",
    "CALL db.createLabel('Intruder')",
    "CALL db.clearQueryCaches()",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "CALL dbms.components() YIELD name CREATE (:Seed {name: name})",  # typed "s", like dbms.components() alone
    "MATCH (n:Seed) CALL db.create.setNodeVectorProperty(n, 'v', [1.0, 2.0])",
    "CALL db.stats.clear('QUERIES')",
    "CALL db.resampleOutdatedIndexes()",
    "CALL tx.setMetaData({app: 'intruder'})",
    "CREATE USER intruder SET PASSWORD 'intruder-password'",
]

GUIDE = (REPO_ROOT / "docs" / "cypher.md").read_text(encoding="utf-8")
GATE_SECTION = GUIDE[GUIDE.index("## What the read-only gate lets through"):]
GATE_TABLE = re.findall(r"^\| `(.+?)` \| (passes|refused|fails) \|", GATE_SECTION, re.M)


@pytest.fixture
def seeded(empty_graph: Neo4jClient) -> Neo4jClient:
    empty_graph.write("CREATE (:Seed {x: 0})-[:LINKS {since: date('2024-01-02')}]->(:Seed {x: 2})")
    return empty_graph


def _schema(graph: Neo4jClient) -> list[list[str]]:
    """The labels, indexes, constraints and users: what a schema or an administration command would change."""
    return [sorted(graph.read(f"{show} RETURN collect({name}) AS names")[0]["names"])
            for show, name in (("CALL db.labels() YIELD label", "label"), ("SHOW INDEXES YIELD name", "name"),
                               ("SHOW CONSTRAINTS YIELD name", "name"), ("SHOW USERS YIELD user", "user"))]


def _snapshot(graph: Neo4jClient) -> tuple:
    nodes = graph.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.x")
    return [dict(r) for r in nodes], _schema(graph)


def _size_and_schema(graph: Neo4jClient) -> tuple:
    """_snapshot for a graph too large to read whole."""
    size = graph.read("MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS relationships")[0]
    return dict(size), _schema(graph)


def test_console_script_prints_json(neo4j_client: Neo4jClient) -> None:
    script = Path(sys.executable).with_name("climate-kg")
    done = subprocess.run(
        [str(script), "cypher", "RETURN 1", "--json"], capture_output=True, text=True, env=os.environ, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"columns": ["1"], "rows": [[1]], "truncated": False}


def test_table_output(seeded: Neo4jClient) -> None:
    result = runner.invoke(app, ["cypher", "MATCH (n:Seed) RETURN n.x AS x ORDER BY x"])
    assert result.exit_code == 0, result.output
    assert "x" in result.stdout and "0" in result.stdout and "2" in result.stdout


def test_graph_values_become_json(seeded: Neo4jClient) -> None:
    result = runner.invoke(app, ["cypher", "MATCH p = (a)-[r:LINKS]->(b) RETURN a, r, p, r.since AS since", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["columns"] == ["a", "r", "p", "since"]
    a, r, p, since = body["rows"][0]
    assert a["labels"] == ["Seed"] and a["properties"] == {"x": 0}
    assert r["type"] == "LINKS" and r["start"] == a["id"] and r["properties"] == {"since": "2024-01-02"}
    assert [n["properties"]["x"] for n in p["nodes"]] == [0, 2] and len(p["relationships"]) == 1
    assert since == "2024-01-02"


@pytest.mark.parametrize("query", WRITES)
def test_writes_are_refused_and_change_nothing(seeded: Neo4jClient, query: str) -> None:
    before = _snapshot(seeded)
    result = runner.invoke(app, ["cypher", query])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: refused") and result.stderr.count("\n") == 1
    with pytest.raises(WriteQueryRefused):
        run_read_only(seeded, query, **LIMITS)
    assert _snapshot(seeded) == before


def test_the_guide_tables_the_gate() -> None:
    assert len(dict(GATE_TABLE)) == GATE_SECTION.count("\n| `") >= 40  # every row read, none twice
    assert {outcome for _, outcome in GATE_TABLE} == {"passes", "refused", "fails"}


def _outcome(graph: Neo4jClient, query: str) -> str:
    """What the gate does with the query, in the words of the guide's table; an error of several lines as itself."""
    try:  # db.schema.nodeTypeProperties reads every node: about 40 s on the corpus, past the default 10 s
        run_read_only(graph, query, timeout_s=120, max_rows=1000)
    except WriteQueryRefused as e:
        return "refused" if "\n" not in str(e) else str(e)
    except QueryFailed as e:  # rejected by Neo4j itself
        return "fails" if "\n" not in str(e) else str(e)
    return "passes"


def test_the_gate_does_what_the_guide_says(corpus_graph: Neo4jClient) -> None:
    before = _size_and_schema(corpus_graph)
    assert {query: _outcome(corpus_graph, query) for query, _ in GATE_TABLE} == dict(GATE_TABLE)
    assert _size_and_schema(corpus_graph) == before


def _op(operator: str, details: str = "", *children: dict) -> dict:
    return {"operatorType": f"{operator}@neo4j", "args": {"Details": details}, "children": list(children)}


def _call(procedure: str, *children: dict) -> dict:
    return _op("ProcedureCall", f"{procedure}() :: (name :: STRING)", *children)


DECLARED = {  # as SHOW PROCEDURES declares them; apoc.load.json as APOC does
    "dbms.components": Declared("DBMS", False), "db.labels": Declared("READ", False),
    "db.stats.clear": Declared("READ", True), "db.clearQueryCaches": Declared("DBMS", True),
    "dbms.listConnections": Declared("DBMS", False), "db.createLabel": Declared("WRITE", False),
    "db.resampleOutdatedIndexes": Declared("READ", False), "apoc.load.json": Declared("READ", False),
}

# (query, its type and plan as Neo4j 5.26 gives them for EXPLAIN, trimmed, and what the refusal names or None)
RECORDED_PLANS = [
    ("CALL dbms.components()", "s", _op("ProduceResults", "name", _call("dbms.components")), None),
    ("CALL db.labels()", "r", _op("ProduceResults", "label", _call("db.labels")), None),
    ("MATCH (n) WITH count(n) AS c CALL dbms.components() YIELD name RETURN c, name", "s",
     _op("ProduceResults", "c, name", _call("dbms.components", _op("NodeCountFromCountStore", "count( () ) AS c"))),
     None),
    ("CALL dbms.components() YIELD name CREATE (n:X {name: name}) RETURN n", "s",
     _op("ProduceResults", "n", _op("Create", "(n:X {name: name})", _call("dbms.components"))), "CREATE"),
    ("CALL dbms.components() YIELD name MERGE (n:X {name: name}) RETURN n", "s",
     _op("ProduceResults", "n", _op("Apply", "", _call("dbms.components"), _op("Merge", "CREATE (n:X {name: name})"))),
     "MERGE"),
    ("CALL dbms.components() YIELD name MATCH (a:Decision {symbol: name}), (b:Session) MERGE (a)-[:X]->(b)", "s",
     _op("ProduceResults", "", _op("EmptyResult", "", _op(
         "Apply", "", _op("Apply", "", _call("dbms.components"), _op("CartesianProduct")),
         _op("LockingMerge", "CREATE (a)-[anon_0:X]->(b), LOCK(a, b)")))), "MERGE"),
    ("CALL dbms.components() YIELD name WITH name MATCH (n) SET n.x = name", "s",
     _op("ProduceResults", "", _op("EmptyResult", "", _op("SetProperty", "n.x = name", _op(
         "Apply", "", _call("dbms.components"), _op("AllNodesScan", "n"))))), "SET"),
    ("CALL dbms.components() YIELD name CALL db.createLabel(name) RETURN name", "s",
     _op("ProduceResults", "name", _call("db.createLabel", _call("dbms.components"))), "db.createLabel"),
    ("CALL db.createLabel('X')", "w",
     _op("ProduceResults", "", _op("EmptyResult", "", _call("db.createLabel"))), "db.createLabel"),
    ("CALL db.clearQueryCaches()", "s", _op("ProduceResults", "value", _call("db.clearQueryCaches")),
     "db.clearQueryCaches"),
    ("CALL dbms.listConnections()", "s", _op("ProduceResults", "connectionId", _call("dbms.listConnections")),
     "dbms.listConnections"),
    ("RETURN COLLECT { CALL db.stats.clear('QUERIES') YIELD section RETURN section } AS x", "r",
     _op("ProduceResults", "x", _op("RollUpApply", "x, section", _op("EmptyRow"), _call("db.stats.clear"))),
     "db.stats.clear"),
    ("CALL db.resampleOutdatedIndexes()", "r", _op("ProduceResults", "", _call("db.resampleOutdatedIndexes")),
     "db.resampleOutdatedIndexes"),
    ("CALL apoc.load.json('https://example.org/x.json')", "r", _op("ProduceResults", "value", _call("apoc.load.json")),
     "apoc.load.json"),
    ("CALL db.undeclared() (SHOW PROCEDURES knows no such)", "r", _op("ProduceResults", "", _call("db.undeclared")),
     "db.undeclared"),
    ("SHOW TRANSACTIONS", "r", _op("ProduceResults", "transactionId", _op("ShowTransactions", "allTransactions")),
     "SHOW TRANSACTIONS"),
    ("CREATE INDEX x FOR (n:X) ON (n.x)", "s", _op("CreateIndex", "RANGE INDEX x FOR (:X) ON (x)"), "schema"),
    ("CREATE USER bob SET PASSWORD 'secretsecret'", "s",
     {"operatorType": "AdministrationCommand@system", "args": {}, "children": []}, "schema or the server"),
]


@pytest.mark.parametrize(("query", "query_type", "plan", "refusal"), RECORDED_PLANS,
                         ids=[query[:60] for query, *_ in RECORDED_PLANS])
def test_the_gate_decides_on_the_plan(query: str, query_type: str, plan: dict, refusal: str | None) -> None:
    summary = cast(ResultSummary, SimpleNamespace(query_type=query_type, plan=plan))
    if refusal is None:
        refuse_writes(summary, DECLARED)
        return
    with pytest.raises(WriteQueryRefused, match=re.escape(refusal)) as error:
        refuse_writes(summary, DECLARED)
    assert str(error.value).startswith("refused: ") and "\n" not in str(error.value)


def test_row_cap(empty_graph: Neo4jClient) -> None:
    result = runner.invoke(app, ["cypher", "UNWIND range(1, 50) AS x RETURN x", "--json", "--max-rows", "10"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["rows"] == [[x] for x in range(1, 11)] and body["truncated"] is True
    exact = run_read_only(empty_graph, "UNWIND range(1, 10) AS x RETURN x", timeout_s=10, max_rows=10)
    assert len(exact.rows) == 10 and exact.truncated is False


def test_timeout_stops_a_long_query(empty_graph: Neo4jClient) -> None:
    endless = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)"
    started = time.monotonic()
    with pytest.raises(QueryTimedOut, match="longer than 1 s"):
        run_read_only(empty_graph, endless, timeout_s=1, max_rows=10)
    assert time.monotonic() - started < 20
    result = runner.invoke(app, ["cypher", endless, "--timeout", "1"])
    assert result.exit_code == 1 and "longer than 1 s" in result.stderr


def test_bad_cypher_is_one_line_with_its_position(empty_graph: Neo4jClient) -> None:
    result = runner.invoke(app, ["cypher", "RETURN foo"])
    assert result.exit_code == 1
    assert result.stderr == "error: Variable `foo` not defined (line 1, column 8 (offset: 7))\n"


def test_unreachable_neo4j_is_one_line(unused_port: int) -> None:
    result = runner.invoke(app, ["cypher", "RETURN 1"], env={"NEO4J_URI": f"bolt://127.0.0.1:{unused_port}"})
    assert result.exit_code == 1
    assert result.stderr == (f"error: Neo4j is not reachable at bolt://127.0.0.1:{unused_port}: "
                             "check NEO4J_URI and that the server is up\n")
