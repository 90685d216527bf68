"""GET /rdf: the whole corpus graph, the RDF of every document as ingest built it, streamed one document at a time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header
from fastapi.responses import StreamingResponse
from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, parse

from graph.rdf import document_iri
from graph.store import queries
from graph.store.client import Neo4jClient
from search_api.api import negotiation
from search_api.api.dependencies import get_client
from search_api.api.models import Error

router = APIRouter(tags=["graph"])

FORMATS = [negotiation.TURTLE, negotiation.N_TRIPLES, negotiation.N_QUADS]


@router.get(
    "/rdf",
    summary="The whole corpus graph",
    response_class=StreamingResponse,
    responses={**negotiation.responses(FORMATS, "Every document's RDF: Turtle by default; N-Quads names each "
                                                "document's graph by the document's IRI"),
               503: {"model": Error, "description": "Neo4j is unreachable"}},
)
def rdf(
    client: Annotated[Neo4jClient, Depends(get_client)],
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> StreamingResponse:
    """The RDF graph of every ingested document in the climate-kg ontology, as ingest validated and loaded it:
    `text/turtle` (the default; each document's part declares the prefixes again), `application/n-triples`, or
    `application/n-quads` with one named graph per document, as /sparql holds them."""
    media_type = negotiation.choose(accept, FORMATS)
    doc_ids = [record["doc_id"] for record in client.read(queries.DOCUMENT_VERSIONS)]
    return StreamingResponse(_documents(client, doc_ids, media_type), media_type=media_type,
                             headers={"Vary": "Accept"})


def _documents(client: Neo4jClient, doc_ids: list[str], media_type: str) -> Iterator[bytes]:
    """One document's RDF after the other, so that neither the API nor Neo4j holds the whole corpus at once."""
    for doc_id in doc_ids:
        for record in client.read(queries.DOCUMENTS_RDF, {"doc_ids": [doc_id]}):
            if record["rdf"] is None:  # ingested by an older climate-kg: the next ingest stores it
                continue
            if media_type == negotiation.N_TRIPLES:  # as stored
                yield record["rdf"].encode()
                continue
            graph = NamedNode(str(document_iri(doc_id))) if media_type == negotiation.N_QUADS else DefaultGraph()
            quads = (Quad(q.subject, q.predicate, q.object, graph) for q in parse(record["rdf"], RdfFormat.N_TRIPLES))
            yield negotiation.serialize_rdf(quads, media_type)
