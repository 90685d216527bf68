"""The API's one mapping from the project's errors (graph.errors) to HTTP: a status and `{"detail": "one line"}`.

An error not listed here that escapes a handler is a bug: a 500 whose body says no more (the server logs it).
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from graph.errors import (
    BrowserUnavailable,
    ClimateKgError,
    GraphNotReady,
    Neo4jUnavailable,
    NotAcceptable,
    NotFound,
    QueryFailed,
    WriteQueryRefused,
)

STATUS: dict[type[ClimateKgError], int] = {
    NotFound: 404,
    BrowserUnavailable: 404,
    WriteQueryRefused: 403,
    NotAcceptable: 406,
    QueryFailed: 400,  # a timeout too: a 408 invites HTTP clients to re-run an expensive query by themselves
    Neo4jUnavailable: 503,
    GraphNotReady: 503,
}
HEADERS: dict[int, dict[str, str]] = {503: {"Retry-After": "5"}}


def add_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ClimateKgError, _known_error)
    app.add_exception_handler(Exception, _internal_error)


async def _known_error(request: Request, exc: Exception) -> JSONResponse:
    status = next((STATUS[cls] for cls in type(exc).__mro__ if cls in STATUS), None)
    if status is None:
        return await _internal_error(request, exc)
    return JSONResponse({"detail": str(exc)}, status_code=status, headers=HEADERS.get(status))


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    # For an unhandled exception Starlette re-raises it after this, so the server logs the traceback.
    return JSONResponse({"detail": "internal server error"}, status_code=500)
