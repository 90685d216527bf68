"""Acronyms a document defines in its text, "the ad hoc technical expert group (TEG)", by Schwartz and Hearst's
algorithm (A Simple Algorithm for Identifying Abbreviation Definitions in Biomedical Text, 2003): the long form is the
shortest run of words before the brackets that holds the acronym's letters in order, its first letter starting a word.

Decisions and most reports have no table of abbreviations, and every acronym they define this way was unknown to
search: a question saying "TEG" did not reach a paragraph saying "technical expert group". The PyPI implementation
(`abbreviations` 0.2.5) configures the root logger when imported and raises on a sentence with unbalanced brackets,
which converted documents have; this one is the algorithm's core.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.model import Acronym

# An acronym in brackets after the words it stands for: two to ten letters and digits, at least two capitals, a
# hyphen or "+" allowed ("(KP-I)", "(REDD+)"); a bracket that holds anything else is a reference or an aside.
_DEFINED_RE = re.compile(r"(?<=\s)\((?P<abbr>[A-Z][A-Za-z0-9\-+&]{1,9})\)")
# The long form does not cross a clause: it starts after the last of these before the brackets.
_CLAUSE_END_RE = re.compile(r".*(?:[.;:!?]\s|[()\[\]\"“”])", re.DOTALL)
_WORD_RE = re.compile(r"\S+")
# No long form starts with these: "… to facilitate implementation and promote compliance (APA)" names the body that
# considers an agenda item, and its letters are found from "and".
_NOT_FIRST = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"})
# Latin-script languages: a long form in Latin letters is written in the document's language.
LATIN_SCRIPT = frozenset({"en", "fr", "es"})


def inline_acronyms(texts: Iterable[str]) -> list[Acronym]:
    """Each acronym defined in `texts` with the long form of its first definition, in order of first definition."""
    found: dict[str, Acronym] = {}
    for text in texts:
        for m in _DEFINED_RE.finditer(text):
            abbr = m["abbr"]
            if abbr in found or sum(ch.isupper() for ch in abbr) < 2:
                continue
            before = text[: m.start()]
            clause = _CLAUSE_END_RE.match(before)
            long_form = long_form_of(abbr, before[clause.end() if clause else 0 :])
            if long_form:
                found[abbr] = Acronym(abbr, long_form)
    return list(found.values())


def long_form_of(abbr: str, before: str) -> str | None:
    """The long form that `abbr` abbreviates at the end of `before`, or None: of the last min(|abbr| + 5, 2 |abbr|)
    words, the shortest run ending there whose characters hold the acronym's letters and digits in order (matched
    from the last), the first at the start of a word and the last in the last word."""
    letters = [ch.lower() for ch in abbr if ch.isalnum()]
    words = list(_WORD_RE.finditer(before))[-min(len(letters) + 5, 2 * len(letters)) :]
    if not words:
        return None
    window = before[words[0].start() : words[-1].end()]
    starts = [w.start() - words[0].start() for w in words]
    at = len(window) - 1
    for i in range(len(letters) - 1, -1, -1):
        while at >= 0 and (window[at].lower() != letters[i] or (i == 0 and at > 0 and window[at - 1].isalnum())):
            at -= 1
        if at < 0 or (i == len(letters) - 1 and at < starts[-1]):
            return None  # the last word stands for the last letter: "Adaptation Fund (APA)" is no definition
        at -= 1
    long_words = window[max(s for s in starts if s <= at + 1) :].split()
    # One word is an acronym's letters spelt out in it ("Sale"), not words it stands for; nor does the acronym stand
    # for words that hold it ("the CMA (CMA)").
    if len(long_words) < 2 or abbr in long_words or long_words[0].lower() in _NOT_FIRST:
        return None
    return " ".join(long_words)
