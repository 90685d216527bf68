"""The local Neo4j server and the connection helper, against a real Neo4j."""

from __future__ import annotations

import stat
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from graph.config import LocalServerSettings, Neo4jSettings, Settings
from graph.errors import Neo4jUnavailable
from graph.store import server
from graph.store.client import Neo4jClient
from search_api.cli import app

pytestmark = pytest.mark.integration

runner = CliRunner()


# 127.0.0.1 as /proc/net/tcp writes it, and as an IPv4-mapped IPv6 address in /proc/net/tcp6 (Java's way).
LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F"}


def _listen_addresses(port: int) -> set[str]:
    """Local addresses of the TCP sockets listening on `port`, from /proc/net/tcp{,6}."""
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, _, state = line.split()[1:4]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                addresses.add(address)
    return addresses


def local_settings(home: Path, port: int) -> Settings:
    """The local server in `home` on `port`, whatever NEO4J_URI says."""
    return Settings(home=home, server=LocalServerSettings(port=port), neo4j=Neo4jSettings(uri=None))


def test_local_server_lifecycle_keeps_data_and_requires_the_password(tmp_path: Path, unused_port: int) -> None:
    settings = local_settings(tmp_path, unused_port)
    try:
        assert "started" in server.start(settings)
        assert "already running" in server.start(settings)
        assert _listen_addresses(unused_port) <= LOOPBACK
        assert stat.S_IMODE(settings.password_file.stat().st_mode) == 0o600
        password = settings.auth()[1]
        with Neo4jClient(settings) as graph:
            graph.write("CREATE (:Probe {name: $name})", {"name": "kept"})

        wrong = Settings(neo4j=Neo4jSettings(uri=settings.bolt_uri(), user="neo4j", password="not-the-password"))
        with pytest.raises(Neo4jUnavailable, match="refused the login"):
            Neo4jClient(wrong)

        assert "stopped" in server.stop(settings)
        assert server.running_pid(settings) is None
        with pytest.raises(Neo4jUnavailable, match="start it with `climate-kg db start`"):
            server.status(settings)
        assert server.stop(settings) == "Neo4j is not running"

        server.start(settings)
        assert settings.auth()[1] == password
        with Neo4jClient(settings) as graph:
            assert [r["name"] for r in graph.read("MATCH (p:Probe) RETURN p.name AS name")] == ["kept"]
    finally:
        server.stop(settings)


def test_status_reports_neo4j_5_26_community(neo4j_client: Neo4jClient) -> None:
    settings = neo4j_client.settings
    info = server.status(settings)
    assert info["uri"] == settings.bolt_uri()
    if settings.is_local:
        assert info["version"].startswith("5.26.")
        assert info["edition"] == "community"


def test_db_commands(neo4j_client: Neo4jClient) -> None:
    status = runner.invoke(app, ["db", "status"])
    assert status.exit_code == 0, status.output
    assert status.stdout.startswith("Neo4j ") and status.stdout.rstrip().endswith(f" at {neo4j_client.uri}")

    remote = {"NEO4J_URI": "neo4j+s://example.databases.neo4j.io"}
    start = runner.invoke(app, ["db", "start"], env=remote)
    assert start.exit_code == 0
    assert start.stdout.startswith("NEO4J_URI is set (neo4j+s://example.databases.neo4j.io): using that Neo4j")


def test_vector_index_finds_the_nearest_node(empty_graph: Neo4jClient) -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(20, 384))
    empty_graph.write(
        "CREATE VECTOR INDEX probe_vectors FOR (c:Chunk) ON c.embedding "
        "OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}}"
    )
    empty_graph.write(
        "UNWIND range(0, size($vectors) - 1) AS i CREATE (:Chunk {i: i, embedding: $vectors[i]})",
        {"vectors": vectors.tolist()},
    )
    empty_graph.write("CALL db.awaitIndexes(60)")
    query = vectors[13] + rng.normal(scale=0.1, size=384)  # near chunk 13, not equal to it
    hits = empty_graph.read(
        "CALL db.index.vector.queryNodes('probe_vectors', 3, $query) YIELD node, score RETURN node.i AS i, score",
        {"query": query.tolist()},
    )
    assert hits[0]["i"] == 13
    assert hits[0]["score"] > hits[1]["score"]


def test_cjk_fulltext_index_finds_a_chinese_phrase(empty_graph: Neo4jClient) -> None:
    empty_graph.write(
        "CREATE FULLTEXT INDEX probe_text FOR (p:Probe) ON EACH [p.text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
    )
    texts = ["缔约方会议请秘书处编写一份年度报告", "附属履行机构注意到资金问题", "The Conference requested a report"]
    empty_graph.write("UNWIND $texts AS text CREATE (:Probe {text: text})", {"texts": texts})
    empty_graph.write("CALL db.awaitIndexes(60)")
    hits = empty_graph.read(
        "CALL db.index.fulltext.queryNodes('probe_text', $q) YIELD node RETURN node.text AS text", {"q": '"秘书处"'}
    )
    assert [h["text"] for h in hits] == [texts[0]]


def test_unreachable_neo4j_gives_a_clear_error(tmp_path: Path, unused_port: int) -> None:
    port = unused_port
    with pytest.raises(Neo4jUnavailable,
                       match=rf"^Neo4j is not reachable at bolt://127\.0\.0\.1:{port}: check NEO4J_URI"):
        Neo4jClient(Settings(neo4j=Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", password="x")))
    with pytest.raises(Neo4jUnavailable, match=rf"at bolt://127\.0\.0\.1:{port}: start it with `climate-kg db start`$"):
        Neo4jClient(local_settings(tmp_path, port))
