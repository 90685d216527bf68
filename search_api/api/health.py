"""GET /health: is Neo4j reachable, which one, and how much is in it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from search_api.api.dependencies import Services, get_services
from search_api.api.models import Error, Health, Neo4jStatus

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Service and Neo4j status",
            responses={503: {"model": Error, "description": "Neo4j is unreachable"}})
def health(services: Annotated[Services, Depends(get_services)]) -> Health:
    """200 with the Neo4j version and what the graph holds; 503 while Neo4j is unreachable."""
    graph = services.graph()
    # Auto-commit queries: unlike managed transactions they are not retried for half a minute when Neo4j is down.
    with graph.connection_errors(), graph.session() as session:
        server = session.run("CALL dbms.components() YIELD versions, edition "
                             "RETURN versions[0] AS version, edition").single()
        counts = session.run("RETURN COUNT { (:Document) } AS documents, COUNT { (:Passage) } AS passages").single()
    return Health(
        status="ok",
        neo4j=Neo4jStatus(uri=graph.uri, database=graph.database, version=server["version"], edition=server["edition"]),
        documents=counts["documents"], passages=counts["passages"], model=services.embedder.model_id,
    )
