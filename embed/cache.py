"""A content-addressed store of embedding vectors in one SQLite file.

A vector is keyed by (model id, sha256 of prompt + text), so an unchanged passage is never embedded twice
and switching models never mixes vectors.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from graph.errors import EmbeddingCacheError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL,
    key BLOB NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, key)
) WITHOUT ROWID
"""
# Stay well under SQLite's limit on bound parameters per statement.
_LOOKUP_CHUNK = 500


def content_key(prompt: str, text: str) -> bytes:
    return hashlib.sha256((prompt + text).encode("utf-8")).digest()


class EmbeddingCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # The API serves queries from worker threads; Embedder serialises access with a lock.
            self._db = sqlite3.connect(path, check_same_thread=False)
            self._db.execute(_SCHEMA)
        except sqlite3.DatabaseError as err:
            raise EmbeddingCacheError(f"embedding cache {path} is not a usable SQLite file ({err}): delete it, "
                                      "it is rebuilt on the next ingest") from err
        self.path = path

    def get_many(self, model: str, keys: Iterable[bytes]) -> dict[bytes, np.ndarray]:
        keys = list(dict.fromkeys(keys))
        found: dict[bytes, np.ndarray] = {}
        for start in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = keys[start : start + _LOOKUP_CHUNK]
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({','.join('?' * len(chunk))})",
                [model, *chunk],
            )
            found.update((key, np.frombuffer(blob, dtype=np.float32)) for key, blob in rows)
        return found

    def put_many(self, model: str, items: Iterable[tuple[bytes, np.ndarray]]) -> None:
        # One transaction: a batch is stored whole or not at all.
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (model, key, vector) VALUES (?, ?, ?)",
                [(model, key, np.asarray(vec, dtype=np.float32).tobytes()) for key, vec in items],
            )

    def close(self) -> None:
        self._db.close()
