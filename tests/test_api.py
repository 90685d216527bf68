"""The HTTP API and the web page, through FastAPI's TestClient, against the real Neo4j holding our fixtures (any
clone) or the shared corpus."""

from __future__ import annotations

import csv
import io
import shutil
import time
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from graph.config import ApiSettings, CypherSettings, Neo4jSettings
from graph.ingest import ingest
from graph.parse import doc_id_for
from graph.store.loader import delete_document
from paths import FIXTURES
from search_api import retrievers, suggest
from search_api.api import create_app
from search_api.api.search import MAX_DECISION_FACETS, to_csv
from search_api.schemas import Hit, QueryUnderstanding, SearchResponse, Why

ANNUAL_REPORT = "000_e75f1952de058665.txt"
SYNTHESIS = "001_939cf770f026bd75.txt"
SYNTHESIS_ID = "001_939cf770f026bd75"
API_KEY = "test-key-7f3a"


@pytest.fixture
def make_client(corpus_graph, open_app):
    """A TestClient for an app on the test Neo4j holding the corpus; keyword arguments become ApiSettings, except
    `neo4j` and `cypher`, which replace those sections."""

    def make(**sections) -> TestClient:
        api = {"api_key": None} | {k: v for k, v in sections.items() if k not in ("neo4j", "cypher")}
        return open_app(corpus_graph.settings.model_copy(
            update={"api": ApiSettings(**api)} | {k: v for k, v in sections.items() if k in ("neo4j", "cypher")}))

    return make


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


