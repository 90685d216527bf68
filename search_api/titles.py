"""Decisions a question names by their title, as it names others by symbol: "the 2018-2019 programme budget
decision" (21/CP.23, "Programme budget for the biennium 2018–2019"), "COP 29关于通过技术机制加强气候技术开发和转让
的决定" (10/CP.29, "Enhancing climate technology development and transfer through the Technology Mechanism").

A title that is a proper name ("Sharm el-Sheikh Implementation Plan", "Glasgow Climate Pact": the cover decision
bears the name of what it adopted) names its decision without the word "decision" too, when the question writes it
whole and with its capitals: written in lower case, or in part, a title's words name a topic ("the global goal on
adaptation").

The titles are the graph's (`DecisionText.title` of the decisions' English texts), so a decision ingested today is
named by its title today. A title is compared with the question in English words, by Snowball stem ("enhancing"
holds "enhance"): the question's English terms, which for a Chinese question are its glossary terms' English names
and its other words' dictionary glosses. A decision whose text is ingested in another language only is not named by
its title: its numbers alone ("2018–2019年两年期方案预算") would name it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import snowballstemmer

from graph import symbols
from graph.model import DecisionCitation
from search_api.query import (
    DECISION_WORD_RE,
    EN_STOP_WORDS,
    SYMBOL_KINDS,
    W_EXACT,
    W_ORIGINAL,
    QueryAnalysis,
    WeightedTerm,
)

# How much of a title a question must hold to name its decision, and at least how many of its words. "The
# 2018-2019 programme budget decision" holds four of the five of "Programme budget for the biennium 2018–2019"; "a
# decision at COP 30 on whether to extend the Climate Technology Centre's term" holds half of "Long-term climate
# finance" and does not name it.
TITLE_SHARE = 0.75
MIN_WORDS = 2
# A title is a proper name when this many of its words after the first start with a capital.
PROPER_NAME_CAPITALS = 2
# The words every kind of title uses ("Matters relating to …", "… referred to in paragraph 53 of decision 1/CP.21"),
# and stop words: they name no decision.
_FORMULA_WORDS = EN_STOP_WORDS | frozenset(
    "decision decisions paragraph paragraphs matters relating referred accordance pursuant including".split())
_WORD_RE = re.compile(r"[A-Za-z]+|\d+")
_NON_WORD_RE = re.compile(r"\W+")
_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class DecisionTitle:
    symbol: str
    stems: frozenset[str]  # of its title
    name: str | None  # the title as written, spaced (`spaced`), if it is a proper name


class DecisionTitles:
    """The titles of the decisions whose text is in the graph, to find those a question names."""

    def __init__(self, titles: Iterable[tuple[str, str]]) -> None:
        """`titles`: (symbol, title) pairs."""
        self._titles = [DecisionTitle(symbol, stems(title), proper_name(title)) for symbol, title in titles if title]

    def add_named(self, analysis: QueryAnalysis) -> None:
        """Add to `analysis` the decisions its question names by their title, as if it named them by symbol, when
        it names none by symbol and says "decision" (决定), or writes a title that is a proper name. The title's
        words name the decision rather than say what is asked, so as English terms they weigh as a word as written
        (W_ORIGINAL): at full weight, "programme budget" and "2018" filled the English side with every decision's
        budget paragraphs."""
        if analysis.decisions:
            return
        if DECISION_WORD_RE.search(analysis.query):
            named = self.named([t.text for t in analysis.english_terms if t.kind != "session"], analysis.sessions)
        else:
            named = self.named_by_name(analysis.query, analysis.sessions)
        if not named:
            return
        analysis.decisions += [DecisionCitation(t.symbol) for t in named]
        analysis.asks_decision = True
        symbol_terms = [WeightedTerm(t.symbol, W_EXACT, "decision") for t in named]
        in_titles = frozenset().union(*(t.stems for t in named))

        def naming(term: WeightedTerm) -> bool:
            return term.kind not in SYMBOL_KINDS and bool(stems(term.text)) and stems(term.text) <= in_titles

        analysis.terms = symbol_terms + analysis.terms
        analysis.english_terms = sorted(
            symbol_terms + [replace(t, weight=min(t.weight, W_ORIGINAL)) if naming(t) else t
                            for t in analysis.english_terms], key=lambda t: -t.weight)

    def named(self, words: Iterable[str], sessions: Sequence[str] = ()) -> list[DecisionTitle]:
        """The decisions whose titles `words` (a question's English words and phrases) name: at least TITLE_SHARE
        of a title's words, and of several, those holding the most (a question naming "Arrangements for the review
        of the coastal resilience work programme" does not also name "Coastal resilience work programme"). When
        some were adopted at one of `sessions` (that the question names), those."""
        held = frozenset().union(*(stems(w) for w in words))
        found = []
        for title in self._titles:
            shared = len(title.stems & held)
            if shared >= MIN_WORDS and shared >= TITLE_SHARE * len(title.stems):
                found.append(((shared / len(title.stems), shared), title))
        return _best(found, sessions)

    def named_by_name(self, question: str, sessions: Sequence[str] = ()) -> list[DecisionTitle]:
        """The decisions whose title is a proper name that `question` writes whole, with its capitals; of several,
        those with the longest title."""
        written = f" {spaced(question)} "
        return _best([((1.0, len(t.name)), t) for t in self._titles if t.name and f" {t.name} " in written], sessions)


def _best(found: list[tuple[tuple[float, int], DecisionTitle]], sessions: Sequence[str]) -> list[DecisionTitle]:
    """The titles of the best score among `found` (score, title): of those adopted at one of `sessions` if any."""
    at_sessions = [(score, t) for score, t in found if symbols.session_of_decision(t.symbol) in sessions]
    found = at_sessions or found
    best = max((score for score, _ in found), default=None)
    return [title for score, title in found if score == best]


def spaced(text: str) -> str:
    """`text`'s words and numbers, one space between each: "el-Sheikh" and "el‑Sheikh" alike."""
    return " ".join(w for w in _NON_WORD_RE.split(text) if w)


def proper_name(title: str) -> str | None:
    """`title` spaced, if it is a proper name (PROPER_NAME_CAPITALS of its words after the first capitalised)."""
    name = spaced(title)
    return name if sum(w[0].isupper() for w in name.split()[1:]) >= PROPER_NAME_CAPITALS else None


@lru_cache(maxsize=8192)
def stems(text: str) -> frozenset[str]:
    """The Snowball stems of `text`'s words and its numbers, but for the words that name no decision (_FORMULA_WORDS)
    and the decisions it cites: "Matters relating to Article 14 of the Paris Agreement and paragraphs 99–101 of
    decision 1/CP.21" is about Article 14, not "Article 6.4", and names the paragraphs of another decision."""
    text = symbols.DECISION_RE.sub(" ", text)
    return frozenset(_STEMMER.stemWord(w) for w in (m.lower() for m in _WORD_RE.findall(text))
                     if w not in _FORMULA_WORDS)
