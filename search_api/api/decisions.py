"""GET /decisions/{symbol}: a decision with its body and session, the mandates it gives, who cites it, who follows up."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path
from pydantic import AfterValidator

from graph.db import Graph
from search_api.api import params
from search_api.api.dependencies import get_graph
from search_api.api.models import DecisionDetail, Error

router = APIRouter(tags=["graph"])

CITED_BY_LIMIT = 200

# One read, so the parts are consistent with each other. `p {…}` on a null passage is null.
# The maps are aliased so that ORDER BY sees the nodes, not the maps.
DECISION_QUERY = """
MATCH (d:Decision {symbol: $symbol})
OPTIONAL MATCH (d)-[:ADOPTED_AT]->(s:Session)
OPTIONAL MATCH (d)-[:ADOPTED_BY]->(b:Body)
RETURN d.symbol AS symbol, d.number AS number, s.name AS session, b {.code, .name_zh, .name_en} AS body,
  COLLECT {
    MATCH (m:Mandate)-[r:RESTS_ON]->(d)
    OPTIONAL MATCH (p:Passage)-[:STATES]->(m)
    OPTIONAL MATCH (m)-[:ISSUED_AT]->(ms:Session)
    RETURN m {.kind, .addressee, .addressee_text, .action, .quote, paragraphs: r.paragraphs, session: ms.name,
              reported_in: p {.source, .doc_id, .kind, .text, paragraph: CASE WHEN p:Paragraph THEN p.number END},
              followed_up_by: COLLECT { MATCH (f:Document)-[:FOLLOWS_UP]->(m) RETURN f.doc_id ORDER BY f.doc_id }}
      AS mandate
    ORDER BY m.doc_id, p.order, m.iri
  } AS mandates,
  COLLECT {
    MATCH (p:Passage)-[c:CITES]->(d)
    RETURN p {.source, .doc_id, .kind, .text, paragraph: CASE WHEN p:Paragraph THEN p.number END,
              paragraphs: coalesce(c.paragraphs, []), via_footnotes: coalesce(c.via_footnotes, [])} AS citation
    ORDER BY p.source, p.order LIMIT $cited_by_limit
  } AS cited_by,
  COUNT { (:Passage)-[:CITES]->(d) } AS cited_by_count,
  COLLECT {
    MATCH (f:Document)-[:FOLLOWS_UP]->(:Mandate)-[:RESTS_ON]->(d)
    RETURN DISTINCT f {.doc_id, .source, .title} AS document ORDER BY document.source
  } AS followed_up_by
"""


@router.get(
    "/decisions/{symbol:path}",
    response_model=DecisionDetail,
    summary="A decision and what the graph knows about it",
    responses={404: {"model": Error, "description": "No ingested document cites the decision"},
               422: {"description": "Not a decision symbol; `detail` names it"},
               503: {"model": Error, "description": "Neo4j is unreachable"}},
)
def decision(
    graph: Annotated[Graph, Depends(get_graph)],
    symbol: Annotated[str, Path(description="A decision symbol, URL-encoded (`1%2FCMA.5`); "
                                "`1/cma.5` and `第1/CMA.5号决定` work too", examples=["1/CMA.5"]),
                      AfterValidator(params.decision_symbol)],
) -> DecisionDetail:
    """The decision, the body and session that adopted it, the mandates it gives as reports state them
    (with the report passage and the documents that follow up on each), the passages citing it with the
    decision paragraphs they cite, and the documents that follow up on any of its mandates."""
    records = graph.read(DECISION_QUERY, {"symbol": symbol, "cited_by_limit": CITED_BY_LIMIT})
    if not records:
        raise HTTPException(404, f"unknown decision {symbol!r}: no ingested document cites it")
    return DecisionDetail(**records[0].data())
