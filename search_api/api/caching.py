"""Caching headers on GET answers: an ETag (a hash of the body), Cache-Control by endpoint family, and 304 Not Modified
when the request's If-None-Match names the ETag.

The families:
- search and the graph's resources (DATA_PATHS): `public, max-age=CLIMATE_KG_CACHE_MAX_AGE_S` (300 s). Their answers
  change only when documents are ingested or deleted, so browsers and a CDN in front of the site may reuse them for a
  while, then revalidate by ETag;
- /health and /admin: `no-store`: health is the state of now, admin answers are for the key holder;
- everything else (the page, /docs, /openapi.json, static files): `no-cache`, kept but revalidated on every use, so a
  new release shows at once and costs a 304 otherwise.
An error is `no-store`: a 429 or 503 must not be served again from a cache.
"""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DATA_PATHS = ("/search", "/suggest", "/decisions", "/documents", "/mandates", "/rdf", "/sparql")
LIVE_PATHS = ("/health", "/admin")

NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: the request's If-None-Match names the ETag of the current answer"}}


def cache_control(path: str, max_age_s: int) -> str:
    if _under(path, LIVE_PATHS):
        return "no-store"
    if _under(path, DATA_PATHS):
        return f"public, max-age={max_age_s}"
    return "no-cache"


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in prefixes)


def etag(body: bytes) -> str:
    """A strong ETag: the same for the same bytes only."""
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def weak_etag(content: bytes) -> str:
    """A weak ETag, for an answer whose bytes change while what it says does not (search's `took_ms`): made from the
    content that matters, it still lets a client revalidate."""
    return "W/" + etag(content)


def matches(if_none_match: str, tag: str) -> bool:
    """If-None-Match's weak comparison (RFC 9110 13.1.2): "*", or any listed tag, W/ or not."""
    listed = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in listed or tag.removeprefix("W/") in listed


class CachingMiddleware:
    """Adds the caching headers to GET answers, and turns a 200 whose ETag the client holds into a 304. A streamed
    body (GET /rdf) gets Cache-Control but no ETag: it is never held whole."""

    def __init__(self, app: ASGIApp, max_age_s: int) -> None:
        self.app = app
        self.max_age_s = max_age_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        policy = cache_control(scope["path"], self.max_age_s)
        if_none_match = Headers(scope=scope).get("if-none-match")
        start: Message = {}
        chunks: list[bytes] = []
        streaming = False

        async def send_with_headers(message: Message) -> None:
            nonlocal start, streaming
            if message["type"] == "http.response.start":
                start = message
                return
            if streaming or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            headers = MutableHeaders(raw=start["headers"])
            if start["status"] not in (200, 304):
                headers.setdefault("Cache-Control", "no-store")
            else:
                headers.setdefault("Cache-Control", policy)
            if message.get("more_body"):
                streaming = True
                await send(start)
                await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
                return
            body = b"".join(chunks)
            if start["status"] == 200 and policy != "no-store":
                tag = headers.setdefault("ETag", etag(body))
                if if_none_match and matches(if_none_match, tag):
                    await _not_modified(send, headers)
                    return
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, send_with_headers)


async def _not_modified(send: Send, headers: MutableHeaders) -> None:
    """304 with the headers the 200 would have had (ETag, Cache-Control, Vary…) but those describing its body."""
    kept = [(name, value) for name, value in headers.raw if name not in (b"content-length", b"content-type")]
    await send({"type": "http.response.start", "status": 304, "headers": kept})
    await send({"type": "http.response.body", "body": b""})
