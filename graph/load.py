"""Load one document's validated RDF graph into Neo4j: batched UNWIND Cypher, one transaction per document.

The mapping (docs/schema.md): each ontology class becomes a label, literal properties become node
properties, object properties become relationships. Two RDF constructs fold into relationship
properties so Cypher stays plain: a reified ckg:Citation becomes (citer)-[:CITES {paragraphs}]->
(Decision) or (citer)-[:CITES_DOCUMENT {via_footnotes}]->(DocumentSymbol), and a mandate's decision paragraphs become (Mandate)-[:RESTS_ON {paragraphs}]->(Decision).

Decision, Session, Body and DocumentSymbol are shared by documents: MERGEd on their natural key.
Every other node belongs to one document (property doc_id). Loading a document first deletes its
own nodes, then creates them anew and removes shared nodes nothing refers to any more, all in one
transaction: a failure rolls back and leaves the previous graph as it was.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from neo4j.exceptions import Neo4jError
from rdflib import DC, DCTERMS, RDF, SKOS, Graph, Literal, URIRef

from graph.db import Graph as Neo4jGraph
from graph.errors import DocumentError
from graph.rdf import CKG, ELI
from graph.tokens import token_text

# Class -> label. A node's labels are those of all its classes, the first listed being its primary label.
LABELS: dict[URIRef, str] = {
    CKG.Document: "Document",
    CKG.Section: "Section",
    CKG.DecisionText: "DecisionText",
    CKG.Passage: "Passage",
    CKG.Paragraph: "Paragraph",
    CKG.PreambularParagraph: "PreambularParagraph",
    CKG.TableRow: "TableRow",
    CKG.Block: "Block",
    CKG.Caption: "Caption",
    CKG.Subparagraph: "Subparagraph",
    CKG.Footnote: "Footnote",
    CKG.AgendaItem: "AgendaItem",
    CKG.Acronym: "Acronym",
    CKG.Mandate: "Mandate",
    CKG.Decision: "Decision",
    CKG.Session: "Session",
    CKG.Body: "Body",
    CKG.DocumentSymbol: "DocumentSymbol",
}
PRIMARY = ["Document", "Section", "Passage", "Subparagraph", "Footnote", "AgendaItem", "Acronym", "Mandate",
           "Decision", "Session", "Body", "DocumentSymbol"]
# Shared nodes and the property they are MERGEd on.
SHARED_KEY = {"Decision": "symbol", "Session": "name", "Body": "code", "DocumentSymbol": "symbol"}
OWN = [label for label in PRIMARY if label not in SHARED_KEY and label != "Document"]

PROPERTIES: dict[URIRef, str] = {
    CKG.sourceFile: "source",
    DCTERMS.identifier: "doc_id",
    CKG.style: "style",
    CKG.contentHash: "content_hash",
    DCTERMS.language: "language",
    DCTERMS.title: "title",
    DC.creator: "author",
    DC.date: "date_text",
    CKG.placeText: "place_text",
    DCTERMS.abstract: "summary",
    CKG.key: "key",
    CKG.kind: "kind",
    CKG.mandateKind: "kind",
    CKG.number: "number",
    CKG.decisionNumber: "number",
    CKG.sessionNumber: "number",
    CKG.order: "order",
    CKG.level: "level",
    CKG.text: "text",
    CKG.passageText: "passage_text",
    CKG.symbol: "symbol",
    CKG.name: "name",
    CKG.code: "code",
    CKG.action: "action",
    CKG.quote: "quote",
    CKG.addressee: "addressee",
    CKG.addresseeText: "addressee_text",
    CKG.deadline: "deadline",
    CKG.deadlineDate: "deadline_date",
    CKG.meetingText: "meeting",
    CKG.adoptedOn: "adopted_on",
    SKOS.notation: "abbreviation",
}
LANG_PROPERTIES = {SKOS.prefLabel: "name", SKOS.altLabel: "short"}  # + "_zh" / "_en"

RELATIONSHIPS: dict[URIRef, str] = {
    CKG.hasSection: "HAS_SECTION",
    CKG.contains: "CONTAINS",
    CKG.hasPassage: "HAS_PASSAGE",
    CKG.hasSubparagraph: "HAS_SUBPARAGRAPH",
    CKG.hasFootnote: "HAS_FOOTNOTE",
    CKG.hasAgendaItem: "HAS_AGENDA_ITEM",
    CKG.hasSymbol: "HAS_SYMBOL",
    CKG.forSession: "FOR_SESSION",
    CKG.defines: "DEFINES",
    CKG.mentionsSession: "MENTIONS_SESSION",
    CKG.adoptedAt: "ADOPTED_AT",
    CKG.ofBody: "OF_BODY",
    CKG.ofSession: "OF_SESSION",
    ELI.passed_by: "ADOPTED_BY",
    CKG.hasMandate: "HAS_MANDATE",
    CKG.states: "STATES",
    CKG.issuedBy: "ISSUED_BY",
    CKG.issuedAt: "ISSUED_AT",
    CKG.viaFootnote: "VIA_FOOTNOTE",  # a mandate's; a citation's goes into CITES.via_footnotes
    CKG.followsUp: "FOLLOWS_UP",
    CKG.dueAt: "DUE_AT",
    CKG.refersTo: "REFERS_TO",
    ELI.is_realized_by: "HAS_TEXT",
    CKG.textPassage: "HAS_PASSAGE",
    CKG.operativeParagraph: "HAS_PARAGRAPH",
}
_BATCH = 2000
FULLTEXT_INDEX = "passage_tokens"
ENGLISH_INDEX = "passage_english"
VECTOR_INDEX = "passage_embedding"


class LoadFailed(DocumentError):
    """Neo4j refused the document; the transaction was rolled back and the graph is as it was."""


def _natural(text: str) -> tuple:
    """Sort "9" before "10" and "34" before "34(c)"; digits before words, so any two texts compare."""
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.findall(r"\d+|\D+", text))


class _Rows:
    """One document's graph as node and relationship rows, grouped by the Cypher statement that writes them."""

    def __init__(self, g: Graph):
        self.g = g
        docs = list(g.subjects(RDF.type, CKG.Document))
        if len(docs) != 1:
            raise ValueError(f"expected the graph of one document, found {len(docs)} documents")
        self.doc = docs[0]
        self.doc_id = str(g.value(self.doc, DCTERMS.identifier))
        self.source = str(g.value(self.doc, CKG.sourceFile))
        self.labels: dict[URIRef, list[str]] = {}
        for cls, label in LABELS.items():
            for node in g.subjects(RDF.type, cls):
                self.labels.setdefault(node, []).append(label)
        for labels in self.labels.values():
            labels.sort(key=lambda label: label not in PRIMARY)

    def nodes(self) -> dict[tuple[str, ...], list[dict[str, Any]]]:
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for node, labels in self.labels.items():
            props: dict[str, Any] = {"iri": str(node)}
            if labels[0] not in SHARED_KEY:
                props |= {"doc_id": self.doc_id, "source": self.source}
            for p, o in self.g.predicate_objects(node):
                if not isinstance(o, Literal):
                    continue
                if p in PROPERTIES:
                    props[PROPERTIES[p]] = o.toPython()
                elif p in LANG_PROPERTIES and o.language:
                    props[f"{LANG_PROPERTIES[p]}_{o.language}"] = str(o)
            if "Passage" in labels:
                props["tokens"] = token_text(props.get("text", ""))
                if props.get("language") == "en":  # also indexed by Lucene's English analyzer (stems, stop words)
                    props["text_en"] = props.get("text", "")
            key = props.get(SHARED_KEY.get(labels[0], "iri"))
            groups[tuple(labels)].append({"key": key, "props": props})
        return groups

    def relationships(self) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)

        def add(a: URIRef, rel: str, b: URIRef, props: dict[str, Any] | None = None) -> None:
            if a in self.labels and b in self.labels:
                groups[(self.labels[a][0], rel, self.labels[b][0])].append({"a": str(a), "b": str(b), "props": props or {}})

        for p, rel in RELATIONSHIPS.items():
            for a, b in self.g.subject_objects(p):
                add(a, rel, b)
        for (citer, rel, cited), props in self.citations().items():
            add(citer, rel, cited, props)
        for mandate, decision in self.g.subject_objects(CKG.restsOn):
            add(mandate, "RESTS_ON", decision, self.rests_on(mandate))
        return groups

    def rests_on(self, mandate: URIRef) -> dict[str, Any]:
        """RESTS_ON's properties: the decision paragraphs."""
        g = self.g
        return {"paragraphs": sorted((str(g.value(p, CKG.number)) for p in g.objects(mandate, CKG.restsOnParagraph)),
                                     key=_natural)}

    def citations(self) -> dict[tuple[URIRef, str, URIRef], dict[str, Any]]:
        """One CITES (a decision) or CITES_DOCUMENT (a document symbol) per citer and cited thing, from the
        citer's citations of it: the union of their paragraphs, quotes and footnotes, and `in_text` when one
        of them is in the citer's own text (no footnote, or the citer is that footnote)."""
        g = self.g
        merged: dict[tuple[URIRef, str, URIRef], dict[str, Any]] = {}
        for citer, citation in g.subject_objects(CKG.hasCitation):
            decision = g.value(citation, CKG.citesDecision)
            key = (citer, "CITES", decision) if decision is not None else (
                citer, "CITES_DOCUMENT", g.value(citation, CKG.citesDocumentSymbol))
            entry = merged.setdefault(key, {"paragraphs": set(), "quotes": set(), "via_footnotes": set(), "in_text": False})
            entry["paragraphs"].update(str(g.value(p, CKG.number)) for p in g.objects(citation, CKG.citesParagraph))
            entry["quotes"].update(str(q) for q in g.objects(citation, CKG.quote))
            via = g.value(citation, CKG.viaFootnote)
            if via is None or via == citer:
                entry["in_text"] = True
            else:
                entry["via_footnotes"].add(str(g.value(via, CKG.number)))
        out = {}
        for (citer, rel, cited), entry in merged.items():
            names = ("paragraphs", "quotes", "via_footnotes") if rel == "CITES" else ("via_footnotes",)
            out[(citer, rel, cited)] = {name: sorted(entry[name], key=_natural) for name in names} | {"in_text": entry["in_text"]}
        return out


