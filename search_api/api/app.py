"""The FastAPI app: `create_app()` for any ASGI server, `serve()` for `climate-kg serve`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import Depends, FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from embed.embedder import Embedder
from graph.config import Settings
from search_api.api import browser, cypher, decisions, documents, errors, health, mandates, page, rdf, search, sparql
from search_api.api.admission import Admission
from search_api.api.caching import NOT_MODIFIED, CachingMiddleware
from search_api.api.dependencies import Services, rate_limit
from search_api.api.models import Error
from search_api.startup import start_up

DESCRIPTION = """
Semantic search and a knowledge graph over UN climate documents (Chinese UNFCCC reports).

* **GET /search** finds passages for a Chinese or English question (JSON, or CSV with `format=csv`);
  **GET /search/facets** counts its candidates by document, body, decision, language and passage kind;
  **GET /suggest** completes what is typed in a search box; **GET /decisions/{symbol}** tells what the graph knows
  about a decision; **POST /cypher** runs read-only Cypher (schema: docs/schema.md).
* RDF: **GET /documents/{doc_id}** and **GET /decisions/{symbol}** answer `text/turtle` or `application/ld+json` by
  the `Accept` header (JSON by default); **GET /rdf** streams the whole corpus graph; **GET|POST /sparql** runs
  read-only SPARQL 1.1 over it (docs/sparql.md), bounded like /cypher (CLIMATE_KG_SPARQL_*).
* Errors are JSON: `{"detail": "one line"}`, or FastAPI's list of `{"loc", "msg", "type"}` for invalid parameters (422).
* 503 means Neo4j is unreachable (the API connects again by itself once it is up), or that search is at capacity;
  429 that a client address made more requests than CLIMATE_KG_RATE_LIMIT allows. All come with `Retry-After`
  (seconds).
* GET answers carry an `ETag` and `Cache-Control` (search and the graph's resources: public, 5 minutes); send the ETag
  back in `If-None-Match` for a 304 while the answer is unchanged.
* POST /cypher needs no key: it cannot write (Neo4j plans the query and runs only read-only plans, in a read
  transaction); it is bounded by a time limit, a row limit and a number of queries at once (CLIMATE_KG_CYPHER_*).
* Admin endpoints need the `X-API-Key` header equal to `CLIMATE_KG_API_KEY`; without that variable they refuse (403).
"""


RATE_LIMITED: dict[int | str, dict[str, Any]] = {429: {
    "model": Error,
    "description": "Too many requests from this client address (CLIMATE_KG_RATE_LIMIT), or too many analysts' queries "
                   "running; retry after `Retry-After` seconds"}}


def create_app(settings: Settings | None = None, embedder: Embedder | None = None, host: str | None = None) -> FastAPI:
    """The app. By default settings come from the environment and the embedding model is loaded at start-up;
    pass an `embedder` to share one (tests). Neo4j is connected on first use, so the app starts without it.
    `host`, the address the server listens on, decides whether Neo4j Browser is served (browser.served)."""
    start_up()
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        model = embedder if embedder is not None else await run_in_threadpool(Embedder, settings)
        services = Services(settings, model)
        app.state.services = services
        await run_in_threadpool(services.warm_up)
        try:
            yield
        finally:
            services.close()
            if embedder is None:
                model.close()

    # FastAPI's /docs loads Swagger UI from a CDN; this serves the same pages from a wheel, so they work offline.
    app = FastAPIOffline(title="climate-kg", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.add_middleware(Admission, settings=settings.search)  # inside CORS, so a browser can read its 503
    app.add_middleware(CachingMiddleware, max_age_s=settings.api.cache_max_age_s)  # outside Admission: its 503 no-store
    if settings.api.cors_origins:  # outside the caching, so that a 304 gets the CORS headers too
        app.add_middleware(CORSMiddleware, allow_origins=settings.api.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type", "If-None-Match"],
                           expose_headers=["ETag", "Retry-After", "Content-Disposition", sparql.TRUNCATED])
    errors.add_handlers(app)
    limited = [Depends(rate_limit)]
    for module in (search, decisions, mandates, rdf, documents):  # GET only: their answers are cached
        app.include_router(module.router, dependencies=limited, responses=RATE_LIMITED | NOT_MODIFIED)
    for module in (cypher, sparql):
        app.include_router(module.router, dependencies=limited, responses=RATE_LIMITED)
    for module in (health, page):  # a load balancer's health checks are never limited
        app.include_router(module.router)
    app.include_router(documents.admin)
    app.mount("/static", page.static_files(), name="static")
    browser.add(app, settings, host)
    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the API and the web page with uvicorn until interrupted."""
    uvicorn.run(create_app(settings, host=host), host=host, port=port)
