"""graph.load against a real Neo4j: the contract's graph shape, idempotence, replace-on-change, rollback."""

from __future__ import annotations

import pytest
from rdflib import RDF, Literal, URIRef

from graph.errors import LoadFailed
from graph.model import DecisionCitation
from graph.rdf import CKG, build_graph
from graph.store.loader import delete_document, load_document
from graph.store.queries import stored_document
from graph.store.schema import (
    PASSAGE_VECTOR_INDEX,
    SENTENCE_VECTOR_INDEX,
    VECTOR_INDEX,
    ensure_schema,
    ensure_vector_index,
)
from graph.validate import check
from sample_documents import annual_report, synthesis_report

A, B = "t_load_report", "t_load_synthesis"


@pytest.fixture
def db(empty_graph):
    ensure_schema(empty_graph)
    return empty_graph


def load(db, doc):
    g = build_graph(doc)
    check(g, doc.source)
    return load_document(db, g)


def counts(db) -> tuple[int, int]:
    nodes = db.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = db.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return nodes, rels


def one(db, query: str, **params):
    records = db.read(query, params)
    assert len(records) == 1, f"{len(records)} rows for {query}"
    return records[0]


def stored_hash(db, doc_id: str) -> str:
    stored = stored_document(db, doc_id)
    assert stored is not None, f"{doc_id} is not stored"
    return stored["content_hash"]


