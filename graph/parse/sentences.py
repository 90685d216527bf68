"""Sentence ends: is a line finished, joining broken lines (reflow), splitting long passages at sentence ends."""

from __future__ import annotations

import re

from graph.parse.markup import SUPERSCRIPT_DIGITS

MAX_PASSAGE_CHARS = 1500  # the contract: a passage is at most about 1,500 characters

_TERMINAL = "。！？!?；;：:…."
_CLOSERS = "”’」』）)】\"'*"
# A sentence ends after 。！？ (and an ASCII "." or "!" / "?" followed by a space), plus closing quotes.
_SENTENCE_END_RE = re.compile(rf"(?:[。！？]|[.!?](?=\s))[”’」』）)]*[{SUPERSCRIPT_DIGITS}]*|\n")
# Fallback break points inside an over-long sentence: clause punctuation.
_CLAUSE_END_RE = re.compile(r"[；;，,、]")
_WORD_CHAR = re.compile(r"[A-Za-z0-9]")
# Latin punctuation that ends a word, and what opens the next: "text below:" + "“3. Further welcomes" takes a space.
_LATIN_CLOSE = re.compile(r"[.,;:!?)”’\"]")
_LATIN_OPEN = re.compile(r"[A-Za-z0-9“‘\"]")
# A web address still open at the end of a line: a line break inside it takes no space.
_OPEN_URL_RE = re.compile(r"(?:https?://|www\.)[^\s>)）]*$")
# A line that starts a sub-paragraph "(a) …" or a list item "- …", "• …": its line break stays.
_LIST_ITEM_RE = re.compile(r"^(?:\([a-z]{1,4}\)|[-*•·]\s)")


def is_closed(text: str) -> bool:
    """Does `text` end a sentence (ignoring footnote markers and closing quotes)?"""
    tail = text.rstrip().rstrip(SUPERSCRIPT_DIGITS).rstrip()
    stripped = tail.rstrip(_CLOSERS)
    if stripped != tail and stripped[-1:] in _TERMINAL:
        return True
    return tail[-1:] in _TERMINAL


def join_broken(head: str, tail: str) -> str:
    """Rejoin a line broken mid-sentence: no space in Chinese, one space between Latin or digit words
    ("COP" + "29") and after Latin punctuation ("below:" + "“3."), none inside a number ("1" + "20人") or a web
    address broken across lines."""
    head, tail = head.rstrip(), tail.strip()
    if not head:
        return tail
    last, first = head[-1], tail[:1]
    words = bool((_WORD_CHAR.match(last) or _LATIN_CLOSE.match(last)) and _LATIN_OPEN.match(first or " "))
    number = (last.isdigit() or (last in ".," and head[-2:-1].isdigit())) and first.isdigit()  # "1" + "20", "1." + "5"
    glued = number or _OPEN_URL_RE.search(head)
    return head + (" " if words and not glued else "") + tail


def reflow(lines: list[str]) -> str:
    """Converter lines as text: a line broken mid-sentence is rejoined (join_broken); the line break
    stays after a sentence end (a new paragraph) and before a sub-paragraph or list item."""
    text = ""
    for line in filter(None, (line.strip() for line in lines)):
        new_line = text and (is_closed(text) or _LIST_ITEM_RE.match(line))
        text = text + "\n" + line if new_line else join_broken(text, line)
    return text


def _pieces(text: str, boundary: re.Pattern) -> list[str]:
    """`text` cut after each boundary; a piece of whitespace only (the line break after a sentence end) stays
    with the piece before it, so packing the pieces again keeps it."""
    pieces: list[str] = []
    start = 0
    for m in boundary.finditer(text):
        piece = text[start : m.end()]
        if pieces and not piece.strip():
            pieces[-1] += piece
        else:
            pieces.append(piece)
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
