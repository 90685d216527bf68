"""Response and request bodies of the HTTP API beyond search (search's own, and PassageRef, are in
search_api/schemas.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from search_api.schemas import PassageRef


class Error(BaseModel):
    detail: str = Field(description="What went wrong, in one line", examples=["unknown decision '9/CMA.9'"])


class Neo4jStatus(BaseModel):
    uri: str = Field(examples=["bolt://127.0.0.1:7687"])
    database: str = Field(examples=["neo4j"])
    version: str = Field(examples=["5.26.0"])
    edition: str = Field(examples=["community"])


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    neo4j: Neo4jStatus
    documents: int = Field(description="Documents in the graph")
    passages: int = Field(description="Passages in the graph")
    model: str = Field(description="The embedding model that encodes queries")


class DocumentRef(BaseModel):
    doc_id: str = Field(examples=["001_939cf770f026bd75"])
    source: str = Field(description="The ingested file name", examples=["001_939cf770f026bd75.txt"])
    title: str | None = None


class DocumentInfo(DocumentRef):
    language: str | None = Field(examples=["zh"])
    passages: int


class DocumentDetail(DocumentInfo):
    author: str | None = Field(description="As written on the document")
    date_text: str | None = Field(description="Its date, as written")
    place_text: str | None = Field(description="Where it was issued, as written")
    summary: str | None
    style: str = Field(description="How its text is laid out: plain | markdown | indented | brochure")
    symbol: str | None = Field(description="Its UN document symbol", examples=["FCCC/SBI/2024/4"])
    sessions: list[str] = Field(description="The sessions it is issued for", examples=[["SBSTA 60", "SBI 60"]])
    decisions: list[str] = Field(description="The decisions whose text it gives", examples=[["1/CMA.5"]])
    follows_up: list[str] = Field(description="The decisions whose mandates it was prepared in response to")
    content_hash: str = Field(description="sha256 of the ingested file")


class Citation(PassageRef):
    paragraphs: list[str] = Field(description="The decision's paragraphs cited, as written; empty when not given")
    annex_paragraphs: list[str] = Field(description="Paragraphs of its annex cited (an annex numbers them apart): "
                                        "\"146\" of its annex, \"II 1(e)\" of its annex II", examples=[["I 4(c)"]])
    via_footnotes: list[str] = Field(description="Numbers of the passage's footnotes that make the citation")


class MandateFields(BaseModel):
    """Who is asked to do what, by when: the fields every mandate has, in the decision's text or in a report."""

    kind: str = Field(description="request | invitation | encouragement | decision | basis_cited")
    addressee: str | None = Field(description="secretariat | Parties | non-Party stakeholders | a body's abbreviation "
                                  "(SBI, IPCC…), its Chair or Chairs (SBSTA Chair, SB Chairs) | other (docs/schema.md)",
                                  examples=["secretariat"])
    addressee_text: str | None = Field(description="The addressee as written", examples=["the secretariat", "秘书处"])
    action: str | None = Field(description="What is asked, as written")
    deadline: str | None = Field(description="By when, as written", examples=["by 1 March 2024"])
    deadline_date: str | None = Field(description="The deadline as an ISO date, where it is one",
                                      examples=["2024-03-01"])
    deadline_session: str | None = Field(description="The deadline as a session, where it is one", examples=["CMA 6"])
    paragraphs: list[str] = Field(description="The decision's paragraphs the mandate rests on, where given",
                                  examples=[["193"]])
    session: str | None = Field(description="The session that issued it", examples=["CMA 5"])


class MandateOut(MandateFields):
    quote: str | None
    in_decision_text: bool = Field(description="Stated by the decision's own text (else, as a report restates it)")
    reported_in: PassageRef | None = Field(description="The passage that states the mandate: the decision's paragraph, "
                                           "or a report's")
    followed_up_by: list[str] = Field(description="doc_ids of documents prepared in response to it")


class Body(BaseModel):
    code: str = Field(examples=["CMA"])
    name_zh: str | None
    name_en: str | None


class TrackedMandate(MandateFields):
    decision: str | None = Field(description="The decision that gives it", examples=["1/CMA.5"])
    in_decision_text: bool = Field(description="Stated by the decision's own text (else, as a report restates it)")
    stated_in: PassageRef = Field(description="The passage that states it")
    followed_up_by: list[DocumentRef] = Field(description="The documents prepared in response to it")
    answered_in: list[PassageRef] = Field(description="Their passages that answer it: citing its paragraph, or "
                                          "stating what they were prepared for")


class MandateList(BaseModel):
    total: int = Field(description="Mandates matching the filters (all pages)")
    mandates: list[TrackedMandate]


class TextPassage(PassageRef):
    heading: str | None = Field(description="The title of the chapter, section or annex the passage is in")


