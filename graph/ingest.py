"""Ingest: files -> parse -> RDF -> SHACL -> embeddings -> Neo4j, one document at a time.

A document is loaded whole or not at all; a failing file is reported and the others go on. A file is
skipped when its content, the embedding model and the pipeline's own code are all as at its last load, so
ingesting twice is a no-op, and upgrading climate-kg or switching the model reloads what it changes.

The model is the slow part, and it runs outside the interpreter lock: while it embeds one document, the next is
parsed, built and checked and the one before is loaded into Neo4j, each in its own thread, so the ingest runs at
about the model's own speed. Documents are still reported, and loaded, in order.
"""

from __future__ import annotations

import hashlib
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np
from rdflib import Graph

from graph.errors import DocumentError, Neo4jUnavailable
from graph.parse import doc_id_for, parse_file
from graph.rdf import build_graph
from graph.sentences import sentences
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
                "graph/sentences.py", "graph/gloss.py", "graph/glossary/*.py", "graph/glossary/*.tsv",
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
    status: str  # "loaded" | "unchanged" | "failed" ("pending" while it is being ingested)
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
    results: list[FileResult] = []
    stamp = {"embedding_model": embedder.model_id, "pipeline_version": pipeline_version()}
    files = collect_files(paths)

    def done(result: FileResult) -> None:
        results.append(result)
        if on_file:
            on_file(result)

    # One thread prepares the next document while this one embeds, one loads the one before.
    with ThreadPoolExecutor(2, thread_name_prefix="ingest") as threads:
        first_of: dict[str, Path] = {}  # doc_id -> the file that had it in this run

        def prepare(path: Path) -> Future[_Prepared]:
            first = first_of.setdefault(doc_id_for(path.name), path)
            if first != path:  # a document is known by its file name: the second would silently replace the first
                return _ready(_Prepared(FileResult(path, "failed", f"{path}: same file name as {first}, which this "
                                                                   "run already ingests; rename one of them")))
            return threads.submit(_prepare, path, client, stamp, export is not None)

        loading: Future[FileResult] | None = None
        preparing = prepare(files[0]) if files else None
        for i in range(len(files)):
            assert preparing is not None
            doc = preparing.result()
            preparing = prepare(files[i + 1]) if i + 1 < len(files) else None
            if doc.graph is not None and export:
                graphs.append(doc.graph)
            embedded = _embed(doc, embedder)
            if loading:
                done(loading.result())
            loading = (threads.submit(_load, doc, embedded, client, stamp) if embedded is not None
                       else _ready(doc.result))
        if loading:
            done(loading.result())
    if export:
        merged = Graph()
        for g in graphs:
            merged += g
        merged.serialize(export, format="turtle")
    return results


@dataclass
class _Prepared:
    """A document parsed, its graph built and checked: `texts` (passage IRI -> text) to embed and load, or None
    when there is nothing to load (unchanged, or failed: see `result`)."""

    result: FileResult
    graph: Graph | None = None
    texts: dict[str, str] | None = None


T = TypeVar("T")


def _ready(value: T) -> Future[T]:
    """A future already holding `value`."""
    future: Future[T] = Future()
    future.set_result(value)
    return future


@contextmanager
def _step(result: FileResult, name: str) -> Iterator[None]:
    """Time a step into `result.seconds`, and turn its failure into `result.error`: a bad document says why, a bug
    says where in one line; Neo4j unreachable stops the run (no other file can load either)."""
    started = time.perf_counter()
    try:
        yield
    except DocumentError as e:
        result.status, result.error = "failed", str(e)
    except Neo4jUnavailable:
        raise
    except Exception as e:
        result.status, result.error = "failed", f"{result.path}: not loaded, nothing changed: internal error " \
                                                 f"{_where_raised(e)}"
    result.seconds[name] = time.perf_counter() - started


def _prepare(path: Path, client: Neo4jClient, stamp: dict[str, str], keep_graph: bool) -> _Prepared:
    prepared = _Prepared(FileResult(path, "pending"))
    result = prepared.result
    with _step(result, "parse"):
        doc = parse_file(path)
        stored = stored_document(client, doc.doc_id) or {}
        unchanged = all(stored.get(key) == value for key, value in {"content_hash": doc.content_hash, **stamp}.items())
        if unchanged:
            result.status = "unchanged"
    if result.status != "pending" and not (keep_graph and result.status == "unchanged"):
        return prepared
    with _step(result, "rdf+shacl"):
        g = build_graph(doc)
        check(g, doc.source)
        prepared.graph = g
        if result.status == "pending":
            prepared.texts = passage_texts(g)
    return prepared


@dataclass
class _Embedded:
    passages: dict[str, list[float]]  # passage IRI -> vector
    sentences: list[tuple[str, str, list[float]]]  # (passage IRI, sentence, vector) of the long passages


def _embed(doc: _Prepared, embedder: PassageEmbedder) -> _Embedded | None:
    if doc.texts is None:
        return None
    with _step(doc.result, "embed"):
        parts = [(iri, sentence) for iri, text in doc.texts.items() for sentence in sentences(text)]
        vectors = embedder.embed_passages([*doc.texts.values(), *(sentence for _, sentence in parts)])
        own, of_sentences = vectors[: len(doc.texts)], vectors[len(doc.texts) :]
        return _Embedded({iri: v.tolist() for iri, v in zip(doc.texts, own, strict=True)},
                         [(iri, sentence, v.tolist()) for (iri, sentence), v in zip(parts, of_sentences, strict=True)])
    return None  # the step failed: doc.result says why


def _load(doc: _Prepared, embedded: _Embedded, client: Neo4jClient, stamp: dict[str, str]) -> FileResult:
    assert doc.graph is not None and doc.texts is not None
    with _step(doc.result, "load"):
        load_document(client, doc.graph, embedded.passages, stamp, embedded.sentences)
        doc.result.status, doc.result.passages = "loaded", len(doc.texts)
    return doc.result


def _where_raised(error: Exception) -> str:
    """ "TypeError at graph/store/loader.py:201: …": enough for a bug report, without a traceback for the user."""
    frame = traceback.extract_tb(error.__traceback__)[-1]
    where = Path(frame.filename).resolve()
    place = where.relative_to(_ROOT) if where.is_relative_to(_ROOT) else where.name
    return f"{type(error).__name__} at {place}:{frame.lineno}: {' '.join(str(error).split())}"
