"""Embed queries and passages with the configured model, reusing cached vectors for unchanged text."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from functools import lru_cache

import numpy as np

from embed.cache import EmbeddingCache, content_key
from embed.model import load_model
from graph.config import Settings

_PASSAGE_PROMPT_NAMES = ("document", "passage", "corpus")
QUERY_MEMORY = 1024  # query vectors kept in memory, most recently used
# Queries waiting while the model works are embedded together, up to this many at once: under load one call for
# many queries costs less than a call each (about 10 ms a query in a batch of 32 against 16 ms alone).
QUERY_BATCH = 32
# Workers embedding queries, one a core: the model releases the interpreter lock and its calls share nothing but the
# read-only weights, so two run side by side. Measured on 2 cores, 2 to 4 searches at once: 5.2 -> 7-9 searches/s
# against one worker, whose batches gain little (the engine costs about the same per text in a batch).
QUERY_WORKERS = os.cpu_count() or 1


class Embedder:
    """``embed_passages`` / ``embed_query`` return L2-normalised float32 vectors, so a dot product is the cosine.

    Passage vectors are cached on disk by content; query vectors only in memory, so what people search for is
    not written down and the cache does not grow with traffic. ``hits`` counts passages served from the cache
    (or repeated within one call), ``misses`` texts the model actually embedded; both only grow, so a caller
    can compare them before and after a run.

    Queries from concurrent threads (the API's requests) go through worker threads (QUERY_WORKERS); a worker embeds
    whatever has arrived while it was busy as one batch: no waiting window, so a query alone is embedded at once.
    A text already waiting or being embedded is not queued again: its callers share the one vector (a search's two
    dense signals often ask for the same text at the same moment, before either has reached the memo).
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
        self._queries: queue.SimpleQueue[tuple[str, Future[np.ndarray]] | None] = queue.SimpleQueue()
        self._pending: dict[str, Future[np.ndarray]] = {}  # queued or being embedded, by text
        self._pending_lock = threading.Lock()
        self._query_workers = [threading.Thread(target=self._embed_queries, name="query-embedder", daemon=True)
                               for _ in range(QUERY_WORKERS)]
        for worker in self._query_workers:
            worker.start()

    def _embed_query(self, text: str) -> np.ndarray:
        with self._pending_lock:
            done = self._pending.get(text)
            if done is None:
                done = self._pending[text] = Future()
                self._queries.put((text, done))
        return done.result()

    def _embed_queries(self) -> None:
        while (first := self._queries.get()) is not None:
            batch = [first]
            while len(batch) < QUERY_BATCH and (item := self._next_query()) is not None:
                batch.append(item)
            texts = [text for text, _ in batch]
            error: Exception | None = None
            try:
                vectors = self._encode(texts, self.query_prompt)
                with self._lock:
                    self.misses += len(batch)
            except Exception as e:  # the callers raise it; the worker serves the next queries
                error = e
            with self._pending_lock:  # from here a caller finds the memo, or queues the text again
                for text in texts:
                    del self._pending[text]
            for i, (_, done) in enumerate(batch):
                if error:
                    done.set_exception(error)
                else:
                    vectors[i].setflags(write=False)  # shared by every caller of the memoised query
                    done.set_result(vectors[i])
        self._queries.put(None)  # closing: the other workers stop too

    def _next_query(self) -> tuple[str, Future[np.ndarray]] | None:
        try:
            item = self._queries.get_nowait()
        except queue.Empty:
            return None
        if item is None:  # closing: finish this batch, then stop
            self._queries.put(None)
        return item

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
        self._queries.put(None)  # each worker puts it back for the next
        for worker in self._query_workers:
            worker.join()
        self.cache.close()
