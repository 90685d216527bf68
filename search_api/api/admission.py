"""Admission to search: a few searches run at once, a few wait, and the rest are told at once to come back.

Past its capacity a server that queues everything makes every visitor wait (measured before this: 14–20 s at
twice the capacity). Here a request beyond the running and waiting places gets 503 with Retry-After straight
away, and one that waited its longest without a place gets the same, so the requests that are served stay fast.
An ASGI middleware rather than a dependency: it decides before the request takes one of the server's threads.
"""

from __future__ import annotations

import asyncio
import json

from starlette.types import ASGIApp, Receive, Scope, Send

from graph.config import SearchLoadSettings

# Paths whose requests run a search (GET /search and what hangs below it).
SEARCH_PATHS = ("/search",)
RETRY_AFTER_S = 1


class Admission:
    def __init__(self, app: ASGIApp, settings: SearchLoadSettings) -> None:
        self.app = app
        self.settings = settings
        self.running = asyncio.Semaphore(settings.concurrency)
        self.waiting = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(SEARCH_PATHS):
            await self.app(scope, receive, send)
            return
        if not self.running.locked():
            await self.running.acquire()  # a free place: taken at once, without yielding to other requests
        elif not await self.wait_for_place(send):
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.running.release()

    async def wait_for_place(self, send: Send) -> bool:
        """Wait for a running place if a waiting one is free and one comes soon enough; otherwise answer 503."""
        if self.waiting >= self.settings.queue:
            await refuse(send, f"search is at capacity ({self.settings.concurrency} running, "
                               f"{self.waiting} waiting); retry in {RETRY_AFTER_S} s")
            return False
        self.waiting += 1
        try:
            await asyncio.wait_for(self.running.acquire(), self.settings.queue_wait_s)
        except TimeoutError:
            await refuse(send, f"search is at capacity: no place within {self.settings.queue_wait_s:g} s; "
                               f"retry in {RETRY_AFTER_S} s")
            return False
        finally:
            self.waiting -= 1
        return True


async def refuse(send: Send, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": 503,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"retry-after", str(RETRY_AFTER_S).encode())]})
    await send({"type": "http.response.body", "body": body})
