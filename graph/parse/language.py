"""The language a document is written in, from its script and, for Latin script, its commonest words.

Enough to tell the six UN languages apart; it feeds Document.language, which search can filter on.
"""

from __future__ import annotations

import re
from collections import Counter

# Each script counted in words, so that a script wins by how much is written in it: a Chinese word is one or two
# characters (counted as runs of up to two), a word of the others a run of letters. Counting letters instead, a
# Chinese report quoting a few English sentences came out English.
_SCRIPTS = {
    "zh": re.compile(r"[\u4e00-\u9fff]{1,2}"),
    "ru": re.compile(r"[\u0400-\u04ff]+"),
    "ar": re.compile(r"[\u0600-\u06ff]+"),
}
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
_WORD = re.compile(r"[a-zà-ÿ]+")
# Words frequent in one of the Latin-script UN languages and rare in the other two.
_FUNCTION_WORDS = {
    "en": {"the", "of", "and", "to", "in", "is", "that", "for", "on", "with"},
    "fr": {"le", "les", "des", "et", "du", "est", "une", "dans", "pour", "sur"},
    "es": {"el", "los", "las", "y", "del", "que", "una", "para", "por", "con"},
}


def document_language(text: str) -> str:
    """"zh", "ru", "ar", "en", "fr" or "es": the script with most characters; Latin by function words.

    Chinese reports keep English acronyms (CMA, NDC) and quote English, so a script wins by words, not by presence."""
    sample = text[:200_000]
    counts = {lang: len(pattern.findall(sample)) for lang, pattern in _SCRIPTS.items()}
    counts["latin"] = len(_LATIN_WORD.findall(sample))
    script = max(counts, key=counts.__getitem__)
    if script != "latin":
        return script
    words = Counter(_WORD.findall(sample.lower()))
    return max(_FUNCTION_WORDS, key=lambda lang: sum(words[w] for w in _FUNCTION_WORDS[lang]))
