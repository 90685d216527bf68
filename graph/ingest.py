"""Ingest: files -> parse -> RDF -> SHACL -> embeddings -> Neo4j, one document at a time.

A document is loaded whole or not at all; a failing file is reported and the others go on. A file is
skipped when its content, the embedding model and the pipeline's own code are all as at its last load, so
ingesting twice is a no-op, and upgrading climate-kg or switching the model reloads what it changes.
"""

from __future__ import annotations

import hashlib
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
from rdflib import Graph

from graph.errors import DocumentError, Neo4jUnavailable
from graph.parse import doc_id_for, parse_file
from graph.rdf import build_graph
from graph.store.client import Neo4jClient
from graph.store.loader import load_document
from graph.store.mapping import passage_texts
from graph.store.queries import stored_document
from graph.store.schema import ensure_schema, ensure_vector_index
from graph.validate import check

SUFFIXES = {".txt", ".md", ".markdown"}
_ROOT = Path(__file__).resolve().parents[1]
# What turns a file into its graph in Neo4j: the parser, the RDF and its ontology and shapes, the mapping and the
# writes. A change here reloads every document; the client, the server launcher or search do not.
GRAPH_MAKERS = ("graph/parse/**/*.py", "graph/model.py", "graph/symbols.py", "graph/tokens.py", "graph/rdf.py",
                "graph/store/mapping.py", "graph/store/loader.py", "ontology/*.ttl")


def pipeline_files() -> list[Path]:
    return sorted({path for pattern in GRAPH_MAKERS for path in _ROOT.glob(pattern)})


def pipeline_version() -> str:
    """A hash of the code and ontology that turn a file into its graph (GRAPH_MAKERS)."""
    digest = hashlib.sha256()
    for path in pipeline_files():
        digest.update(path.relative_to(_ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class PassageEmbedder(Protocol):
    model_id: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


@dataclass
class FileResult:
    path: Path
    status: str  # "loaded" | "unchanged" | "failed"
    error: str | None = None
    passages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # parse, rdf+shacl, embed, load


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to ingest: each file named, and the documents found below each folder, in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            files.append(path)  # a missing or unreadable file is reported by the parser, naming it
    return list(dict.fromkeys(files))


def ingest(
    paths: Iterable[Path],
    client: Neo4jClient,
    embedder: PassageEmbedder,
    export: Path | None = None,
    on_file: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    ensure_schema(client)
    ensure_vector_index(client, embedder.dim)
    graphs: list[Graph] = []
    results = []
    stamp = {"embedding_model": embedder.model_id, "pipeline_version": pipeline_version()}
    first_of: dict[str, Path] = {}  # doc_id -> the file that had it in this run
    for path in collect_files(paths):
        first = first_of.setdefault(doc_id_for(path.name), path)
        if first != path:  # a document is known by its file name: the second would silently replace the first
            result = FileResult(path, "failed", f"{path}: same file name as {first}, which this run already ingests; "
                                                "rename one of them")
        else:
            result = _ingest_file(path, client, embedder, stamp, graphs if export else None)
        results.append(result)
        if on_file:
            on_file(result)
    if export:
        merged = Graph()
        for g in graphs:
            merged += g
        merged.serialize(export, format="turtle")
    return results


def _ingest_file(path: Path, client: Neo4jClient, embedder: PassageEmbedder, stamp: dict[str, str],
                 graphs: list[Graph] | None) -> FileResult:
    result = FileResult(path, "failed")
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.seconds[step] = now - clock
        clock = now

    try:
        doc = parse_file(path)
        lap("parse")
        stored = stored_document(client, doc.doc_id) or {}
        unchanged = all(stored.get(key) == value for key, value in {"content_hash": doc.content_hash, **stamp}.items())
        if unchanged and graphs is None:
            result.status = "unchanged"
            return result
        g = build_graph(doc)
        check(g, doc.source)
        lap("rdf+shacl")
        if graphs is not None:
            graphs.append(g)
        if unchanged:
            result.status = "unchanged"
            return result
        texts = passage_texts(g)
        vectors = embedder.embed_passages(list(texts.values()))
        lap("embed")
        load_document(client, g, {iri: v.tolist() for iri, v in zip(texts, vectors, strict=True)}, stamp)
        lap("load")
    except DocumentError as e:
        result.error = str(e)
        return result
    except Neo4jUnavailable:
        raise  # no other file can load either: the run stops with that one line
    except Exception as e:  # a bug, not bad input: still one line, and the other files go on
        result.error = f"{path}: not loaded, nothing changed: internal error {_where_raised(e)}"
        return result
    result.status, result.passages = "loaded", len(texts)
    return result


def _where_raised(error: Exception) -> str:
    """ "TypeError at graph/store/loader.py:201: …": enough for a bug report, without a traceback for the user."""
    frame = traceback.extract_tb(error.__traceback__)[-1]
    where = Path(frame.filename).resolve()
    place = where.relative_to(_ROOT) if where.is_relative_to(_ROOT) else where.name
    return f"{type(error).__name__} at {place}:{frame.lineno}: {' '.join(str(error).split())}"
