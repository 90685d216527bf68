"""The settings tree (graph.config) against README's table, bad values, and what the pipeline's version covers."""

from __future__ import annotations

import re

import pytest
from pydantic_settings import BaseSettings
from typer.testing import CliRunner

from graph.config import Settings
from graph.errors import ConfigurationError
from graph.ingest import pipeline_files, pipeline_version
from paths import REPO_ROOT
from search_api.cli import app


def variables() -> set[str]:
    """Every environment variable the settings tree reads."""
    names = set()
    for cls in (Settings, *(field.annotation for field in Settings.model_fields.values())):
        if isinstance(cls, type) and issubclass(cls, BaseSettings):
            prefix = cls.model_config.get("env_prefix", "")
            names |= {prefix.upper() + name.upper() for name, field in cls.model_fields.items()
                      if not (isinstance(field.annotation, type) and issubclass(field.annotation, BaseSettings))}
    return names


def documented() -> set[str]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Configuration"):readme.index("## Where the data lives")]
    return {name for row in table.splitlines() if row.startswith("| `")
            for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}


def test_every_setting_is_in_the_readme_and_nothing_else():
    assert variables() == documented()


def test_sections_read_their_own_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("CLIMATE_KG_HOME", str(tmp_path))
    monkeypatch.setenv("CLIMATE_KG_NEO4J_PORT", "7999")
    monkeypatch.setenv("CLIMATE_KG_CYPHER_TIMEOUT_S", "2.5")
    monkeypatch.setenv("CLIMATE_KG_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("CLIMATE_KG_RATE_LIMIT", "2/second; 100 per hour")
    monkeypatch.delenv("NEO4J_URI", raising=False)
    settings = Settings.from_env()
    assert settings.bolt_uri() == "bolt://127.0.0.1:7999" and settings.is_local
    assert settings.cypher.timeout_s == 2.5 and settings.embedding_cache == tmp_path / "embeddings.sqlite"
    assert settings.api.cors_origins == ["https://a.example", "https://b.example"]
    assert [str(limit) for limit in settings.api.rate_limit] == ["2 per 1 second", "100 per 1 hour"]
    assert settings.auth() == ("neo4j", "")  # no password file before the first start


@pytest.mark.parametrize("name, value", [("CLIMATE_KG_NEO4J_PORT", "seventy"), ("CLIMATE_KG_CYPHER_MAX_ROWS", "0"),
                                         ("CLIMATE_KG_BATCH_SIZE", "-1"), ("CLIMATE_KG_RATE_LIMIT", "10 a second")])
def test_a_bad_value_is_one_line_naming_the_variable(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError, match=name) as err:
        Settings.from_env()
    assert "\n" not in str(err.value)
    result = CliRunner().invoke(app, ["cypher", "RETURN 1"])
    assert result.exit_code == 1 and result.stderr.startswith("error: setting " + name)
    assert result.stderr.count("\n") == 1


def test_the_pipeline_version_covers_what_makes_the_graph_and_nothing_else():
    files = {path.relative_to(REPO_ROOT).as_posix() for path in pipeline_files()}
    assert {"graph/parse/structure.py", "graph/rdf.py", "graph/store/mapping.py", "graph/store/loader.py",
            "graph/gloss.py", "graph/glossary/unfccc_terms.tsv", "ontology/shapes.ttl"} <= files
    assert not files & {"graph/store/client.py", "graph/store/server.py", "graph/store/queries.py",
                        "graph/config.py", "graph/ingest.py", "graph/glossary/README.md", "search_api/search.py"}
    assert re.fullmatch(r"[0-9a-f]{16}", pipeline_version())


def test_the_rate_limit_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("CLIMATE_KG_RATE_LIMIT", "off")
    assert Settings.from_env().api.rate_limit == []
