"""The connection to Neo4j: a driver connected and checked at construction, raising the project's errors.

Reads and writes go through the driver's managed transactions, which retry transient errors
(deadlocks, leader switches, a connection dropped mid-way) by themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import GraphDatabase, Record, RoutingControl, Session
from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable, SessionExpired

from graph.config import Settings
from graph.errors import GraphNotReady, Neo4jUnavailable

# Neo4j's words when a query names an index the database does not have.
_MISSING_INDEX = re.compile(r"There is no such (\w+) schema index: (\S+)")


def unreachable_message(settings: Settings) -> str:
    hint = "start it with `climate-kg db start`" if settings.is_local else "check NEO4J_URI and that the server is up"
    return f"Neo4j is not reachable at {settings.bolt_uri()}: {hint}"


class Neo4jClient:
    """A driver connected (and checked) at construction. Use as a context manager, or call close().

    `fail_fast` is for a server answering people: 1 s to connect and no retries, so a Neo4j that is down is a
    Neo4jUnavailable (a 503) at once, not after the driver's 30 s of retries; the visitor's client retries instead.
    """

    def __init__(self, settings: Settings, *, fail_fast: bool = False) -> None:
        self.settings = settings
        self.uri = settings.bolt_uri()
        self.database = settings.neo4j.database
        # Notifications (e.g. "property does not exist yet" on a new graph) are for query authors, not for our logs.
        self.driver = GraphDatabase.driver(self.uri, auth=settings.auth(), notifications_min_severity="OFF",
                                           connection_timeout=1.0 if fail_fast else 10.0,
                                           max_transaction_retry_time=0.0 if fail_fast else 30.0)
        try:
            with self.connection_errors():
                self.driver.verify_connectivity()
        except Neo4jUnavailable:
            self.driver.close()
            raise

    def __enter__(self) -> Neo4jClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.driver.close()

    @contextmanager
    def connection_errors(self) -> Iterator[None]:
        """Turn the driver's connection and login failures into one clear Neo4jUnavailable, and a missing index into
        GraphNotReady."""
        try:
            yield
        except (ServiceUnavailable, SessionExpired, OSError) as e:
            raise Neo4jUnavailable(unreachable_message(self.settings)) from e
        except AuthError as e:
            user = self.settings.auth()[0]
            raise Neo4jUnavailable(f"Neo4j at {self.uri} refused the login of user {user!r}: {e.message}") from e
        except ClientError as e:
            missing = _MISSING_INDEX.search(e.message or "")
            if not missing:
                raise
            raise GraphNotReady(f"Neo4j at {self.uri} has no {missing[1]} index {missing[2]}: run `climate-kg "
                                f"ingest`, which makes the indexes this version searches") from e

    def session(self, **config: Any) -> Session:
        """A driver session on the configured database, for batched loads with execute_write."""
        return self.driver.session(database=self.database, **config)

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[Record]:
        return self._execute(query, params, RoutingControl.READ)

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[Record]:
        return self._execute(query, params, RoutingControl.WRITE)

    def _execute(self, query: str, params: dict[str, Any] | None, routing: RoutingControl) -> list[Record]:
        with self.connection_errors():
            return self.driver.execute_query(query, params, database_=self.database, routing_=routing).records
