"""The English<->Chinese UNFCCC glossary: official Chinese terms for climate-process vocabulary.

`unfccc_terms.tsv` beside this file holds one concept a row (English variants | Chinese variants,
domain, source); README.md says where the terms come from. `load_glossary()` gives the shared,
read-only instance; `Glossary.merge` adds a document's own acronym table (abbreviation, Chinese name), and
`Glossary.merge_english` the acronyms an English document defines (in its table or its text) with their English names.

English is matched on normalised word keys (lower case, naive singular, accents and hyphens dropped), so
"Capacity-building needs" and "capacity building need" find the same row, and two words written apart that the
glossary writes as one are that word: "global stock-take" and "green house gas" find "global stocktake" and
"greenhouse gas". Short acronyms (up to three letters: COP, NDC, AR, EU) keep their case, so "ace" or "ar" in running
text are not read as ACE or AR.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import simplemma

GLOSSARY_FILE = Path(__file__).with_name("unfccc_terms.tsv")
COLUMNS = ("en", "zh", "domain", "source")
MEMBERS_FILE = Path(__file__).with_name("members.tsv")
MEMBER_COLUMNS = ("class", "member")

# A word: letters/digits, kept whole across inner "." "&" "+" ":" ("6.4", "R&D", "REDD+", "TT:CLEAR").
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:[.&:+][A-Za-z0-9]+)*\+?")
# The tail of a possessive or a contraction is no word: "the secretariat's budget" has no word "s".
_CLITIC_RE = re.compile(r"(?<=[A-Za-z]['’])(?:s|t|d|m|ll|re|ve)\b", re.IGNORECASE)
# An acronym as written: at least two capitals/digits, no lower case but a plural "s" (NDCs, AR7, G77, SIDS).
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&+:.]*[A-Z0-9+](s?)")
_SHORT_ACRONYM = 3
# British "-ise", where the UN's English documents (and CC-CEDICT) write "-ize": "mobilised", "organisations".
ISE_RE = re.compile(r"is(e|ed|es|ing|ation|ations)$")
# Brackets and quotes that the Chinese texts put around instrument names (《巴黎协定》) and spaces.
_ZH_NOISE_RE = re.compile(r"[《》〈〉「」『』“”\"'‘’\s]")
_MIN_ZH_MATCH = 2  # a single Chinese character is too ambiguous to match as a term


@dataclass(frozen=True)
class Word:
    """One English word of a text: as written, its matching key, and where it stands."""

    text: str
    key: str
    start: int
    end: int


def is_acronym(word: str) -> bool:
    return _ACRONYM_RE.fullmatch(word) is not None


def bare_acronym(word: str) -> str:
    """An acronym without its plural "s": "NDCs" -> "NDC"."""
    m = _ACRONYM_RE.fullmatch(word)
    return word[: -len(m[1])] if m and m[1] else word


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def word_key(word: str) -> str:
    """The matching key of one English word: "NDCs" -> "NDC", "Contributions" -> "contribution"."""
    if is_acronym(word):
        bare = bare_acronym(word)
        return bare if len(bare) <= _SHORT_ACRONYM else bare.lower()
    return _singular(word.lower())


def ize_spelling(word: str) -> str | None:
    """`word` written "-ize" where it is written "-ise" ("mobilised" -> "mobilized"), if that is an English word
    (simplemma knows it); else None."""
    ize = ISE_RE.sub(r"iz\1", word)
    return ize if ize != word and simplemma.is_known(ize.lower(), lang="en") else None


def english_key(text: str) -> tuple[str, ...]:
    """The matching key of an English word or phrase, its words' keys: "Capacity-building needs" ->
    ("capacity", "building", "need")."""
    return tuple(w.key for w in english_words(text))


@lru_cache(maxsize=8192)
def _fold(ch: str) -> str:
    """One character folded to plain ASCII where it is an accented or full-width letter ("é" -> "e",
    "Ｃ" -> "C"); anything that would not stay one character is kept, so offsets stay valid."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return folded if len(folded) == 1 else ch


def english_words(text: str) -> list[Word]:
    """The English words of `text` (Chinese characters and punctuation skipped)."""
    # ASCII folds to itself: the fast path for the dictionary's 200,000 English glosses, built at start-up.
    folded = text if text.isascii() else "".join(_fold(ch) for ch in text)
    return [Word(text[m.start() : m.end()], word_key(m[0]), m.start(), m.end()) for m in _WORD_RE.finditer(folded)
            if not _CLITIC_RE.fullmatch(folded, m.start(), m.end())]


