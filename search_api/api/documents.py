"""GET /documents lists what is ingested, GET /documents/{doc_id} tells of one (as JSON, or its RDF by content
negotiation); DELETE /admin/documents/{doc_id} removes one (API key required)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header
from fastapi.responses import Response
from pyoxigraph import RdfFormat, parse

from graph.errors import NotFound
from graph.store import queries
from graph.store.client import Neo4jClient
from graph.store.loader import delete_document
from search_api.api import negotiation
from search_api.api.dependencies import get_client, require_api_key
from search_api.api.models import DocumentDetail, DocumentInfo, DocumentRef, Error

router = APIRouter(tags=["documents"])
admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_api_key)],
                  responses={403: {"model": Error, "description": "No CLIMATE_KG_API_KEY set, or a wrong X-API-Key"}})


@router.get("/documents", response_model=list[DocumentInfo], summary="The ingested documents",
            responses={503: {"model": Error, "description": "Neo4j is unreachable"}})
def documents(client: Annotated[Neo4jClient, Depends(get_client)]) -> list[DocumentInfo]:
    records = client.read(queries.DOCUMENTS)
    return [DocumentInfo(**r.data()) for r in records]


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentDetail,
    summary="One ingested document, or its RDF",
    responses={404: {"model": Error, "description": "No such document"},
               503: {"model": Error, "description": "Neo4j is unreachable"},
               **negotiation.responses(negotiation.RESOURCE[1:], "The document; by `Accept`, its RDF graph")},
)
def document(
    doc_id: str,
    client: Annotated[Neo4jClient, Depends(get_client)],
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> DocumentDetail | Response:
    """The document's metadata, the sessions it is for, the decisions whose text it gives and those it follows up.
    With `Accept: text/turtle` or `application/ld+json`, its whole RDF graph in the climate-kg ontology (the graph
    ingest validated and loaded)."""
    media_type = negotiation.choose(accept, negotiation.RESOURCE)
    if media_type == negotiation.JSON:
        records = client.read(queries.DOCUMENT, {"doc_id": doc_id})
        if not records:
            raise NotFound(f"no document {doc_id!r} in the graph")
        return DocumentDetail(**records[0].data())
    records = client.read(queries.DOCUMENT_RDF, {"doc_id": doc_id})
    if not records:
        raise NotFound(f"no document {doc_id!r} in the graph")
    if records[0]["rdf"] is None:
        raise NotFound(f"document {doc_id!r} was ingested by an older climate-kg, without its RDF: ingest it again")
    return negotiation.rdf_response(parse(records[0]["rdf"], RdfFormat.N_TRIPLES), media_type)


@admin.delete("/documents/{doc_id}", response_model=DocumentRef, summary="Remove a document from the graph",
              responses={404: {"model": Error, "description": "No such document"}})
def delete(doc_id: str, client: Annotated[Neo4jClient, Depends(get_client)]) -> DocumentRef:
    """Remove the document's own nodes, and decisions, sessions… that only it referred to, in one transaction.
    Requires the `X-API-Key` header."""
    document = queries.stored_document(client, doc_id)
    if document is None:
        raise NotFound(f"no document {doc_id!r} in the graph")
    delete_document(client, doc_id)
    return DocumentRef(doc_id=doc_id, source=document["source"], title=document.get("title"))