def search(client: TestClient, **params) -> dict:
    response = client.get("/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


# ---------------------------------------------------------------- on our fixtures


@pytest.fixture
def fixture_client(fixture_graph, open_app):
    return open_app(fixture_graph.settings.model_copy(update={"api": ApiSettings(api_key=None)}))


def test_fixtures_a_decision_its_mandates_and_the_report_answering_one(fixture_client):
    response = fixture_client.get("/decisions/" + quote("7/CMA.13", safe=""))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["title"] == "Coastal resilience work programme" and body["languages"] == ["en", "zh"]
    assert [p["paragraph"] for p in body["text"] if p["kind"] == "paragraph"][:6] == ["1", "2", "3", "4", "5", "6"]
    [asked] = [m for m in body["mandates"] if m["addressee"] == "secretariat" and "synthesis report" in m["action"]]
    assert asked["followed_up_by"] == ["synthesis_report_zh"] and asked["in_decision_text"]

    tracker = fixture_client.get("/mandates", params={"decision": "7/CMA.13", "addressee": "secretariat",
                                                       "status": "answered"}).json()
    assert tracker["total"] >= 1  # once per language the decision's text is ingested in
    assert {m["followed_up_by"][0]["doc_id"] for m in tracker["mandates"]} == {"synthesis_report_zh"}


def test_fixtures_search_documents_and_an_unknown_decision(fixture_client):
    hits = search(fixture_client, q="coastal resilience synthesis report", k=5)["hits"]
    assert {"synthesis_report_zh.txt", "decisions_en.txt"} <= {hit["source"] for hit in hits}
    listed = {d["source"] for d in fixture_client.get("/documents").json()}
    assert listed == {path.name for path in FIXTURES.iterdir()}
    missing = fixture_client.get("/decisions/" + quote("9/CMA.13", safe=""))
    assert missing.status_code == 404 and missing.json() == {
        "detail": "unknown decision '9/CMA.13': no ingested document holds its text or cites it"}


def test_fixtures_search_says_what_it_understood_each_language_writes_its_own_way(fixture_client):
    understood = search(fixture_client, q="SBI 78 agenda item 2: 1.5°C, 43% and USD 100 billion by 2032年3月15日, "
                                          "《巴黎协定》第九条第四款", k=1)["understood"]
    assert {key: understood[key] for key in ("articles", "agenda_items", "dates", "amounts", "percentages",
                                             "temperatures")} == {
        "articles": ["Article 9, paragraph 4"], "agenda_items": ["2"], "dates": ["2032-03-15"],
        "amounts": ["USD 100 billion"], "percentages": ["43%"], "temperatures": ["1.5 °C"]}
    assert search(fixture_client, q="coastal resilience", k=1)["understood"]["articles"] == []


# ---------------------------------------------------------------- search


@pytest.mark.parametrize("query, expected", [
    ("气候技术中心的任期延长到哪一年", "2041"),
    ("lessons learned from the first global stocktake", "经验教训"),
])
def test_search_returns_passages_per_contract(client, query, expected):
    body = search(client, q=query, k=5)
    assert body["query"] == query and isinstance(body["took_ms"], float)
    assert len(body["hits"]) == 5
    for hit in body["hits"]:
        assert {"source", "doc_id", "paragraph", "text", "score", "decisions", "why"} <= hit.keys()
        assert hit["source"].endswith(".txt") and hit["doc_id"] == doc_id_for(hit["source"])
        assert 0 < len(hit["text"]) <= 1600
        assert isinstance(hit["score"], float) and isinstance(hit["decisions"], list)
    assert any(expected in hit["text"] for hit in body["hits"][:3])


def test_pages_follow_each_other(client):
    first = search(client, q="国家自主贡献", k=5)["hits"]
    second = search(client, q="国家自主贡献", k=5, offset=5)["hits"]
    both = search(client, q="国家自主贡献", k=10)["hits"]
    assert [h["text"] for h in first + second] == [h["text"] for h in both]


def test_filters(client):
    citing = search(client, q="全球盘点", k=10, decision="第1/CMA.5号决定")["hits"]
    assert citing and all("1/CMA.5" in hit["decisions"] for hit in citing)
    in_synthesis = search(client, q="秘书处", k=10, doc=SYNTHESIS)["hits"]
    assert in_synthesis and {hit["source"] for hit in in_synthesis} == {SYNTHESIS}
    for_cma = search(client, q="全球盘点", k=10, body="cma")["hits"]  # a body code in any case
    assert for_cma
    assert search(client, q="全球盘点", lang="zh")["hits"]
    assert search(client, q="全球盘点", lang="fr")["hits"] == []


@pytest.mark.parametrize("params, name", [
    ({}, "q"),
    ({"q": "   "}, "q"),
    ({"q": "？?！…🙂"}, "q"),
    ({"q": "全" * 501}, "q"),
    ({"q": "全球盘点", "k": 0}, "k"),
    ({"q": "全球盘点", "k": 51}, "k"),
    ({"q": "全球盘点", "k": "ten"}, "k"),
    ({"q": "全球盘点", "offset": -1}, "offset"),
    ({"q": "全球盘点", "offset": 1001}, "offset"),
    ({"q": "全球盘点", "decision": "1/XYZ.5"}, "decision"),
    ({"q": "全球盘点", "body": "IPCC"}, "body"),
    ({"q": "全球盘点", "lang": "Chinese"}, "lang"),
])
def test_bad_search_parameters_get_422_naming_them(client, params, name):
    response = client.get("/search", params=params)
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert [error["loc"] for error in errors] == [["query", name]]
    if name in ("decision", "body"):  # the message names the value too
        assert params[name] in errors[0]["msg"]


def test_search_as_csv_has_a_row_per_hit(client):
    params = {"q": "第19/CMA.1号决定 全球盘点", "k": 20, "offset": 2}
    hits = search(client, **params)["hits"]
    response = client.get("/search", params=params | {"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    columns = ("source", "doc_id", "kind", "language", "text")
    assert [[r["rank"], r["paragraph"], *(r[c] for c in columns)] for r in rows] == [
        [str(n), h["paragraph"] or "", *(h[c] for c in columns)] for n, h in enumerate(hits, start=3)]
    assert [r["decisions"] for r in rows] == ["; ".join(h["decisions"]) for h in hits]
    assert any(";" in r["decisions"] for r in rows)  # a hit citing several decisions


def test_search_as_csv_never_writes_a_cell_a_spreadsheet_would_run():
    def hit(text: str, source: str = "report.txt") -> Hit:
        return Hit(source=source, doc_id="d", paragraph=None, kind="block", text=text, score=1.0, language="en",
                   decision=None, decisions=[], why=Why(ranks={}, matched={}))

    texts = ['=HYPERLINK("http://example.org/x","click")', "+1 555", "-2 °C", "@SUM(A1)", "\tx", "a = b - c"]
    result = SearchResponse(query="q", took_ms=1.0, offset=0, k=10, hits=[hit(t) for t in texts] + [hit("x", "=1.txt")],
                            understood=QueryUnderstanding(language="en", decisions=[], documents=[], sessions=[],
                                                          acronyms=[], terms=[], dense_text="q"))
    rows = list(csv.DictReader(io.StringIO(to_csv(result).decode("utf-8-sig"))))
    assert [r["text"] for r in rows] == ["'" + t for t in texts[:5]] + ["a = b - c", "x"]
    assert rows[-1]["source"] == "'=1.txt"


# ---------------------------------------------------------------- facets, suggestions


def facets(client: TestClient, **params) -> dict:
    response = client.get("/search/facets", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_facets_count_the_candidates_and_choosing_one_is_the_search_with_that_filter(client):
    found = facets(client, q="全球盘点")
    total = found["candidates"]
    assert total > 50  # every signal's candidates, more than a page
    for facet in ("doc", "lang", "kind"):  # each candidate has one value of these
        assert sum(v["count"] for v in found[facet]) == total, facet
        counts = [v["count"] for v in found[facet]]
        assert counts == sorted(counts, reverse=True)
    assert {d["value"] for d in found["doc"]} <= {d["doc_id"] for d in client.get("/documents").json()}
    first_page = search(client, q="全球盘点", k=50)["hits"]  # the first 50 of the same ranking
    for facet, key in (("doc", "doc_id"), ("kind", "kind")):
        for value in found[facet]:
            assert sum(h[key] == value["value"] for h in first_page) <= value["count"]
    cited = {v["value"]: v["count"] for v in found["decision"]}
    for symbol in {s for h in first_page for s in h["decisions"]}:
        # The decision facet lists the most cited MAX_DECISION_FACETS: one left out is cited no more than the last.
        count = cited.get(symbol) or (len(cited) == MAX_DECISION_FACETS and min(cited.values()))
        assert sum(symbol in h["decisions"] for h in first_page) <= count, symbol

    for facet in ("doc", "body", "decision", "lang", "kind"):
        value = found[facet][0]["value"]
        narrowed = facets(client, q="全球盘点", **{facet: value})
        assert narrowed[facet][0]["value"] == value, facet
        if facet in ("doc", "lang", "kind"):  # one value per passage: the filter leaves that value alone
            assert [v["value"] for v in narrowed[facet]] == [value], facet
        assert search(client, q="全球盘点", **{facet: value})["hits"], facet
    by_doc = search(client, q="全球盘点", doc=found["doc"][0]["value"], k=20)["hits"]
    assert {h["source"] for h in by_doc} == {found["doc"][0]["source"]}

    for params, name in (({}, "q"), ({"q": "全球盘点", "body": "IPCC"}, "body"),
                         ({"q": "全球盘点", "kind": "chapter"}, "kind")):
        response = client.get("/search/facets", params=params)
        assert response.status_code == 422 and [e["loc"] for e in response.json()["detail"]] == [["query", name]]


def suggestions(client: TestClient, q: str, **params) -> list[dict]:
    response = client.get("/suggest", params={"q": q} | params)
    assert response.status_code == 200, response.text
    return response.json()["suggestions"]


def test_suggest_decisions_in_any_written_form_and_from_their_start(client, corpus_graph):
    for typed in ("1/CMA.5", "1/cma.5", "decision 1/CMA.5", "第1/CMA.5号决定"):
        first = suggestions(client, typed)[0]
        assert (first["kind"], first["value"]) == ("decision", "1/CMA.5"), typed
    assert first["detail"] == client.get(first["href"]).json()["title"]  # href leads to the decision
    in_graph = {r["symbol"] for r in corpus_graph.read("MATCH (d:Decision) RETURN d.symbol AS symbol")}
    for typed, expected in (("1/CMA", {s for s in in_graph if s.startswith("1/CMA.")}),
                            ("cma.5", {s for s in in_graph if s.endswith("/CMA.5")})):
        found = [s["value"] for s in suggestions(client, typed, k=20) if s["kind"] == "decision"]
        assert set(found) <= expected and len(found) == min(len(expected), 20) > 0, typed


def test_suggest_terms_in_both_languages_and_document_titles(client, corpus_graph):
    [english] = [s for s in suggestions(client, "nationally determined contrib") if s["kind"] == "term"][:1]
    assert english["text"] == "nationally determined contribution" and english["detail"] == "国家自主贡献"
    assert english["href"] == "/search?q=nationally+determined+contribution"
    chinese = [s for s in suggestions(client, "国家自主") if s["kind"] == "term"]
    assert chinese[0]["text"] == "国家自主贡献" and all(s["text"].startswith("国家自主") for s in chinese)
    assert search(client, q=chinese[0]["value"])["hits"]
    # A document's own table of abbreviations
    [row] = corpus_graph.read("MATCH (a:Acronym) WHERE a.name_zh IS NOT NULL RETURN a.abbreviation AS abbreviation "
                              "ORDER BY size(a.abbreviation) DESC, a.abbreviation LIMIT 1")
    assert row["abbreviation"] in [s["text"] for s in suggestions(client, row["abbreviation"], k=20)]
    for document in [d for d in client.get("/documents").json() if d["title"]]:
        found = suggestions(client, document["title"][:12], k=20)
        assert document["doc_id"] in {s["value"] for s in found if s["kind"] == "document"}, document["title"]


def test_suggest_follows_ingest(client, corpus_graph, embedder, tmp_path, monkeypatch):
    monkeypatch.setattr(suggest, "MAX_AGE_S", 0.0)
    path = tmp_path / "suggest_probe.txt"
    shutil.copy(FIXTURES / "plain_report.txt", path)
    [result] = ingest([path], corpus_graph, embedder)
    try:
        title = corpus_graph.read("MATCH (d:Document {doc_id: 'suggest_probe'}) RETURN d.title AS t")[0]["t"]
        deadline = time.monotonic() + 10
        while "suggest_probe" not in {s["value"] for s in suggestions(client, title, k=20)}:
            assert time.monotonic() < deadline, "not suggested 10 s after its ingest"
            time.sleep(0.2)
    finally:
        delete_document(corpus_graph, "suggest_probe")
    assert result.status == "loaded"


# ---------------------------------------------------------------- caching


def test_get_answers_carry_an_etag_and_a_cache_policy(client):
    url = "/decisions/" + quote("1/CMA.5", safe="")
    first = client.get(url)
    tag = first.headers["etag"]
    assert tag.startswith('"') and first.headers["cache-control"] == "public, max-age=300"
    assert client.get(url).headers["etag"] == tag  # same body, same tag
    again = client.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert again.headers["cache-control"] == "public, max-age=300"
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200
    other = client.get(url, params={"lang": "zh"}).headers["etag"]
    turtle = client.get(url, headers={"Accept": "text/turtle"})
    assert turtle.headers["etag"] not in (tag, other) and turtle.headers["vary"] == "Accept"

    # Search in JSON differs by took_ms from one run to the next: its weak ETag is of the rest.
    params = {"q": "全球盘点", "k": 3}
    one, two = client.get("/search", params=params), client.get("/search", params=params)
    assert one.headers["etag"] == two.headers["etag"] and one.headers["etag"].startswith("W/")
    assert client.get("/search", params=params, headers={"If-None-Match": one.headers["etag"]}).status_code == 304
    assert client.get("/search", params=params | {"k": 4},
                      headers={"If-None-Match": one.headers["etag"]}).status_code == 200

    for never in (client.get("/health"), client.get("/decisions/99%2FCMA.9"), client.get("/search")):  # 200, 404, 422
        assert never.headers["cache-control"] == "no-store" and "etag" not in never.headers, never.url


# ---------------------------------------------------------------- rate limit


REMOTE = ("203.0.113.7", 50000)  # TEST-NET-3: a client from the network


def test_a_remote_client_past_its_rate_gets_429_with_retry_after(corpus_graph, open_app):
    settings = corpus_graph.settings.model_copy(update={"api": ApiSettings(rate_limit="3/minute")})
    remote = open_app(settings, client=REMOTE)
    assert [remote.get("/suggest", params={"q": "cma"}).status_code for _ in range(3)] == [200] * 3
    refused = remote.get("/search", params={"q": "全球盘点"})
    assert refused.status_code == 429 and 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json() == {"detail": f"more than 3 per 1 minute from {REMOTE[0]}; "
                                         f"retry in {refused.headers['retry-after']} s"}
    assert remote.get("/health").status_code == 200  # health checks are never limited
    other = TestClient(remote.app, client=("203.0.113.8", 50000))  # the same app, another address
    assert other.get("/suggest", params={"q": "cma"}).status_code == 200

    remote = open_app(corpus_graph.settings.model_copy(update={"api": ApiSettings()}), client=REMOTE)
    statuses = [remote.get("/suggest", params={"q": "cma"}).status_code for _ in range(60)]
    assert statuses[0] == 200 and 429 in statuses  # on by default


def test_loopback_clients_are_not_limited_unless_asked(corpus_graph, open_app):
    settings = corpus_graph.settings.model_copy(update={"api": ApiSettings(rate_limit="2/minute")})
    local = open_app(settings, client=("127.0.0.1", 50000))
    assert {local.get("/suggest", params={"q": "cma"}).status_code for _ in range(4)} == {200}
    settings = corpus_graph.settings.model_copy(update={"api": ApiSettings(rate_limit="2/minute",
                                                                           rate_limit_loopback=True)})
    local = open_app(settings, client=("::1", 50000))
    assert [local.get("/suggest", params={"q": "cma"}).status_code for _ in range(3)] == [200, 200, 429]


# ---------------------------------------------------------------- decisions


def test_decision_has_its_body_mandates_citations_and_follow_up(client, corpus_graph):
    response = client.get("/decisions/" + quote("1/CMA.5", safe=""))
    assert response.status_code == 200, response.text
    decision = response.json()
    assert decision["symbol"] == "1/CMA.5" and decision["session"] == "CMA 5" and decision["body"]["code"] == "CMA"

    to_secretariat = next(m for m in decision["mandates"] if m["addressee"] == "secretariat")
    assert to_secretariat["kind"] == "request" and to_secretariat["paragraphs"] == ["193"]
    assert "综合报告" in to_secretariat["action"]
    assert (to_secretariat["reported_in"]["source"], to_secretariat["reported_in"]["paragraph"]) == (SYNTHESIS, "1")
    assert to_secretariat["followed_up_by"] == [SYNTHESIS_ID]  # the synthesis report answers this request

    citing = {(c["source"], c["paragraph"]): c for c in decision["cited_by"]}
    in_synthesis = [int(paragraph) for source, paragraph in citing if source == SYNTHESIS]
    assert in_synthesis == sorted(in_synthesis)  # in document order
    assert citing[(SYNTHESIS, "1")]["paragraphs"] == ["193"] and "1/CMA.5" in citing[(SYNTHESIS, "1")]["text"]
    in_graph = corpus_graph.read("MATCH (p:Passage)-[:CITES]->(:Decision {symbol: '1/CMA.5'}) "
                                 "RETURN p.source AS source, p.number AS number")
    assert set(citing) == {(r["source"], r["number"]) for r in in_graph} and decision["cited_by_count"] == len(in_graph)

    assert [d["source"] for d in decision["followed_up_by"]] == [SYNTHESIS]


def test_decision_page_holds_its_text_what_it_cites_and_its_own_mandates(client):
    decision = client.get("/decisions/" + quote("1/CMA.5", safe="")).json()
    assert (decision["title"], decision["meeting"], decision["adopted_on"]) == (
        "Outcome of the first global stocktake", "6th plenary meeting", "2023-12-13")
    assert decision["languages"] == ["en"] and decision["text_language"] == "en"
    preamble = [p for p in decision["text"] if p["kind"] == "preamble"]
    assert preamble[4]["text"].startswith("Also recalling decisions 19/CMA.1, 1/CMA.2, 1/CMA.3 and 1/CMA.4")
    operative = [p["paragraph"] for p in decision["text"] if p["kind"] == "paragraph"]
    assert list(dict.fromkeys(operative)) == [str(n) for n in range(1, 197)]
    assert next(p for p in decision["text"] if p["paragraph"] == "18")["heading"] == "Mitigation"
    assert {"19/CMA.1", "1/CMA.2", "1/CMA.4"} <= {d["symbol"] for d in decision["cites"]}
    assert "1/CMA.5" not in {d["symbol"] for d in decision["cites"]}  # "paragraph 192 above" is no citation
    own = [m for m in decision["mandates"] if m["in_decision_text"]]
    synthesis = next(m for m in own if m["paragraphs"] == ["193"] and m["addressee"] == "secretariat")
    assert synthesis["deadline"] == "in time to inform the refinement"
    assert synthesis["reported_in"]["paragraph"] == "193" and synthesis["followed_up_by"] == [SYNTHESIS_ID]
    submissions = [m for m in own if m["paragraphs"] == ["193"] and m["kind"] == "invitation"]
    assert {(m["addressee"], m["deadline_date"]) for m in submissions} == {
        ("Parties", "2024-03-01"), ("non-Party stakeholders", "2024-03-01")}


def test_a_citation_of_an_annex_paragraph_on_both_decisions_pages(client):
    # 1/CMA.5, paragraph 169: "… paragraph 4(c) of annex I to decision 4/CMA.1 …".
    cited = client.get("/decisions/" + quote("4/CMA.1", safe="")).json()
    [citation] = [c for c in cited["cited_by"] if c["source"] == "CMA2023_5_Decisions_1_to_5.txt"
                  and c["paragraph"] == "169"]
    assert (citation["paragraphs"], citation["annex_paragraphs"]) == ([], ["I 4(c)"])
    citing = client.get("/decisions/" + quote("1/CMA.5", safe="")).json()
    [decision] = [d for d in citing["cites"] if d["symbol"] == "4/CMA.1"]
    assert decision["annex_paragraphs"] == ["I 4(c)"]


def test_a_decision_only_cited_has_no_text(client):
    decision = client.get("/decisions/" + quote("1/CP.21", safe="")).json()
    assert decision["title"] is None and decision["text"] == [] and decision["languages"] == []


def test_mandate_tracker_filters_and_shows_what_answers(client):
    response = client.get("/mandates", params={"addressee": "secretariat", "session": "CMA 5", "status": "answered"})
    assert response.status_code == 200, response.text
    [answered] = response.json()["mandates"]
    assert (answered["decision"], answered["paragraphs"], answered["in_decision_text"]) == ("1/CMA.5", ["193"], True)
    assert [d["source"] for d in answered["followed_up_by"]] == [SYNTHESIS]
    assert [(p["source"], p["paragraph"]) for p in answered["answered_in"]] == [(SYNTHESIS, "1")]

    open_ = client.get("/mandates", params={"addressee": "secretariat", "session": "cma5", "status": "open",
                                            "limit": 5}).json()
    assert open_["total"] > 5 and len(open_["mandates"]) == 5
    assert all(m["followed_up_by"] == [] and m["session"] == "CMA 5" for m in open_["mandates"])
    due = client.get("/mandates", params={"due": "SBSTA 60"}).json()["mandates"]
    assert [(m["decision"], m["paragraphs"], m["addressee"]) for m in due] == [
        ("1/CMA.5", ["181"], "SBSTA Chair"), ("2/CMA.5", ["38"], "SBSTA")]  # "the SBI and the SBSTA … at their 60th"
    # A report restates 1/CMA.5's mandates; they are listed once, from the decision's own text.
    everything = client.get("/mandates", params={"decision": "1/CMA.5", "limit": 200}).json()["mandates"]
    assert all(m["in_decision_text"] for m in everything)


@pytest.mark.parametrize("params, name", [({"session": "CMA five"}, "session"), ({"status": "late"}, "status"),
                                          ({"decision": "1/XYZ.5"}, "decision"), ({"limit": 0}, "limit")])
def test_bad_tracker_filters_get_422_naming_them(client, params, name):
    response = client.get("/mandates", params=params)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", name]


def test_a_session_filter_naming_several_sessions_says_which(client):
    response = client.get("/mandates", params={"session": "巴库大会"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "session"]
    assert "COP 29, CMP 19, CMA 6" in response.json()["detail"][0]["msg"]


def test_decision_symbol_in_other_spellings(client):
    for spelling in ("1/cma.5", "第1/CMA.5号决定", "1 / CMA . 5", "1/CMA5"):
        response = client.get("/decisions/" + quote(spelling, safe=""))
        assert response.status_code == 200, spelling
        assert response.json()["symbol"] == "1/CMA.5"


def test_unknown_decision_is_404_and_a_malformed_one_422(client):
    unknown = client.get("/decisions/" + quote("99/CMA.9", safe=""))
    assert unknown.status_code == 404 and "99/CMA.9" in unknown.json()["detail"]
    malformed = client.get("/decisions/not-a-decision")
    assert malformed.status_code == 422
    assert malformed.json()["detail"][0]["loc"] == ["path", "symbol"]
    assert "not-a-decision" in malformed.json()["detail"][0]["msg"]


# ---------------------------------------------------------------- cypher


def test_cypher_reads_with_parameters(client):
    response = client.post("/cypher", json={
        "query": "MATCH (d:Decision {symbol: $symbol})-[:ADOPTED_BY]->(b:Body) "
                 "RETURN d.symbol AS symbol, b.code AS body",
        "params": {"symbol": "1/CMA.5"},
    })
    assert response.status_code == 200, response.text
    assert response.json() == {"columns": ["symbol", "body"], "rows": [["1/CMA.5", "CMA"]], "truncated": False}


def test_cypher_refuses_writes_and_changes_nothing(client, corpus_graph):
    def count() -> int:
        return corpus_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]

    before = count()
    for query in ("CREATE (:ApiProbe {at: 1})", "MATCH (d:Decision) DETACH DELETE d",
                  "MATCH (d:Decision) SET d.symbol = 'x'"):
        response = client.post("/cypher", json={"query": query})
        assert response.status_code == 403 and response.json()["detail"].startswith("refused"), query
    assert count() == before
    assert not corpus_graph.read("MATCH (d:Decision {symbol: 'x'}) RETURN d")


def test_cypher_errors_are_400_with_the_reason(client):
    syntax = client.post("/cypher", json={"query": "MATCH (n RETURN n"})
    assert syntax.status_code == 400 and "line 1" in syntax.json()["detail"]
    assert client.post("/cypher", json={"query": ""}).status_code == 422
    assert client.post("/cypher", json={"params": {}}).status_code == 422
    too_big = client.post("/cypher", json={"query": "RETURN $n", "params": {"n": [1, 2**63]}})  # found by schemathesis
    assert too_big.status_code == 422 and "'n'" in too_big.json()["detail"][0]["msg"]


def test_cypher_limits(make_client):
    client = make_client(cypher=CypherSettings(max_rows=3, timeout_s=0.5))
    cut = client.post("/cypher", json={"query": "UNWIND range(1, 10) AS n RETURN n"}).json()
    assert cut["rows"] == [[1], [2], [3]] and cut["truncated"]
    slow = client.post("/cypher",
                       json={"query": "UNWIND range(1, 1000000000) AS n WITH n WHERE n % 7 = 99 RETURN count(n)"})
    assert slow.status_code == 400 and "stopped" in slow.json()["detail"]


def test_cypher_beyond_the_concurrency_limit_gets_429(make_client):
    client = make_client(cypher=CypherSettings(concurrency=1))
    slots = client.app.state.services.cypher_slots
    slots.acquire()  # as if a query were running
    try:
        busy = client.post("/cypher", json={"query": "RETURN 1"})
    finally:
        slots.release()
    assert busy.status_code == 429 and busy.headers["retry-after"]
    assert client.post("/cypher", json={"query": "RETURN 1"}).status_code == 200


# ---------------------------------------------------------------- health, availability


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["neo4j"]["version"].startswith("5.")
    assert body["documents"] >= 4 and body["passages"] > 100


def test_without_neo4j_the_app_starts_answers_503_and_connects_once_it_is_up(make_client, corpus_graph, unused_port):
    client = make_client(neo4j=Neo4jSettings(uri=f"bolt://127.0.0.1:{unused_port}"))
    for response in (client.get("/health"), client.get("/search", params={"q": "全球盘点"}),
                     client.post("/cypher", json={"query": "RETURN 1"})):
        assert response.status_code == 503
        assert f"127.0.0.1:{unused_port}" in response.json()["detail"]
    client.app.state.services.settings = corpus_graph.settings  # as if Neo4j had come up where the app looks
    assert client.get("/health").status_code == 200
    assert search(client, q="全球盘点")["hits"]


def test_a_graph_without_the_indexes_search_needs_answers_503_naming_the_fix(client, monkeypatch):
    # As on a graph ingested by an older version, before `climate-kg ingest` runs again.
    monkeypatch.setattr(retrievers, "PASSAGE_VECTOR_INDEX", {True: "no_such_index", False: "no_such_index"})
    response = client.get("/search", params={"q": "全球盘点 global stocktake"})
    assert response.status_code == 503
    assert "no_such_index" in response.json()["detail"] and "climate-kg ingest" in response.json()["detail"]
    # An analyst's query naming a missing index is the query's fault, not the graph's.
    response = client.post("/cypher", json={
        "query": "CALL db.index.vector.queryNodes('no_such_index', 1, [1.0]) YIELD node RETURN node"})
    assert response.status_code == 400 and "no_such_index" in response.json()["detail"]


# ---------------------------------------------------------------- admin


def test_admin_endpoints_refuse_without_a_configured_key(client):
    response = client.delete("/admin/documents/anything", headers={"X-API-Key": ""})
    assert response.status_code == 403 and "CLIMATE_KG_API_KEY" in response.json()["detail"]


@pytest.fixture
def probe_document(corpus_graph, embedder, tmp_path):
    """A small document ingested next to the corpus, removed afterwards even if the test fails."""
    path = tmp_path / "api_delete_probe.txt"
    shutil.copy(FIXTURES / "plain_report.txt", path)
    [result] = ingest([path], corpus_graph, embedder)
    assert result.status == "loaded", result.error
    yield "api_delete_probe"
    delete_document(corpus_graph, "api_delete_probe")


def test_admin_delete_needs_the_key_and_removes_only_that_document(make_client, corpus_graph, probe_document):
    client = make_client(api_key=API_KEY)
    url = f"/admin/documents/{probe_document}"
    for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": API_KEY + "x"}):
        assert client.delete(url, headers=headers).status_code == 403
    assert client.delete("/admin/documents/no_such_doc", headers={"X-API-Key": API_KEY}).status_code == 404
    assert probe_document in {d["doc_id"] for d in client.get("/documents").json()}

    deleted = client.delete(url, headers={"X-API-Key": API_KEY})
    assert deleted.status_code == 200 and deleted.json()["source"] == f"{probe_document}.txt"
    sources = {d["source"] for d in client.get("/documents").json()}
    assert f"{probe_document}.txt" not in sources and {ANNUAL_REPORT, SYNTHESIS} <= sources
    assert not corpus_graph.read("MATCH (n {doc_id: $doc_id}) RETURN n LIMIT 1", {"doc_id": probe_document})


# ---------------------------------------------------------------- page, docs, exposure


def test_the_page_and_its_assets(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert '<form id="search"' in page.text and "/static/app.js" in page.text
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "innerHTML" not in script.text  # all data goes in as text nodes
    assert client.get("/static/app.css").status_code == 200


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/search", "/decisions/{symbol}", "/cypher", "/health", "/documents"} <= paths.keys()
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()  # served from the wheel: works offline
    script = next(line for line in docs.text.splitlines() if "swagger-ui-bundle.js" in line).split('"')[1]
    assert client.get(script).status_code == 200


def test_cors_is_off_unless_origins_are_configured(make_client):
    origin = {"Origin": "https://analyst.example.org"}
    closed = make_client().get("/health", headers=origin)
    assert "access-control-allow-origin" not in closed.headers
    opened = make_client(cors_origins="https://analyst.example.org").get("/suggest", params={"q": "cma"},
                                                                        headers=origin)
    assert opened.headers["access-control-allow-origin"] == "https://analyst.example.org"
    # The page's script may read the caching and rate-limit headers
    assert {"etag", "retry-after"} <= set(opened.headers["access-control-expose-headers"].lower().split(", "))


def test_an_unexpected_error_is_a_json_500_without_a_traceback(settings, embedder):
    app = create_app(settings.model_copy(update={"api": ApiSettings(api_key=None)}), embedder)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals at /srv/app.py line 42")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500 and response.json() == {"detail": "internal server error"}
