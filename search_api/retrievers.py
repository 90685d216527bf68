"""The signals search fuses, each a small retriever behind one interface: analysed query in, ranked passages out.

Every retriever honours the same filters, applied in Cypher next to the index call, so pagination and
filtering stay correct whichever signal proposed a passage.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Protocol

from neo4j import Record

from graph import symbols
from graph.model import DecisionCitation
from graph.store import queries
from graph.store.client import Neo4jClient
from graph.store.schema import (
    ENGLISH_INDEX,
    FULLTEXT_INDEX,
    GLOSS_INDEX,
    PASSAGE_VECTOR_INDEX,
    SENTENCE_VECTOR_INDEX,
)
from graph.tokens import tokens
from search_api.fusion import Candidate
from search_api.query import QueryAnalysis, WeightedTerm


@dataclass(frozen=True)
class Filters:
    doc: str | None = None  # a doc_id or an ingested file name
    body: str | None = None  # "CMA": passages citing its decisions, or of documents for its sessions
    decision: str | None = None  # "1/CMA.5": passages citing it
    lang: str | None = None  # the document's language, "zh"
    kind: str | None = None  # the passage's kind, "paragraph"

    def params(self) -> dict[str, str | None]:
        """The parameters of queries.FILTER_WHERE."""
        return {"f_doc": self.doc, "f_body": self.body, "f_decision": self.decision, "f_lang": self.lang,
                "f_kind": self.kind}

    @property
    def active(self) -> bool:
        return any(self.params().values())


class Retriever(Protocol):
    name: str

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]: ...


def ranked(record: Record, why: str = "") -> list[Candidate]:
    """A ranking read as one record (queries.RANKED) as candidates, best first."""
    return [Candidate(uid, score, why) for uid, score in record["ranked"]]


def _overfetch(limit: int, filters: Filters) -> int:
    """Index calls return the top n before filtering; ask for more when filters will drop some."""
    return limit * 10 if filters.active else limit


# The full-text indexes hold both languages and cannot filter before they rank: a signal searching one language's
# passages asks them for more, as a language holds about half the passages. (The vector indexes are one per side.)
LANGUAGE_OVERFETCH = 3


_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


# Terms whose words say something only together and in order: a date's "2024 年 6 月 3 日", an article's "第九条
# 第五款", a sum's "1000 亿美元", a share's "43 per cent", a temperature's "1.5 c", an agenda item's "议程 项目 4".
PHRASE_KINDS = ("article", "date", "amount", "percent", "temperature", "agenda_item")


def lucene_query(analysis: QueryAnalysis) -> str:
    """The words of the weighted terms, each boosted by the heaviest term it comes from, OR-ed: BM25 does the rest.
    A date, an article, a sum, a share, a temperature or an agenda item is one phrase of its words."""
    weights: dict[str, float] = {}
    for term in analysis.terms:
        words = [_escape(word) for word in tokens(term.text)]
        for clause in [f'"{" ".join(words)}"'] if term.kind in PHRASE_KINDS and len(words) > 1 else words:
            weights[clause] = max(weights.get(clause, 0.0), term.weight)
    return " OR ".join(f"{clause}^{weight:g}" for clause, weight in weights.items())


def english_lucene_query(analysis: QueryAnalysis) -> str:
    """The English terms OR-ed, phrases quoted; the index's English analyzer stems them and drops stop words."""
    return " OR ".join(f"{english_clause(t.text)}^{t.weight:g}" for t in analysis.english_terms)


def english_clause(text: str) -> str:
    """An English term as a Lucene clause: a word escaped, a phrase quoted."""
    return f'"{_escape(text)}"' if " " in text or "/" in text else _escape(text)


def folded(text: str) -> str:
    """`text` lower-cased, without whitespace: how a term is looked for in a passage, whose line breaks (a PDF's)
    may fall inside it."""
    return "".join(text.split()).lower()


