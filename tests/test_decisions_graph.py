"""Decisions in Neo4j: the worked examples of ../shared/eval, the decision → mandate → follow-up chain whatever the
order of ingest, one Decision for its texts in two languages."""

from __future__ import annotations

import json
import shutil

import pytest

from graph.ingest import ingest
from paths import EVAL, FIXTURES, require_shared


def eval_rows(name: str) -> list[dict]:
    path = require_shared(EVAL / name)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ---------------------------------------------------------------- the worked examples


@pytest.mark.parametrize("example", eval_rows("example_decisions.jsonl"), ids=lambda e: e["symbol"])
def test_example_decisions(corpus_graph, example):
    [row] = corpus_graph.read(
        """
        MATCH (d:Decision {symbol: $symbol})-[:ADOPTED_AT]->(s:Session)-[:OF_BODY]->(b:Body)
        MATCH (d)-[:HAS_TEXT]->(t:DecisionText)<-[:HAS_SECTION*]-(doc:Document)-[:HAS_SYMBOL]->(sym)
        RETURN d.title AS title, s.name AS session, b.code AS body, t.meeting AS meeting,
               toString(d.adopted_on) AS date, doc.source AS source, sym.symbol AS doc_symbol,
               [(d)-[:HAS_PARAGRAPH]->(p) | p.number] AS paragraphs,
               EXISTS { (d)-[:HAS_PASSAGE]->(:Passage)<-[:CONTAINS]-(:Section)<-[:HAS_SECTION*0..]-(a:Section)
                        WHERE a.key STARTS WITH $symbol + '.annex' } AS annex
        """, {"symbol": example["symbol"]})
    assert row["title"] == example["title"]
    assert (row["session"], row["body"]) == (example["session"], example["issuing_body"])
    assert (row["meeting"], row["date"]) == (example["meeting"], example["date"])
    assert (row["source"], row["doc_symbol"]) == (example["doc"], example["doc_symbol"])
    assert sorted(row["paragraphs"], key=int) == [str(n) for n in range(1, example["operative_paragraphs"] + 1)]
    assert row["annex"] == example["has_annex"]


@pytest.mark.parametrize("example", eval_rows("example_decision_mandates.jsonl"),
                         ids=lambda e: f"{e['decision']}-{e['paragraph']}-{e['addressee']}")
def test_example_mandates(corpus_graph, example):
    rows = corpus_graph.read(
        """
        MATCH (:Decision {symbol: $decision})-[:HAS_PARAGRAPH]->(p:Paragraph {number: $paragraph})-[:STATES]->(m)
        WHERE m.addressee = $addressee
        RETURN m.kind AS kind, m.addressee_text AS addressee_text, m.action AS action, m.deadline AS deadline
        """, {k: example[k] for k in ("decision", "paragraph", "addressee")})
    kinds = {"requests": "request", "invites": "invitation"}
    matching = [r for r in rows
                if r["kind"] == kinds[example["verb"]] and r["addressee_text"] == example["addressee_text"]]
    assert matching, rows
    [mandate] = matching
    assert mandate["deadline"] == example["deadline_text"]
    quote = example["action_quote"]
    if quote:  # a quote running from the addressee into the action ("… centres, to provide …"): its action part
        action_part = quote[quote.find(", to ") + 2 :] if ", to " in quote else quote
        assert action_part in mandate["action"]


@pytest.mark.parametrize("example", eval_rows("example_followups.jsonl"), ids=lambda e: e["report"])
def test_example_followups(corpus_graph, example):
    [row] = corpus_graph.read(
        """
        MATCH (r:Document {source: $report})-[:HAS_PASSAGE]->(rp:Paragraph {number: $report_paragraph})
        MATCH (d:Decision {symbol: $decision})-[:HAS_PARAGRAPH]->(dp:Paragraph {number: $decision_paragraph})
        RETURN EXISTS { (r)-[:FOLLOWS_UP]->(:Mandate)<-[:STATES]-(dp) } AS follows_up,
               EXISTS { (rp)-[:CITES_PARAGRAPH]->(dp) } AS cites, dp.source AS decision_doc
        """, {k: example[k] for k in ("report", "report_paragraph", "decision", "decision_paragraph")})
    assert row == {"follows_up": True, "cites": True, "decision_doc": example["decision_doc"]}


# ---------------------------------------------------------------- order of ingest, languages


def snapshot(db) -> tuple[set, set]:
    """The graph as comparable sets: nodes by their key and properties, relationships by their ends and type."""
    # How a document was made, and its stored RDF, which holds its content hash.
    volatile = {"embedding", "content_hash", "pipeline_version", "embedding_model", "rdf"}

    def frozen(props: dict) -> tuple:
        return tuple(sorted((k, str(v)) for k, v in props.items() if k not in volatile))

    nodes = {(tuple(sorted(r["labels"])), frozen(r["props"]))
             for r in db.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")}
    rels = {(r["a"], r["type"], r["b"], frozen(r["props"])) for r in db.read(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.iri, a.symbol) AS a, type(r) AS type, coalesce(b.iri, b.symbol) AS b, "
        "properties(r) AS props")}
    return nodes, rels


