"""SPARQL over the corpus: the documents' RDF, as the loader stored it in Neo4j, in an in-memory pyoxigraph store
(one named graph per document, named by the document's IRI, and their merge as the default graph), kept in step
with ingest and queried within a time limit and a row limit.

Read-only: rdflib's SPARQL parser reads each request first, and an update (INSERT DATA, LOAD, CLEAR…) is refused,
as is SERVICE (the store would fetch the URL it names); only then does pyoxigraph, whose query method runs no
update, evaluate it. pyoxigraph cannot cancel a query, so each one runs in a forked child process holding a
copy-on-write snapshot of the store, which is killed at the time limit.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, RdfFormat, Store, serialize
from pyparsing import ParseException
from rdflib import BNode, URIRef, Variable
from rdflib import Literal as RdfLiteral
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.query import Result

from graph.errors import QueryFailed, QueryTimedOut, WriteQueryRefused
from graph.rdf import PREFIXES, SERIALIZATION_PREFIXES, document_iri
from graph.store import queries
from graph.store.client import Neo4jClient

QUERY_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
# What each query form is answered in, its default first.
MEDIA_TYPES = {
    "SELECT": [RESULTS_JSON, "application/json", RESULTS_XML],
    "ASK": [RESULTS_JSON, "application/json", RESULTS_XML],
    "CONSTRUCT": ["text/turtle", "application/n-triples", "application/ld+json"],
    "DESCRIBE": ["text/turtle", "application/n-triples", "application/ld+json"],
}
_RESULT_SERIALIZER = {RESULTS_JSON: "json", "application/json": "json", RESULTS_XML: "xml"}
UPDATE_REFUSED = "refused: SPARQL Update (INSERT, DELETE, LOAD, CLEAR…) is not allowed; only queries are"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# The fork start method: the child gets the store as it is, without copying or reloading it.
_FORK = multiprocessing.get_context("fork")


@dataclass
class Parsed:
    query: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE


@dataclass
class Answer:
    body: bytes
    media_type: str
    truncated: bool  # there were more than max_rows solutions or triples, and the rest was cut


def parse(query: str) -> Parsed:
    """The query read by rdflib: WriteQueryRefused for an update or SERVICE, QueryFailed naming a syntax error."""
    try:
        _prologue, body = parseQuery(query)
    except ParseException as e:
        try:
            parseUpdate(query)
        except ParseException:
            raise QueryFailed(f"not a SPARQL query: {e}") from None
        raise WriteQueryRefused(UPDATE_REFUSED) from None
    patterns: set[str] = set()
    traverse(body, visitPre=lambda node: patterns.add(getattr(node, "name", "")))
    if "ServiceGraphPattern" in patterns:
        raise WriteQueryRefused("refused: SERVICE (a federated query) is not allowed; query the corpus only")
    return Parsed(query, body.name.removesuffix("Query").upper())


def answer(store: Store, parsed: Parsed, media_type: str, max_rows: int) -> Answer:
    """Evaluate the query on `store` and serialize its first `max_rows` solutions or triples as `media_type`."""
    try:
        results = store.query(parsed.query, prefixes=QUERY_PREFIXES)
        if isinstance(results, QueryBoolean):
            ask = Result("ASK")
            ask.askAnswer = bool(results)
            return Answer(_serialized(ask, media_type), media_type, truncated=False)
        rows = [row for _, row in zip(range(max_rows + 1), results, strict=False)]
    except (SyntaxError, OSError, ValueError) as e:  # what rdflib let through and oxigraph refuses, or fails on
        raise QueryFailed(" ".join(str(e).split())) from None
    truncated = len(rows) > max_rows
    if isinstance(results, QuerySolutions):
        select = Result("SELECT")
        select.vars = [Variable(v.value) for v in results.variables]
        select.bindings = [{Variable(v.value): _rdflib(row[v]) for v in results.variables if row[v] is not None}
                           for row in rows[:max_rows]]
        return Answer(_serialized(select, media_type), media_type, truncated)
    body = serialize(rows[:max_rows], format=RdfFormat.from_media_type(media_type), prefixes=SERIALIZATION_PREFIXES)
    assert body is not None  # given no output, serialize returns the bytes
    return Answer(body, media_type, truncated)


def _serialized(result: Result, media_type: str) -> bytes:
    body = result.serialize(format=_RESULT_SERIALIZER[media_type], encoding="utf-8")
    assert body is not None  # given no destination, rdflib returns the bytes
    return body


def _rdflib(term: object) -> URIRef | BNode | RdfLiteral:
    """A pyoxigraph term as rdflib's, for rdflib's SPARQL results serializers."""
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return BNode(term.value)
    if isinstance(term, Literal):
        datatype = None if term.language or term.datatype.value == _XSD_STRING else URIRef(term.datatype.value)
        return RdfLiteral(term.value, lang=term.language, datatype=datatype)
    raise QueryFailed(f"cannot return the value {term} (an RDF-star triple term)")


def _answer_in_child(store: Store, parsed: Parsed, media_type: str, max_rows: int, out: Connection) -> None:
    try:
        out.send(answer(store, parsed, media_type, max_rows))
    except Exception as e:  # raised again in the parent: a QueryFailed is the user's, anything else a bug
        out.send(e)


class CorpusStore:
    """The store, refreshed from Neo4j at most every `refresh_s` seconds: documents loaded, reloaded (their content,
    the pipeline or the model changed) or deleted since the last look are replaced in it, each as a whole."""

    def __init__(self, client: Neo4jClient, refresh_s: float) -> None:
        self.client = client
        self.refresh_s = refresh_s
        self.store = Store()
        self.versions: dict[str, list[str]] = {}  # doc_id -> what made its RDF in the store
        self._checked = -float("inf")
        # Held while the store changes and while a query's child is forked, so that a child never sees a change
        # half made (nor a lock of the store's taken by a thread the child does not have).
        self._lock = threading.Lock()

    def refresh(self) -> None:
        with self._lock:
            if time.monotonic() - self._checked < self.refresh_s:
                return
            current = {r["doc_id"]: r["version"] for r in self.client.read(queries.DOCUMENT_VERSIONS)}
            for doc_id in self.versions.keys() - current.keys():
                self._remove(_graph(doc_id))
                del self.versions[doc_id]
            changed = [doc_id for doc_id, version in current.items() if self.versions.get(doc_id) != version]
            for record in self.client.read(queries.DOCUMENTS_RDF, {"doc_ids": changed}) if changed else []:
                graph = _graph(record["doc_id"])
                if self.store.contains_named_graph(graph):
                    self._remove(graph)
                if record["rdf"] is not None:  # else ingested by an older climate-kg: the next ingest reloads it
                    self.store.load(record["rdf"], RdfFormat.N_TRIPLES, to_graph=graph)
                    self.store.load(record["rdf"], RdfFormat.N_TRIPLES)
                self.versions[record["doc_id"]] = record["version"]
            self._checked = time.monotonic()

    def _remove(self, graph: NamedNode) -> None:
        """The document's graph, and its triples from the default graph but those another document has too (the
        decisions, sessions and bodies they share)."""
        self.store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
                          f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {graph}) }} }}; "
                          f"DROP GRAPH {graph}")

    def run(self, parsed: Parsed, media_type: str, *, timeout_s: float, max_rows: int) -> Answer:
        """The answer from the store as refreshed now; QueryTimedOut when it takes longer than `timeout_s`."""
        self.refresh()
        receive, send = _FORK.Pipe(duplex=False)
        child = _FORK.Process(target=_answer_in_child, args=(self.store, parsed, media_type, max_rows, send),
                              daemon=True)
        with self._lock:
            child.start()
        send.close()
        try:
            if not receive.poll(timeout_s):
                raise QueryTimedOut(f"the query ran longer than {timeout_s:g} s and was stopped")
            try:
                outcome = receive.recv()
            except EOFError:
                raise QueryFailed("the query's process ended without an answer (out of memory?)") from None
        finally:
            child.kill()
            child.join()
            receive.close()
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def _graph(doc_id: str) -> NamedNode:
    return NamedNode(str(document_iri(doc_id)))
