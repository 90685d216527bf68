"""A real Neo4j for the tests: the project's own server in a temp folder, or the one NEO4J_URI names.

Fixtures: `neo4j_settings` and `neo4j_graph` (session-wide), `empty_graph` (a wiped graph per test),
`unused_port`, `embedder` (the configured model, its cache in the test state dir) and `corpus_graph`
(the shared corpus ingested; re-ingested only if a test wiped it).
While the session server runs, CLIMATE_KG_HOME and CLIMATE_KG_NEO4J_PORT point at it, so any code
that reads the default settings (the CLI included) talks to it.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator

import pytest

from embed.embedder import Embedder
from graph import server
from graph.db import Graph
from graph.ingest import ingest
from graph.settings import REPO_ROOT, Neo4jSettings

CORPUS = REPO_ROOT.parent / "shared" / "corpus"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def unused_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    return free_port()


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Neo4jSettings]:
    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings()  # the tests wipe that graph: see README
        return
    home = tempfile.mkdtemp(prefix="climate-kg-test-")
    try:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("CLIMATE_KG_HOME", home)
            env.setenv("CLIMATE_KG_NEO4J_PORT", str(free_port()))
            settings = Neo4jSettings()
            server.start(settings)
            try:
                yield settings
            finally:
                server.stop(settings)
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def neo4j_graph(neo4j_settings: Neo4jSettings) -> Iterator[Graph]:
    with Graph(neo4j_settings) as graph:
        yield graph


@pytest.fixture
def empty_graph(neo4j_graph: Graph) -> Iterator[Graph]:
    """An empty graph; afterwards its nodes and the indexes and constraints the test made are dropped."""
    _delete_all(neo4j_graph)
    constraints_before = _names(neo4j_graph, "SHOW CONSTRAINTS YIELD name")
    indexes_before = _names(neo4j_graph, "SHOW INDEXES YIELD name")
    yield neo4j_graph
    _delete_all(neo4j_graph)
    for name in _names(neo4j_graph, "SHOW CONSTRAINTS YIELD name") - constraints_before:
        neo4j_graph.write(f"DROP CONSTRAINT `{name}` IF EXISTS")
    for name in _names(neo4j_graph, "SHOW INDEXES YIELD name") - indexes_before:
        neo4j_graph.write(f"DROP INDEX `{name}` IF EXISTS")


def _delete_all(graph: Graph) -> None:
    with graph.session() as session:  # IN TRANSACTIONS needs an auto-commit transaction
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def _names(graph: Graph, show: str) -> set[str]:
    return {record["name"] for record in graph.read(show + " RETURN name")}


@pytest.fixture(scope="session")
def embedder(neo4j_settings: Neo4jSettings) -> Iterator[Embedder]:
    embedder = Embedder()  # created after neo4j_settings, so its cache lives in the test state dir
    yield embedder
    embedder.close()


@pytest.fixture
def corpus_graph(neo4j_graph: Graph, embedder: Embedder) -> Graph:
    """The graph holding ../shared/corpus; ingest is a no-op when it is already loaded."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    failed = [r for r in ingest([CORPUS], neo4j_graph, embedder) if r.status == "failed"]
    assert not failed, [r.error for r in failed]
    return neo4j_graph
