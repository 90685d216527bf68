"""GET /mandates: the mandate tracker. Who was asked to do what, by when, and what answers it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import AfterValidator

from graph.db import Graph
from search_api.api import params
from search_api.api.dependencies import get_graph
from search_api.api.models import Error, MandateList

router = APIRouter(tags=["graph"])

MAX_LIMIT = 200

# A mandate given by a decision: as the decision's text states it or, while that text is not ingested, as a report
# restates it (so a mandate is listed once). A "basis cited" (work done under a decision) asks nobody anything.
MANDATES_QUERY = """
MATCH (p:Passage)-[:STATES]->(m:Mandate) WHERE m.kind <> 'basis_cited' AND ($kind IS NULL OR m.kind = $kind)
  AND ($addressee IS NULL OR m.addressee = $addressee)
OPTIONAL MATCH (m)-[r:RESTS_ON]->(d:Decision)
WITH p, m, r, d, d IS NOT NULL AND EXISTS { (d)-[:HAS_PASSAGE]->(p) } AS in_text
WHERE (d IS NULL OR in_text OR NOT EXISTS { (d)-[:HAS_TEXT]->() })
  AND ($decision IS NULL OR d.symbol = $decision)
  AND ($session IS NULL OR EXISTS { (m)-[:ISSUED_AT]->(:Session {name: $session}) })
  AND ($due IS NULL OR EXISTS { (m)-[:DUE_AT]->(:Session {name: $due}) })
  AND ($status IS NULL OR ($status = 'answered') = EXISTS { (:Document)-[:FOLLOWS_UP]->(m) })
WITH p, m, r, d, in_text ORDER BY d.symbol, toInteger(split(coalesce(r.paragraphs[0], '0'), '(')[0]), m.iri
WITH collect([p, m, r, d, in_text]) AS rows
CALL (rows) {
  UNWIND rows[$offset .. $offset + $limit] AS row
  WITH row[0] AS p, row[1] AS m, row[2] AS r, row[3] AS d, row[4] AS in_text
  RETURN collect(m {.kind, .addressee, .addressee_text, .action, .deadline,
    deadline_date: toString(m.deadline_date), decision: d.symbol, paragraphs: coalesce(r.paragraphs, []),
    in_decision_text: in_text,
    session: COLLECT { MATCH (m)-[:ISSUED_AT]->(s) RETURN s.name }[0],
    deadline_session: COLLECT { MATCH (m)-[:DUE_AT]->(s) RETURN s.name }[0],
    stated_in: p {.source, .doc_id, .kind, .text, paragraph: CASE WHEN p:Paragraph THEN p.number END},
    followed_up_by: COLLECT { MATCH (f:Document)-[:FOLLOWS_UP]->(m) RETURN f {.doc_id, .source, .title} AS f
                              ORDER BY f.source },
    answered_in: COLLECT {
      MATCH (f:Document)-[:FOLLOWS_UP]->(m) MATCH (f)-[:HAS_PASSAGE]->(a:Passage)
      WHERE a <> p AND (EXISTS { (a)-[:CITES_PARAGRAPH]->(p) } OR EXISTS { (a)-[:STATES]->(:Mandate)<-[:FOLLOWS_UP]-(f) })
      RETURN a {.source, .doc_id, .kind, .text, paragraph: CASE WHEN a:Paragraph THEN a.number END} AS a
      ORDER BY a.source, a.order }}) AS mandates
}
RETURN size(rows) AS total, mandates
"""


@router.get(
    "/mandates",
    response_model=MandateList,
    summary="The mandate tracker",
    responses={422: {"description": "A filter is invalid; `detail` names it"},
               503: {"model": Error, "description": "Neo4j is unreachable"}},
)
def mandates(
    graph: Annotated[Graph, Depends(get_graph)],
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
    offset: Annotated[int, Query(ge=0)] = 0,
) -> MandateList:
    """Every mandate the ingested decisions give (as a report restates it, while the decision's own text is not
    ingested), with its addressee, action and deadline, the passage that states it, and the documents and passages
    that answer it. Ordered by decision and paragraph."""
    [record] = graph.read(MANDATES_QUERY, {
        "addressee": addressee, "session": session, "decision": decision, "due": due, "status": status,
        "kind": kind, "limit": limit, "offset": offset,
    })
    return MandateList(**record.data())
