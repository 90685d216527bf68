"""One parsed Document -> an RDF graph in the climate-kg ontology (ontology/climate-kg.ttl).

IRIs are stable and shared where the thing is shared: a decision's IRI comes from its symbol
(`id/decision/1-CMA-5`), a session's from body and number (`id/session/CMA-5`), a body's from its
code, so two documents citing 1/CMA.5 meet at one node. Document parts hang under the document:
`id/doc/<doc_id>/passage/<key>`. Every instance gets all its classes explicitly (ckg:Paragraph
and ckg:Passage), so SHACL validation and the Neo4j loader need no inference.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import DC, DCTERMS, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef

from graph.model import DecisionCitation, DecisionText, Document, Footnote, Mandate, Passage
from graph.parse.markup import superscript
from graph.symbols import BODIES, DECISION_SUFFIX_TO_BODY

CKG = Namespace("https://w3id.org/climate-kg/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ID = Namespace("https://w3id.org/climate-kg/id/")
# The prefixes of every serialization (and of /sparql's queries, predeclared).
PREFIXES = {"ckg": CKG, "eli": ELI, "id": ID, "skos": SKOS, "dcterms": DCTERMS, "dc": DC, "rdf": RDF, "rdfs": RDFS,
            "xsd": XSD}
# For pyoxigraph's serializers: not `id:`, as instance IRIs hold slashes a prefixed name escapes (id:decision\/1-CMA-5).
SERIALIZATION_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items() if prefix != "id"}

TEXT_CAP = 1500  # a passage's searchable text (own text + footnotes) stays about this long
_NOTE_CAP = 600  # footnotes may take at most this much of it

_PASSAGE_CLASS = {"paragraph": CKG.Paragraph, "preamble": CKG.PreambularParagraph, "table_row": CKG.TableRow,
                  "block": CKG.Block, "caption": CKG.Caption}
_DECISION_RE = re.compile(r"([0-9]+)/([A-Z]+)\.([0-9]+)")
_SESSION_RE = re.compile(r"(\S+) ([0-9]+)")


def _seg(text: str) -> str:
    """One IRI path segment: "/" and spaces become "-", the rest percent-encoded if need be."""
    return quote(re.sub(r"[/\s]+", "-", text.strip()), safe="()-._~")


def decision_iri(symbol: str) -> URIRef:
    return ID[f"decision/{_seg(symbol.replace('.', '-'))}"]


def session_iri(name: str) -> URIRef:
    return ID[f"session/{_seg(name)}"]


def body_iri(code: str) -> URIRef:
    return ID[f"body/{_seg(code)}"]


def document_iri(doc_id: str) -> URIRef:
    return ID[f"doc/{_seg(doc_id)}"]


def doc_symbol_iri(symbol: str) -> URIRef:
    return ID[f"docsym/{_seg(symbol)}"]


def search_text(text: str, notes: list[Footnote]) -> str:
    """The passage text with its footnote texts appended ("… ¹ 第 21/CP.23 号决定，第 18 段。"), capped."""
    tail = " ".join(f"{superscript(n.number)} {n.text}" for n in notes)[:_NOTE_CAP]
    if not tail:
        return text if len(text) <= TEXT_CAP else text[: TEXT_CAP - 1] + "…"
    room = TEXT_CAP - len(tail) - 1
    body = text if len(text) <= room else text[: room - 1] + "…"
    return f"{body} {tail}"


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)
        self.iri = document_iri(doc.doc_id)
        self.n_citations = 0
        self.footnotes_of: dict[str, list[Footnote]] = {}  # passage key -> its footnotes, in order

    def part(self, kind: str, key: str) -> URIRef:
        return URIRef(f"{self.iri}/{kind}/{_seg(key)}")

    def add(self, s, p, o) -> None:
        if o is not None:
            self.g.add((s, p, o if isinstance(o, (URIRef, Literal)) else Literal(o)))

    # ---------------------------------------------------------------- shared nodes

    def body(self, code: str) -> URIRef:
        iri = body_iri(code)
        self.g.add((iri, RDF.type, CKG.Body))
        self.add(iri, CKG.code, code)
        for lang, name in BODIES.get(code, {}).items():
            self.g.add((iri, SKOS.prefLabel, Literal(name, lang=lang)))
        return iri

    def session(self, name: str) -> URIRef:
        iri = session_iri(name)
        self.g.add((iri, RDF.type, CKG.Session))
        self.add(iri, CKG.name, name)
        if m := _SESSION_RE.fullmatch(name):  # else SHACL reports the malformed name
            self.add(iri, CKG.sessionNumber, int(m[2]))
            self.add(iri, CKG.ofBody, self.body(m[1]))
        return iri

    def decision(self, symbol: str) -> URIRef:
        iri = decision_iri(symbol)
        self.g.add((iri, RDF.type, CKG.Decision))
        self.add(iri, CKG.symbol, symbol)
        if m := _DECISION_RE.fullmatch(symbol):  # else SHACL reports the malformed symbol
            number, suffix, session = m.groups()
            body = DECISION_SUFFIX_TO_BODY.get(suffix, suffix)
            self.add(iri, CKG.decisionNumber, int(number))
            self.add(iri, CKG.adoptedAt, self.session(f"{body} {int(session)}"))
            self.add(iri, ELI.passed_by, self.body(body))
        return iri

    def decision_paragraph(self, decision: URIRef, number: str) -> URIRef:
        iri = URIRef(f"{decision}/para/{_seg(number)}")
        self.g.add((iri, RDF.type, CKG.DecisionParagraph))
        self.add(iri, CKG.number, number)
        self.add(iri, ELI.is_part_of, decision)
        return iri

    def annex_paragraph(self, decision: URIRef, annex: str, number: str) -> URIRef:
        """A paragraph of the decision's annex ("II", or "" for "the annex"), numbered apart from the decision's."""
        iri = URIRef(f"{decision}/annex{'-' + annex if annex else ''}/para/{_seg(number)}")
        self.g.add((iri, RDF.type, CKG.AnnexParagraph))
        self.g.add((iri, RDF.type, CKG.DecisionParagraph))
        self.add(iri, CKG.number, number)
        self.add(iri, CKG.annex, annex or None)
        self.add(iri, ELI.is_part_of, decision)
        return iri

    def doc_symbol(self, symbol: str) -> URIRef:
        iri = doc_symbol_iri(symbol)
        self.g.add((iri, RDF.type, CKG.DocumentSymbol))
        self.add(iri, CKG.symbol, symbol)
        return iri

    # ---------------------------------------------------------------- citations

    def new_citation(self, citers: list[URIRef], via: URIRef | None) -> URIRef:
        """A reified citation made by `citers`; `via` is the footnote whose text makes it (none: the citer's own
        text)."""
        self.n_citations += 1
        iri = self.part("citation", str(self.n_citations))
        self.g.add((iri, RDF.type, CKG.Citation))
        self.add(iri, CKG.viaFootnote, via)
        for citer in citers:
            self.add(citer, CKG.hasCitation, iri)
        return iri

    def citation(self, citers: list[URIRef], cit: DecisionCitation, via: URIRef | None = None) -> None:
        """A decision cited, plus eli:cites shortcuts from every citer for plain SPARQL."""
        iri = self.new_citation(citers, via)
        decision = self.decision(cit.symbol)
        paragraphs = [self.decision_paragraph(decision, n) for n in cit.paragraphs] + [
            self.annex_paragraph(decision, cit.annex, n) for n in cit.annex_paragraphs]
        self.add(iri, CKG.citesDecision, decision)
        for para in paragraphs:
            self.add(iri, CKG.citesParagraph, para)
        if cit.quote:
            self.add(iri, CKG.quote, cit.quote)
        for citer in citers:
            for target in (decision, *paragraphs):
                self.add(citer, ELI.cites, target)

    def document_citation(self, citers: list[URIRef], symbol: str, via: URIRef | None = None) -> None:
        """A UN document cited by symbol, plus ckg:citesDocument shortcuts from every citer."""
        iri = self.new_citation(citers, via)
        target = self.doc_symbol(symbol)
        self.add(iri, CKG.citesDocumentSymbol, target)
        for citer in citers:
            self.add(citer, CKG.citesDocument, target)

    # ---------------------------------------------------------------- the document

    def build(self) -> Graph:
        d, doc = self.iri, self.doc
        self.g.add((d, RDF.type, CKG.Document))
        self.add(d, CKG.sourceFile, doc.source)
        self.add(d, DCTERMS.identifier, doc.doc_id)
        self.add(d, CKG.style, doc.style)
        self.add(d, CKG.contentHash, doc.content_hash)
        self.add(d, DCTERMS.language, doc.language)
        self.add(d, DCTERMS.title, doc.title)
        self.add(d, DC.creator, doc.author)
        self.add(d, DC.date, doc.date_text)
        self.add(d, CKG.placeText, doc.place_text)
        self.add(d, DCTERMS.abstract, doc.summary)
        if doc.symbol:
            self.add(d, CKG.hasSymbol, self.doc_symbol(doc.symbol))
        for i, agenda_item in enumerate(doc.agenda_items, 1):
            item = self.part("agenda", str(i))
            self.g.add((item, RDF.type, CKG.AgendaItem))
            self.add(item, CKG.text, agenda_item.text)
            self.add(item, CKG.order, i)
            if agenda_item.session:
                self.add(item, CKG.ofSession, self.session(agenda_item.session))
            self.add(d, CKG.hasAgendaItem, item)
        for name in doc.sessions:
            self.add(d, CKG.forSession, self.session(name))
        for acronym in doc.acronyms:
            a = self.part("acronym", acronym.abbreviation)
            self.g.add((a, RDF.type, CKG.Acronym))
            self.add(a, SKOS.notation, acronym.abbreviation)
            self.add(a, SKOS.prefLabel, Literal(acronym.name, lang=doc.language))
            if acronym.short:
                self.add(a, SKOS.altLabel, Literal(acronym.short, lang=doc.language))
            self.add(d, CKG.defines, a)
        self.sections()
        self.footnotes()
        for passage in doc.passages:
            self.passage(passage)
        for text in doc.decisions:
            self.decision_text(text)
        for i, mandate in enumerate(doc.mandates, 1):
            self.mandate(i, mandate)
        return self.g

    def sections(self) -> None:
        for order, section in enumerate(self.doc.sections, 1):
            s = self.part("section", section.key)
            self.g.add((s, RDF.type, CKG.Section))
            self.add(s, CKG.key, section.key)
            self.add(s, DCTERMS.title, section.title)
            self.add(s, CKG.level, section.level)
            self.add(s, CKG.number, section.number)
            self.add(s, CKG.order, order)
            parent = self.part("section", section.parent) if section.parent else self.iri
            self.add(parent, CKG.hasSection, s)

    def footnotes(self) -> None:
        """Footnotes, each linked from the document and from the passage its marker stands in.

        IRIs come from the number, made unique should a brochure restart its numbering.
        """
        seen: dict[str, int] = {}
        for note in self.doc.footnotes:
            seen[note.number] = seen.get(note.number, 0) + 1
            key = note.number if seen[note.number] == 1 else f"{note.number}-{seen[note.number]}"
            f = self.part("footnote", key)
            self.g.add((f, RDF.type, CKG.Footnote))
            self.add(f, CKG.number, note.number)
            self.add(f, CKG.text, note.text)
            self.add(self.iri, CKG.hasFootnote, f)
            passages = [] if note.passage_key is None else [self.part("passage", note.passage_key)]
            for p in passages:
                assert note.passage_key is not None  # else there is no passage
                self.footnotes_of.setdefault(note.passage_key, []).append(note)
                self.add(p, CKG.hasFootnote, f)
            for cit in note.citations:  # the passage cites what its footnote cites
                self.citation([f, *passages], cit, via=f)
            for symbol in note.doc_symbols:
                self.document_citation([f, *passages], symbol, via=f)

    def passage(self, passage: Passage) -> None:
        p = self.part("passage", passage.key)
        self.g.add((p, RDF.type, CKG.Passage))
        if passage.kind in _PASSAGE_CLASS:  # else SHACL reports the unknown kind
            self.g.add((p, RDF.type, _PASSAGE_CLASS[passage.kind]))
        self.add(self.iri, CKG.hasPassage, p)
        if passage.section:
            self.add(self.part("section", passage.section), CKG.contains, p)
        self.add(p, CKG.key, passage.key)
        self.add(p, CKG.kind, passage.kind)
        self.add(p, DCTERMS.language, self.doc.language)
        self.add(p, CKG.number, passage.number)
        self.add(p, CKG.order, passage.order)
        self.add(p, CKG.passageText, passage.text)
        self.add(p, CKG.text, search_text(passage.text, self.footnotes_of.get(passage.key, [])))
        seen: set[str] = set()
        for i, (number, text) in enumerate(passage.subparagraphs, 1):
            sub = URIRef(f"{p}/sub/{_seg(number)}" + (f"~{i}" if number in seen else ""))  # a list may letter anew
            seen.add(number)
            self.g.add((sub, RDF.type, CKG.Subparagraph))
            self.add(sub, CKG.number, number)
            self.add(sub, CKG.text, text)
            self.add(sub, CKG.order, i)
            self.add(p, CKG.hasSubparagraph, sub)
        for cit in passage.citations:
            self.citation([p], cit)
        for symbol in passage.doc_symbols:
            self.document_citation([p], symbol)
        for name in passage.sessions:
            self.add(p, CKG.mentionsSession, self.session(name))

    def decision_text(self, text: DecisionText) -> None:
        """The decision's text in this document: its section is also a ckg:DecisionText, realizing the decision;
        the decision reaches every passage of it, its operative paragraphs the decision paragraphs they realize."""
        t, decision = self.part("section", text.section), self.decision(text.symbol)
        self.g.add((t, RDF.type, CKG.DecisionText))
        self.add(decision, ELI.is_realized_by, t)
        self.add(t, DCTERMS.title, text.title)
        self.add(t, DCTERMS.language, self.doc.language)
        self.add(t, CKG.meetingText, text.meeting)
        self.add(t, DC.date, text.date_text)
        if text.date:
            self.add(t, CKG.adoptedOn, Literal(text.date, datatype=XSD.date))
        passages = [p for p in self.doc.passages if p.decision == text.symbol]
        operative = {p.number: p for p in passages
                     if p.kind == "paragraph" and p.number is not None and not p.in_annex and p.part == 1}
        for passage in passages:
            p = self.part("passage", passage.key)
            self.add(decision, CKG.textPassage, p)
            for number in passage.refers_to:  # "paragraph 192 above"
                if number.split("(")[0] in operative:
                    self.add(p, CKG.refersTo, self.part("passage", operative[number.split("(")[0]].key))
        for number, passage in operative.items():
            p = self.part("passage", passage.key)
            self.add(decision, CKG.operativeParagraph, p)
            self.add(p, ELI.realizes, self.decision_paragraph(decision, number))
        annexed = re.compile(rf"{re.escape(text.symbol)}\.annex(?:-(?P<annex>[^.]+))?(?:\.|$)")
        for passage in passages:  # an annex's paragraphs, as citations name them ("18/CMA.1.annex-II…": annex II's)
            annex, number = annexed.match(passage.section or ""), passage.number or ""
            if annex and passage.kind == "paragraph" and passage.part == 1 and number.isdigit():
                self.add(self.part("passage", passage.key), ELI.realizes,
                         self.annex_paragraph(decision, annex["annex"] or "", number))

    def mandate(self, i: int, mandate: Mandate) -> None:
        m = self.part("mandate", str(i))
        self.g.add((m, RDF.type, CKG.Mandate))
        self.add(self.iri, CKG.hasMandate, m)
        self.add(self.part("passage", mandate.passage), CKG.states, m)
        self.add(m, CKG.mandateKind, mandate.kind)
        self.add(m, CKG.action, mandate.action)
        self.add(m, CKG.quote, mandate.quote)
        self.add(m, CKG.addressee, mandate.addressee)
        self.add(m, CKG.addresseeText, mandate.addressee_text)
        if mandate.body:
            self.add(m, CKG.issuedBy, self.body(mandate.body))
        if mandate.session:
            self.add(m, CKG.issuedAt, self.session(mandate.session))
        if mandate.decision:
            decision = self.decision(mandate.decision)
            self.add(m, CKG.restsOn, decision)
            for number in mandate.decision_paragraphs:
                self.add(m, CKG.restsOnParagraph, self.decision_paragraph(decision, number))
        if mandate.via_footnote:
            self.add(m, CKG.viaFootnote, self.part("footnote", mandate.via_footnote))
        self.add(m, CKG.deadline, mandate.deadline)
        if mandate.deadline_date:
            self.add(m, CKG.deadlineDate, Literal(mandate.deadline_date, datatype=XSD.date))
        if mandate.deadline_session:
            self.add(m, CKG.dueAt, self.session(mandate.deadline_session))
        if mandate.fulfilled_by_this_report:
            self.add(self.iri, CKG.followsUp, m)


def build_graph(doc: Document) -> Graph:
    """The RDF graph of one parsed document (validate it with graph.validate before loading)."""
    return _Builder(doc).build()
