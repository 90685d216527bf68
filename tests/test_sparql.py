"""SPARQL: the query reader and evaluator (search_api.sparql) on a small store of our own, then GET|POST /sparql on
the Neo4j holding our fixtures: the protocol, read-only, the limits, and the store following ingest."""

from __future__ import annotations

import json
import shutil
import threading
import time

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store
from rdflib import Graph

from graph.config import ApiSettings, SparqlSettings
from graph.errors import QueryFailed, WriteQueryRefused
from graph.ingest import ingest
from graph.rdf import CKG
from graph.store.loader import delete_document
from paths import FIXTURES
from search_api import sparql

EX = "http://example.org/"


@pytest.fixture
def small_store() -> Store:
    """Five decisions in two named graphs, and all five in the default graph."""
    store = Store()
    for i in range(5):
        for graph in (NamedNode(f"{EX}graph{i % 2}"), DefaultGraph()):
            store.add(Quad(NamedNode(f"{EX}d{i}"), NamedNode(f"{CKG}symbol"), Literal(f"{i}/CMA.5"), graph))
    return store


@pytest.mark.parametrize("update", [
    'INSERT DATA { <http://example.org/a> <http://example.org/p> "x" }',
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "PREFIX ckg: <https://w3id.org/climate-kg/ontology#> DROP GRAPH <http://example.org/graph0>",
])
def test_updates_are_refused_before_anything_runs(update):
    with pytest.raises(WriteQueryRefused, match="SPARQL Update"):
        sparql.parse(update)


def test_service_is_refused_wherever_it_hides():
    with pytest.raises(WriteQueryRefused, match="SERVICE"):
        sparql.parse("SELECT * { ?s ?p ?o OPTIONAL { SERVICE <http://127.0.0.1:1/sparql> { ?s ?q ?r } } }")


