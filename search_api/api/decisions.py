"""GET /decisions/{symbol}: a decision with its text, its body and session, what it cites, the mandates it gives, who
cites it, who follows up."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import AfterValidator

from graph.errors import NotFound
from graph.store import queries
from graph.store.client import Neo4jClient
from search_api.api import params
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
               503: {"model": Error, "description": "Neo4j is unreachable"}},
)
def decision(
    client: Annotated[Neo4jClient, Depends(get_client)],
    symbol: Annotated[str, Path(description="A decision symbol, URL-encoded (`1%2FCMA.5`); "
                                "`1/cma.5` and `第1/CMA.5号决定` work too", examples=["1/CMA.5"]),
                      AfterValidator(params.decision_symbol)],
    lang: Annotated[TextLanguage, Query(description="The language of the text shown, where the graph "
                                                   "holds the decision in several; English by default")] = "en",
) -> DecisionDetail:
    """The decision: its title, its text (preamble, operative paragraphs and annexes, in `lang` where ingested),
    the body and session that adopted it, the decisions it cites, the mandates it gives (in its own words, and as
    reports restate them) with the documents that follow up on each, the passages citing it, and the documents that
    follow up on any of its mandates."""
    records = client.read(queries.DECISION, {"symbol": symbol, "lang": lang, "cited_by_limit": CITED_BY_LIMIT})
    if not records:
        raise NotFound(f"unknown decision {symbol!r}: no ingested document holds its text or cites it")
    return DecisionDetail(**records[0].data())
