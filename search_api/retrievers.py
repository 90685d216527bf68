"""The signals search fuses, each a small retriever behind one interface: analysed query in, ranked passages out.

Every retriever honours the same filters, applied in Cypher next to the index call, so pagination and
filtering stay correct whichever signal proposed a passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from graph.db import Graph
from graph.load import ENGLISH_INDEX, FULLTEXT_INDEX, VECTOR_INDEX
from graph.tokens import tokens
from search_api.fusion import Candidate
from search_api.query import QueryAnalysis, WeightedTerm


@dataclass(frozen=True)
class Filters:
    doc: str | None = None  # a doc_id or an ingested file name
    body: str | None = None  # "CMA": passages citing its decisions, or of documents for its sessions
    decision: str | None = None  # "1/CMA.5": passages citing it
    lang: str | None = None  # the document's language, "zh"

    def params(self) -> dict[str, str | None]:
        return {"f_doc": self.doc, "f_body": self.body, "f_decision": self.decision, "f_lang": self.lang}

    @property
    def active(self) -> bool:
        return any(self.params().values())


# Passage `p` passes the filters; the parameters come from Filters.params().
FILTER_WHERE = """
  ($f_doc IS NULL OR p.doc_id = $f_doc OR p.source = $f_doc)
  AND ($f_lang IS NULL OR EXISTS { MATCH (doc:Document {doc_id: p.doc_id}) WHERE doc.language = $f_lang })
  AND ($f_decision IS NULL OR EXISTS { (p)-[:CITES]->(:Decision {symbol: $f_decision}) })
  AND ($f_body IS NULL
       OR EXISTS { (p)-[:CITES]->(:Decision)-[:ADOPTED_BY]->(:Body {code: $f_body}) }
       OR EXISTS { MATCH (doc:Document {doc_id: p.doc_id})-[:FOR_SESSION]->(:Session)-[:OF_BODY]->(:Body {code: $f_body}) })
"""


class Retriever(Protocol):
    name: str

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]: ...


def _overfetch(limit: int, filters: Filters) -> int:
    """Index calls return the top n before filtering; ask for more when filters will drop some."""
    return limit * 10 if filters.active else limit


_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_query(analysis: QueryAnalysis) -> str:
    """The words of the weighted terms, each boosted by the heaviest term it comes from, OR-ed: BM25 does the rest."""
    weights: dict[str, float] = {}
    for term in analysis.terms:
        for word in tokens(term.text):
            weights[word] = max(weights.get(word, 0.0), term.weight)
    return " OR ".join(f"{_escape(word)}^{weight:g}" for word, weight in weights.items())


def english_lucene_query(analysis: QueryAnalysis) -> str:
    """The English terms OR-ed, phrases quoted; the index's English analyzer stems them and drops stop words."""
    def clause(text: str) -> str:
        return f'"{_escape(text)}"' if " " in text or "/" in text else _escape(text)

    return " OR ".join(f"{clause(t.text)}^{t.weight:g}" for t in analysis.english_terms)


def _escape(word: str) -> str:
    return _LUCENE_SPECIAL.sub(r"\\\1", word)


class FulltextRetriever:
    """Lexical: BM25 in Neo4j's full-text index over the passages' words (segmented by graph.tokens)."""

    name = "lexical"
    index = FULLTEXT_INDEX

    def __init__(self, db: Graph) -> None:
        self.db = db

    def query(self, analysis: QueryAnalysis) -> tuple[str, list[WeightedTerm]]:
        return lucene_query(analysis), analysis.terms

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]:
        query, terms = self.query(analysis)
        if not query:
            return []
        records = self.db.read(
            f"CALL db.index.fulltext.queryNodes($index, $query, {{limit: $n}}) YIELD node AS p, score "
            f"WHERE {FILTER_WHERE} RETURN p.iri AS uid, p.text AS text, score LIMIT $limit",
            {"index": self.index, "query": query, "n": _overfetch(limit, filters), "limit": limit,
             **filters.params()},
        )
        return [Candidate(r["uid"], r["score"], why=_matched_terms(terms, r["text"])) for r in records]


class EnglishRetriever(FulltextRetriever):
    """Lexical, in English: BM25 in the full-text index of the English passages, whose analyzer stems and drops
    stop words; a Chinese question reaches them through the glossary's English names."""

    name = "english"
    index = ENGLISH_INDEX

    def query(self, analysis: QueryAnalysis) -> tuple[str, list[WeightedTerm]]:
        return english_lucene_query(analysis), analysis.english_terms