def holds(terms: list[WeightedTerm], text: str) -> list[WeightedTerm]:
    """Those of `terms` that `text` holds, whitespace and case folded, a term in Latin letters or figures from the
    start of a word: folded, "taking stock" would hold "GST", and "Paris" "AR"."""
    if not text:
        return []
    flat, lowered = folded(text), text.lower()
    return [t for t in terms
            if folded(t.text) in flat and (not _LATIN_START.match(t.text) or _from_word_start(t.text).search(lowered))]


_LATIN_START = re.compile(r"[A-Za-z0-9]")


@functools.lru_cache(maxsize=4096)
def _from_word_start(term: str) -> re.Pattern[str]:
    """`term` where a word starts (after no Latin letter or figure), whitespace anywhere in it, case folded."""
    return re.compile(r"(?<![a-z0-9])" + r"\s*".join(re.escape(ch) for ch in folded(term)))


def _escape(word: str) -> str:
    return _LUCENE_SPECIAL.sub(r"\\\1", word)


class FulltextRetriever:
    """Lexical: BM25 in Neo4j's full-text index over the words (segmented by graph.tokens) of the passages not in
    English. English passages are the english signal's: were they this one's too, they would have three signals to
    a Chinese passage's two.

    Which terms a passage matched is said by `explain`, for the hits shown only: reading every candidate's text to
    say it cost more than the search itself.
    """

    name = "lexical"
    index = FULLTEXT_INDEX
    english = False  # which passages it searches: those in English, or the others

    def __init__(self, client: Neo4jClient) -> None:
        self.client = client

    def query(self, analysis: QueryAnalysis) -> str:
        return lucene_query(analysis)

    def terms(self, analysis: QueryAnalysis) -> list[WeightedTerm]:
        return analysis.terms

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]:
        query = self.query(analysis)
        if not query:
            return []
        [record] = self.client.read(
            queries.FULLTEXT_SEARCH,
            {"index": self.index, "query": query, "n": _overfetch(limit, filters) * LANGUAGE_OVERFETCH,
             "limit": limit, "english": self.english, **filters.params()},
        )
        return ranked(record)

    def explain(self, analysis: QueryAnalysis, texts: list[str]) -> list[str]:
        """For each of `texts`, the query's terms it holds."""
        terms = self.terms(analysis)
        return [", ".join(t.text for t in holds(terms, text)) for text in texts]


class EnglishRetriever(FulltextRetriever):
    """Lexical, in English: BM25 in the full-text index of the English passages, whose analyzer stems and drops
    stop words; a Chinese question reaches them through the glossary's English names."""

    name = "english"
    index = ENGLISH_INDEX
    english = True

    def query(self, analysis: QueryAnalysis) -> str:
        return english_lucene_query(analysis)

    def terms(self, analysis: QueryAnalysis) -> list[WeightedTerm]:
        return analysis.english_terms


class GlossRetriever(EnglishRetriever):
    """Lexical, in English over the other passages: BM25 of an English question's terms in their English glosses
    (graph.gloss), by the English analyzer. The lexical signal reaches them through the question's rendering in
    Chinese, chosen word by word; here the passage's own words chose."""

    name = "gloss"
    index = GLOSS_INDEX
    english = False

    def query(self, analysis: QueryAnalysis) -> str:
        return english_lucene_query(analysis) if analysis.language == "en" else ""


class VectorRetriever:
    """Dense, over the Chinese passages: the query (rendered in Chinese when it is English) against their embeddings."""

    name = "dense"
    english = False  # which passages it searches: those in English, or the others
    cypher = queries.VECTOR_SEARCH
    # Filters and rows of figures drop some of the index's first passages: when too few pass, ask once more, this
    # much deeper.
    DEEPER = 10

    def __init__(self, client: Neo4jClient, embedder) -> None:
        self.client = client
        self.embedder = embedder

    def text(self, analysis: QueryAnalysis) -> str:
        """The question as asked, its sessions as codes, for the English passages (multilingual embeddings reach
        them from Chinese), its Chinese rendering for the others."""
        return analysis.asked_coded if self.english else analysis.dense_text or analysis.query

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]:
        text = self.text(analysis)
        params = {"vector": self.embedder.embed_query(text).tolist(), "limit": limit,
                  "index": PASSAGE_VECTOR_INDEX[self.english], "sentence_index": SENTENCE_VECTOR_INDEX[self.english],
                  "n": _overfetch(limit, filters), **filters.params()}
        [record] = self.client.read(self.cypher, params)
        if len(record["ranked"]) < limit:
            [record] = self.client.read(self.cypher, params | {"n": params["n"] * self.DEEPER})
        return ranked(record, why=f"similar to “{text}”")


