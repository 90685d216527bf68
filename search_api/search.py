"""Search: analyse the question, ask every signal, fuse the rankings, and return passages with their decisions."""

from __future__ import annotations

import time
from collections.abc import Sequence

from graph.db import Graph
from search_api.fusion import rrf
from search_api.glossary import Glossary
from search_api.query import analyze
from search_api.retrievers import Filters, FulltextRetriever, GraphRetriever, Retriever, VectorRetriever
from search_api.schemas import Hit, QueryUnderstanding, SearchResponse, Why

# The graph signal is exact when it fires (the query named a decision), so it outweighs the others.
WEIGHTS = {"lexical": 1.0, "dense": 1.0, "graph": 1.5}
# Each signal proposes this many passages (at least) before fusion.
POOL = 50
# Documents ingested by another process bring their abbreviation tables into the glossary within this time.
GLOSSARY_MAX_AGE_S = 60.0


SIGNALS = tuple(WEIGHTS)


class Searcher:
    def __init__(self, db: Graph, embedder, signals: Sequence[str] = SIGNALS) -> None:
        """`signals` picks a subset of lexical, dense and graph, to measure one alone (`climate-kg eval --signal`)."""
        unknown = set(signals) - set(SIGNALS)
        if unknown or not signals:
            raise ValueError(f"unknown signals {sorted(unknown)}: choose from {', '.join(SIGNALS)}")
        self.db = db
        available: list[Retriever] = [FulltextRetriever(db), VectorRetriever(db, embedder), GraphRetriever(db)]
        self.retrievers = [r for r in available if r.name in signals]
        self._glossary = glossary_with_acronym_tables(db)
        self._glossary_built = time.monotonic()

    def search(self, query: str, k: int = 10, offset: int = 0, filters: Filters | None = None) -> SearchResponse:
        started = time.perf_counter()
        filters = filters or Filters()
        analysis = analyze(query, glossary=self.glossary())
        pool = max(POOL, offset + k)
        ranked = {r.name: r.retrieve(analysis, pool, filters) for r in self.retrievers}
        page = rrf(ranked, WEIGHTS)[offset : offset + k]
        passages = self._passages([f.uid for f in page])
        hits = [
            Hit(**passages[f.uid], score=round(f.score, 6), why=Why(ranks=f.signals, matched=f.why))
            for f in page if f.uid in passages
        ]
        return SearchResponse(
            query=query, took_ms=round((time.perf_counter() - started) * 1000, 1), offset=offset, k=k, hits=hits,
            understood=QueryUnderstanding(
                language=analysis.language, decisions=analysis.decision_symbols, sessions=analysis.sessions,
                acronyms=[a.abbreviation for a in analysis.acronyms], terms=[t.text for t in analysis.terms],
                dense_text=analysis.dense_text,
            ),
        )

    def glossary(self) -> Glossary:
        if time.monotonic() - self._glossary_built > GLOSSARY_MAX_AGE_S:
            self._glossary = glossary_with_acronym_tables(self.db)
            self._glossary_built = time.monotonic()
        return self._glossary

    def _passages(self, uids: list[str]) -> dict[str, dict]:
        records = self.db.read(
            """
            UNWIND $uids AS uid MATCH (p:Passage {iri: uid})
            RETURN uid, p.source AS source, p.doc_id AS doc_id, p.kind AS kind, p.text AS text,
                   CASE WHEN p:Paragraph THEN p.number END AS paragraph,
                   COLLECT { MATCH (p)-[:CITES]->(d:Decision) RETURN DISTINCT d.symbol ORDER BY d.symbol } AS decisions
            """,
            {"uids": uids},
        )
        return {r["uid"]: {key: r[key] for key in r.keys() if key != "uid"} for r in records}


def glossary_with_acronym_tables(db: Graph) -> Glossary:
    """The project glossary plus every ingested document's own abbreviation table."""
    glossary = Glossary.from_tsv()
    for record in db.read("MATCH (a:Acronym) RETURN a.abbreviation AS abbreviation, a.name_zh AS name, a.source AS source"):
        if record["abbreviation"] and record["name"]:
            glossary.merge([(record["abbreviation"], record["name"])], source=record["source"])
    return glossary
