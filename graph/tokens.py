"""Word segmentation for the lexical index, used for passages at load time and for queries; and whether a text holds
a word at all.

jieba's search mode emits a long word and its parts ("全球盘点" -> 全球, 盘点, 全球盘点), so a query matches
whichever granularity the passage was written in. On the dev queries this scored higher than Lucene's CJK
bigrams (nDCG@10 0.75 vs 0.70, lexical signal alone); see docs/search.md.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba

_WORD_CHAR = re.compile(r"[^\W_]")


def has_word(text: str) -> bool:
    """Whether `text` holds a letter or digit of any script: punctuation, signs and emoji alone ("…", "???") say
    nothing, and their embedding lies near every question no text answers."""
    return _WORD_CHAR.search(text) is not None


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-cased words of `text`; whitespace and punctuation dropped."""
    words = (w.strip().lower() for w in jieba.cut_for_search(text))
    return tuple(w for w in words if has_word(w))


def token_text(text: str) -> str:
    """The words joined by spaces: what Neo4j's whitespace analyzer indexes."""
    return " ".join(tokens(text))
