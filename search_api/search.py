"""Search: analyse the question, ask every signal, fuse the rankings, and return passages with their decisions.

The corpus is in two languages (Chinese reports, English decisions) and so are the questions. Each signal but the
graph's searches one language: lexical, dense and sentences the Chinese passages, english, dense_en and sentences_en
the English ones. Their rankings are fused (weighted reciprocal rank), the passages a top hit cites or is cited by
(decision paragraph <-> report paragraph) are lifted next to it, each passage counts by how much of the question
its text holds, and the first page keeps room for the other language's best passages.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from graph.glossary import Glossary
from graph.store import queries
from graph.store.client import Neo4jClient
from search_api.fusion import Candidate, Fused, balance_languages, reweigh, rrf, with_linked
from search_api.query import SYMBOL_KINDS, W_DICT_FIRST, QueryAnalysis, WeightedTerm, analyze
from search_api.retrievers import (
    DecisionTextRetriever,
    EnglishRetriever,
    EnglishSentenceRetriever,
    EnglishVectorRetriever,
    Filters,
    FulltextRetriever,
    GlossRetriever,
    GraphRetriever,
    ParagraphRetriever,
    Retriever,
    ScopedRetriever,
    SentenceRetriever,
    TermsVectorRetriever,
    VectorRetriever,
    holds,
)
from search_api.schemas import Hit, QueryUnderstanding, SearchResponse, Why
from search_api.senses import SenseChooser
from search_api.titles import DecisionTitles


# How the signals' rankings become one, chosen by cross-validation over both dev sets (bench/crossval.py,
# docs/search.md). Each language side has three signals of weight 1 (lexical, dense and sentences; english, dense_en
# and sentences_en), an English question a fourth for the other side (gloss), and a Chinese question with glossary
# terms half of one more for the English side (dense_terms: at 1 it read unseen documents better, the dev set worse);
# the graph signal weighs 1.5, the structure signal (what the graph says the question is about) as much, the own_text
# signal (the named decision's own paragraphs by meaning: a question naming a decision asks what its text says)
# three times as much, and the paragraph signal (the decision paragraph named, and its citations) outweighs
# everything. Since a concept counts once in coverage (step 27), every fold chooses own_text 4.5 of 1.5 / 3 / 4.5 / 6.
@dataclass(frozen=True)
class Ranking:
    weights: dict[str, float] = field(default_factory=lambda: {
        "lexical": 1.0, "english": 1.0, "gloss": 1.0, "dense": 1.0, "dense_en": 1.0, "sentences": 1.0,
        "sentences_en": 1.0, "graph": 1.5, "paragraph": 5.0, "structure": 1.5, "own_text": 4.5, "dense_terms": 0.5})
    english_weights: dict[str, float] = field(default_factory=lambda: {
        "english": 1.0, "dense_en": 1.0, "sentences_en": 1.0, "graph": 1.5, "paragraph": 5.0, "structure": 1.5,
        "own_text": 4.5, "dense_terms": 0.5})
    # Reciprocal-rank fusion's k: a signal's rank r counts 1/(k + r). The usual 60 makes ranks 1 and 40 count
    # nearly alike, so a passage four signals rank far down beat one that two signals rank first: the English side
    # has up to seven signals for a Chinese passage's four.
    rrf_k: int = 5
    # A passage cited by a top hit, or citing it, ranks below it: the decision paragraph beside the report; so does
    # the numbered paragraph after it, which goes on with its subject without naming it. Since terms weigh by their
    # rarity (coverage_rarity) every fold chooses 0.8 over 0.9 and 0.95: the hits' own order says more.
    linked_share: float = 0.8
    # Among the first 10 hits, the other language's best passages take these places (0-based) when it has any.
    other_language_places: tuple[int, ...] = (4, 7, 9)
    # A question about a decision is answered by its text, in English in the corpus: the English signals weigh
    # more for it.
    decision_weights: dict[str, float] = field(default_factory=lambda: {"english": 2.0, "dense_en": 2.0})
    # Rows of abbreviation tables and captions are sources of terms, not answers: their score counts at this share
    # (every fold's choice over 0.5), but a question asking what an abbreviation stands for counts the rows at
    # `definition_share`: one row answers it, and more would repeat it from each document that defines it.
    minor_share: float = 0.25
    definition_share: float = 2.0
    # A passage's score counts at this share when it holds none of the question's terms, rising to full when it
    # holds them all (by weight): ranks say how near a signal found a passage, not whether it says what was asked,
    # and a dense neighbour holding none of the question's words is often a near miss. Only the first passages are
    # read for it, the others counting as holding nothing: reading the first 20, 30, 50, 100 or all of them ranks
    # the dev sets' first pages alike. Four folds of five choose 0.1 with rarity 1.5 (step 27), the fifth 0.2 with 1.
    coverage_floor: float = 0.1
    coverage_read: int = 30
    # A term weighs more the fewer of the passages read on its side hold it, by its inverse document frequency among
    # them to this power: among passages that all hold the question's subject ("净零承诺", "the KCI"), the one holding
    # what it asks about ("主席", "term") is the answer. 0 counts every term by its weight alone (step 26).
    coverage_rarity: float = 1.5


RANKING = Ranking()
# Each signal proposes this many passages (at least) before fusion, whatever page is asked: every page of a question
# is cut from one ranking (100–200 passages), so paging neither repeats a hit nor skips one.
POOL = 50
# Documents ingested by another process bring the acronyms they define into the glossary, and their decisions' titles
# into those a question can name, within this time.
GLOSSARY_MAX_AGE_S = 60.0
# Threads asking the signals, shared by concurrent searches: enough for every signal of a few searches at once.
RETRIEVER_THREADS = 32


SIGNALS = tuple(RANKING.weights)


class Searcher:
    def __init__(self, client: Neo4jClient, embedder, signals: Sequence[str] = SIGNALS) -> None:
        """`signals` picks a subset of SIGNALS, to measure one alone (`climate-kg eval --signal`)."""
        unknown = set(signals) - set(SIGNALS)
        if unknown or not signals:
            raise ValueError(f"unknown signals {sorted(unknown)}: choose from {', '.join(SIGNALS)}")
        self.client = client
        available: list[Retriever] = [FulltextRetriever(client), EnglishRetriever(client), GlossRetriever(client),
                                      VectorRetriever(client, embedder), EnglishVectorRetriever(client, embedder),
                                      SentenceRetriever(client, embedder), EnglishSentenceRetriever(client, embedder),
                                      GraphRetriever(client), ParagraphRetriever(client), ScopedRetriever(client),
                                      DecisionTextRetriever(client, embedder), TermsVectorRetriever(client, embedder)]
        self.retrievers = [r for r in available if r.name in signals]
        self._senses = SenseChooser(client)
        # The signals wait on Neo4j and on the model, not on each other: asked together, a search takes as long
        # as its slowest signal, and the signals embedding one text share one model call.
        self._threads = ThreadPoolExecutor(RETRIEVER_THREADS, thread_name_prefix="retriever")
        self._load_vocabulary()

    def search(self, query: str, k: int = 10, offset: int = 0, filters: Filters | None = None,
               ranking: Ranking = RANKING) -> SearchResponse:
        started = time.perf_counter()
        analysis, fused = self.rank(query, filters or Filters(), ranking=ranking)
        page = fused[offset : offset + k]
        passages = self.passages([f.uid for f in page])
        self._explain(analysis, page, passages)
        hits = [
            Hit(**passages[f.uid], score=round(f.score, 6),
                why=Why(ranks=f.signals, matched=f.why, holds=self._holds(analysis, passages[f.uid])))
            for f in page if f.uid in passages
        ]
        return SearchResponse(
            query=query, took_ms=round((time.perf_counter() - started) * 1000, 1), offset=offset, k=k, hits=hits,
            understood=QueryUnderstanding(
                language=analysis.language, decisions=analysis.decision_symbols, documents=analysis.documents,
                sessions=analysis.sessions, articles=[a.en for a in analysis.articles],
                agenda_items=[item.number for item in analysis.agenda_items],
                dates=[d.iso for d in analysis.dates],
                amounts=[f"{a.currency} {a.en}" if a.currency else a.en for a in analysis.amounts],
                percentages=[p.zh_forms[0] for p in analysis.percentages],
                temperatures=[t.en_forms[0] for t in analysis.temperatures],
                acronyms=[a.abbreviation for a in analysis.acronyms], terms=[t.text for t in analysis.terms],
                dense_text=analysis.dense_text,
            ),
        )

    def rank(self, query: str, filters: Filters, ranking: Ranking = RANKING) -> tuple[QueryAnalysis, list[Fused]]:
        """The query's analysis and every candidate passage (each signal proposes POOL), fused and ordered: the
        ranking that search pages through and facets count."""
        analysis = self.understand(query)
        return analysis, self.fuse(analysis, self.retrieve(analysis, POOL, filters), filters, ranking)

    def understand(self, query: str) -> QueryAnalysis:
        """The query's analysis, with what the graph knows: the acronyms the documents define, the decisions'
        titles, the senses its English passages use."""
        analysis = analyze(query, glossary=self.glossary())
        self._titles.add_named(analysis)
        self._senses.choose(analysis)
        return analysis

    def retrieve(self, analysis: QueryAnalysis, pool: int, filters: Filters) -> dict[str, list[Candidate]]:
        """Each signal's ranking of (at least) `pool` passages."""
        return dict(zip([r.name for r in self.retrievers],
                        self._threads.map(lambda r: r.retrieve(analysis, pool, filters), self.retrievers),
                        strict=True))

    def fuse(self, analysis: QueryAnalysis, ranked: dict[str, list[Candidate]], filters: Filters,
             ranking: Ranking) -> list[Fused]:
        """The signals' rankings fused (the English ones weighing more for a question about a decision), linked
        passages lifted, the kinds of passage weighed for the question and each passage by how much of it it holds,
        the first page shared between languages."""
        weights = ranking.weights | (ranking.decision_weights if analysis.asks_decision else {})
        fused = with_linked(rrf(ranked, weights, ranking.rrf_k), lambda uids: self._linked(uids, filters),
                            ranking.linked_share)
        uids = [f.uid for f in fused]
        languages, kinds, texts = self._facts(uids, read=uids[: ranking.coverage_read])
        by_kind = kind_shares(kinds, analysis.asks_definition, ranking.minor_share, ranking.definition_share)
        fused = reweigh(fused, by_kind)
        fused = reweigh(fused, coverage_shares(analysis, uids, texts, languages, ranking.coverage_floor,
                                               ranking.coverage_rarity))
        english_order = [f.uid for f in reweigh(rrf(ranked, ranking.english_weights, ranking.rrf_k), by_kind)]
        return balance_languages(fused, languages, english_order, ranking.other_language_places)

    def _explain(self, analysis: QueryAnalysis, page: list[Fused], passages: dict[str, dict]) -> None:
        """Add to each hit the terms it matched, for the lexical signals that found it."""
        for retriever in self.retrievers:
            if isinstance(retriever, FulltextRetriever):
                found = [f for f in page if retriever.name in f.signals and f.uid in passages]
                for f, matched in zip(found, retriever.explain(analysis, [passages[f.uid]["text"] for f in found]),
                                      strict=True):
                    if matched:
                        f.why[retriever.name] = matched

    @staticmethod
    def _holds(analysis: QueryAnalysis, passage: dict) -> list[str]:
        """The question's terms that weighed the passage's score (`coverage_shares`) and that its text holds."""
        return [t.text for t in holds(held_terms(analysis, english=passage["language"] == "en"), passage["text"])]

    def glossary(self) -> Glossary:
        if time.monotonic() - self._vocabulary_built > GLOSSARY_MAX_AGE_S:
            self._load_vocabulary()
        return self._glossary

    def _load_vocabulary(self) -> None:
        """What the graph adds to the understanding of a question: the acronyms the documents define, the
        decisions' titles."""
        self._glossary = glossary_with_document_acronyms(self.client)
        self._titles = DecisionTitles((r["symbol"], r["title"]) for r in self.client.read(queries.DECISION_TITLES))
        self._vocabulary_built = time.monotonic()

    def _linked(self, uids: list[str], filters: Filters) -> dict[str, dict[str, str]]:
        """For each passage, those linked to it that pass the filters, and how: the decision paragraphs it cites and
        the passages citing it (as a decision paragraph), and the numbered paragraph following a numbered paragraph
        in its section, which goes on with its subject without naming it ("Also decides that the dialogue referred
        to in paragraph 97 above…", "… took note of the informal note…")."""
        records = self.client.read(queries.LINKED_PASSAGES, {"uids": uids, **filters.params()})
        return {r["uid"]: dict.fromkeys(r["following"], "follows") | dict.fromkeys(r["linked"], "linked to")
                for r in records}

    def _facts(self, uids: list[str], read: list[str]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        """Each passage's language, its kind, and its text if it is in `read` (else "")."""
        [record] = self.client.read(queries.PASSAGE_FACTS, {"uids": uids, "read": read})

        def by_uid(key: str) -> dict[str, str]:
            return dict(zip(record["uids"], record[key], strict=True))

        return by_uid("languages"), by_uid("kinds"), by_uid("texts")

    def passages(self, uids: list[str]) -> dict[str, dict]:
        records = self.client.read(queries.HITS, {"uids": uids})
        return {r["uid"]: {key: r[key] for key in r.keys() if key != "uid"} for r in records}


def kind_shares(kinds: dict[str, str], asks_definition: bool, share: float,
                definition_share: float) -> dict[str, float]:
    """What each passage's score counts for, by its kind: abbreviation rows and captions at `share`, but abbreviation
    rows at `definition_share` for a question asking what an abbreviation stands for."""
    minor = {"abbreviation": definition_share if asks_definition else share, "caption": share}
    return {uid: minor[kind] for uid, kind in kinds.items() if kind in minor}


def coverage_shares(analysis: QueryAnalysis, uids: list[str], texts: dict[str, str], languages: dict[str, str],
                    floor: float, rarity: float) -> dict[str, float]:
    """What each passage's score counts for, by how much of the question it holds: `floor` plus the rest in
    proportion to the weight of the question's concepts in its text (`held_terms`; a concept is held at the weight
    of the heaviest of its forms there), each concept's weight times its inverse document frequency among the
    passages read on its side to the power `rarity`. A passage whose text is empty or not in `texts` (not read)
    counts as holding none."""
    sides = {english: held_terms(analysis, english) for english in (True, False)}
    held = {uid: concepts(holds(sides[languages.get(uid) == "en"], texts.get(uid, ""))) for uid in uids}
    asked = {english: concepts(terms) for english, terms in sides.items()}
    idf: dict[bool, dict[str, float]] = {}
    for english in sides:
        read = [uid for uid in uids if texts.get(uid) and (languages.get(uid) == "en") == english]
        df = Counter(concept for uid in read for concept in held[uid])
        idf[english] = {c: math.log(1 + (len(read) + 1) / (df[c] + 1)) for c in asked[english]}

    def weight(english: bool, named: dict[str, float]) -> float:
        return sum(w * idf[english][c] ** rarity for c, w in named.items())

    totals = {english: weight(english, named) for english, named in asked.items()}
    shares = {}
    for uid in uids:
        english = languages.get(uid) == "en"
        if totals[english]:
            shares[uid] = floor + (1 - floor) * weight(english, held[uid]) / totals[english]
    return shares


def concepts(terms: list[WeightedTerm]) -> dict[str, float]:
    """What `terms` name, each at the weight of its heaviest form among them: a passage naming a committee by its
    name and its acronym holds one of the question's concepts, as one naming it once does."""
    weights: dict[str, float] = {}
    for t in terms:
        concept = t.concept or t.text
        weights[concept] = max(weights.get(concept, 0.0), t.weight)
    return weights


def held_terms(analysis: QueryAnalysis, english: bool) -> list[WeightedTerm]:
    """The question's terms an English passage (`english`) or another one could hold: its English terms or its
    terms, but not a decision's or a document's symbol or a session (their own paragraphs do not write them, and the
    graph's signals know which passages they concern), not the dictionary's other senses of a word (a passage uses
    one), not the members of a class it names (a passage names one or a few), and in a Chinese passage not an English
    question's words as written, but for its acronyms and figures ("EPR", "2030"), which Chinese text keeps."""
    def counts(term: WeightedTerm) -> bool:
        if (term.kind in SYMBOL_KINDS or term.kind == "member"
                or (term.kind == "dictionary" and term.weight < W_DICT_FIRST)):
            return False
        english_word = analysis.language == "en" and term.kind == "query"
        return english or not english_word or term.text == term.text.upper()

    return [t for t in (analysis.english_terms if english else analysis.terms) if counts(t)]


def glossary_with_document_acronyms(client: Neo4jClient) -> Glossary:
    """The project glossary plus the acronyms every ingested document defines: a Chinese document's table gives
    their Chinese names, an English document's table and text their English ones."""
    glossary = Glossary.from_tsv()
    for record in client.read(queries.ACRONYMS):
        if record["abbreviation"] and record["name_zh"]:
            glossary.merge([(record["abbreviation"], record["name_zh"])], source=record["source"])
        if record["abbreviation"] and record["name_en"]:
            glossary.merge_english([(record["abbreviation"], record["name_en"])], source=record["source"])
    return glossary
