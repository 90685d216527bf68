"""GET /browser/: Neo4j Browser (its static files, fetched by `make install`), connecting to the graph's Bolt port.

Browser runs in the user's browser and speaks Bolt over a WebSocket straight to Neo4j; this app only serves its
files. It takes the server to connect to from its URL (`?connectURL=bolt://neo4j@host:port`), so /browser/ without
one redirects to the address of the graph in use. The user logs in with Neo4j's own password (var/neo4j/password).
"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

from graph.config import REPO_ROOT, Settings
from graph.errors import BrowserUnavailable

FILES = REPO_ROOT / "neo4j-server" / "target" / "browser"
PATH = "/browser/"


def not_served(settings: Settings, host: str | None) -> str | None:
    """Why the app listening on `host` does not serve Browser, or None when it does. `host` None: not known
    (the app under another ASGI server), so not known to be loopback."""
    if settings.api.browser == "off":
        return "Neo4j Browser is off (CLIMATE_KG_BROWSER=off)"
    if settings.api.browser == "on" or _is_loopback(host):
        return None
    return ("Neo4j Browser is served only when the app listens on 127.0.0.1 or localhost, "
            "or with CLIMATE_KG_BROWSER=on")


def _is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:  # another host name: it may resolve to any interface
        return False


def connect_url(settings: Settings) -> str:
    """The Bolt URL Browser opens, with the user name, so its login form asks only for the password."""
    uri = urlsplit(settings.bolt_uri())
    user = settings.neo4j.user if settings.neo4j.uri else "neo4j"
    return f"{uri.scheme}://{user}@{uri.hostname}:{uri.port or 7687}"


def announcement(settings: Settings, host: str, port: int) -> str:
    """The line `climate-kg serve` prints: where Browser is and how to log in, or why it is not there."""
    reason = not_served(settings, host)
    if reason:
        return reason
    if not installed():
        return f"Neo4j Browser is not installed ({FILES}): run `make install`"
    address = f"[{host}]" if ":" in host else host
    login = (f"as neo4j with the password in {settings.password_file}" if settings.is_local
             else f"as {settings.neo4j.user} with NEO4J_PASSWORD")
    return f"Neo4j Browser: http://{address}:{port}{PATH} (log in {login})"


def installed() -> bool:
    return (FILES / "index.html").is_file()


def headers(settings: Settings) -> dict[str, str]:
    """Browser's own policy; the search page keeps its stricter one (page.py). Browser needs inline styles and a
    WebSocket to the Bolt port; nothing else leaves this app, so its web fonts, analytics, crash reports and
    remote guides stay off the network (blocked, Browser works without them)."""
    uri = urlsplit(settings.bolt_uri())
    policy = (f"default-src 'self'; connect-src 'self' ws://{uri.hostname}:{uri.port or 7687}; "
              "style-src 'self' 'unsafe-inline'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'")
    return {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


class _Files(StaticFiles):
    """Browser's files, each with Browser's headers: a worker script's policy comes with its own response."""

    def __init__(self, headers: dict[str, str]) -> None:
        super().__init__(directory=FILES, check_dir=False)
        self.headers = headers

    def file_response(self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope,
                      status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers.update(self.headers)
        return response


def add(app: FastAPI, settings: Settings, host: str | None) -> None:
    """GET /browser/ and Browser's files when served; otherwise /browser/ answers 404 saying why."""
    router = APIRouter(include_in_schema=False)
    reason = not_served(settings, host)
    policy = headers(settings)

    @router.get(PATH)
    def index(request: Request) -> Response:
        if reason:
            raise BrowserUnavailable(reason)
        if not installed():
            raise BrowserUnavailable(f"Neo4j Browser is not installed ({FILES}): run `make install`")
        if "connectURL" not in request.query_params and "dbms" not in request.query_params:
            query = urlencode([("connectURL", connect_url(settings)), *request.query_params.multi_items()])
            return RedirectResponse(f"{PATH}?{query}")
        return FileResponse(FILES / "index.html", headers=policy)

    app.include_router(router)
    if not reason:
        app.mount(PATH.rstrip("/"), _Files(policy), name="browser")