def load(db, embedder, tmp_path, *names: str) -> None:
    for name in names:
        target = tmp_path / name
        if not target.exists():
            shutil.copy(FIXTURES / name, target)
        [result] = ingest([target], db, embedder)
        assert result.status in ("loaded", "unchanged"), result.error


def test_the_chain_is_the_same_whatever_the_order_of_ingest(empty_graph, embedder, tmp_path):
    load(empty_graph, embedder, tmp_path, "decisions_en.txt", "synthesis_report_zh.txt")
    first = snapshot(empty_graph)
    chain = empty_graph.read(
        "MATCH (r:Document)-[:FOLLOWS_UP]->(m:Mandate)<-[:STATES]-(p:Paragraph)<-[:HAS_PARAGRAPH]-(d:Decision) "
        "WHERE r.source = 'synthesis_report_zh.txt' RETURN d.symbol AS d, p.number AS p, m.addressee AS a")
    assert [r.data() for r in chain] == [{"d": "7/CMA.13", "p": "3", "a": "secretariat"}]
    cited = empty_graph.read("MATCH (:Document {source: 'synthesis_report_zh.txt'})-[:HAS_PASSAGE]->(p)"
                             "-[:CITES_PARAGRAPH]->(q) RETURN p.number AS p, q.number AS q, q.source AS source")
    assert [r.data() for r in cited] == [{"p": "1", "q": "3", "source": "decisions_en.txt"}]

    empty_graph.write("MATCH (n) DETACH DELETE n")
    load(empty_graph, embedder, tmp_path, "synthesis_report_zh.txt", "decisions_en.txt")
    assert snapshot(empty_graph) == first

    decision = tmp_path / "decisions_en.txt"
    decision.write_bytes(decision.read_bytes() + b"\r\n")  # changed: reloaded, and linked again
    load(empty_graph, embedder, tmp_path, "decisions_en.txt")
    assert snapshot(empty_graph) == first


def test_a_citation_of_an_annex_paragraph_reaches_it_whatever_the_order_of_ingest(empty_graph, embedder, tmp_path):
    # The annex numbers its paragraphs apart: its paragraph 2 is not the decision's.
    (tmp_path / "note_en.txt").write_text(
        "Note by the secretariat\n\n"
        "1. The workshops were held in hybrid format, as paragraph 2 of the annex to decision 7/CMA.13 provides.\n\n"
        "2. The SBSTA took stock of the work programme, as requested in decision 7/CMA.13, paragraph 2.\n",
        encoding="utf-8")

    def cited() -> list[dict]:
        return [r.data() for r in empty_graph.read(
            "MATCH (p:Passage {source: 'note_en.txt'})-[c:CITES]->(:Decision) "
            "OPTIONAL MATCH (p)-[:CITES_PARAGRAPH]->(q) "
            "RETURN p.number AS p, c.paragraphs AS paragraphs, c.annex_paragraphs AS annex, q.key AS q ORDER BY p")]

    expected = [{"p": "1", "paragraphs": [], "annex": ["2"], "q": "7/CMA.13.p2~2"},
                {"p": "2", "paragraphs": ["2"], "annex": [], "q": "7/CMA.13.p2"}]
    load(empty_graph, embedder, tmp_path, "decisions_en.txt", "note_en.txt")
    assert cited() == expected
    empty_graph.write("MATCH (n) DETACH DELETE n")
    load(empty_graph, embedder, tmp_path, "note_en.txt", "decisions_en.txt")
    assert cited() == expected


def test_one_decision_in_two_languages(empty_graph, embedder, tmp_path):
    load(empty_graph, embedder, tmp_path, "decisions_en.txt", "decisions_zh.txt")
    [row] = empty_graph.read(
        """
        MATCH (d:Decision {symbol: '7/CMA.13'})
        RETURN d.title AS title, [(d)-[:HAS_TEXT]->(t) | t.language] AS texts,
               [(d)-[:HAS_PARAGRAPH]->(p) | [p.number, p.language]] AS paragraphs
        """)
    assert row["title"] == "Coastal resilience work programme"  # the English text's, whatever the order
    assert sorted(row["texts"]) == ["en", "zh"]
    by_number: dict[str, list[str]] = {}
    for number, language in row["paragraphs"]:
        by_number.setdefault(number, []).append(language)
    assert {n: sorted(langs) for n, langs in by_number.items()} == {str(n): ["en", "zh"] for n in range(1, 7)}
    # Deleting the English text leaves the decision with its Chinese one.
    from graph.store.loader import delete_document

    delete_document(empty_graph, "decisions_en")
    [row] = empty_graph.read("MATCH (d:Decision {symbol: '7/CMA.13'}) RETURN d.title AS title, "
                             "COUNT { (d)-[:HAS_PARAGRAPH]->() } AS paragraphs")
    assert (row["title"], row["paragraphs"]) == ("沿海复原力工作方案", 6)
