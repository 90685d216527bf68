"""Serving the search box: refused at once beyond capacity, and a Neo4j outage answered 503 quickly and recovered
from, against the real test Neo4j (the outage is a cut TCP line between the app and it)."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from graph.config import SearchLoadSettings, Settings
from tcp_proxy import TcpProxy

BURST = 6


def burst(client: TestClient, path: str) -> list:
    """BURST requests for `path` sent at the same moment, each with its own question."""
    start = threading.Barrier(BURST)
    responses: list = [None] * BURST

    def send(i: int) -> None:
        start.wait()
        responses[i] = client.get(path, params={"q": f"全球盘点 {i}"})

    threads = [threading.Thread(target=send, args=(i,)) for i in range(BURST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.parametrize("load, refusal", [
    (SearchLoadSettings(concurrency=1, queue=0), "1 running, 0 waiting"),  # no place to wait: refused at once
    (SearchLoadSettings(concurrency=1, queue=BURST, queue_wait_s=0.001), "no place within 0.001 s"),
])
def test_searches_beyond_capacity_are_refused_with_retry_after(fixture_graph, open_app, load, refusal):
    client = open_app(fixture_graph.settings.model_copy(update={"search": load}))
    responses = burst(client, "/search")
    refused = [r for r in responses if r.status_code == 503]
    assert refused and any(r.status_code == 200 for r in responses)
    for response in refused:
        assert response.headers["retry-after"] == "1" and refusal in response.json()["detail"]
    assert client.get("/search", params={"q": "全球盘点"}).status_code == 200  # the places are given back
    assert all(r.status_code == 200 for r in burst(client, "/health"))  # only search is admitted


def through(settings: Settings, port: int) -> Settings:
    """The same settings, with Neo4j reached on 127.0.0.1:`port`."""
    if settings.is_local:
        return settings.model_copy(update={"server": settings.server.model_copy(update={"port": port})})
    return settings.model_copy(update={"neo4j": settings.neo4j.model_copy(update={"uri": f"bolt://127.0.0.1:{port}"})})


NEEDS_NEO4J = [("get", "/health", {}), ("get", "/search", {"params": {"q": "全球盘点"}}),
               ("get", "/decisions/7%2FCMA.13", {}), ("get", "/mandates", {}), ("get", "/documents", {}),
               ("post", "/cypher", {"json": {"query": "RETURN 1"}})]


def test_while_neo4j_is_unreachable_every_endpoint_needing_it_answers_503_soon_and_recovers(fixture_graph, open_app):
    bolt = urlsplit(fixture_graph.settings.bolt_uri())
    proxy = TcpProxy((bolt.hostname or "127.0.0.1", bolt.port or 7687))
    client = open_app(through(fixture_graph.settings, proxy.port))
    assert [client.request(method, path, **kw).status_code for method, path, kw in NEEDS_NEO4J] == [200] * 6

    proxy.cut()
    for method, path, kw in NEEDS_NEO4J:
        started = time.monotonic()
        response = client.request(method, path, **kw)
        # The driver alone would retry for 30 s; a generous bound that still tells the two apart.
        assert time.monotonic() - started < 5, path
        assert response.status_code == 503, path
        assert "not reachable" in response.json()["detail"] and response.headers["retry-after"]

    proxy.restore()
    assert [client.request(method, path, **kw).status_code for method, path, kw in NEEDS_NEO4J] == [200] * 6