def _matched_terms(terms: list[WeightedTerm], text: str) -> str:
    folded = re.sub(r"\s+", "", text).lower()
    return ", ".join(t.text for t in terms if re.sub(r"\s+", "", t.text).lower() in folded)


class VectorRetriever:
    """Dense, over the Chinese passages: the query (rendered in Chinese when it is English) against their embeddings."""

    name = "dense"
    english = False  # which passages it searches: those in English, or the others
    # The vector index cannot filter before it ranks: ask it for more, as the language takes about half the passages.
    LANGUAGE_OVERFETCH = 3

    def __init__(self, db: Graph, embedder) -> None:
        self.db = db
        self.embedder = embedder

    def text(self, analysis: QueryAnalysis) -> str:
        return analysis.dense_text or analysis.query

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]:
        text = self.text(analysis)
        vector = self.embedder.embed_query(text).tolist()
        records = self.db.read(
            f"CALL db.index.vector.queryNodes($index, $n, $vector) YIELD node AS p, score "
            f"WHERE (p.language = 'en') = $english AND {FILTER_WHERE} RETURN p.iri AS uid, score LIMIT $limit",
            {"index": VECTOR_INDEX, "vector": vector, "n": _overfetch(limit, filters) * self.LANGUAGE_OVERFETCH,
             "limit": limit, "english": self.english, **filters.params()},
        )
        return [Candidate(r["uid"], r["score"], why=f"similar to “{text}”") for r in records]


class EnglishVectorRetriever(VectorRetriever):
    """Dense, over the English passages: the question as asked (multilingual embeddings reach them from Chinese)."""

    name = "dense_en"
    english = True

    def text(self, analysis: QueryAnalysis) -> str:
        return analysis.query


class GraphRetriever:
    """Graph: a decision named in the query, with paragraphs: those paragraphs of its own text; the passages that
    cite it, or state a mandate resting on it.

    The paragraph asked for ranks first, then citations of it, then the mandates, then other citations.
    """

    name = "graph"
    min_strength = 1

    def __init__(self, db: Graph) -> None:
        self.db = db

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]:
        asked = [{"symbol": c.symbol, "paragraphs": list(c.paragraphs)} for c in analysis.decisions]
        if not asked or (self.min_strength >= 3 and not any(a["paragraphs"] for a in asked)):
            return []
        records = self.db.read(
            """
            UNWIND $asked AS asked
            MATCH (d:Decision {symbol: asked.symbol})
            CALL (d, asked) {
              MATCH (p:Passage)-[c:CITES]->(d)
              WITH p, c, [x IN asked.paragraphs WHERE x IN c.paragraphs] AS same
              RETURN p, CASE WHEN size(same) > 0 THEN 3 ELSE 1 END AS strength,
                     'cites ' + d.symbol + CASE WHEN size(c.paragraphs) > 0
                       THEN ' ¶' + reduce(s = '', x IN c.paragraphs | s + CASE s WHEN '' THEN '' ELSE ', ' END + x)
                       ELSE '' END AS why
              UNION
              MATCH (p:Passage)-[:STATES]->(:Mandate)-[:RESTS_ON]->(d) WHERE NOT EXISTS { (d)-[:HAS_PASSAGE]->(p) }
              RETURN p, 2 AS strength, 'states a mandate resting on ' + d.symbol AS why
              UNION
              MATCH (d)-[:HAS_PASSAGE]->(p:Paragraph) WHERE p.number IN asked.paragraphs
              RETURN p, 4 AS strength, 'paragraph ' + p.number + ' of ' + d.symbol AS why
            }
            WITH p, strength, why WHERE strength >= $min_strength AND """ + FILTER_WHERE + """
            RETURN p.iri AS uid, max(strength) AS strength, collect(DISTINCT why)[0] AS why, min(p.order) AS ord
            ORDER BY strength DESC, ord LIMIT $limit
            """,
            {"asked": asked, "limit": limit, "min_strength": self.min_strength, **filters.params()},
        )
        return [Candidate(r["uid"], float(r["strength"]), why=r["why"]) for r in records]


class ParagraphRetriever(GraphRetriever):
    """Exact: the decision paragraphs a query names ("paragraph 7 of decision 19/CMA.1"), in the decision's own text
    and in the passages citing them. When they exist they are the answer, so this signal weighs most."""

    name = "paragraph"
    min_strength = 3
