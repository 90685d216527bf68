"""The parsed form of a document: what the parser produces and the RDF builder consumes.

Plain dataclasses with no behaviour, so the parser, the RDF builder and the tests agree on one
shape. Numbers and symbols are kept *as written* ("34(c)", "1/CMA.5"); normalisation to IRIs
happens in the RDF builder.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DecisionCitation:
    """A decision cited in the text, e.g. `第 19/CMA.1 号决定，第 4 和第 16 段`."""

    symbol: str  # canonical symbol: "19/CMA.1", "1/CP.16", "3/CMP.1"
    paragraphs: tuple[str, ...] = ()  # the decision's paragraphs cited, as written: ("4", "16"), ("34(c)",)
    quote: str = ""  # the citation as it stands in the text
    preambular: tuple[str, ...] = ()  # its preambular paragraphs cited by their place: ("6",) for "PP 6 of …"
    # The paragraphs of an annex, numbered apart from the decision's own: ("146",) for "decision 18/CMA.1, annex,
    # paragraph 146"; `annex` is the annex's number as the decision heads it ("II"), "" for "the annex".
    annex_paragraphs: tuple[str, ...] = ()
    annex: str = ""


@dataclass(frozen=True)
class DocumentCitation:
    """A UN document cited by symbol, with the paragraphs a question asks for: `FCCC/SBSTA/2024/7, paragraph 12`."""

    symbol: str  # "FCCC/SBSTA/2024/7"
    paragraphs: tuple[str, ...] = ()  # as written: ("12",)
    quote: str = ""  # the citation as it stands in the text, paragraphs and addenda included


@dataclass
class Footnote:
    number: str  # "1", as written
    text: str
    citations: list[DecisionCitation] = field(default_factory=list)
    doc_symbols: list[str] = field(default_factory=list)  # "FCCC/SBI/2026/7"
    passage_key: str | None = None  # key of the Passage whose marker this footnote belongs to


@dataclass
class Section:
    key: str  # unique within the document, e.g. "I", "I.A", "s3" for unnumbered headings
    title: str
    level: int  # 1 = chapter
    number: str | None = None  # as written: "一", "A", "1"
    parent: str | None = None  # key of the enclosing section


@dataclass
class Passage:
    """One searchable unit: a numbered paragraph, a table row, or a reflowed text block."""

    key: str  # unique within the document: "p1", "p34", "t1.r3", "b12", "1/CMA.5.p193", "1/CMA.5.pp3"
    kind: str  # "paragraph" | "preamble" (a decision's preambular paragraph) | "table_row" | "block" | "caption"
    text: str  # the passage text, sub-paragraphs included, footnote markers removed
    number: str | None = None  # paragraph number as written, for kind == "paragraph"
    section: str | None = None  # key of the enclosing Section
    order: int = 0  # position in the document
    subparagraphs: list[tuple[str, str]] = field(default_factory=list)  # ("a", "text")
    in_annex: bool = False  # in an annex, whose paragraphs are numbered apart from the body's
    decision: str | None = None  # the decision whose own text this is: "1/CMA.5"
    part: int = 1  # a passage too long is cut in parts "p7", "p7.2"…: the paragraph itself is part 1
    refers_to: tuple[str, ...] = ()  # its decision's own paragraphs it refers to: "paragraph 192 above" -> ("192",)
    footnotes: list[str] = field(default_factory=list)  # numbers of the footnotes anchored here
    citations: list[DecisionCitation] = field(default_factory=list)  # inline citations only
    doc_symbols: list[str] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)  # sessions named, canonical: "CMA 5"


@dataclass
class Acronym:
    abbreviation: str  # "PCCB"
    # The full name, in the document's language: "巴黎能力建设委员会", "Glasgow Committee on Non-market Approaches".
    name: str
    short: str | None = None  # a short form where the table gives one: "气专委"
    source: str | None = None  # a bracketed source after the name, as written: "(第 1/CP.16 号决定，第 70 段)"


@dataclass
class AgendaItem:
    text: str  # as written: "临时议程项目18 行政、财务和体制事项"
    session: str | None = None  # the session whose agenda it is on: "SBI 64"


@dataclass
class DecisionText:
    """A decision as a decisions document gives it: its text is the passages whose `decision` is the symbol."""

    symbol: str  # "1/CMA.5"
    section: str  # key of the Section holding the decision's text
    title: str | None = None  # "Outcome of the first global stocktake"
    meeting: str | None = None  # where it was adopted, as written: "6th plenary meeting"
    date_text: str | None = None  # when, as written: "13 December 2023"
    date: str | None = None  # the same as an ISO date: "2023-12-13"


@dataclass
class Mandate:
    """A body, at a session, asks an addressee to act, resting on decision paragraphs."""

    passage: str  # key of the report passage that states the mandate
    kind: str  # "request" | "invitation" | "encouragement" | "decision" | "basis_cited"
    action: str  # what is to be done, as written
    quote: str  # the sentence as written
    body: str | None = None  # "COP", "CMA", "SBSTA"…
    session: str | None = None  # "COP 23"
    decision: str | None = None  # "21/CP.23"
    decision_paragraphs: tuple[str, ...] = ()  # the decision's paragraphs it rests on: ("18",), ("4", "16")
    addressee: str | None = None  # the vocabulary term (docs/schema.md): "secretariat", "SB Chairs", "PCCB", "other"…
    addressee_text: str | None = None  # the addressee as written: "两个附属机构的主席"
    via_footnote: str | None = None
    fulfilled_by_this_report: bool = False  # the report says it was prepared in response to it
    deadline: str | None = None  # by when, as written: "by 1 March 2024", "at its sixth session (November 2024)"
    deadline_date: str | None = None  # the deadline as an ISO date, where it is one: "2024-03-01"
    deadline_session: str | None = None  # the deadline as a session, where it is one: "CMA 6"


@dataclass
class Document:
    source: str  # the ingested file name
    doc_id: str  # stable id derived from the file name
    style: str  # "plain" | "markdown" | "brochure"
    content_hash: str  # sha256 of the file bytes
    language: str = "zh"
    title: str | None = None
    author: str | None = None  # issuing author, e.g. "秘书处"
    symbol: str | None = None  # document symbol, e.g. "FCCC/SBI/2026/5"
    date_text: str | None = None  # as written
    place_text: str | None = None
    agenda_items: list[AgendaItem] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)  # sessions the document is for: "SBI 64"
    summary: str | None = None
    acronyms: list[Acronym] = field(default_factory=list)
    decisions: list[DecisionText] = field(default_factory=list)  # the decisions whose text the document holds
    sections: list[Section] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)  # URL lists, page headers: metadata, not passages
