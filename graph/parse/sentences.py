"""Sentence ends: is a line finished, joining broken lines, splitting long passages at sentence ends."""

from __future__ import annotations

import re

MAX_PASSAGE_CHARS = 1500  # the contract: a passage is at most about 1,500 characters

_TERMINAL = "。！？!?；;：:…."
_CLOSERS = "”’」』）)】\"'*"
_MARKERS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A sentence ends after 。！？ (and an ASCII "." or "!" / "?" followed by a space), plus closing quotes.
_SENTENCE_END_RE = re.compile(r"(?:[。！？]|[.!?](?=\s))[”’」』）)]*[⁰¹²³⁴⁵⁶⁷⁸⁹]*|\n")
# Fallback break points inside an over-long sentence: clause punctuation.
_CLAUSE_END_RE = re.compile(r"[；;，,、]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")  # a number broken across lines is rejoined without a space


def is_closed(text: str) -> bool:
    """Does `text` end a sentence (ignoring footnote markers and closing quotes)?"""
    tail = text.rstrip().rstrip(_MARKERS).rstrip()
    stripped = tail.rstrip(_CLOSERS)
    if stripped != tail and stripped[-1:] in _TERMINAL:
        return True
    return tail[-1:] in _TERMINAL


def join_broken(head: str, tail: str) -> str:
    """Rejoin a line broken mid-sentence: no space in Chinese, one space between Latin words."""
    head, tail = head.rstrip(), tail.strip()
    if not head:
        return tail
    gap = " " if _LATIN_LETTER.match(head[-1]) and _LATIN_LETTER.match(tail[:1] or " ") else ""
    return head + gap + tail


def _pieces(text: str, boundary: re.Pattern) -> list[str]:
    pieces, start = [], 0
    for m in boundary.finditer(text):
        pieces.append(text[start : m.end()])
        start = m.end()
    if start < len(text):
        pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def split_long(text: str, limit: int = MAX_PASSAGE_CHARS, size=len) -> list[str]:
    """`text` in chunks of at most `limit` (measured by `size`), cut at sentence ends.

    Only a single sentence longer than `limit` is cut inside, at clause punctuation, and only
    a clause longer than `limit` is cut hard: the limit is never exceeded.
    """
    if size(text) <= limit:
        return [text]
    pieces: list[str] = []
    for sentence in _pieces(text, _SENTENCE_END_RE):
        if size(sentence) <= limit:
            pieces.append(sentence)
            continue
        for clause in _pieces(sentence, _CLAUSE_END_RE):
            pieces.extend(clause[i : i + limit] for i in range(0, len(clause), limit))
    chunks = _pack_sized(pieces, limit, size)
    return [c.strip() for c in chunks if c.strip()]


def _pack_sized(pieces: list[str], limit: int, size) -> list[str]:
    chunks, current = [], ""
    for piece in pieces:
        if current and size(current + piece) > limit:
            chunks.append(current)
            current = ""
        current += piece
    if current:
        chunks.append(current)
    return chunks