class EnglishVectorRetriever(VectorRetriever):
    """Dense, over the English passages."""

    name = "dense_en"
    english = True


class TermsVectorRetriever(EnglishVectorRetriever):
    """Dense, over the English passages, for a Chinese question naming glossary terms: the question with those terms
    in English (QueryAnalysis.asked_in_english). The small multilingual model matches a Chinese question to English
    passages poorly, and the terms in the passages' language anchor it; the question as asked keeps dense_en."""

    name = "dense_terms"

    def text(self, analysis: QueryAnalysis) -> str:
        return analysis.asked_in_english

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]:
        if analysis.asked_in_english == analysis.asked_coded:  # an English question, or no glossary term
            return []
        return super().retrieve(analysis, limit, filters)


class SentenceRetriever(VectorRetriever):
    """Dense by the nearer part, over the Chinese passages: each passage by its own vector or its best sentence's,
    whichever is nearer the query. A long passage says several things, and its one vector blurs them."""

    name = "sentences"
    cypher = queries.SENTENCE_SEARCH


class EnglishSentenceRetriever(SentenceRetriever):
    """Dense by the nearer part, over the English passages."""

    name = "sentences_en"
    english = True


# Who a question names as a mandate's addressee, beyond the bodies its acronyms and names give.
_SECRETARIAT_RE = re.compile(r"secretariat|executive secretary|秘书处|执行秘书", re.IGNORECASE)
_PARTIES_RE = re.compile(r"\bParties\b|缔约方(?!会议)", re.IGNORECASE)


class ScopedRetriever:
    """Structure: the question's words (BM25, both indexes) within what the graph says it is about: the own text of
    a decision it names, the decisions adopted and the mandates issued at a session it names, a document it names by
    symbol and the passages citing that symbol, the sections of an agenda item it names, and for a question about a
    mandate (who was asked, to do what, by when) the passages stating one, those to the addressee it names and with a
    deadline if it asks for one first."""

    name = "structure"
    # Index calls return their best n before the scope filters them; the scope is a small part of the graph.
    SCOPE_OVERFETCH = 10

    def __init__(self, client: Neo4jClient) -> None:
        self.client = client

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]:
        if not analysis.named and not analysis.asks_mandate:
            return []
        [record] = self.client.read(queries.SCOPED_SEARCH, {
            "searches": [{"index": FULLTEXT_INDEX, "query": lucene_query(analysis)},
                         {"index": ENGLISH_INDEX, "query": english_lucene_query(analysis)}],
            "n": _overfetch(limit, filters) * self.SCOPE_OVERFETCH, "limit": limit,
            "decisions": analysis.decision_symbols, "sessions": analysis.sessions, "documents": analysis.documents,
            "agenda_items": [item.number for item in analysis.agenda_items], "mandate": analysis.asks_mandate,
            "deadline": analysis.asks_deadline, "addressees": addressees(analysis),
            **filters.params()})
        why = " and ".join(filter(None, [", ".join(analysis.named), "mandates" * analysis.asks_mandate]))
        return ranked(record, why=f"in the scope of {why}")


