"""RDF out of the API, on the Neo4j holding our fixtures: a document's and a decision's RDF by content negotiation
(the pipeline's own graph; a decision's valid against the shapes), and the whole corpus at GET /rdf."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from pyshacl import validate
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from graph.config import ApiSettings
from graph.parse import parse_file
from graph.rdf import CKG, ELI, build_graph, decision_iri, document_iri
from graph.validate import shapes_graph
from paths import FIXTURES
from search_api.api import create_app

TURTLE, JSON_LD = "text/turtle", "application/ld+json"
FORMATS = {TURTLE: "turtle", JSON_LD: "json-ld"}


@pytest.fixture
def client(fixture_graph, embedder):
    with TestClient(create_app(fixture_graph.settings.model_copy(update={"api": ApiSettings(api_key=None)}),
                               embedder)) as client:
        yield client


def rdf(client: TestClient, path: str, media_type: str, **params) -> Graph:
    response = client.get(path, headers={"Accept": media_type}, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media_type) and response.headers["vary"] == "Accept"
    return Graph().parse(data=response.text, format=FORMATS[media_type])


def decision_path(symbol: str) -> str:
    return "/decisions/" + quote(symbol, safe="")


@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "text/html,application/xhtml+xml,*/*;q=0.8"])
def test_json_stays_the_default(client, accept):
    headers = {"Accept": accept} if accept else {}
    document = client.get("/documents/decisions_en", headers=headers)
    assert document.status_code == 200 and document.headers["content-type"] == "application/json"
    assert document.json() | {"passages": 0} == document.json() | {
        "doc_id": "decisions_en", "source": "decisions_en.txt", "language": "en", "symbol": "FCCC/PA/CMA/2031/9/Add.1",
        "decisions": ["7/CMA.13", "8/CMA.13"], "follows_up": [], "passages": 0}
    assert "rdf" not in document.json()
    decision = client.get(decision_path("7/CMA.13"), headers=headers)
    assert decision.status_code == 200 and decision.json()["symbol"] == "7/CMA.13"


def test_a_report_follows_up_and_no_json_carries_the_stored_rdf(client):
    report = client.get("/documents/synthesis_report_zh").json()
    assert report["follows_up"] == ["7/CMA.13"] and report["decisions"] == []
    listed = client.get("/documents").json()
    assert listed and all("rdf" not in document for document in listed)


@pytest.mark.parametrize("media_type", [TURTLE, JSON_LD])
def test_a_documents_rdf_is_the_graph_ingest_built(client, media_type):
    served = rdf(client, "/documents/synthesis_report_zh", media_type)
    built = build_graph(parse_file(FIXTURES / "synthesis_report_zh.txt"))
    assert set(served) == set(built)


@pytest.mark.parametrize("media_type", [TURTLE, JSON_LD])
def test_a_decisions_rdf_validates_and_holds_its_text_and_mandates(client, media_type):
    g = rdf(client, decision_path("7/CMA.13"), media_type)
    conforms, _, report = validate(g, shacl_graph=shapes_graph(), inference="none", advanced=False)
    assert conforms, report
    decision = decision_iri("7/CMA.13")
    assert (decision, CKG.symbol, Literal("7/CMA.13")) in g
    [text] = g.objects(decision, ELI.is_realized_by)
    assert g.value(text, CKG.meetingText) == Literal("5th plenary meeting")
    paragraphs = {str(g.value(p, CKG.number)) for p in g.objects(decision, CKG.operativeParagraph)}
    assert {"1", "2", "3", "4", "5", "6"} <= paragraphs
    # the English text only, and the reports restating its mandates (the synthesis report the one it answers)
    documents = set(g.subjects(RDF.type, CKG.Document))
    assert documents == {document_iri(doc) for doc in ("decisions_en", "synthesis_report_zh", "session_report_en")}
    [answered] = g.objects(document_iri("synthesis_report_zh"), CKG.followsUp)
    assert (answered, CKG.restsOn, decision) in g
    # another decision reached is there as what it is, without its text
    assert not set(g.objects(decision_iri("8/CMA.13"), ELI.is_realized_by))


def test_a_decision_in_another_language_and_one_only_cited(client):
    g = rdf(client, decision_path("7/CMA.13"), TURTLE, lang="zh")
    [text] = g.objects(decision_iri("7/CMA.13"), ELI.is_realized_by)
    assert str(g.value(text, URIRef("http://purl.org/dc/terms/language"))) == "zh"
    cited = rdf(client, decision_path("1/CMA.5"), TURTLE)
    assert validate(cited, shacl_graph=shapes_graph(), inference="none", advanced=False)[0]
    assert cited.value(decision_iri("1/CMA.5"), CKG.adoptedAt) == URIRef("https://w3id.org/climate-kg/id/session/CMA-5")
    assert not set(cited.subjects(RDF.type, CKG.Document))


def test_unacceptable_formats_and_unknown_things(client):
    for path in ("/documents/decisions_en", decision_path("7/CMA.13"), "/rdf"):
        refused = client.get(path, headers={"Accept": "text/csv"})
        assert refused.status_code == 406 and refused.json()["detail"].startswith("cannot answer Accept: text/csv")
    assert client.get("/rdf", headers={"Accept": JSON_LD}).status_code == 406
    for accept in ("application/json", TURTLE):
        assert client.get("/documents/no_such_doc", headers={"Accept": accept}).status_code == 404
        assert client.get(decision_path("9/CMA.13"), headers={"Accept": accept}).status_code == 404


def test_the_whole_corpus_in_turtle_n_triples_and_n_quads(client):
    documents = {document_iri(path.stem) for path in FIXTURES.iterdir()}
    for accept, fmt in ((None, "turtle"), ("application/n-triples", "nt")):
        response = client.get("/rdf", headers={"Accept": accept} if accept else {})
        assert response.status_code == 200
        assert set(Graph().parse(data=response.text, format=fmt).subjects(RDF.type, CKG.Document)) == documents
    quads = client.get("/rdf", headers={"Accept": "application/n-quads"})
    dataset = Dataset().parse(data=quads.text, format="nquads")
    assert {g.identifier for g in dataset.graphs() if len(g)} == documents
    report = dataset.graph(document_iri("synthesis_report_zh"))
    assert set(report) == set(build_graph(parse_file(FIXTURES / "synthesis_report_zh.txt")))


def test_openapi_declares_the_formats_and_the_406(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/documents/{doc_id}", "/decisions/{symbol}"):
        responses = paths[path]["get"]["responses"]
        assert {"application/json", TURTLE, JSON_LD} <= responses["200"]["content"].keys() and "406" in responses
    assert {"application/n-quads", TURTLE} <= paths["/rdf"]["get"]["responses"]["200"]["content"].keys()
    sparql = paths["/sparql"]
    assert {"400", "403", "406", "429", "503"} <= sparql["get"]["responses"].keys()
    assert {"application/sparql-query", "application/x-www-form-urlencoded"} <= sparql["post"]["requestBody"][
        "content"].keys()