def test_contract_labels_and_relationships(db):
    load(db, annual_report(A))
    load(db, synthesis_report(B))
    doc = one(db, "MATCH (d:Document {doc_id: $id}) RETURN d", id=A)["d"]
    assert doc["source"] == f"{A}.txt" and doc["title"] and len(doc["content_hash"]) == 64
    # footnote 1 of paragraph 1 cites 21/CP.23 para. 18: the paragraph CITES it too
    cites = one(db, "MATCH (:Document {doc_id: $id})-[:HAS_PASSAGE]->(p:Paragraph {number: '1'})-[c:CITES]->"
                    "(d:Decision)-[:ADOPTED_AT]->(s:Session)-[:OF_BODY]->(b:Body) RETURN c, d, s, b", id=A)
    assert (cites["d"]["symbol"], cites["s"]["name"], cites["b"]["code"]) == ("21/CP.23", "COP 23", "COP")
    assert cites["c"]["paragraphs"] == ["18"] and cites["c"]["via_footnotes"] == ["1"]
    assert cites["c"]["in_text"] is False
    assert one(db, "MATCH (:Paragraph {doc_id: $id, number: '1'})-[:HAS_FOOTNOTE]->(f:Footnote)-[c:CITES]->(:Decision) "
                   "RETURN f.text AS t, c.paragraphs AS p, c.in_text AS i", id=A).values() == [
        "第 21/CP.23 号决定，第 18 段。", ["18"], True]
    assert one(db, "MATCH (:Paragraph {doc_id: $id, number: '3'})-[c:CITES]->(:Decision {symbol: '2/CMA.5'}) "
                   "RETURN c.paragraphs AS p, c.via_footnotes AS v, c.in_text AS i", id=A).values() == [
        ["9", "10"], [], True]
    # the two documents meet at one decision node
    docs = db.read("MATCH (d:Decision {symbol: '1/CMA.5'})<-[:CITES]-(p:Paragraph) "
                   "RETURN collect(DISTINCT p.doc_id) AS ids")
    assert sorted(docs[0]["ids"]) == [A, B]
    assert one(db, "MATCH (d:Decision {symbol: '1/CMA.5'}) RETURN count(d) AS n")["n"] == 1
    # the searchable text carries the footnote
    assert one(db, "MATCH (p:Passage {doc_id: $id, key: 'p1'}) RETURN p.text AS t", id=A)["t"].endswith(
        "¹ 第 21/CP.23 号决定，第 18 段。")
    # mandate: stated by paragraph 1, rests on 21/CP.23 para. 18, issued at COP 23, followed up by the report
    m = one(db, "MATCH (d:Document {doc_id: $id})-[:HAS_MANDATE]->(m:Mandate)<-[:STATES]-(p:Paragraph), "
                "(m)-[r:RESTS_ON]->(x:Decision), (m)-[:ISSUED_AT]->(s:Session), (m)-[:ISSUED_BY]->(b:Body), "
                "(d)-[:FOLLOWS_UP]->(m) RETURN p.number AS p, x.symbol AS x, r.paragraphs AS r, s.name AS s, "
                "b.code AS b, m.addressee AS a, m.addressee_text AS t", id=A)
    assert m.values() == ["1", "21/CP.23", ["18"], "COP 23", "COP", "secretariat", "秘书处"]
    # structure, sessions, acronyms, cited document symbols
    assert one(db, "MATCH (:Document {doc_id: $id})-[:HAS_SECTION]->(:Section {key: 'II'})-[:HAS_SECTION]->(s:Section)"
                   "-[:CONTAINS]->(p:TableRow) RETURN s.key AS s", id=A)["s"] == "II.A"
    assert one(db, "MATCH (:Document {doc_id: $id})-[:FOR_SESSION]->(s:Session) RETURN s.name AS s",
               id=A)["s"] == "SBI 64"
    assert one(db, "MATCH (:Document {doc_id: $id})-[:HAS_AGENDA_ITEM]->(a:AgendaItem)-[:OF_SESSION]->(s:Session) "
                   "RETURN a.text AS a, s.name AS s", id=A).values() == [
        "临时议程项目18 行政、财务和体制事项", "SBI 64"]
    assert one(db, "MATCH (:Document {doc_id: $id})-[:DEFINES]->(a:Acronym {abbreviation: 'IPCC'}) "
                   "RETURN a.name_zh AS n, a.short_zh AS s", id=A).values() == ["政府间气候变化专门委员会", "气专委"]
    # paragraph 2 cites FCCC/SBI/2026/7 in its text, the addendum only through footnote 2
    symbols = db.read("MATCH (:Paragraph {doc_id: $id, number: '2'})-[c:CITES_DOCUMENT]->(s:DocumentSymbol) "
                      "RETURN s.symbol AS s, properties(c) AS c ORDER BY s", {"id": A})
    assert [r.values() for r in symbols] == [["FCCC/SBI/2026/7", {"via_footnotes": [], "in_text": True}],
                                             ["FCCC/SBI/2026/7/Add.1", {"via_footnotes": ["2"], "in_text": False}]]
    assert one(db, "MATCH (:Footnote {doc_id: $id, number: '2'})-[c:CITES_DOCUMENT]->(s:DocumentSymbol) "
                   "RETURN s.symbol AS s, properties(c) AS c", id=A).values() == [
        "FCCC/SBI/2026/7/Add.1", {"via_footnotes": [], "in_text": True}]
    # every Paragraph and Mandate is reachable from its Document
    assert db.read("MATCH (n) WHERE (n:Paragraph OR n:Mandate) AND n.doc_id IN [$a, $b] "
                   "AND NOT EXISTS { (:Document {doc_id: n.doc_id})-[*1..3]->(n) } RETURN n", {"a": A, "b": B}) == []


def test_mandate_resting_on_several_paragraphs(db):
    doc = annual_report(A)
    doc.mandates[0].decision_paragraphs = ("16", "4")
    load(db, doc)
    rests_on = one(db, "MATCH (:Mandate {doc_id: $id})-[r:RESTS_ON]->(:Decision {symbol: '21/CP.23'}) RETURN r",
                   id=A)["r"]
    assert dict(rests_on) == {"paragraphs": ["4", "16"]}
    load(db, synthesis_report(B))  # no paragraph given: an empty list
    assert one(db, "MATCH (:Mandate {doc_id: $id})-[r:RESTS_ON]->() RETURN properties(r) AS r",
               id=B)["r"] == {"paragraphs": []}


def test_loading_twice_leaves_identical_counts(db):
    before = counts(db)
    load(db, annual_report(A))
    once = counts(db)
    load(db, annual_report(A))
    assert counts(db) == once and once[0] > before[0]


