"""GET /health: is Neo4j reachable, which one, and how much is in it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from graph.store import queries
from search_api.api.dependencies import Services, get_services
from search_api.api.models import Error, Health, Neo4jStatus

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Service and Neo4j status",
            responses={503: {"model": Error, "description": "Neo4j is unreachable"}})
def health(services: Annotated[Services, Depends(get_services)]) -> Health:
    """200 with the Neo4j version and what the graph holds; 503 while Neo4j is unreachable."""
    client = services.client()
    # Auto-commit queries: unlike managed transactions they are not retried for half a minute when Neo4j is down.
    with client.connection_errors(), client.session() as session:
        server = session.run(queries.SERVER_VERSION).single(strict=True)
        counts = session.run(queries.COUNTS).single(strict=True)
    return Health(
        status="ok",
        neo4j=Neo4jStatus(uri=client.uri, database=client.database, version=server["version"],
                          edition=server["edition"]),
        documents=counts["documents"], passages=counts["passages"], model=services.embedder.model_id,
    )
