"""`climate-kg cypher` and run_read_only: read-only Cypher with row and time limits, on a real Neo4j."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graph.errors import QueryTimedOut, WriteQueryRefused
from graph.store.client import Neo4jClient
from graph.store.readonly import run_read_only
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
]


@pytest.fixture
def seeded(empty_graph: Neo4jClient) -> Neo4jClient:
    empty_graph.write("CREATE (:Seed {x: 0})-[:LINKS {since: date('2024-01-02')}]->(:Seed {x: 2})")
    return empty_graph


def _snapshot(graph: Neo4jClient) -> tuple:
    nodes = graph.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.x")
    labels = graph.read("CALL db.labels() YIELD label RETURN collect(label) AS labels")
    indexes = graph.read("SHOW INDEXES YIELD name RETURN collect(name) AS names")
    return [dict(r) for r in nodes], sorted(labels[0]["labels"]), sorted(indexes[0]["names"])


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
