"""GET and POST /sparql: SPARQL 1.1 queries over the corpus RDF (search_api.sparql), by the SPARQL 1.1 protocol.

Open without the API key, like POST /cypher and for the same reason: it cannot write (an update or SERVICE is refused
before anything runs, and the store is the API's own copy of the RDF in Neo4j). What an open endpoint must still
bound is cost, hence the limits (CLIMATE_KG_SPARQL_TIMEOUT_S, _MAX_ROWS, _CONCURRENCY).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from graph.errors import QueryFailed, WriteQueryRefused
from search_api import sparql
from search_api.api import caching, negotiation
from search_api.api.dependencies import Services, get_services, slot
from search_api.api.models import Error

router = APIRouter(tags=["graph"])

MAX_QUERY_CHARS = 20_000
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
TRUNCATED = "X-Truncated"  # "true" when the solutions or triples were cut at the row limit

_ERRORS: dict[int | str, dict[str, Any]] = {
    200: {"description": f"SELECT and ASK: SPARQL results (JSON by default); CONSTRUCT and DESCRIBE: RDF (Turtle by "
                         f"default). `{TRUNCATED}: true` when the result was cut at the row limit",
          "content": {media_type: {"schema": {"type": "object" if media_type.endswith("json") else "string"}}
                      for types in sparql.MEDIA_TYPES.values() for media_type in types}},
    400: {"model": Error, "description": "Not a SPARQL query, or it ran past the time limit"},
    403: {"model": Error, "description": "An update (INSERT, DELETE, LOAD, CLEAR…) or SERVICE; nothing was run"},
    406: {"model": Error, "description": "The Accept header names no format this query form is answered in"},
    429: {"model": Error, "description": "Too many SPARQL queries running; retry shortly"},
    503: {"model": Error, "description": "Neo4j is unreachable"},
}
_QUERY_EXAMPLE = "SELECT ?symbol WHERE { ?d a ckg:Decision ; ckg:symbol ?symbol } ORDER BY ?symbol LIMIT 10"


@router.get("/sparql", summary="Run a SPARQL query", response_class=Response,
            responses=_ERRORS | caching.NOT_MODIFIED)
def sparql_get(
    services: Annotated[Services, Depends(get_services)],
    query: Annotated[str, Query(description="A SPARQL 1.1 query; the prefixes of docs/sparql.md are predeclared",
                                examples=[_QUERY_EXAMPLE])],
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    """Run a read-only SPARQL query over the corpus RDF: one named graph per document, and their merge as the
    default graph (docs/sparql.md)."""
    return _run(services, query, accept)


@router.post(
    "/sparql",
    summary="Run a SPARQL query (POST)",
    response_class=Response,
    responses={**_ERRORS, 415: {"model": Error, "description": f"The body is neither {FORM} nor {SPARQL_QUERY}"}},
    openapi_extra={"requestBody": {"required": True, "content": {
        SPARQL_QUERY: {"schema": {"type": "string"}, "example": _QUERY_EXAMPLE},
        FORM: {"schema": {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}},
    }}},
)
async def sparql_post(
    request: Request,
    services: Annotated[Services, Depends(get_services)],
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    """The same, the query in the body: `application/sparql-query`, or a form with the `query` field."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await request.body()).decode("utf-8", errors="replace")
    if content_type == SPARQL_UPDATE or (content_type == FORM and "update" in parse_qs(body)):
        raise WriteQueryRefused(sparql.UPDATE_REFUSED)
    if content_type == SPARQL_QUERY:
        query = body
    elif content_type == FORM:
        query = parse_qs(body).get("query", [""])[0]
    else:
        raise HTTPException(415, f"send the query as {SPARQL_QUERY}, or as {FORM} with a `query` field")
    return await run_in_threadpool(_run, services, query, accept)


def _run(services: Services, query: str, accept: str | None) -> Response:
    if not query.strip():
        raise QueryFailed("no query: give it as the `query` parameter, or in the body")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryFailed(f"the query is longer than {MAX_QUERY_CHARS} characters")
    parsed = sparql.parse(query)
    media_type = negotiation.choose(accept, sparql.MEDIA_TYPES[parsed.form])
    limits = services.settings.sparql
    with slot(services.sparql_slots, limits.concurrency, "SPARQL"):
        answer = services.sparql().run(parsed, media_type, timeout_s=limits.timeout_s, max_rows=limits.max_rows)
    headers = {"Vary": "Accept"} | ({TRUNCATED: "true"} if answer.truncated else {})
    return Response(answer.body, media_type=answer.media_type, headers=headers)
