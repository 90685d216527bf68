"""Where Neo4j is and how to log in: from the environment, else the project's own local server."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]


class LocalServerSettings(BaseSettings):
    """The local Neo4j that `climate-kg db start` runs. CLIMATE_KG_HOME moves all state (tests use a temp dir)."""

    model_config = SettingsConfigDict(env_prefix="CLIMATE_KG_")

    home: Path = REPO_ROOT / "var"
    neo4j_port: int = 7687
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "128m"

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
    def log_file(self) -> Path:
        return self.neo4j_home / "logs" / "server.log"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.neo4j_port}"

    def password(self) -> str | None:
        """The generated password, or None before the first start."""
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None


class Neo4jSettings(BaseSettings):
    """NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE; without NEO4J_URI, the local server."""

    model_config = SettingsConfigDict(env_prefix="NEO4J_")

    uri: str | None = None
    user: str = "neo4j"
    password: str | None = None
    database: str = "neo4j"
    local: LocalServerSettings = Field(default_factory=LocalServerSettings, exclude=True)

    @property
    def is_local(self) -> bool:
        return not self.uri

    def bolt_uri(self) -> str:
        return self.uri or self.local.uri

    def auth(self) -> tuple[str, str]:
        if self.is_local:
            return "neo4j", self.local.password() or ""
        return self.user, self.password or ""
