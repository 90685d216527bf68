"""Type-ahead for a search box: decision symbols in any written form, glossary terms in both languages, document
titles, completed from a prefix in memory (no Neo4j query per keystroke).

The index is two sorted lists of keys, searched by bisection: every place a word (or a Chinese character) starts in
the folded text of a term, a title or a decision's title, and the compact forms of the decision symbols ("1/cma5",
"cma5"). It is built from Neo4j and the Searcher's glossary, and rebuilt in the background once it is older than
MAX_AGE_S, so documents ingested meanwhile are suggested within that time.
"""

from __future__ import annotations

import bisect
import logging
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from graph.errors import Neo4jUnavailable
from graph.glossary import Glossary
from graph.store import queries
from graph.store.client import Neo4jClient
from search_api.query import simplified
from search_api.search import GLOSSARY_MAX_AGE_S

log = logging.getLogger(__name__)

MAX_AGE_S = GLOSSARY_MAX_AGE_S
KINDS = ("decision", "term", "document")  # the order of suggestions that match equally well

_NOISE = re.compile(r"[《》〈〉「」『』“”\"'‘’]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_/,;:()（），；：]+")
# What a decision symbol may be wrapped in as people write it: "decision 1/CMA.5", "第1/CMA.5号决定"; and what is
# dropped to compare symbols ("1/cma.5", "1 / CMA . 5" and "cma 5" all become "1/cma5", "cma5").
_SYMBOL_WORDS = re.compile(r"decisions?|dec\.|第|号决定|号|决定|[\s.]")
_COP = re.compile(r"cop(?=\d)")  # "1/COP.21", as often written for 1/CP.21


@dataclass(frozen=True)
class Suggestion:
    kind: str  # one of KINDS
    text: str  # what to show: the symbol, the term as matched, the document's title
    detail: str | None  # the decision's title, the term in the other language, the document's file name
    value: str  # what to do with it: the symbol (/decisions), the text to search, the doc_id


@dataclass(frozen=True)
class Entry:
    """A suggestion with what finds it: texts (by any of their words) and decision symbols. Entries of one `group`
    (the variants of a glossary term) are suggested once, by the best match."""

    suggestion: Suggestion
    group: str
    texts: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()


def fold(text: str) -> str:
    """Text as matched: NFKC, case-folded, without quotes and book-title brackets, separators as one space."""
    return _SEPARATORS.sub(" ", _NOISE.sub("", unicodedata.normalize("NFKC", text).casefold())).strip()


def symbol_key(text: str) -> str:
    """A decision symbol, or its start, as compared: "第1/CMA.5号决定" -> "1/cma5", "decision 1/cma" -> "1/cma"."""
    return _COP.sub("cp", _SYMBOL_WORDS.sub("", unicodedata.normalize("NFKC", text).casefold()))


def _starts(folded: str) -> Iterator[int]:
    """Where a word starts: after a separator or a sign, and at every Chinese character."""
    for i, ch in enumerate(folded):
        if i == 0 or _is_cjk(ch) or (ch.isalnum() and not folded[i - 1].isalnum()) or _is_cjk(folded[i - 1]):
            yield i


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


class _Keys:
    """Sorted keys, each pointing at a suggestion; `at_start` when the key is the start of the text."""

    def __init__(self, rows: list[tuple[str, int, bool]]) -> None:
        rows.sort()
        self.keys = [row[0] for row in rows]
        self.rows = rows

    def matching(self, prefix: str) -> Iterator[tuple[str, int, bool]]:
        i = bisect.bisect_left(self.keys, prefix)
        while i < len(self.keys) and self.keys[i].startswith(prefix):
            yield self.rows[i]
            i += 1


