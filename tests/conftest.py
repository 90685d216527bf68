"""Fixtures, and the two tiers of the suite.

Unit tests need no Neo4j and run in seconds: `pytest -m "not integration"`. A test is an integration test when it
uses a Neo4j fixture (marked so automatically here) or carries `pytestmark = pytest.mark.integration`; those talk
to a real Neo4j: the project's own server in a temp folder, or the one NEO4J_URI names (whose graph they wipe).

Fixtures: `settings` (session-wide; while it lives CLIMATE_KG_HOME and CLIMATE_KG_NEO4J_PORT point at the test
state, so code reading the environment, the CLI included, uses it), `embedder`, `neo4j_client`, `empty_graph`
(a wiped graph per test), `fixture_graph` (tests/fixtures ingested, a corpus of our own making) and
`corpus_graph` (../shared/corpus ingested; skipped with the reason when it is absent, an error under
CLIMATE_KG_REQUIRE_SHARED=1, as .ci/run sets). Integration tests run grouped by the graph they need, so each
corpus is ingested once however the files order them.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from embed.embedder import Embedder
from graph.config import Settings
from graph.ingest import collect_files, ingest
from graph.parse import doc_id_for
from graph.store import server
from graph.store.client import Neo4jClient
from graph.store.loader import delete_document
from paths import CORPUS, FIXTURES, require_shared
from search_api.api import create_app
from search_api.startup import start_up

start_up()


_NEO4J_FIXTURES = {"neo4j_client", "empty_graph", "fixture_graph", "corpus_graph"}


def _graph_group(item: pytest.Item) -> int:
    names = set(getattr(item, "fixturenames", ()))
    for group, fixture in enumerate(("empty_graph", "fixture_graph", "corpus_graph"), start=1):
        if fixture in names:
            return group
    return 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _NEO4J_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)
    items.sort(key=_graph_group)  # stable: within a group, the files' order


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def unused_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    return free_port()


@pytest.fixture(scope="session")
def settings() -> Iterator[Settings]:
    if os.environ.get("NEO4J_URI"):
        yield Settings()  # the tests wipe that graph: see README
        return
    home = tempfile.mkdtemp(prefix="climate-kg-test-")
    try:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("CLIMATE_KG_HOME", home)
            env.setenv("CLIMATE_KG_NEO4J_PORT", str(free_port()))
            yield Settings()
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def neo4j_client(settings: Settings) -> Iterator[Neo4jClient]:
    started = settings.is_local
    if started:
        server.start(settings)
    try:
        with Neo4jClient(settings) as client:
            yield client
    finally:
        if started:
            server.stop(settings)


@pytest.fixture
def empty_graph(neo4j_client: Neo4jClient) -> Iterator[Neo4jClient]:
    """An empty graph; afterwards its nodes and the indexes and constraints the test made are dropped."""
    _delete_all(neo4j_client)
    constraints_before = _names(neo4j_client, "SHOW CONSTRAINTS YIELD name")
    indexes_before = _names(neo4j_client, "SHOW INDEXES YIELD name")
    yield neo4j_client
    _delete_all(neo4j_client)
    for name in _names(neo4j_client, "SHOW CONSTRAINTS YIELD name") - constraints_before:
        neo4j_client.write(f"DROP CONSTRAINT `{name}` IF EXISTS")
    for name in _names(neo4j_client, "SHOW INDEXES YIELD name") - indexes_before:
        neo4j_client.write(f"DROP INDEX `{name}` IF EXISTS")


def _delete_all(client: Neo4jClient) -> None:
    with client.session() as session:  # IN TRANSACTIONS needs an auto-commit transaction
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def _names(client: Neo4jClient, show: str) -> set[str]:
    return {record["name"] for record in client.read(show + " RETURN name")}


@pytest.fixture(scope="session")
def embedder(settings: Settings) -> Iterator[Embedder]:
    embedder = Embedder(settings)  # its cache in the test state dir
    yield embedder
    embedder.close()


@pytest.fixture
def open_app(embedder: Embedder) -> Iterator[Callable[..., TestClient]]:
    """Opens a TestClient (its lifespan run) on the app made from the settings given, with TestClient's keyword
    arguments (`client=(address, port)`: where requests come from); closed after the test."""
    clients: list[TestClient] = []

    def open_(settings: Settings, **options: Any) -> TestClient:
        client = TestClient(create_app(settings, embedder), **options)
        clients.append(client.__enter__())
        return client

    yield open_
    for client in clients:
        client.__exit__(None, None, None)


# The graph as `_holding_only` left it: its folder, and the state it checked. The next call with the same folder
# finds the same state unless a test changed the graph, and then skips parsing every document again.
_held: dict[str, Any] = {}


def _state(client: Neo4jClient) -> Any:
    """Every document's stamps, and the node and relationship counts (Neo4j keeps both counts: no scan)."""
    [record] = client.read(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
        "RETURN nodes, rels, COLLECT { MATCH (d:Document) RETURN [d.doc_id, d.content_hash, d.pipeline_version, "
        "d.embedding_model] ORDER BY d.doc_id } AS documents")
    return record.values()


def _holding_only(client: Neo4jClient, embedder: Embedder, folder: Path) -> Neo4jClient:
    """The graph holding exactly the documents of `folder`: others are deleted, unchanged ones not reloaded."""
    if _held.get(folder.as_posix()) == _state(client):
        return client
    _held.clear()
    wanted = {doc_id_for(path.name) for path in collect_files([folder])}
    for record in client.read("MATCH (d:Document) RETURN d.doc_id AS doc_id"):
        if record["doc_id"] not in wanted:
            delete_document(client, record["doc_id"])
    failed = [r for r in ingest([folder], client, embedder) if r.status == "failed"]
    assert not failed, [r.error for r in failed]
    _held[folder.as_posix()] = _state(client)
    return client


@pytest.fixture
def fixture_graph(neo4j_client: Neo4jClient, embedder: Embedder) -> Neo4jClient:
    """The graph holding the documents of tests/fixtures: two reports, a brochure, decisions in two languages."""
    return _holding_only(neo4j_client, embedder, FIXTURES)


@pytest.fixture
def corpus_graph(neo4j_client: Neo4jClient, embedder: Embedder) -> Neo4jClient:
    """The graph holding ../shared/corpus; ingest is a no-op when it is already loaded."""
    return _holding_only(neo4j_client, embedder, require_shared(CORPUS))
