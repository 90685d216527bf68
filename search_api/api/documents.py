"""GET /documents lists what is ingested; DELETE /admin/documents/{doc_id} removes one (API key required)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from graph.errors import NotFound
from graph.store import queries
from graph.store.client import Neo4jClient
from graph.store.loader import delete_document
from search_api.api.dependencies import get_client, require_api_key
from search_api.api.models import DocumentInfo, DocumentRef, Error

router = APIRouter(tags=["documents"])
admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_api_key)],
                  responses={403: {"model": Error, "description": "No CLIMATE_KG_API_KEY set, or a wrong X-API-Key"}})


@router.get("/documents", response_model=list[DocumentInfo], summary="The ingested documents",
            responses={503: {"model": Error, "description": "Neo4j is unreachable"}})
def documents(client: Annotated[Neo4jClient, Depends(get_client)]) -> list[DocumentInfo]:
    records = client.read(queries.DOCUMENTS)
    return [DocumentInfo(**r.data()) for r in records]


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
