"""Writes: load one document's validated RDF graph into Neo4j, or delete it, in one transaction each.

Loading a document first deletes its own nodes, then creates them anew (batched UNWIND Cypher, rows from
graph.store.mapping) with the passages' vectors and the long passages' sentences (graph.sentences), removes shared
nodes nothing refers to any more and makes the links to other documents, all in one transaction: a failure rolls
back and leaves the previous graph as it was.
"""

from __future__ import annotations

from typing import Any

from neo4j.exceptions import Neo4jError
from rdflib import Graph

from graph.errors import LoadFailed
from graph.store.client import Neo4jClient
from graph.store.mapping import OWN, PASSAGE_SIDE, SENTENCE_SIDE, SHARED_KEY, DocumentRows
from graph.store.queries import annex_paragraph_in

_BATCH = 2000


def _chunks(rows: list[dict[str, Any]]):
    for i in range(0, len(rows), _BATCH):
        yield rows[i : i + _BATCH]


Sentences = list[tuple[str, str, list[float]]]  # (passage IRI, sentence, its vector)


def _write(tx, rows: DocumentRows, vectors: dict[str, list[float]], stamp: dict[str, str],
           sentences: Sentences) -> dict[str, int]:
    _delete_own(tx, rows.doc_id)
    for labels, group in rows.nodes().items():
        label_expr = ":".join(f"`{label}`" for label in labels)
        if labels[0] in SHARED_KEY:
            query = (f"UNWIND $rows AS row MERGE (n:`{labels[0]}` {{{SHARED_KEY[labels[0]]}: row.key}}) "
                     f"SET n:{label_expr}, n += row.props")
        else:
            query = f"UNWIND $rows AS row CREATE (n:{label_expr}) SET n = row.props"
        for chunk in _chunks(group):
            tx.run(query, rows=chunk).consume()
    created = 0
    for (a, rel, b), group in rows.relationships().items():
        verb = "MERGE" if a in SHARED_KEY and b in SHARED_KEY else "CREATE"  # shared-to-shared edges exist once
        query = (f"UNWIND $rows AS row MATCH (a:`{a}` {{iri: row.a}}) MATCH (b:`{b}` {{iri: row.b}}) "
                 f"{verb} (a)-[r:`{rel}`]->(b) SET r = row.props RETURN count(r) AS n")
        for chunk in _chunks(group):
            created += tx.run(query, rows=chunk).single()["n"]
    # Vectors go in with the passages, so a document is never searchable by text but not by meaning.
    vector_rows = [{"iri": iri, "vector": vector} for iri, vector in vectors.items()]
    for chunk in _chunks(vector_rows):
        tx.run("UNWIND $rows AS row MATCH (p:Passage {iri: row.iri}) "
               "CALL db.create.setNodeVectorProperty(p, 'embedding', row.vector)", rows=chunk).consume()
    sentence_rows = [{"iri": iri, "order": i, "text": text, "vector": vector}
                     for i, (iri, text, vector) in enumerate(sentences)]
    for chunk in _chunks(sentence_rows):
        tx.run("UNWIND $rows AS row MATCH (p:Passage {iri: row.iri}) "
               "CREATE (p)-[:HAS_SENTENCE]->(s:Sentence {doc_id: p.doc_id, order: row.order, text: row.text}) "
               "WITH s, row CALL db.create.setNodeVectorProperty(s, 'embedding', row.vector)", rows=chunk).consume()
    for english, label in SENTENCE_SIDE.items():  # on the side of its passage
        tx.run(f"MATCH (:{PASSAGE_SIDE[english]} {{doc_id: $doc_id}})-[:HAS_SENTENCE]->(s:Sentence) SET s:{label}",
               doc_id=rows.doc_id).consume()
    tx.run("MATCH (d:Document {doc_id: $doc_id}) SET d += $stamp", doc_id=rows.doc_id, stamp=stamp).consume()
    _remove_orphans(tx)
    _link(tx, rows.doc_id)
    return {"nodes": len(rows.labels), "relationships": created}


def _delete_own(tx, doc_id: str) -> None:
    # Sentences are not in the RDF graph (they are how search embeds a long passage), so not in OWN.
    for label in ["Document", *OWN, "Sentence"]:
        tx.run(f"MATCH (n:`{label}` {{doc_id: $doc_id}}) DETACH DELETE n", doc_id=doc_id).consume()


