"""GET /search: the same hybrid search as `climate-kg search`, as JSON or CSV; GET /search/facets: how its candidates
divide by each filter; GET /suggest: type-ahead for the search box."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Response
from pydantic import AfterValidator

from graph.store import queries
from graph.store.client import Neo4jClient
from search_api.api import caching, params
from search_api.api.dependencies import get_client, get_searcher, get_suggester
from search_api.api.models import Error, Facets, Suggestion, Suggestions
from search_api.retrievers import Filters
from search_api.schemas import SearchResponse
from search_api.search import Searcher
from search_api.suggest import Suggester

router = APIRouter(tags=["search"])

MAX_QUERY_CHARS = 500
MAX_K = 50
MAX_OFFSET = 1000
MAX_SUGGESTIONS = 20
MAX_DECISION_FACETS = 50
PassageKind = Literal["paragraph", "preamble", "table_row", "block", "caption"]  # graph.model.Passage.kind
CSV = "text/csv"
CSV_COLUMNS = ["rank", "score", "source", "doc_id", "paragraph", "kind", "language", "decision", "decisions", "text"]
# A spreadsheet runs a cell that starts with one of these as a formula; a passage or file name that does (an ingested
# "=HYPERLINK(...)") would run on the reader's machine. Such a cell gets a leading apostrophe (OWASP's advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

UNAVAILABLE: dict[int | str, dict[str, Any]] = {503: {"model": Error, "description": "Neo4j is unreachable"}}
BUSY: dict[int | str, dict[str, Any]] = {503: {"model": Error, "description": "Neo4j is unreachable, or search is at "
                                                                      "capacity (CLIMATE_KG_SEARCH_*)"}}
INVALID: dict[int | str, dict[str, Any]] = {422: {"description": "A parameter is missing or invalid: `detail` says"}}


@dataclass(frozen=True)
class SearchRequest:
    q: str
    filters: Filters


def search_request(
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="The question, Chinese or English",
                            examples=["气候技术中心的任期延长到哪一年",
                                      "lessons learned from the first global stocktake"]),
                 AfterValidator(params.searchable)],
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
    kind: Annotated[PassageKind | None, Query(description="Only passages of this kind: a numbered paragraph, a "
                                              "decision's preambular paragraph, a table row, a text block, a "
                                              "caption")] = None,
) -> SearchRequest:
    """The question and the filters that /search and /search/facets share."""
    return SearchRequest(q, Filters(doc=doc, body=body, decision=decision, lang=lang, kind=kind))


@router.get(
    "/search",
    response_model=SearchResponse,
    summary="Search passages",
    responses={200: {"description": "The page of hits: JSON, or with `format=csv` one CSV row per hit",
                     "content": {CSV: {"schema": {"type": "string"}}}},
               **INVALID, **BUSY},
)
def search(
    searcher: Annotated[Searcher, Depends(get_searcher)],
    request: Annotated[SearchRequest, Depends(search_request)],
    response: Response,
    k: Annotated[int, Query(ge=1, le=MAX_K, description="Hits per page")] = 10,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Hits to skip (pagination)")] = 0,
    format: Annotated[Literal["json", "csv"], Query(description="`csv`: the hits as CSV (UTF-8 with a byte-order "
                                                   "mark, for spreadsheets), `decisions` joined by `; `, a cell "
                                                   "that would start a formula prefixed with `'`")] = "json",
) -> SearchResponse | Response:
    """Hybrid search (full-text, vector and citation-graph signals fused by reciprocal rank) over passages.

    Each hit is one passage (a numbered paragraph with its footnotes, a table row, or a text block) with the
    decisions it cites and `why`: its rank in each signal and what that signal matched. Page with `offset`.
    """
    result = searcher.search(request.q, k=k, offset=offset, filters=request.filters)
    if format == "csv":
        return Response(to_csv(result), media_type=CSV,
                        headers={"Content-Disposition": 'attachment; filename="climate-kg-search.csv"'})
    # The bytes differ from one run to the next by took_ms alone: the ETag is made from the rest.
    response.headers["ETag"] = caching.weak_etag(result.model_dump_json(exclude={"took_ms"}).encode())
    return result


def to_csv(result: SearchResponse) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for rank, hit in enumerate(result.hits, start=result.offset + 1):
        writer.writerow([rank, hit.score, *map(_inert, [hit.source, hit.doc_id, hit.paragraph, hit.kind, hit.language,
                                                         hit.decision, "; ".join(hit.decisions), hit.text])])
    return out.getvalue().encode("utf-8-sig")


def _inert(cell: str | None) -> str | None:
    """The cell as text a spreadsheet shows, never runs."""
    return "'" + cell if cell and cell.startswith(_FORMULA_START) else cell


@router.get(
    "/search/facets",
    response_model=Facets,
    summary="Facets of a search",
    responses={**INVALID, **BUSY},
)
def facets(
    searcher: Annotated[Searcher, Depends(get_searcher)],
    client: Annotated[Neo4jClient, Depends(get_client)],
    request: Annotated[SearchRequest, Depends(search_request)],
) -> Facets:
    """How the passages the query ranks (every signal's candidates, before paging) divide by document, body, decision
    cited, language and passage kind, with the same `q` and filters as /search. Each facet is named after a /search
    filter and each value is that filter's value: choosing one is the same search with `&body=CMA` added. The counts
    are of the candidates, not of the whole corpus."""
    _, ranking = searcher.rank(request.q, request.filters)
    [record] = client.read(queries.FACETS, {"uids": [f.uid for f in ranking], "max_decisions": MAX_DECISION_FACETS})
    return Facets(query=request.q, **record.data())


@router.get(
    "/suggest",
    response_model=Suggestions,
    summary="Type-ahead suggestions",
    responses={**INVALID, **UNAVAILABLE},
)
async def suggest(
    suggester: Annotated[Suggester, Depends(get_suggester)],
    q: Annotated[str, Query(min_length=1, max_length=100, description="What has been typed so far",
                            examples=["1/CMA", "nationally det", "全球盘"]),
                 AfterValidator(params.not_blank)],
    k: Annotated[int, Query(ge=1, le=MAX_SUGGESTIONS, description="Suggestions at most")] = 8,
) -> Suggestions:
    """Completions of what has been typed: decision symbols in any written form ("1/CMA", "cma.5", "decision 1/CMA.5",
    "第1/CMA.5号决定"), glossary terms in Chinese and English (the project's and every document's table of
    abbreviations), document titles, and decisions by their title. A whole match first, then those it starts, then
    those with a later word it starts, shorter first. Answered from memory, refreshed within a minute of an ingest."""
    return Suggestions(q=q, suggestions=[Suggestion(**vars(s), href=_href(s.kind, s.value))
                                         for s in suggester.suggest(q, k)])


def _href(kind: str, value: str) -> str:
    if kind == "decision":
        return "/decisions/" + quote(value, safe="")
    if kind == "document":
        return "/documents/" + quote(value, safe="")
    return "/search?" + urlencode({"q": value})