def _chunks(rows: list[dict[str, Any]]):
    for i in range(0, len(rows), _BATCH):
        yield rows[i : i + _BATCH]


def _write(tx, rows: _Rows, vectors: dict[str, list[float]], stamp: dict[str, str]) -> dict[str, int]:
    _delete_own(tx, rows.doc_id)
    for labels, group in rows.nodes().items():
        label_expr = ":".join(f"`{label}`" for label in labels)
        if labels[0] in SHARED_KEY:
            query = f"UNWIND $rows AS row MERGE (n:`{labels[0]}` {{{SHARED_KEY[labels[0]]}: row.key}}) SET n:{label_expr}, n += row.props"
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
    tx.run("MATCH (d:Document {doc_id: $doc_id}) SET d += $stamp", doc_id=rows.doc_id, stamp=stamp).consume()
    _remove_orphans(tx)
    _link(tx, rows.doc_id)
    return {"nodes": len(rows.labels), "relationships": created}


def _delete_own(tx, doc_id: str) -> None:
    for label in ["Document", *OWN]:
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


def _run_write(db: Neo4jGraph, source: str, work, *args):
    with db.connection_errors(), db.session() as session:
        try:
            return session.execute_write(work, *args)
        except Neo4jError as e:
            raise LoadFailed(source, f"not loaded into Neo4j, nothing changed: {' '.join((e.message or str(e)).split())}") from e


