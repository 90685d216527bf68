"""A decision's own RDF: cut from the RDF of the documents that hold its text or restate its mandates, and closed
under what ontology/shapes.ttl asks of every node in it, so that the cut validates as a document's graph does.

It holds the decision with its session and body; its text as the shown document gives it (the decision's section,
its sub-sections and passages with their sub-paragraphs, footnotes, citations and the mandates they state); the
mandates a report restates as resting on it, with the passages stating them; and the metadata of those documents.
Another decision reached (cited, or given by the same decisions document) comes as what it is (symbol, number,
session, body) without its text, and a section above the decision's text with its own properties only: else the cut
would grow into whole documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, RdfFormat, Store, Triple
from rdflib import RDF, URIRef

from graph.rdf import CKG, ELI, decision_iri, document_iri


def _node(iri: URIRef) -> NamedNode:
    return NamedNode(str(iri))


TYPE = _node(RDF.type)
_DECISION, _SECTION, _PASSAGE = _node(CKG.Decision), _node(CKG.Section), _node(CKG.Passage)
_HAS_SECTION, _RESTS_ON, _STATES = _node(CKG.hasSection), _node(CKG.restsOn), _node(CKG.states)
# What a decision is, without its text.
_IDENTITY = {TYPE, _node(CKG.symbol), _node(CKG.decisionNumber), _node(CKG.adoptedAt), _node(ELI.passed_by)}
# The shared things a document's metadata names.
_DOCUMENT_LINKS = (_node(CKG.hasSymbol), _node(CKG.forSession))


@dataclass
class SourceDocument:
    doc_id: str
    ntriples: str  # the document's RDF as the loader stored it
    holds_text: bool  # the decision's text shown is this document's


class _Cut:
    """The part of one document's graph that belongs to the decision."""

    def __init__(self, source: SourceDocument, decision: NamedNode):
        self.store = Store()
        self.store.load(source.ntriples, RdfFormat.N_TRIPLES)
        self.decision, self.holds_text = decision, source.holds_text
        self.document = NamedNode(str(document_iri(source.doc_id)))
        self.triples: set[Triple] = set()
        self.seen: set[NamedNode] = set()

    def has_type(self, node: NamedNode, cls: NamedNode) -> bool:
        return next(self.store.quads_for_pattern(node, TYPE, cls), None) is not None

    def describe(self, *nodes: NamedNode) -> None:
        """Every triple of each node, and of the nodes they lead to (a decision's text only for the one asked)."""
        todo = list(nodes)
        while todo:
            node = todo.pop()
            if node in self.seen:
                continue
            self.seen.add(node)
            identity_only = self.has_type(node, _DECISION) and not (node == self.decision and self.holds_text)
            for quad in self.store.quads_for_pattern(node, None, None):
                if identity_only and quad.predicate not in _IDENTITY:
                    continue
                self.triples.add(quad.triple)
                if isinstance(quad.object, NamedNode) and quad.predicate != TYPE:
                    todo.append(quad.object)

    def sections_up_to_the_document(self) -> None:
        """A section must sit in a document or a section: the chain above each one, with the parents' own
        properties."""
        todo = [node for node in self.seen if self.has_type(node, _SECTION)]
        while todo:
            section = todo.pop()
            for quad in self.store.quads_for_pattern(None, _HAS_SECTION, section):
                parent = quad.subject
                assert isinstance(parent, NamedNode)  # the builder makes no blank nodes
                self.triples.add(quad.triple)
                if parent not in self.seen and self.has_type(parent, _SECTION):
                    self.seen.add(parent)
                    self.triples.update(q.triple for q in self.store.quads_for_pattern(parent, None, None)
                                        if q.predicate == TYPE or isinstance(q.object, Literal))
                    todo.append(parent)

    def document_metadata(self) -> None:
        """The document's own properties and its links to what the cut holds, when the cut holds a passage of it."""
        if not any(self.has_type(node, _PASSAGE) for node in self.seen):
            return
        self.describe(*(q.object for link in _DOCUMENT_LINKS
                        for q in self.store.quads_for_pattern(self.document, link, None)
                        if isinstance(q.object, NamedNode)))
        self.triples.update(q.triple for q in self.store.quads_for_pattern(self.document, None, None)
                            if q.predicate == TYPE or isinstance(q.object, Literal) or q.object in self.seen)


def decision_triples(symbol: str, sources: Iterable[SourceDocument]) -> list[Triple]:
    """The decision's RDF, cut from each of `sources` (graph.store.queries.DECISION_RDF_DOCUMENTS)."""
    decision = NamedNode(str(decision_iri(symbol)))
    triples: set[Triple] = set()
    for source in sources:
        cut = _Cut(source, decision)
        mandates = [q.subject for q in cut.store.quads_for_pattern(None, _RESTS_ON, decision)]
        stating = [q.subject for m in mandates for q in cut.store.quads_for_pattern(None, _STATES, m)]
        cut.describe(decision, *(n for n in mandates + stating if isinstance(n, NamedNode)))
        cut.sections_up_to_the_document()
        cut.document_metadata()
        triples |= cut.triples
    return sorted(triples, key=str)