def test_changed_document_is_replaced_and_orphans_removed(db):
    v1 = annual_report(A)
    v1.passages[1].citations.append(DecisionCitation("977/CMP.99", ("4",)))
    load(db, v1)
    assert one(db, "MATCH (d:Decision {symbol: '977/CMP.99'})-[:ADOPTED_AT]->(s) RETURN s.name AS s")["s"] == "CMP 99"
    v2 = annual_report(A, extra="（已更新）")
    del v2.passages[3]
    load(db, v2)
    assert stored_hash(db, A) == v2.content_hash != v1.content_hash
    assert db.read("MATCH (d:Decision {symbol: '977/CMP.99'}) RETURN d") == []
    assert db.read("MATCH (s:Session {name: 'CMP 99'}) RETURN s") == []
    keys = db.read("MATCH (:Document {doc_id: $id})-[:HAS_PASSAGE]->(p) RETURN p.key AS k ORDER BY k", {"id": A})
    assert [r["k"] for r in keys] == ["p1", "p2", "p3"]
    assert one(db, "MATCH (p:Passage {doc_id: $id, key: 'p1'}) RETURN p.passage_text AS t",
               id=A)["t"].endswith("（已更新）")
    assert one(db, "MATCH (d:Document {doc_id: $id}) RETURN count(d) AS n", id=A)["n"] == 1


def test_failed_load_rolls_back_and_leaves_the_graph_as_it_was(db):
    load(db, annual_report(A))
    load(db, synthesis_report(B))
    before = counts(db)
    changed = build_graph(annual_report(A, extra="（新版本）"))
    # a passage whose IRI is B's paragraph: the uniqueness constraint fails after A's old nodes were deleted
    stolen = URIRef(str(next(iter(build_graph(synthesis_report(B)).subjects(CKG.key, Literal("p1"))))))
    doc = next(iter(changed.subjects(RDF.type, CKG.Document)))
    changed.add((doc, CKG.hasPassage, stolen))
    changed.add((stolen, RDF.type, CKG.Passage))
    with pytest.raises(LoadFailed) as err:
        load_document(db, changed)
    assert str(err.value).startswith(f"{A}.txt: not loaded into Neo4j")
    assert counts(db) == before
    assert stored_hash(db, A) == annual_report(A).content_hash
    assert one(db, "MATCH (p:Passage {doc_id: $id, key: 'p1'}) RETURN p.passage_text AS t",
               id=A)["t"].endswith("提供资料。")
    assert one(db, "MATCH (:Document {doc_id: $id})-[:HAS_PASSAGE]->(p:Paragraph) RETURN count(p) AS n", id=B)["n"] == 1


def test_stored_document_and_delete(db):
    assert stored_document(db, A) is None
    before = counts(db)
    load(db, annual_report(A))
    assert stored_hash(db, A) == annual_report(A).content_hash
    delete_document(db, A)
    assert stored_document(db, A) is None and counts(db) == before


def test_a_vector_index_made_with_other_settings_is_made_again(db):
    # One made unquantized, as ingest made them on 4 December: it is made again as the others are.
    db.write(f"DROP INDEX {VECTOR_INDEX} IF EXISTS")
    db.write(f"CREATE VECTOR INDEX {VECTOR_INDEX} FOR (n:Passage) ON n.embedding "
             "OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine', "
             "`vector.quantization.enabled`: false}}")
    ensure_vector_index(db, 384)
    configs = {r["name"]: r["options"]["indexConfig"]
               for r in db.read("SHOW VECTOR INDEXES YIELD name, options RETURN name, options")}
    names = {VECTOR_INDEX, *PASSAGE_VECTOR_INDEX.values(), *SENTENCE_VECTOR_INDEX.values()}
    assert {name: (configs[name]["vector.dimensions"], configs[name]["vector.quantization.enabled"])
            for name in names} == dict.fromkeys(names, (384, True))


def test_schema_has_the_contract_constraints(db):
    ensure_schema(db)  # twice is fine
    names = {r["name"] for r in db.read("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {"decision_symbol", "session_name", "body_code", "document_doc_id", "passage_iri"} <= names
