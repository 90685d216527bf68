"""A long passage's sentences, each embedded on its own beside the passage.

A long passage (a brochure's block, a decision paragraph with its lettered list) says several things, and its one
vector blurs them: a question about one of them may lie far from the whole. Search ranks each passage by the
nearer of its own vector and its best sentence's (the `sentences` signals, docs/search.md).
"""

from __future__ import annotations

import re

# Shorter passages say one thing: their own vector is enough, and every sentence costs a pass of the model.
MIN_PASSAGE_CHARS = 150
# A piece shorter than this ("(a)", "1.", a figure) belongs to the sentence before it.
MIN_SENTENCE_CHARS = 15
# After Chinese sentence and clause ends; after an English one when a new sentence or list item follows; at breaks.
_BOUNDARY = re.compile(r"(?<=[。！？；])|(?<=[.;!?])\s+(?=[A-Z(“\"])|\n+")
_CJK_END = re.compile(r"[\u3000-\u9fff\uff00-\uffef]$")


def sentences(text: str) -> list[str]:
    """The sentences of `text` when it is long and holds more than one, else []."""
    if len(text) <= MIN_PASSAGE_CHARS:
        return []
    pieces: list[str] = []
    for piece in (p.strip() for p in _BOUNDARY.split(text)):
        if not piece:
            continue
        if pieces and len(piece) < MIN_SENTENCE_CHARS:
            pieces[-1] += ("" if _CJK_END.search(pieces[-1]) else " ") + piece
        else:
            pieces.append(piece)
    return pieces if len(pieces) > 1 else []