def addressees(analysis: QueryAnalysis) -> list[str]:
    """The Mandate.addressee values a question names: bodies by acronym or name (not those that only hold a session
    or adopted a decision it names: they gave the mandate), the secretariat, the Parties."""
    sessions = analysis.sessions + [symbols.session_of_decision(d) for d in analysis.decision_symbols]
    givers = {s.split()[0] for s in sessions}
    named = [a.abbreviation for a in analysis.acronyms] + [b for b in analysis.bodies if b not in givers]
    named += ["secretariat"] * bool(_SECRETARIAT_RE.search(analysis.query))
    named += ["Parties"] * bool(_PARTIES_RE.search(analysis.query))
    return list(dict.fromkeys(named))


class DecisionTextRetriever:
    """Own text: the paragraphs of the decisions a question names (or adopted at a session it names), the passages
    of the documents it names by symbol and of the sections of an agenda item it names, ranked by what they say:
    their embeddings' similarity (or their best sentence's: a paragraph with a list says several things) to the
    question as asked, its sessions as codes and its glossary terms in English (QueryAnalysis.asked_in_english). A
    question naming a decision without a paragraph asks what it says; the graph signal ranks the passages citing it,
    which only talk about it."""

    name = "own_text"

    def __init__(self, client: Neo4jClient, embedder) -> None:
        self.client = client
        self.embedder = embedder

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]:
        if not analysis.named:
            return []
        text = analysis.asked_in_english
        [record] = self.client.read(queries.DECISION_TEXT_NEAREST, {
            "vector": self.embedder.embed_query(text).tolist(),
            "decisions": analysis.decision_symbols, "sessions": analysis.sessions, "documents": analysis.documents,
            "agenda_items": [item.number for item in analysis.agenda_items],
            "limit": limit, **filters.params()})
        return ranked(record, why=f"the text of {', '.join(analysis.named)}, similar to “{text}”")


def _asked(cite: DecisionCitation) -> dict:
    """DECISION_PASSAGES' question for a decision named: its paragraphs asked for, and its annex's."""
    return {"symbol": cite.symbol, "paragraphs": list(cite.paragraphs),
            "annex_paragraphs": [symbols.annex_paragraph(cite.annex, n) for n in cite.annex_paragraphs]}


class GraphRetriever:
    """Graph: a decision named in the query, with paragraphs: those paragraphs of its own text; the passages that
    cite it, or state a mandate resting on it.

    The paragraph asked for ranks first, then citations of it, then the mandates, then other citations.
    """

    name = "graph"
    min_strength = 1

    def __init__(self, client: Neo4jClient) -> None:
        self.client = client

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]:
        asked = [_asked(c) for c in analysis.decisions]
        if not asked or (self.min_strength >= 3 and not any(a["paragraphs"] or a["annex_paragraphs"] for a in asked)):
            return []
        records = self.client.read(
            queries.DECISION_PASSAGES,
            {"asked": asked, "limit": limit, "min_strength": self.min_strength, **filters.params()},
        )
        return [Candidate(r["uid"], float(r["strength"]), why=r["why"]) for r in records]


class ParagraphRetriever(GraphRetriever):
    """Exact: the decision paragraphs a query names ("paragraph 7 of decision 19/CMA.1"), in the decision's own text
    and in the passages citing them, its preambular paragraphs ("PP 6 of decision 2/CMA.5") and the paragraphs of its
    annexes ("paragraph 146 of the annex to decision 18/CMA.1"), and the paragraphs of documents it names by symbol
    ("FCCC/SBSTA/2024/7, paragraph 12"). When they exist they are the answer, so this signal weighs most."""

    name = "paragraph"
    min_strength = 3

    def retrieve(self, analysis: QueryAnalysis, limit: int, filters: Filters) -> list[Candidate]:
        records = []
        for query, named in ((queries.DOCUMENT_PARAGRAPHS, analysis.document_paragraphs),
                             (queries.PREAMBULAR_PARAGRAPHS, analysis.preambular_paragraphs)):
            asked = [{"symbol": symbol, "paragraphs": list(paragraphs)} for symbol, paragraphs in named.items()]
            records += self.client.read(query, {"asked": asked, "limit": limit, **filters.params()}) if asked else []
        return [Candidate(r["uid"], 4.0, why=r["why"]) for r in records] + super().retrieve(analysis, limit, filters)
