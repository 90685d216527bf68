"""Footnote markers (superscript digits) in passage text, and linking footnotes to passages."""

from __future__ import annotations

import re

from graph.model import Footnote, Passage
from graph.parse.markup import SUPERSCRIPT_DIGITS, from_superscript
from graph.parse.sentences import is_closed, join_broken

MARKER_RE = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
# A footnote text line: its number in superscript (or a "*" for the title note), then the text.
FOOTNOTE_LINE_RE = re.compile(rf"^\s*(?P<mark>[{SUPERSCRIPT_DIGITS}]+|\*)\s*(?P<text>\S.*)$")


def markers(text: str, known: set[str]) -> list[tuple[str, int]]:
    """(footnote number, offset) of each marker in `text` naming a known footnote.

    Superscripts that name no footnote (an exponent, say) are not markers.
    """
    out = []
    for m in MARKER_RE.finditer(text):
        number = from_superscript(m[0])
        if number in known:
            out.append((number, m.start()))
    return out


def strip_markers(text: str, known: set[str]) -> str:
    """`text` without its footnote markers (and the space a converter puts after one)."""
    return _MARKER_AND_SPACE_RE.sub(lambda m: _drop_marker(m, known), text)


# A marker, the character before it, and the space a converter puts after it.
_MARKER_AND_SPACE_RE = re.compile(rf"(?P<before>.?)(?P<marks>[{SUPERSCRIPT_DIGITS}]+)(?P<space> ?)", re.DOTALL)


def _drop_marker(m: re.Match, known: set[str]) -> str:
    if from_superscript(m["marks"]) not in known:
        return m[0]
    # After Chinese text the space only separated the marker; English words still need it.
    keep_space = m["before"].isascii() and m["before"] != ""
    return m["before"] + (m["space"] if keep_space else "")


def link_footnotes(raw_texts: dict[str, str], passages: list[Passage], footnotes: list[Footnote]) -> None:
    """Anchor each footnote at the passage holding its marker (the title's note at the first passage); record the
    numbers on the passage.

    Numbers may repeat in a long document, so each marker takes the first footnote of that
    number not yet anchored.
    """
    known = {f.number for f in footnotes}
    unlinked = list(footnotes)
    for passage in passages:
        for number, _offset in markers(raw_texts.get(passage.key, ""), known):
            note = next((f for f in unlinked if f.number == number), None)
            if note is None:
                continue
            unlinked.remove(note)
            note.passage_key = passage.key
            passage.footnotes.append(number)
    # The title's note ("* 本文件逾期提交…": why it came late, after which deadline) has its mark on no passage: it
    # goes with the first, the text under the title (the summary), so that search finds what it says.
    for note in unlinked:
        if note.number == "*" and passages:
            note.passage_key = passages[0].key
            passages[0].footnotes.append(note.number)


def take_footnotes(lines: list[str]) -> tuple[list[Footnote], list[str]]:
    """(the footnotes among these lines, the other non-blank lines, stripped).

    A footnote takes the lines directly under it, and after a blank line goes on while it is broken
    mid-sentence: PDF text wraps footnotes at the foot of the page too ("… Bonn:" ⏎ "UNFCCC. 可查阅 …").
    """
    notes: list[Footnote] = []
    rest: list[str] = []
    open_note: Footnote | None = None
    for line in lines:
        text = line.strip()
        if not text:
            open_note = None if open_note is None or is_closed(open_note.text) else open_note
        elif m := FOOTNOTE_LINE_RE.match(text):
            open_note = Footnote(from_superscript(m["mark"]), m["text"].strip())
            notes.append(open_note)
        elif open_note is not None:
            open_note.text = join_broken(open_note.text, text)
        else:
            rest.append(text)
    return notes, rest
