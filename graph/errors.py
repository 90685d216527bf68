"""Every error climate-kg raises on purpose, under one root.

A `UserError` is something the user can act on: a bad file, an unknown symbol, an unreachable Neo4j, a refused
query. The CLI prints it as one line and exits 1; the API answers it with the status in `search_api/api/errors.py`.
Anything else that escapes is a bug (an internal error): ingest reports it as one line naming where it was raised,
the API as a 500 without details, and the CLI with its traceback, for the bug report.
"""


class ClimateKgError(Exception):
    """The root of the errors climate-kg raises on purpose."""


class UserError(ClimateKgError):
    """Bad input or an unusable environment, described in one line."""


class ConfigurationError(UserError):
    """A setting (environment variable) has a value that cannot be used."""


class DocumentError(UserError, ValueError):
    """A document that cannot be parsed or loaded: missing, binary, empty, wrongly encoded, too large."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class LoadFailed(DocumentError):
    """Neo4j refused the document; the transaction was rolled back and the graph is as it was."""


class NotFound(UserError, LookupError):
    """The graph holds no such thing (decision, document)."""


class Neo4jUnavailable(UserError):
    """Neo4j cannot be reached or refused the login."""


class GraphNotReady(UserError):
    """The graph lacks an index search needs: nothing was ingested yet, or only by an older version."""


class ServerError(UserError):
    """The local Neo4j could not be started or stopped."""


class BrowserUnavailable(UserError):
    """Neo4j Browser is not installed (`make install` fetches it) or not served by this app (CLIMATE_KG_BROWSER)."""


class WriteQueryRefused(UserError):
    """A query given as read-only would change the graph or the server."""


class QueryFailed(UserError):
    """Neo4j rejected a query (syntax, types, unknown procedure...)."""


class QueryTimedOut(QueryFailed):
    """A query ran past its time limit and was stopped."""


class NotAcceptable(UserError):
    """The Accept header asks for no format the resource is served in."""


class ModelNotFoundError(UserError):
    """CLIMATE_KG_MODEL names no model that is on this machine (nothing is downloaded)."""


class EmbeddingCacheError(UserError):
    """The embedding cache file cannot be opened as a SQLite database."""