# What joins one document to another, made from either side so that the order of ingest does not matter: run
# after the document `$doc_id` is written, each statement finds the links that start or end in it.
_TOP_NUMBER = "[x IN {paragraphs} | split(x, '(')[0]]"  # a citation of "34(c)" reaches paragraph 34
LINKS = [
    # A citation of a decision's paragraph reaches that paragraph of the decision's own text (in every language).
    "MATCH (p:Passage {doc_id: $doc_id})-[c:CITES]->(:Decision)-[:HAS_PARAGRAPH]->(q:Paragraph) "
    f"WHERE q.number IN {_TOP_NUMBER.format(paragraphs='c.paragraphs')} MERGE (p)-[:CITES_PARAGRAPH]->(q)",
    "MATCH (q:Paragraph {doc_id: $doc_id})<-[:HAS_PARAGRAPH]-(:Decision)<-[c:CITES]-(p:Passage) "
    f"WHERE q.number IN {_TOP_NUMBER.format(paragraphs='c.paragraphs')} MERGE (p)-[:CITES_PARAGRAPH]->(q)",
    # ... and so does a citation of a paragraph of its annex.
    "MATCH (p:Passage {doc_id: $doc_id})-[c:CITES]->(d:Decision)-[:HAS_PASSAGE]->(q:Paragraph)"
    f"<-[:CONTAINS]-(s:Section) WHERE {annex_paragraph_in('c.annex_paragraphs')} MERGE (p)-[:CITES_PARAGRAPH]->(q)",
    "MATCH (s:Section)-[:CONTAINS]->(q:Paragraph {doc_id: $doc_id})<-[:HAS_PASSAGE]-(d:Decision)<-[c:CITES]-"
    f"(p:Passage) WHERE {annex_paragraph_in('c.annex_paragraphs')} MERGE (p)-[:CITES_PARAGRAPH]->(q)",
    # A report prepared in response to a mandate it restates follows up the mandate the decision's paragraph states
    # (the same kind, to the same addressee when the report names one).
    "MATCH (r:Document {doc_id: $doc_id})-[:FOLLOWS_UP]->(m:Mandate)-[o:RESTS_ON]->(:Decision)-[:HAS_PARAGRAPH]->"
    "(q:Paragraph)-[:STATES]->(dm:Mandate) "
    f"WHERE q.number IN {_TOP_NUMBER.format(paragraphs='o.paragraphs')} AND dm.kind = m.kind "
    "AND (m.addressee IS NULL OR dm.addressee = m.addressee) MERGE (r)-[:FOLLOWS_UP]->(dm)",
    "MATCH (q:Paragraph {doc_id: $doc_id})-[:STATES]->(dm:Mandate), "
    "(r:Document)-[:FOLLOWS_UP]->(m:Mandate)-[o:RESTS_ON]->(:Decision)-[:HAS_PARAGRAPH]->(q) "
    f"WHERE q.number IN {_TOP_NUMBER.format(paragraphs='o.paragraphs')} AND dm.kind = m.kind "
    "AND (m.addressee IS NULL OR dm.addressee = m.addressee) AND r.doc_id <> $doc_id MERGE (r)-[:FOLLOWS_UP]->(dm)",
]
# A decision's title, meeting and day come from its texts: English first (the language decisions are negotiated
# in), then by document. Re-derived after every load and delete, so they follow the texts in the graph.
DECISION_FROM_TEXTS = """
MATCH (d:Decision) WHERE d.title IS NOT NULL OR EXISTS { (d)-[:HAS_TEXT]->() }
WITH d, COLLECT { MATCH (d)-[:HAS_TEXT]->(t) RETURN t ORDER BY t.language <> 'en', t.doc_id }[0] AS t
SET d.title = t.title, d.meeting = t.meeting, d.adopted_on = t.adopted_on
"""


def _link(tx, doc_id: str) -> None:
    for statement in LINKS:
        tx.run(statement, doc_id=doc_id).consume()
    tx.run(DECISION_FROM_TEXTS).consume()


def _remove_orphans(tx) -> None:
    """Shared nodes no document refers to any more, decisions first (they hold sessions and bodies)."""
    tx.run("MATCH (d:Decision) WHERE NOT EXISTS { ()-[:CITES|RESTS_ON]->(d) } AND NOT EXISTS { (d)-[:HAS_TEXT]->() } "
           "DETACH DELETE d").consume()
    tx.run("MATCH (s:DocumentSymbol) WHERE NOT EXISTS { (s)--() } DELETE s").consume()
    tx.run("MATCH (s:Session) WHERE NOT EXISTS { (s)<--() } DETACH DELETE s").consume()
    tx.run("MATCH (b:Body) WHERE NOT EXISTS { (b)<--() } DETACH DELETE b").consume()


def _run_write(client: Neo4jClient, source: str, work, *args):
    with client.connection_errors(), client.session() as session:
        try:
            return session.execute_write(work, *args)
        except Neo4jError as e:
            raise LoadFailed(
                source, f"not loaded into Neo4j, nothing changed: {' '.join((e.message or str(e)).split())}"
            ) from e


def load_document(client: Neo4jClient, g: Graph, vectors: dict[str, list[float]] | None = None,
                  stamp: dict[str, str] | None = None, sentences: Sentences | None = None) -> dict[str, int]:
    """Replace the document in Neo4j by `g` (one validated document graph), in one transaction.

    `vectors` maps passage IRIs to their embeddings; `stamp` is set on the Document (how it was made); `sentences`
    are the long passages' sentences with their embeddings, in order."""
    rows = DocumentRows(g)
    return _run_write(client, rows.source, _write, rows, vectors or {}, stamp or {}, sentences or [])


def delete_document(client: Neo4jClient, doc_id: str) -> None:
    """Remove a document's own nodes and the shared nodes only it referred to, in one transaction."""

    def work(tx):
        _delete_own(tx, doc_id)
        _remove_orphans(tx)
        tx.run(DECISION_FROM_TEXTS).consume()

    _run_write(client, doc_id, work)