def zh_key(text: str) -> str:
    """Chinese text as matched: NFKC, without book-title brackets, quotes and spaces."""
    return _ZH_NOISE_RE.sub("", unicodedata.normalize("NFKC", text))


@dataclass
class Term:
    """One concept: its English and Chinese variants (preferred first), domain and source."""

    en: list[str]
    zh: list[str]
    domain: str
    source: str

    @property
    def acronyms(self) -> list[str]:
        """The English acronyms of the term, singular: ["NDC"]."""
        return list(dict.fromkeys(bare_acronym(v) for v in self.en if is_acronym(v)))

    @property
    def name(self) -> str:
        """The longest English variant: the full name behind the acronyms."""
        return max(self.en, key=len)

    @property
    def preferred(self) -> str:
        """The first English variant that is no acronym: the form the UN's English texts use ("capacity-building",
        not "capacity development"; "secretariat", not "UNFCCC secretariat"), else the name."""
        return next((v for v in self.en if not is_acronym(v)), self.name)


@dataclass(frozen=True)
class Match:
    """A glossary term found in a query: the span [start, end) of the query text it covers."""

    term: Term
    start: int
    end: int
    text: str


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._en: dict[tuple[str, ...], Term] = {}
        self._en_words: set[str] = set()  # every word of an English variant's key
        self._zh: dict[str, list[Term]] = {}
        self._max_en = self._max_zh = 1
        self._members: dict[str, list[Term]] = {}  # by each English variant of a class, as written
        for term in self.terms:
            self._index(term)

    # ------------------------------------------------------------ building

    @classmethod
    def from_tsv(cls, path: Path = GLOSSARY_FILE, members_path: Path | None = MEMBERS_FILE) -> Glossary:
        """Read a glossary file, and which of its terms name a class of others; ValueError naming the file and line
        for a malformed or conflicting row."""
        glossary = cls()
        for where, row in _tsv_rows(path, COLUMNS):
            if None in row or any(not (row[c] or "").strip() for c in COLUMNS):
                raise ValueError(f"{where}: every row needs {len(COLUMNS)} non-empty columns: {row}")
            term = Term(_variants(row["en"]), _variants(row["zh"]), row["domain"].strip(), row["source"].strip())
            try:
                glossary.add(term)
            except ValueError as err:
                raise ValueError(f"{where}: {err}") from None
        if members_path is not None:
            glossary._read_members(members_path)
        return glossary

    def _read_members(self, path: Path) -> None:
        """Read which terms name a class of others (`members.tsv`); ValueError naming the file and line for a row
        that names no term."""
        for where, row in _tsv_rows(path, MEMBER_COLUMNS):
            group, member = (self._en.get(english_key(row[c] or "")) for c in MEMBER_COLUMNS)
            if None in row or group is None or member is None:
                raise ValueError(f"{where}: both columns must name a glossary term: {row}")
            for variant in group.en:
                self._members.setdefault(variant, []).append(member)

    def add(self, term: Term) -> None:
        """Add a term; ValueError when one of its English variants already names another term."""
        for variant in term.en:
            other = self._en.get(english_key(variant))
            if other is not None and other is not term:
                raise ValueError(f"English {variant!r} is already the term {other.en[0]!r} ({other.zh[0]})")
        self.terms.append(term)
        self._index(term)

    def merge(self, acronyms: Iterable[tuple[str, str]], source: str) -> int:
        """Add a document's acronym table: (abbreviation, Chinese name) pairs. A known abbreviation
        gains the Chinese name as a variant, an unknown one becomes a new term. Returns how many
        Chinese names were new."""
        added = 0
        for abbreviation, name_zh in acronyms:
            abbreviation, name_zh = abbreviation.strip(), zh_key(name_zh)
            if not abbreviation or not name_zh:
                continue
            term = self._en.get(english_key(abbreviation))
            if term is None:
                self.add(Term([abbreviation], [name_zh], "acronym", source))
            elif name_zh not in term.zh:
                term.zh.append(name_zh)
                self._index(term)
            else:
                continue
            added += 1
        return added

    def merge_english(self, acronyms: Iterable[tuple[str, str]], source: str) -> int:
        """Add acronyms a document defines with their English names: an unknown abbreviation of a known name becomes
        one of its variants ("AC" of the Adaptation Committee, which brings its Chinese names), an unknown one of an
        unknown name a term of its own, in English only. A known abbreviation keeps its meaning. Returns how many
        abbreviations were new."""
        added = 0
        for abbreviation, name_en in acronyms:
            abbreviation, name_en = abbreviation.strip(), " ".join(name_en.split())
            key, name_key = english_key(abbreviation), english_key(name_en)
            if not key or not name_key or key in self._en:
                continue
            term = self._en.get(name_key)
            if term is None:
                self.add(Term([abbreviation, name_en], [], "acronym", source))
            else:
                term.en.append(abbreviation)
                self._index(term)
            added += 1
        return added

    def _index(self, term: Term) -> None:
        for variant in term.en:
            key = english_key(variant)
            self._en[key] = term
            self._en_words.update(key)
            self._max_en = max(self._max_en, len(key))
        for variant in term.zh:
            chars = zh_key(variant)
            if len(chars) >= _MIN_ZH_MATCH and term not in self._zh.setdefault(chars, []):
                self._zh[chars].append(term)
                self._max_zh = max(self._max_zh, len(chars))

    # ------------------------------------------------------------ looking up

    def __len__(self) -> int:
        return len(self.terms)

    def members(self, english: str) -> list[Term]:
        """The terms of the class an English variant names, as the glossary writes it ("negotiating groups": the
        African Group, AOSIS, …), else none."""
        return self._members.get(english, [])

    def match_english(self, words: list[Word], chinese: bool = False) -> list[tuple[int, int, Term]]:
        """Glossary phrases among `words`, longest first from left to right: (first, last+1, term)
        word indices; with `chinese`, only the terms that have Chinese names. Words no phrase covers are left out."""
        found, i = [], 0
        # A compound written apart ("stock take") makes a phrase one word longer than its key.
        apart = any(self._joined(a.key, b.key) for a, b in pairwise(words))
        while i < len(words):
            for n in range(min(self._max_en + apart, len(words) - i), 0, -1):
                window = words[i : i + n]
                term = self._en.get(tuple(w.key for w in window))
                if term is None and apart:
                    term = self._en.get(self._closed(window))
                if term is not None and (term.zh or not chinese):
                    found.append((i, i + n, term))
                    i += n
                    break
            else:
                i += 1
        return found

    def _closed(self, words: list[Word]) -> tuple[str, ...]:
        """The key of `words`, two of them written apart joined where the glossary writes them as one word: "stock
        take", "stock-take" and "green house" are "stocktake" and "greenhouse"."""
        keys: list[str] = []
        for word in words:
            joined = self._joined(keys[-1], word.key) if keys else None
            if joined:
                keys[-1] = joined
            else:
                keys.append(word.key)
        return tuple(keys)

    def _joined(self, first: str, second: str) -> str | None:
        """The key of two words' keys written as one word, if the glossary has that word."""
        if not (first.isalpha() and second.isalpha()):
            return None
        joined = word_key(first + second)
        return joined if joined in self._en_words else None

    def match_chinese(self, text: str) -> list[Match]:
        """Glossary terms in Chinese `text`, longest match first from left to right."""
        # Match on the cleaned text but report spans of the original: keep each cleaned character's position there
        # (NFKC may make several of one: "㎞" -> "km").
        kept_chars = [(i, c) for i, ch in enumerate(text) if zh_key(ch) for c in unicodedata.normalize("NFKC", ch)]
        kept = [i for i, _ in kept_chars]
        clean = "".join(c for _, c in kept_chars)
        found: list[Match] = []
        i = 0
        while i < len(clean):
            for n in range(min(self._max_zh, len(clean) - i), _MIN_ZH_MATCH - 1, -1):
                terms = self._zh.get(clean[i : i + n])
                if terms:
                    start, end = kept[i], kept[i + n - 1] + 1
                    found.extend(Match(t, start, end, clean[i : i + n]) for t in terms)
                    i += n
                    break
            else:
                i += 1
        return found


def _tsv_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, dict]]:
    """Each row of a tab-separated file with a header, and where it is ("file:line"); ValueError for another header."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path}: header must be {' '.join(columns)!r}, got {reader.fieldnames}")
        for row in reader:
            yield f"{path}:{reader.line_num}", row


def _variants(cell: str) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in cell.split("|") if v.strip()))


@lru_cache(maxsize=1)
def load_glossary() -> Glossary:
    """The project glossary, read once. Callers that merge acronym tables should merge into a copy
    made with `Glossary.from_tsv()` rather than into this shared instance."""
    return Glossary.from_tsv()
