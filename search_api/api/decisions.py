"""GET /decisions/{symbol}: a decision with its text, its body and session, what it cites, the mandates it gives, who
cites it, who follows up; or, by content negotiation, its RDF (graph.decision_rdf)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query
from fastapi.responses import Response
from pydantic import AfterValidator

from graph.decision_rdf import SourceDocument, decision_triples
from graph.errors import NotFound
from graph.store import queries
from graph.store.client import Neo4jClient
from search_api.api import negotiation, params
from search_api.api.dependencies import get_client
from search_api.api.models import DecisionDetail, Error

router = APIRouter(tags=["graph"])

CITED_BY_LIMIT = 200
TextLanguage = Literal["en", "zh", "fr", "es", "ru", "ar"]  # the six UN languages

@router.get(
    "/decisions/{symbol:path}",
    response_model=DecisionDetail,
    summary="A decision and what the graph knows about it",
    responses={404: {"model": Error, "description": "No ingested document holds the decision's text or cites it"},
               422: {"description": "Not a decision symbol; `detail` names it"},
               503: {"model": Error, "description": "Neo4j is unreachable"},
               **negotiation.responses(negotiation.RESOURCE[1:], "The decision; by `Accept`, its RDF")},
)
def decision(
    client: Annotated[Neo4jClient, Depends(get_client)],
    symbol: Annotated[str, Path(description="A decision symbol, URL-encoded (`1%2FCMA.5`); "
                                "`1/cma.5` and `第1/CMA.5号决定` work too", examples=["1/CMA.5"]),
                      AfterValidator(params.decision_symbol)],
    lang: Annotated[TextLanguage, Query(description="The language of the text shown, where the graph "
                                                   "holds the decision in several; English by default")] = "en",
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> DecisionDetail | Response:
    """The decision: its title, its text (preamble, operative paragraphs and annexes, in `lang` where ingested),
    the body and session that adopted it, the decisions it cites, the mandates it gives (in its own words, and as
    reports restate them) with the documents that follow up on each, the passages citing it, and the documents that
    follow up on any of its mandates.

    With `Accept: text/turtle` or `application/ld+json`, its RDF in the climate-kg ontology, valid against its SHACL
    shapes: the decision with its session and body, its text in `lang` with the mandates it states, the mandates
    reports restate as resting on it with the passages stating them, and those documents' metadata (docs/sparql.md).
    """
    media_type = negotiation.choose(accept, negotiation.RESOURCE)
    unknown = NotFound(f"unknown decision {symbol!r}: no ingested document holds its text or cites it")
    if media_type == negotiation.JSON:
        records = client.read(queries.DECISION, {"symbol": symbol, "lang": lang, "cited_by_limit": CITED_BY_LIMIT})
        if not records:
            raise unknown
        return DecisionDetail(**records[0].data())
    sources = [SourceDocument(r["doc_id"], r["rdf"], r["holds_text"])
               for r in client.read(queries.DECISION_RDF_DOCUMENTS, {"symbol": symbol, "lang": lang})
               if r["rdf"] is not None]  # ingested by an older climate-kg: reloaded by the next ingest
    if not sources:
        raise unknown
    return negotiation.rdf_response(decision_triples(symbol, sources), media_type)
