"""The mapping from one document's RDF graph to Neo4j rows (docs/schema.md): each ontology class becomes a label,
literal properties become node properties, object properties become relationships.

Two RDF constructs fold into relationship properties so Cypher stays plain: a reified ckg:Citation becomes
(citer)-[:CITES {paragraphs, annex_paragraphs}]->(Decision) or (citer)-[:CITES_DOCUMENT {via_footnotes}]->
(DocumentSymbol), and a mandate's decision paragraphs become (Mandate)-[:RESTS_ON {paragraphs}]->(Decision).

Decision, Session, Body and DocumentSymbol are shared by documents: MERGEd on their natural key (SHARED_KEY).
Every other node belongs to one document (property doc_id).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from rdflib import DC, DCTERMS, RDF, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from graph.gloss import english_gloss
from graph.rdf import CKG, ELI
from graph.symbols import annex_paragraph
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
# Search's two language sides (English, and the others) as labels, keyed by "is English": a vector index per label
# ranks one side's passages or sentences without over-fetching the other's (graph.store.schema).
PASSAGE_SIDE = {True: "EnglishPassage", False: "OtherPassage"}
SENTENCE_SIDE = {True: "EnglishSentence", False: "OtherSentence"}

PROPERTIES: dict[Node, str] = {
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
LANG_PROPERTIES: dict[Node, str] = {SKOS.prefLabel: "name", SKOS.altLabel: "short"}  # + "_zh" / "_en"

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
def natural_key(text: str) -> tuple:
    """Sort "9" before "10" and "34" before "34(c)"; digits before words, so any two texts compare."""
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.findall(r"\d+|\D+", text))


class DocumentRows:
    """One document's graph as node and relationship rows, grouped by the Cypher statement that writes them."""

    def __init__(self, g: Graph):
        self.g = g
        docs = list(g.subjects(RDF.type, CKG.Document))
        if len(docs) != 1:
            raise ValueError(f"expected the graph of one document, found {len(docs)} documents")
        self.doc = docs[0]
        self.doc_id = str(g.value(self.doc, DCTERMS.identifier))
        self.source = str(g.value(self.doc, CKG.sourceFile))
        self.labels: dict[Node, list[str]] = {}
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
            if labels[0] == "Document":  # the graph itself, for the RDF the API serves (docs/schema.md)
                props["rdf"] = self.g.serialize(format="nt")
            side: tuple[str, ...] = ()
            if "Passage" in labels:
                props["tokens"] = token_text(props.get("text", ""))
                if props.get("language") == "en":  # also indexed by Lucene's English analyzer (stems, stop words)
                    props["text_en"] = props.get("text", "")
                else:  # so is its English gloss, for English questions
                    props["gloss_en"] = english_gloss(props.get("text", ""))
                side = (PASSAGE_SIDE[props.get("language") == "en"],)
            key = props.get(SHARED_KEY.get(labels[0], "iri"))
            groups[(*labels, *side)].append({"key": key, "props": props})
        return groups

    def relationships(self) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)

        def add(a: Node, rel: str, b: Node | None, props: dict[str, Any] | None = None) -> None:
            if a in self.labels and b in self.labels:
                groups[(self.labels[a][0], rel, self.labels[b][0])].append(
                    {"a": str(a), "b": str(b), "props": props or {}}
                )

        for p, rel in RELATIONSHIPS.items():
            for a, b in self.g.subject_objects(p):
                add(a, rel, b)
        for (citer, rel, cited), props in self.citations().items():
            add(citer, rel, cited, props)
        for mandate, decision in self.g.subject_objects(CKG.restsOn):
            add(mandate, "RESTS_ON", decision, self.rests_on(mandate))
        return groups

    def rests_on(self, mandate: Node) -> dict[str, Any]:
        """RESTS_ON's properties: the decision paragraphs."""
        g = self.g
        return {"paragraphs": sorted((str(g.value(p, CKG.number)) for p in g.objects(mandate, CKG.restsOnParagraph)),
                                     key=natural_key)}

    def citations(self) -> dict[tuple[Node, str, Node | None], dict[str, Any]]:
        """One CITES (a decision) or CITES_DOCUMENT (a document symbol) per citer and cited thing, from the
        citer's citations of it: the union of their paragraphs, quotes and footnotes, and `in_text` when one
        of them is in the citer's own text (no footnote, or the citer is that footnote)."""
        g = self.g
        merged: dict[tuple[Node, str, Node | None], dict[str, Any]] = {}
        for citer, citation in g.subject_objects(CKG.hasCitation):
            decision = g.value(citation, CKG.citesDecision)
            key = (citer, "CITES", decision) if decision is not None else (
                citer, "CITES_DOCUMENT", g.value(citation, CKG.citesDocumentSymbol))
            entry = merged.setdefault(key, {"paragraphs": set(), "annex_paragraphs": set(), "quotes": set(),
                                            "via_footnotes": set(), "in_text": False})
            for p in g.objects(citation, CKG.citesParagraph):
                if (p, RDF.type, CKG.AnnexParagraph) in g:
                    entry["annex_paragraphs"].add(annex_paragraph(str(g.value(p, CKG.annex) or ""),
                                                                  str(g.value(p, CKG.number))))
                else:
                    entry["paragraphs"].add(str(g.value(p, CKG.number)))
            entry["quotes"].update(str(q) for q in g.objects(citation, CKG.quote))
            via = g.value(citation, CKG.viaFootnote)
            if via is None or via == citer:
                entry["in_text"] = True
            else:
                entry["via_footnotes"].add(str(g.value(via, CKG.number)))
        out = {}
        for (citer, rel, cited), entry in merged.items():
            names = ("paragraphs", "annex_paragraphs", "quotes", "via_footnotes") if rel == "CITES" else (
                "via_footnotes",)
            lists = {name: sorted(entry[name], key=natural_key) for name in names}
            out[(citer, rel, cited)] = lists | {"in_text": entry["in_text"]}
        return out




def passage_texts(g: Graph) -> dict[str, str]:
    """Passage IRI -> the text that search indexes and returns (the passage with its footnote texts)."""
    return {str(p): str(g.value(p, CKG.text)) for p in g.subjects(RDF.type, CKG.Passage)}