def load_document(db: Neo4jGraph, g: Graph, vectors: dict[str, list[float]] | None = None,
                  stamp: dict[str, str] | None = None) -> dict[str, int]:
    """Replace the document in Neo4j by `g` (one validated document graph), in one transaction.

    `vectors` maps passage IRIs to their embeddings; `stamp` is set on the Document (how it was made)."""
    rows = _Rows(g)
    return _run_write(db, rows.source, _write, rows, vectors or {}, stamp or {})


def passage_texts(g: Graph) -> dict[str, str]:
    """Passage IRI -> the text that search indexes and returns (the passage with its footnote texts)."""
    return {str(p): str(g.value(p, CKG.text)) for p in g.subjects(RDF.type, CKG.Passage)}


def delete_document(db: Neo4jGraph, doc_id: str) -> None:
    """Remove a document's own nodes and the shared nodes only it referred to, in one transaction."""

    def work(tx):
        _delete_own(tx, doc_id)
        _remove_orphans(tx)
        tx.run(DECISION_FROM_TEXTS).consume()

    _run_write(db, doc_id, work)


def stored_document(db: Neo4jGraph, doc_id: str) -> dict[str, Any] | None:
    """The Document node's properties as loaded, or None: ingest compares them to skip unchanged files."""
    records = db.read("MATCH (d:Document {doc_id: $doc_id}) RETURN properties(d) AS d", {"doc_id": doc_id})
    return records[0]["d"] if records else None


