"""What the endpoints share, made once per app, and the FastAPI dependencies that hand it out."""

from __future__ import annotations

import hmac
import ipaddress
import logging
import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from graph.config import Settings
from graph.errors import Neo4jUnavailable
from graph.glossary.dictionary import load_dictionary
from graph.store.client import Neo4jClient
from search_api.search import Searcher
from search_api.sparql import CorpusStore
from search_api.suggest import Suggester

log = logging.getLogger(__name__)


class Services:
    """The settings, the embedding model, the rate limiter, and the Neo4j connection with its Searcher, Suggester
    and SPARQL store.

    The connection is made on first use, not at start-up, so the app starts while Neo4j is down (/health
    then answers 503) and connects on the first request after Neo4j comes up. Once made, the driver
    reconnects by itself. The Searcher is made with the connection: it reads the documents' abbreviation tables;
    the Suggester after it: it indexes its glossary.
    The SPARQL store is loaded by the first /sparql query (about a second for the shared corpus).
    """

    def __init__(self, settings: Settings, embedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self.cypher_slots = threading.BoundedSemaphore(settings.cypher.concurrency)
        self.sparql_slots = threading.BoundedSemaphore(settings.sparql.concurrency)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self._client: Neo4jClient | None = None
        self._searcher: Searcher | None = None
        self._suggester: Suggester | None = None
        self._sparql: CorpusStore | None = None
        self._lock = threading.Lock()

    def client(self) -> Neo4jClient:
        """The connected client; Neo4jUnavailable (answered with 503) until Neo4j is reachable."""
        with self._lock:
            if self._client is None:
                self._client = Neo4jClient(self.settings, fail_fast=True)
            return self._client

    def searcher(self) -> Searcher:
        client = self.client()
        with self._lock:
            if self._searcher is None:
                self._searcher = Searcher(client, self.embedder)
            return self._searcher

    def suggester(self) -> Suggester:
        searcher = self.searcher()
        with self._lock:
            if self._suggester is None:
                self._suggester = Suggester(searcher.client, searcher.glossary)
            return self._suggester

    def sparql(self) -> CorpusStore:
        client = self.client()
        with self._lock:
            if self._sparql is None:
                self._sparql = CorpusStore(client, self.settings.sparql.refresh_s)
            return self._sparql

    def warm_up(self) -> None:
        """Load now what search loads on first use (the English-Chinese dictionary, a few seconds; the tokenizer),
        so the first visitors do not wait for it."""
        load_dictionary()
        try:
            self.searcher().search("全球盘点 global stocktake", k=1)
            self.suggester()
        except Neo4jUnavailable as e:
            log.warning("%s; the API will connect when it is reachable", e)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


async def get_services(request: Request) -> Services:
    return request.app.state.services


def get_settings(services: Annotated[Services, Depends(get_services)]) -> Settings:
    return services.settings


def get_client(services: Annotated[Services, Depends(get_services)]) -> Neo4jClient:
    return services.client()


def get_searcher(services: Annotated[Services, Depends(get_services)]) -> Searcher:
    return services.searcher()


def get_suggester(services: Annotated[Services, Depends(get_services)]) -> Suggester:
    return services.suggester()


async def rate_limit(request: Request, services: Annotated[Services, Depends(get_services)]) -> None:
    """429 with Retry-After once the client's address has made more requests than CLIMATE_KG_RATE_LIMIT allows.
    Loopback clients pass unless CLIMATE_KG_RATE_LIMIT_LOOPBACK (behind a proxy on this machine, uvicorn takes the
    client's address from X-Forwarded-For)."""
    limits = services.settings.api.rate_limit
    host = request.client.host if request.client else None
    if not limits or (is_local(host) and not services.settings.api.rate_limit_loopback):
        return
    exceeded = [limit for limit in limits if not services.limiter.hit(limit, str(host))]
    if exceeded:
        reset = max(services.limiter.get_window_stats(limit, str(host)).reset_time for limit in exceeded)
        retry_after = max(1, math.ceil(reset - time.time()))
        raise HTTPException(429, f"more than {exceeded[0]} from {host}; retry in {retry_after} s",
                            headers={"Retry-After": str(retry_after)})


def is_local(host: str | None) -> bool:
    """A loopback address, or none from the network at all (a Unix socket's peer, an in-process test client)."""
    try:
        return host is None or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header(description="Must equal CLIMATE_KG_API_KEY")] = None,
) -> None:
    """Admin endpoints: the X-API-Key header must equal CLIMATE_KG_API_KEY; with no key configured, all refuse."""
    if settings.api.api_key is None:
        raise HTTPException(403, "admin endpoints are disabled: the server has no CLIMATE_KG_API_KEY")
    expected = settings.api.api_key.get_secret_value().encode()
    if x_api_key is None or not hmac.compare_digest(x_api_key.encode(), expected):
        raise HTTPException(403, "missing or wrong X-API-Key header")


@contextmanager
def slot(slots: threading.BoundedSemaphore, limit: int, what: str) -> Iterator[None]:
    """Hold one of the `limit` slots of an expensive endpoint while it works; 429 at once when none is free, so a
    burst of analysts' queries cannot take the server's threads from search."""
    if not slots.acquire(blocking=False):
        raise HTTPException(429, f"{limit} {what} queries are already running; retry shortly",
                            headers={"Retry-After": "1"})
    try:
        yield
    finally:
        slots.release()
