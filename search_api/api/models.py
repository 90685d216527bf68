"""Response and request bodies of the HTTP API beyond search (search's own, and PassageRef, are in
search_api/schemas.py)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

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


class Citation(PassageRef):
    paragraphs: list[str] = Field(description="The decision's paragraphs cited, as written; empty when not given")
    via_footnotes: list[str] = Field(description="Numbers of the passage's footnotes that make the citation")


class MandateOut(BaseModel):
    kind: str = Field(description="request | invitation | encouragement | decision | basis_cited")
    addressee: str | None = Field(description="secretariat | Parties | non-Party stakeholders | SB Chairs | a body's "
                                  "abbreviation | other (docs/schema.md)", examples=["secretariat"])
    addressee_text: str | None = Field(description="The addressee as the report writes it", examples=["秘书处"])
    action: str | None = Field(description="What is asked, as the report words it")
    quote: str | None
    paragraphs: list[str] = Field(description="The decision's paragraphs the mandate rests on, where given",
                                  examples=[["193"]])
    session: str | None = Field(description="The session that issued it", examples=["CMA 5"])
    reported_in: PassageRef | None = Field(description="The report passage that states the mandate")
    followed_up_by: list[str] = Field(description="doc_ids of documents prepared in response to it")


class Body(BaseModel):
    code: str = Field(examples=["CMA"])
    name_zh: str | None
    name_en: str | None


class DecisionDetail(BaseModel):
    symbol: str = Field(examples=["1/CMA.5"])
    number: int | None = Field(examples=[1])
    session: str | None = Field(description="The session that adopted it", examples=["CMA 5"])
    body: Body | None = Field(description="The body that adopted it")
    mandates: list[MandateOut] = Field(description="Mandates that rest on the decision, as the reports state them")
    cited_by: list[Citation] = Field(description="Passages citing the decision, in document order (at most 200)")
    cited_by_count: int = Field(description="All passages citing the decision")
    followed_up_by: list[DocumentRef] = Field(description="Documents prepared in response to its mandates")


class CypherRequest(BaseModel):
    query: str = Field(min_length=1, max_length=20_000, description="Read-only Cypher",
                       examples=["MATCH (p:Passage)-[c:CITES]->(d:Decision {symbol: $symbol}) "
                                 "RETURN p.source, p.number, c.paragraphs"])
    params: dict[str, Any] = Field(default_factory=dict, examples=[{"symbol": "1/CMA.5"}])


class CypherResponse(BaseModel):
    columns: list[str]
    rows: list[list[Any]] = Field(description="One list per row, in column order; nodes as {id, labels, properties}")
    truncated: bool = Field(description="True when the result had more rows than the limit and was cut")