def ensure_schema(db: Neo4jGraph) -> None:
    """Uniqueness constraints (each with its index) and the indexes the loader and analysts need."""
    statements = [
        f"CREATE CONSTRAINT {label.lower()}_iri IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.iri IS UNIQUE"
        for label in PRIMARY
    ]
    statements += [
        f"CREATE CONSTRAINT {label.lower()}_{key} IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.{key} IS UNIQUE"
        for label, key in {**SHARED_KEY, "Document": "doc_id"}.items()
    ]
    statements += [f"CREATE INDEX {label.lower()}_doc_id IF NOT EXISTS FOR (n:`{label}`) ON (n.doc_id)" for label in OWN]
    statements += [
        "CREATE INDEX paragraph_number IF NOT EXISTS FOR (n:Paragraph) ON (n.number)",
        "CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source)",
        "CREATE INDEX acronym_abbreviation IF NOT EXISTS FOR (n:Acronym) ON (n.abbreviation)",
    ]
    statements += [
        # For analysts' Chinese phrase queries: Lucene's CJK analyzer indexes overlapping bigrams.
        "CREATE FULLTEXT INDEX passage_text IF NOT EXISTS FOR (n:Passage) ON EACH [n.text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
        # For search (BM25 over words): Passage.tokens holds the text already segmented into words (graph.tokens), so a whitespace analyzer suffices.
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Passage) ON EACH [n.tokens] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
        # English passages (Passage.text_en) by Lucene's English analyzer: "stocktakes" finds "stocktake".
        f"CREATE FULLTEXT INDEX {ENGLISH_INDEX} IF NOT EXISTS FOR (n:Passage) ON EACH [n.text_en] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
    ]
    for statement in statements:
        db.write(statement)




def ensure_vector_index(db: Neo4jGraph, dimensions: int) -> None:
    """The cosine vector index over Passage.embedding; recreated when the model's dimension changes."""
    found = db.read("SHOW VECTOR INDEXES YIELD name, options WHERE name = $name RETURN options", {"name": VECTOR_INDEX})
    if found and found[0]["options"]["indexConfig"]["vector.dimensions"] != dimensions:
        db.write(f"DROP INDEX {VECTOR_INDEX}")
    db.write(f"CREATE VECTOR INDEX {VECTOR_INDEX} IF NOT EXISTS FOR (p:Passage) ON p.embedding "
             "OPTIONS {indexConfig: {`vector.dimensions`: $dim, `vector.similarity_function`: 'cosine'}}",
             {"dim": dimensions})
