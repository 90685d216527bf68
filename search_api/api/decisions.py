"""GET /decisions/{symbol}: a decision with its text, its body and session, what it cites, the mandates it gives, who
cites it, who follows up."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import AfterValidator

from graph.db import Graph
from search_api.api import params
from search_api.api.dependencies import get_graph
from search_api.api.models import DecisionDetail, Error

router = APIRouter(tags=["graph"])

CITED_BY_LIMIT = 200
TextLanguage = Literal["en", "zh", "fr", "es", "ru", "ar"]  # the six UN languages

# One read, so the parts are consistent with each other. `p {…}` on a null passage is null.
# The maps are aliased so that ORDER BY sees the nodes, not the maps.
DECISION_QUERY = """
MATCH (d:Decision {symbol: $symbol})
OPTIONAL MATCH (d)-[:ADOPTED_AT]->(s:Session)
OPTIONAL MATCH (d)-[:ADOPTED_BY]->(b:Body)
WITH d, s, b, COLLECT { MATCH (d)-[:HAS_TEXT]->(t) RETURN t
                        ORDER BY t.language <> $lang, t.language <> 'en', t.doc_id }[0] AS shown
RETURN d.symbol AS symbol, d.number AS number, d.title AS title, d.meeting AS meeting,
  toString(d.adopted_on) AS adopted_on, s.name AS session, b {.code, .name_zh, .name_en} AS body,
  COLLECT { MATCH (d)-[:HAS_TEXT]->(t) RETURN DISTINCT t.language ORDER BY t.language } AS languages,
  shown.language AS text_language,
  COLLECT {
    MATCH (d)-[:HAS_PASSAGE]->(p:Passage) WHERE p.doc_id = shown.doc_id
    OPTIONAL MATCH (section:Section)-[:CONTAINS]->(p)
    RETURN p {.source, .doc_id, .kind, .text, paragraph: CASE WHEN p:Paragraph THEN p.number END,
              heading: CASE WHEN section = shown THEN null ELSE section.title END} AS passage
    ORDER BY p.order
  } AS text,
  COLLECT {
    MATCH (d)-[:HAS_PASSAGE]->(:Passage)-[c:CITES]->(x:Decision) WHERE x <> d
    WITH x, collect(c.paragraphs) AS cited
    RETURN x {.symbol, .title, paragraphs: reduce(all = [], ps IN cited | all + [n IN ps WHERE NOT n IN all])}
      AS decision ORDER BY decision.symbol
  } AS cites,
  COLLECT {
    MATCH (m:Mandate)-[r:RESTS_ON]->(d)
    OPTIONAL MATCH (p:Passage)-[:STATES]->(m)
    OPTIONAL MATCH (m)-[:ISSUED_AT]->(ms:Session)
    OPTIONAL MATCH (m)-[:DUE_AT]->(due:Session)
    RETURN m {.kind, .addressee, .addressee_text, .action, .quote, .deadline, paragraphs: r.paragraphs,
              deadline_date: toString(m.deadline_date), deadline_session: due.name, session: ms.name,
              in_decision_text: EXISTS { (d)-[:HAS_PASSAGE]->(p) },
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
    responses={404: {"model": Error, "description": "No ingested document holds the decision's text or cites it"},
               422: {"description": "Not a decision symbol; `detail` names it"},
               503: {"model": Error, "description": "Neo4j is unreachable"}},
)
def decision(
    graph: Annotated[Graph, Depends(get_graph)],
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
    records = graph.read(DECISION_QUERY, {"symbol": symbol, "lang": lang, "cited_by_limit": CITED_BY_LIMIT})
    if not records:
        raise HTTPException(404, f"unknown decision {symbol!r}: no ingested document holds its text or cites it")
    return DecisionDetail(**records[0].data())
