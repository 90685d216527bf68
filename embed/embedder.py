"""Embed queries and passages with the configured model, reusing cached vectors for unchanged text."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from embed.cache import EmbeddingCache, content_key
from embed.model import load_model
from graph.config import Settings

_PASSAGE_PROMPT_NAMES = ("document", "passage", "corpus")
QUERY_MEMORY = 1024  # query vectors kept in memory, most recently used


class Embedder:
    """``embed_passages`` / ``embed_query`` return L2-normalised float32 vectors, so a dot product is the cosine.

    Passage vectors are cached on disk by content; query vectors only in memory, so what people search for is
    not written down and the cache does not grow with traffic. ``hits`` counts passages served from the cache
    (or repeated within one call), ``misses`` texts the model actually embedded; both only grow, so a caller
    can compare them before and after a run.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings.embed
        loaded = load_model(self.settings.model)
        self.model = loaded.model
        self.model_id = loaded.model_id
        dim = self.model.get_embedding_dimension()
        assert dim is not None, f"{self.model_id} does not say its embedding dimension"
        self.dim: int = dim
        self.cache = EmbeddingCache(settings.embedding_cache)
        prompts = self.model.prompts
        self.query_prompt = prompts.get("query") or ""
        self.passage_prompt = next((prompt for n in _PASSAGE_PROMPT_NAMES if (prompt := prompts.get(n))), "")
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self.embed_query = lru_cache(maxsize=QUERY_MEMORY)(self._embed_query)

    def _embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            vector = self._encode([text], self.query_prompt)[0]
            self.misses += 1
        vector.setflags(write=False)  # shared by every caller of the memoised query
        return vector

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Shape (len(texts), dim)."""
        return self._embed(list(texts), self.passage_prompt)

    def _embed(self, texts: list[str], prompt: str) -> np.ndarray:
        keys = [content_key(prompt, text) for text in texts]
        with self._lock:
            vectors = self.cache.get_many(self.model_id, keys)
            todo = list({key: text for key, text in zip(keys, texts, strict=True) if key not in vectors}.items())
            batch_size = self.settings.batch_size
            for start in range(0, len(todo), batch_size):
                batch = todo[start : start + batch_size]
                embedded = self._encode([text for _, text in batch], prompt)
                # Stored batch by batch so an interrupted run keeps what it already paid for.
                self.cache.put_many(self.model_id, [(key, vec) for (key, _), vec in zip(batch, embedded, strict=True)])
                vectors.update((key, vec) for (key, _), vec in zip(batch, embedded, strict=True))
            self.misses += len(todo)
            self.hits += len(texts) - len(todo)
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        return np.stack([vectors[key] for key in keys])

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        return self.model.encode(texts, prompt=prompt, batch_size=self.settings.batch_size,
                                 normalize_embeddings=True, convert_to_numpy=True).astype(np.float32)

    def close(self) -> None:
        self.cache.close()