class CitedDecision(BaseModel):
    symbol: str = Field(examples=["19/CMA.1"])
    title: str | None = Field(description="Its title, where its text is ingested")
    paragraphs: list[str] = Field(description="Its paragraphs cited, as written", examples=[["15"]])
    annex_paragraphs: list[str] = Field(description="Paragraphs of its annex cited (an annex numbers them apart): "
                                        "\"146\" of its annex, \"II 1(e)\" of its annex II", examples=[["I 4(c)"]])


class DecisionDetail(BaseModel):
    symbol: str = Field(examples=["1/CMA.5"])
    number: int | None = Field(examples=[1])
    title: str | None = Field(description="Its title, where its text is ingested (English first)",
                              examples=["Outcome of the first global stocktake"])
    meeting: str | None = Field(description="The meeting that adopted it", examples=["6th plenary meeting"])
    adopted_on: str | None = Field(description="The day it was adopted (ISO)", examples=["2023-12-13"])
    session: str | None = Field(description="The session that adopted it", examples=["CMA 5"])
    body: Body | None = Field(description="The body that adopted it")
    languages: list[str] = Field(description="The languages of its texts in the graph", examples=[["en", "zh"]])
    text_language: str | None = Field(description="The language of `text`")
    text: list[TextPassage] = Field(description="Its text in document order: preamble, operative paragraphs, "
                                    "tables and annexes; empty when no document holding it is ingested")
    cites: list[CitedDecision] = Field(description="The decisions its text cites")
    mandates: list[MandateOut] = Field(description="Mandates that rest on the decision: those its text gives, and "
                                       "those reports restate")
    cited_by: list[Citation] = Field(description="Passages citing the decision, in document order (at most 200)")
    cited_by_count: int = Field(description="All passages citing the decision")
    followed_up_by: list[DocumentRef] = Field(description="Documents prepared in response to its mandates")


class CypherRequest(BaseModel):
    query: str = Field(min_length=1, max_length=20_000, description="Read-only Cypher",
                       examples=["MATCH (p:Passage)-[c:CITES]->(d:Decision {symbol: $symbol}) "
                                 "RETURN p.source, p.number, c.paragraphs"])
    params: dict[str, Any] = Field(default_factory=dict, examples=[{"symbol": "1/CMA.5"}],
                                   description="Query parameters; integers within 64 bits, as Neo4j's")

    @field_validator("params")
    @classmethod
    def _integers_neo4j_holds(cls, params: dict[str, Any]) -> dict[str, Any]:
        for name, value in params.items():
            if any(isinstance(n, int) and not -(2**63) <= n < 2**63 for n in _leaves(value)):
                raise ValueError(f"parameter {name!r} holds an integer beyond Neo4j's 64 bits")
        return params


def _leaves(value: Any) -> Iterator[Any]:
    """The values in a JSON value's lists and objects, at any depth."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


class CypherResponse(BaseModel):
    columns: list[str]
    rows: list[list[Any]] = Field(description="One list per row, in column order; nodes as {id, labels, properties}")
    truncated: bool = Field(description="True when the result had more rows than the limit and was cut")


class FacetCount(BaseModel):
    value: str = Field(description="The filter's value: pass it as the parameter of the facet's name",
                       examples=["CMA"])
    count: int = Field(description="Candidates the filter keeps")


class DocumentFacet(FacetCount):
    source: str = Field(description="The ingested file name", examples=["001_939cf770f026bd75.txt"])
    title: str | None


class Facets(BaseModel):
    """How the query's candidates divide by each filter of /search: a facet's `value` is that filter's parameter,
    so choosing it is the same search with `&{facet}={value}` (e.g. `&body=CMA`)."""

    query: str
    candidates: int = Field(description="The passages the query ranks (all signals' candidates, before paging)")
    doc: list[DocumentFacet] = Field(description="By document (the `doc` filter takes the doc_id)")
    body: list[FacetCount] = Field(description="By body whose decisions they cite, or for whose sessions their "
                                   "document is")
    decision: list[FacetCount] = Field(description="By decision cited, the most cited first (at most 50)")
    lang: list[FacetCount] = Field(description="By the document's language")
    kind: list[FacetCount] = Field(description="By the passage's kind")


class Suggestion(BaseModel):
    kind: Literal["decision", "term", "document"]
    text: str = Field(description="What to show: the decision's symbol, the glossary term as written in the language "
                      "typed, the document's title (its file name when it has none)", examples=["1/CMA.5"])
    detail: str | None = Field(description="Beside it: the decision's title, the term in the other language, the "
                               "document's file name", examples=["Outcome of the first global stocktake"])
    value: str = Field(description="What it stands for: the decision's symbol, the text to search (`q`), the "
                       "document's doc_id (the `doc` filter)", examples=["1/CMA.5"])
    href: str = Field(description="Where choosing it leads: /decisions/{symbol}, /search?q={text}, "
                      "/documents/{doc_id}", examples=["/decisions/1%2FCMA.5"])


class Suggestions(BaseModel):
    q: str
    suggestions: list[Suggestion]