class SuggestIndex:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        text_rows: list[tuple[str, int, bool]] = []
        symbol_rows: list[tuple[str, int, bool]] = []
        for n, entry in enumerate(entries):
            for text in entry.texts:
                folded = fold(text)
                text_rows.extend((folded[i:], n, i == 0) for i in _starts(folded))
            for symbol in entry.symbols:  # found from its start, or from the body's code
                key = symbol_key(symbol)
                symbol_rows.append((key, n, True))
                symbol_rows.append((key[key.index("/") + 1 :], n, False))
        self._texts = _Keys(text_rows)
        self._symbols = _Keys(symbol_rows)

    def __len__(self) -> int:
        return len(self.entries)

    def suggest(self, query: str, k: int) -> list[Suggestion]:
        """The `k` best completions of `query`: a whole text or symbol typed first, then those it starts, then those
        with a later word it starts; shorter before longer."""
        best: dict[str, tuple[tuple[int, int, int, str], Suggestion]] = {}
        matches = []
        query = simplified(query)
        if folded := fold(query):
            matches.append((folded, self._texts.matching(folded)))
        symbol = symbol_key(query)
        if any(ch.isdigit() for ch in symbol):  # "cma" alone is the glossary's term, not every CMA decision
            matches.append((symbol, self._symbols.matching(symbol)))
        for prefix, rows in matches:
            for key, n, at_start in rows:
                suggestion, group = self.entries[n].suggestion, self.entries[n].group
                quality = 0 if at_start and key == prefix else 1 if at_start else 2
                rank = (quality, len(suggestion.text), KINDS.index(suggestion.kind), suggestion.text)
                if group not in best or rank < best[group][0]:
                    best[group] = (rank, suggestion)
        return [suggestion for _, suggestion in sorted(best.values(), key=lambda item: item[0])[:k]]


def build_index(client: Neo4jClient, glossary: Glossary) -> SuggestIndex:
    """The index of the decisions and documents in the graph and of the glossary's terms."""
    entries = [Entry(Suggestion("decision", r["symbol"], r["title"], r["symbol"]), f"decision {r['symbol']}",
                     texts=(r["title"],) if r["title"] else (), symbols=(r["symbol"],))
               for r in client.read(queries.SUGGESTIBLE_DECISIONS)]
    entries += [Entry(Suggestion("document", r["title"] or r["source"], r["source"], r["doc_id"]),
                      f"document {r['doc_id']}", texts=tuple(t for t in (r["title"], r["source"]) if t))
                for r in client.read(queries.SUGGESTIBLE_DOCUMENTS)]
    for n, term in enumerate(glossary.terms):
        # Each variant is shown as written, with the other language's preferred name beside it.
        entries += [Entry(Suggestion("term", v, term.zh[0] if term.zh else None, v), f"term {n}", texts=(v,))
                    for v in term.en]
        entries += [Entry(Suggestion("term", v, term.name, v), f"term {n}", texts=(v,)) for v in term.zh]
    return SuggestIndex(entries)


class Suggester:
    """The index, built at once and rebuilt in the background when it is older than MAX_AGE_S: a keystroke never
    waits for Neo4j. A failed rebuild keeps the index it has and is tried again on a later keystroke."""

    def __init__(self, client: Neo4jClient, glossary: Callable[[], Glossary]) -> None:
        self._client = client
        self._glossary = glossary
        self._index = build_index(client, glossary())
        self._built = time.monotonic()
        self._rebuilding = threading.Lock()

    @property
    def index(self) -> SuggestIndex:
        return self._index

    def suggest(self, query: str, k: int) -> list[Suggestion]:
        if time.monotonic() - self._built > MAX_AGE_S and self._rebuilding.acquire(blocking=False):
            threading.Thread(target=self._rebuild, name="suggest-index", daemon=True).start()
        return self._index.suggest(query, k)

    def _rebuild(self) -> None:
        try:
            self._index = build_index(self._client, self._glossary())
            self._built = time.monotonic()
        except Neo4jUnavailable as e:
            log.warning("suggestions not refreshed: %s", e)
        finally:
            self._rebuilding.release()
