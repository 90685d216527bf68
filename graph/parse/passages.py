"""Finishing passages: split long ones at sentence ends, strip markers and markup, find citations."""

from __future__ import annotations

from dataclasses import replace

from graph.model import Footnote, Passage
from graph.parse.footnotes import link_footnotes, strip_markers
from graph.parse.markup import clean_inline
from graph.parse.sentences import MAX_PASSAGE_CHARS, split_long
from graph.symbols import find_decision_citations, find_doc_symbols, find_internal_references, find_sessions
from graph.tokens import has_word


def finish(
    passages: list[Passage], raw: dict[str, str], footnotes: list[Footnote]
) -> tuple[list[Passage], dict[str, str]]:
    """Final passages (each at most MAX_PASSAGE_CHARS) and their raw texts by key.

    A passage too long is split at sentence ends into parts keyed "p7", "p7.2", … that keep
    its kind, number and section; each footnote is anchored at the part holding its marker. A passage with no
    letter or digit, a lone "." or "…" a converter left on its own line, is left out.
    """
    known = {f.number for f in footnotes}

    def clean(text: str) -> str:
        return clean_inline(strip_markers(text, known)).strip()

    out: list[Passage] = []
    out_raw: dict[str, str] = {}
    for passage in passages:
        parts = split_long(raw[passage.key], MAX_PASSAGE_CHARS, size=lambda s: len(clean(s)))
        for i, part in enumerate(parts, start=1):
            piece = replace(passage, key=passage.key if i == 1 else f"{passage.key}.{i}", order=len(out), part=i)
            piece.text = clean(part)
            piece.subparagraphs = [(label, clean(t)) for label, t in passage.subparagraphs if f"({label})" in part]
            piece.footnotes = []
            piece.citations = find_decision_citations(piece.text)
            if piece.decision and not piece.in_annex:  # an annex numbers its paragraphs apart
                piece.refers_to = find_internal_references(piece.text)
            piece.doc_symbols = find_doc_symbols(piece.text)
            piece.sessions = find_sessions(piece.text)
            out.append(piece)
            out_raw[piece.key] = part
    for note in footnotes:
        note.text = clean_inline(note.text)
        note.citations = find_decision_citations(note.text)
        note.doc_symbols = find_doc_symbols(note.text)
    kept = [p for p in out if has_word(p.text)]
    link_footnotes(out_raw, kept, footnotes)
    return kept, out_raw