def test_a_syntax_error_is_one_line_and_forms_are_told_apart():
    with pytest.raises(QueryFailed, match=r"^not a SPARQL query: Expected") as err:
        sparql.parse("SELEC ?s { ?s ?p ?o }")
    assert "\n" not in str(err.value)
    assert [sparql.parse(q).form for q in ("SELECT * {?s ?p ?o}", "ASK {?s ?p ?o}", "CONSTRUCT WHERE {?s ?p ?o}",
                                           "DESCRIBE <http://example.org/a>")] == [
        "SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]


def test_select_ask_and_construct_within_the_row_limit(small_store):
    select = sparql.parse("SELECT ?symbol { ?d ckg:symbol ?symbol } ORDER BY ?symbol")  # ckg: predeclared
    answer = sparql.answer(small_store, select, sparql.RESULTS_JSON, max_rows=3)
    body = json.loads(answer.body)
    assert body["head"]["vars"] == ["symbol"] and answer.truncated
    assert [b["symbol"] for b in body["results"]["bindings"]] == [
        {"type": "literal", "value": f"{i}/CMA.5"} for i in range(3)]
    assert not sparql.answer(small_store, select, sparql.RESULTS_JSON, max_rows=5).truncated

    ask = sparql.answer(small_store, sparql.parse('ASK { ?d ckg:symbol "4/CMA.5" }'), sparql.RESULTS_JSON, 1)
    assert json.loads(ask.body)["boolean"] is True

    construct = sparql.parse("CONSTRUCT { ?d ckg:symbol ?s } WHERE { ?d ckg:symbol ?s }")
    answer = sparql.answer(small_store, construct, "text/turtle", max_rows=2)
    assert len(Graph().parse(data=answer.body, format="turtle")) == 2 and answer.truncated


def test_the_default_graph_unless_the_query_names_its_own(small_store):
    def count(query: str) -> int:
        body = json.loads(sparql.answer(small_store, sparql.parse(query), sparql.RESULTS_JSON, 10).body)
        return int(body["results"]["bindings"][0]["n"]["value"])

    assert count("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == 5
    assert count(f"SELECT (COUNT(*) AS ?n) FROM <{EX}graph0> {{ ?s ?p ?o }}") == 3


# ---------------------------------------------------------------- the endpoint, on our fixtures


@pytest.fixture
def make_client(fixture_graph, open_app):
    """A TestClient on the fixtures' Neo4j; keyword arguments become SparqlSettings (refreshed at every query)."""

    def make(**limits) -> TestClient:
        return open_app(fixture_graph.settings.model_copy(update={
            "api": ApiSettings(api_key=None), "sparql": SparqlSettings(**{"refresh_s": 0, **limits})}))

    return make


DECISIONS = "SELECT DISTINCT ?symbol WHERE { ?d a ckg:Decision ; eli:is_realized_by ?text ; ckg:symbol ?symbol }"


def symbols(response) -> set[str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(sparql.RESULTS_JSON)
    return {b["symbol"]["value"] for b in response.json()["results"]["bindings"]}


def test_a_query_by_get_by_form_and_by_body(make_client):
    client = make_client()
    assert symbols(client.get("/sparql", params={"query": DECISIONS})) == {"7/CMA.13", "8/CMA.13"}
    assert symbols(client.post("/sparql", data={"query": DECISIONS})) == {"7/CMA.13", "8/CMA.13"}
    assert symbols(client.post("/sparql", content=DECISIONS,
                               headers={"Content-Type": "application/sparql-query"})) == {"7/CMA.13", "8/CMA.13"}


def test_ask_construct_and_the_named_graphs(make_client):
    client = make_client()
    ask = client.get("/sparql", params={"query": 'ASK { ?m ckg:restsOn/ckg:symbol "7/CMA.13" }'})
    assert ask.json() == {"head": {}, "boolean": True}
    construct = client.get("/sparql", headers={"Accept": "text/turtle"}, params={
        "query": 'CONSTRUCT { ?p ckg:number ?n } WHERE { ?d ckg:symbol "7/CMA.13" ; ckg:operativeParagraph ?p . '
                 '?p ckg:number ?n }'})
    assert construct.status_code == 200 and construct.headers["content-type"].startswith("text/turtle")
    numbers = {str(n) for n in Graph().parse(data=construct.text, format="turtle").objects()}
    assert {"1", "2", "3", "6"} <= numbers
    graphs = client.get("/sparql", params={"query": "SELECT ?g ?source { GRAPH ?g { ?g ckg:sourceFile ?source } }"})
    named = {b["source"]["value"]: b["g"]["value"] for b in graphs.json()["results"]["bindings"]}
    assert named.keys() == {path.name for path in FIXTURES.iterdir()}
    assert named["synthesis_report_zh.txt"] == "https://w3id.org/climate-kg/id/doc/synthesis_report_zh"


def test_updates_are_refused_and_the_store_is_unchanged(make_client):
    client = make_client()
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    before = client.get("/sparql", params={"query": count}).json()
    insert = 'INSERT DATA { <http://example.org/a> <http://example.org/p> "planted" }'
    for response in (client.get("/sparql", params={"query": insert}),
                     client.post("/sparql", data={"query": insert}),
                     client.post("/sparql", data={"update": insert}),
                     client.post("/sparql", content=insert, headers={"Content-Type": "application/sparql-update"}),
                     client.post("/sparql", content=insert, headers={"Content-Type": "application/sparql-query"})):
        assert response.status_code == 403 and response.json() == {"detail": sparql.UPDATE_REFUSED}
    assert client.get("/sparql", params={"query": count}).json() == before
    assert client.get("/sparql", params={"query": 'ASK { ?s ?p "planted" }'}).json()["boolean"] is False


def test_bad_requests_are_one_line_errors(make_client):
    client = make_client()
    syntax = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"})
    assert syntax.status_code == 400 and syntax.json()["detail"].startswith("not a SPARQL query")
    assert client.post("/sparql", data={"default-graph-uri": EX}).json() == {
        "detail": "no query: give it as the `query` parameter, or in the body"}
    assert client.post("/sparql", content="SELECT * {}", headers={"Content-Type": "text/plain"}).status_code == 415
    as_turtle = client.get("/sparql", params={"query": DECISIONS}, headers={"Accept": "text/turtle"})
    assert as_turtle.status_code == 406 and "application/sparql-results+json" in as_turtle.json()["detail"]


def test_the_time_limit_stops_a_query(make_client):
    client = make_client(timeout_s=0.5)
    started = time.monotonic()
    slow = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
    assert slow.status_code == 400 and "longer than 0.5 s" in slow.json()["detail"]
    assert time.monotonic() - started < 5
    assert symbols(client.get("/sparql", params={"query": DECISIONS}))  # and the next one runs


def test_the_row_limit_cuts_and_says_so(make_client):
    client = make_client(max_rows=3)
    cut = client.get("/sparql", params={"query": "SELECT ?s { ?s a ckg:Passage }"})
    assert len(cut.json()["results"]["bindings"]) == 3 and cut.headers["X-Truncated"] == "true"
    whole = client.get("/sparql", params={"query": "SELECT ?s { ?s a ckg:Decision } LIMIT 2"})
    assert "X-Truncated" not in whole.headers


def test_beyond_the_concurrency_limit_gets_429(make_client):
    client = make_client(concurrency=1)
    slots = client.app.state.services.sparql_slots
    assert slots.acquire(blocking=False)
    try:
        busy = client.get("/sparql", params={"query": DECISIONS})
        assert busy.status_code == 429 and busy.headers["Retry-After"] == "1"
    finally:
        slots.release()


def test_queries_running_at_once_each_get_their_answer(make_client):
    client = make_client(concurrency=4)
    answers: list[set[str]] = []
    threads = [threading.Thread(target=lambda: answers.append(symbols(client.get("/sparql", params={
        "query": DECISIONS})))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [{"7/CMA.13", "8/CMA.13"}] * 4


def test_the_store_follows_ingest_and_delete(make_client, fixture_graph, embedder, tmp_path):
    client = make_client()
    sources = "SELECT ?source { ?d a ckg:Document ; ckg:sourceFile ?source }"

    def documents() -> set[str]:
        return {b["source"]["value"] for b in client.get("/sparql", params={"query": sources}).json()["results"][
            "bindings"]}

    def decision_7(where: str) -> int:  # the decision's symbol: in each graph holding it, once in the default one
        query = f'SELECT (COUNT(*) AS ?n) {{ {where} }}'.replace("TRIPLE", '?d ckg:symbol "7/CMA.13"')
        return int(client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["n"]["value"])

    assert "probe_report.txt" not in documents()
    in_graphs = decision_7("GRAPH ?g { TRIPLE }")
    shutil.copy(FIXTURES / "synthesis_report_zh.txt", tmp_path / "probe_report.txt")
    try:
        [loaded] = ingest([tmp_path / "probe_report.txt"], fixture_graph, embedder)
        assert loaded.status == "loaded"
        assert "probe_report.txt" in documents()
        assert decision_7("GRAPH ?g { TRIPLE }") == in_graphs + 1 and decision_7("TRIPLE") == 1
    finally:
        delete_document(fixture_graph, "probe_report")
    assert documents() == {path.name for path in FIXTURES.iterdir()}
    assert decision_7("GRAPH ?g { TRIPLE }") == in_graphs and decision_7("TRIPLE") == 1  # shared: kept
