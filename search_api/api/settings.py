"""The HTTP API's configuration, from CLIMATE_KG_* environment variables."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLIMATE_KG_")

    api_key: SecretStr | None = None
    """CLIMATE_KG_API_KEY: the X-API-Key that admin endpoints require; unset, they refuse every request."""
    cors_origins: Annotated[list[str], NoDecode] = []
    """CLIMATE_KG_CORS_ORIGINS: comma-separated origins allowed to call the API from a browser; none by default."""
    cypher_timeout_s: float = Field(10.0, gt=0)
    """CLIMATE_KG_CYPHER_TIMEOUT_S: POST /cypher stops a query after this long."""
    cypher_max_rows: int = Field(1000, ge=1)
    """CLIMATE_KG_CYPHER_MAX_ROWS: POST /cypher returns at most this many rows."""
    cypher_concurrency: int = Field(2, ge=1)
    """CLIMATE_KG_CYPHER_CONCURRENCY: POST /cypher queries running at once; more get 429."""

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
