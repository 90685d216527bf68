"""GET /mandates: the mandate tracker. Who was asked to do what, by when, and what answers it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import AfterValidator

from graph.store import queries
from graph.store.client import Neo4jClient
from search_api.api import params
from search_api.api.dependencies import get_client
from search_api.api.models import Error, MandateList

router = APIRouter(tags=["graph"])

MAX_LIMIT = 200
MAX_OFFSET = 100_000  # Neo4j's list slices take 32-bit integers

@router.get(
    "/mandates",
    response_model=MandateList,
    summary="The mandate tracker",
    responses={422: {"description": "A filter is invalid; `detail` names it"},
               503: {"model": Error, "description": "Neo4j is unreachable"}},
)
def mandates(
    client: Annotated[Neo4jClient, Depends(get_client)],
    addressee: Annotated[str | None, Query(max_length=100, description="secretariat, Parties, SBI, SBSTA Chair…",
                                           examples=["secretariat"])] = None,
    session: Annotated[str | None, Query(max_length=100, description="The session that issued it: CMA 5, COP 23, "
                                         "缔约方会议第二十三届会议", examples=["CMA 5"]),
                       AfterValidator(params.session)] = None,
    decision: Annotated[str | None, Query(max_length=100, description="The decision that gives it",
                                          examples=["1/CMA.5"]),
                        AfterValidator(params.decision_symbol)] = None,
    due: Annotated[str | None, Query(max_length=100, description="The session it is due at", examples=["CMA 6"]),
                   AfterValidator(params.session)] = None,
    status: Annotated[Literal["open", "answered"] | None,
                      Query(description="open: no ingested document follows it up; answered: one does")] = None,
    kind: Annotated[Literal["request", "invitation", "encouragement", "decision"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> MandateList:
    """Every mandate the ingested decisions give (as a report restates it, while the decision's own text is not
    ingested), with its addressee, action and deadline, the passage that states it, and the documents and passages
    that answer it. Ordered by decision and paragraph."""
    [record] = client.read(queries.MANDATES, {
        "addressee": addressee, "session": session, "decision": decision, "due": due, "status": status,
        "kind": kind, "limit": limit, "offset": offset,
    })
    return MandateList(**record.data())
