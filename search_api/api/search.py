"""GET /search: the same hybrid search as `climate-kg search`, as JSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import AfterValidator

from search_api.api import params
from search_api.api.dependencies import get_searcher
from search_api.api.models import Error
from search_api.retrievers import Filters
from search_api.schemas import SearchResponse
from search_api.search import Searcher

router = APIRouter(tags=["search"])

MAX_QUERY_CHARS = 500
MAX_K = 50
MAX_OFFSET = 1000


@router.get(
    "/search",
    response_model=SearchResponse,
    summary="Search passages",
    responses={422: {"description": "A parameter is missing or invalid; `detail` names it"},
               503: {"model": Error, "description": "Neo4j is unreachable"}},
)
def search(
    searcher: Annotated[Searcher, Depends(get_searcher)],
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="The question, Chinese or English",
                            examples=["气候技术中心的任期延长到哪一年",
                                      "lessons learned from the first global stocktake"]),
                 AfterValidator(params.not_blank)],
    k: Annotated[int, Query(ge=1, le=MAX_K, description="Hits per page")] = 10,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Hits to skip (pagination)")] = 0,
    doc: Annotated[str | None, Query(max_length=200, description="Only this document: a doc_id or file name",
                                     examples=["001_939cf770f026bd75.txt"])] = None,
    body: Annotated[str | None, Query(max_length=100, description="Only passages citing this body's decisions, "
                                      "or of documents for its sessions: COP, CMA, CMP, SBSTA, SBI, SB",
                                      examples=["CMA"]),
                    AfterValidator(params.body)] = None,
    decision: Annotated[str | None, Query(max_length=100, description="Only passages citing this decision",
                                          examples=["1/CMA.5"]),
                        AfterValidator(params.decision_symbol)] = None,
    lang: Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$", description="Only documents in this language",
                                      examples=["zh"])] = None,
) -> SearchResponse:
    """Hybrid search (full-text, vector and citation-graph signals fused by reciprocal rank) over passages.

    Each hit is one passage (a numbered paragraph with its footnotes, a table row, or a text block) with the
    decisions it cites and `why`: its rank in each signal and what that signal matched. Page with `offset`.
    """
    return searcher.search(q, k=k, offset=offset, filters=Filters(doc=doc, body=body, decision=decision, lang=lang))
