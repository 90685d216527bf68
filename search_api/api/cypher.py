"""POST /cypher: read-only Cypher for analysts, within a time limit, a row limit and a concurrency limit.

Open without the API key, by choice: the contract reserves CLIMATE_KG_API_KEY for endpoints that write or
administer, and this one cannot write. Neo4j plans each query first and only a plan it types read-only runs,
in a READ transaction the server itself refuses to write in (see graph.store.readonly). What an open
endpoint must still bound is cost, hence the limits (CLIMATE_KG_CYPHER_TIMEOUT_S, _MAX_ROWS, _CONCURRENCY).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from graph.store.client import Neo4jClient
from graph.store.readonly import run_read_only
from search_api.api.dependencies import Services, get_client, get_services, slot
from search_api.api.models import CypherRequest, CypherResponse, Error

router = APIRouter(tags=["graph"])


@router.post(
    "/cypher",
    response_model=CypherResponse,
    summary="Run read-only Cypher",
    responses={400: {"model": Error, "description": "Neo4j rejected the query (syntax, types…) or it timed out"},
               403: {"model": Error, "description": "The query would write; nothing was run"},
               429: {"model": Error, "description": "Too many Cypher queries running; retry shortly"},
               503: {"model": Error, "description": "Neo4j is unreachable"}},
)
def cypher(
    request: CypherRequest,
    services: Annotated[Services, Depends(get_services)],
    client: Annotated[Neo4jClient, Depends(get_client)],
) -> CypherResponse:
    """Run a read-only Cypher query; the schema is in docs/schema.md. Writes, administration, LOAD CSV and
    `CALL … IN TRANSACTIONS` are refused with 403 (docs/cypher.md tables what passes); a query Neo4j rejects or stops
    at the time limit is a 400."""
    limits = services.settings.cypher
    with slot(services.cypher_slots, limits.concurrency, "Cypher"):
        result = run_read_only(client, request.query, request.params, timeout_s=limits.timeout_s,
                               max_rows=limits.max_rows)
    return CypherResponse(**result.to_json())
