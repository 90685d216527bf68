"""Parse a UN climate document into a `graph.model.Document`.

    from graph.parse import parse_file
    doc = parse_file("report.txt")   # DocumentError (a ValueError) naming the file on bad input

Styles: "plain" (numbered report from a converter), "markdown" (the same with markdown markup),
"brochure" (page-broken PDF text).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from graph.errors import DocumentError
from graph.model import Acronym, Document, Passage
from graph.parse.brochure import BrochureParser
from graph.parse.decisions import first_heading, is_decisions_document, parse_decisions
from graph.parse.front import (
    ACRONYM_HEADING_RE,
    SUMMARY_RE,
    FrontMatter,
    parse_acronyms,
    parse_front,
    split_acronym_table,
)
from graph.parse.inline_acronyms import LATIN_SCRIPT, inline_acronyms
from graph.parse.language import document_language
from graph.parse.mandates import find_mandates
from graph.parse.markup import bracket_footnotes, halfwidth_label, normalise_line, untab
from graph.parse.operative import find_decision_mandates
from graph.parse.pages import take_contents, take_page_furniture
from graph.parse.passages import finish
from graph.parse.reading import document_text, read_document
from graph.parse.structure import CHAPTER_RE, NUMBERED_RE, ROMAN_CHAPTER_RE, StructureParser, chapter_like
from graph.parse.style import detect_style

__all__ = ["DocumentError", "doc_id_for", "parse_file", "parse_text"]

# The title's note mark: "秘书处的年度报告*" (a single star, not the end of "**bold**").
_TITLE_NOTE_RE = re.compile(r"[^*\s]\*$")
_BODY_HEADING_RE = re.compile(r"^#{2,6}\s+\S|^#\s+(?:[一二三四五六七八九十]+|[A-Z]|\d+)\s*[.、．]")


def parse_file(path: str | Path) -> Document:
    """Parse a document file; DocumentError naming the file when it is missing, binary, empty,
    not UTF-8 or too large."""
    text, digest = read_document(path)
    return _parse(text, Path(path).name, digest)


def parse_text(text: str, source: str) -> Document:
    """Parse text already in memory; `source` names it (a file name)."""
    text = document_text(text, source)
    return _parse(text, source, hashlib.sha256(text.encode("utf-8")).hexdigest())


def doc_id_for(source: str) -> str:
    """A stable slug from the file name: "000_e75f1952de058665.txt" -> "000_e75f1952de058665"."""
    stem = Path(source).stem.lower()
    slug = re.sub(r"[^\w]+", "-", stem).strip("-")
    return slug or hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]


def _parse(text: str, source: str, digest: str) -> Document:
    lines = bracket_footnotes([halfwidth_label(line) for line in text.split("\n")])
    decisions = is_decisions_document(lines)
    style = detect_style("\n".join(lines))  # "审议。[2]" ends its sentence as "审议。²" does
    if decisions and style == "brochure":
        style = "plain"  # decisions are numbered texts, whatever their line breaks
    doc = Document(source=source, doc_id=doc_id_for(source), style=style, content_hash=digest,
                   language=document_language(text))
    report_kind = None
    if style == "brochure":
        passages, raw = _brochure(doc, lines)
    else:
        lines = _plain_lines(doc, [untab(line) for line in lines] if style == "indented" or decisions else lines)
        if is_decisions_document(lines):  # not when the decisions are only listed in its table of contents
            passages, raw = _decisions(doc, lines)
        else:
            passages, raw, report_kind = _report(doc, lines)
    doc.passages, raw = finish(passages, raw, doc.footnotes)
    if doc.language in LATIN_SCRIPT:
        tabled = {a.abbreviation for a in doc.acronyms}
        doc.acronyms += [a for a in inline_acronyms([p.text for p in doc.passages] + [f.text for f in doc.footnotes])
                         if a.abbreviation not in tabled]
    doc.mandates = find_decision_mandates(doc, raw) if doc.decisions else find_mandates(doc, raw, report_kind)
    return doc


def _brochure(doc: Document, lines: list[str]) -> tuple[list[Passage], dict[str, str]]:
    parser = BrochureParser()
    parser.parse(lines)
    doc.sections, doc.furniture = parser.sections, parser.furniture
    return parser.passages, parser.raw


def _plain_lines(doc: Document, lines: list[str]) -> list[str]:
    """The lines in plain-text conventions, without the table of contents and the page furniture (kept apart)."""
    lines = [line for line in map(normalise_line, lines) if line is not None]
    lines, contents = take_contents(lines)
    lines, page_furniture = take_page_furniture(lines)
    doc.furniture = contents + page_furniture
    return lines


def _decisions(doc: Document, lines: list[str]) -> tuple[list[Passage], dict[str, str]]:
    first = first_heading(lines)
    _set_front(doc, parse_front(lines[:first]))
    body = parse_decisions(lines[first:])
    doc.decisions, doc.sections, doc.footnotes = body.decisions, body.sections, doc.footnotes + body.footnotes
    doc.furniture += body.furniture
    return body.passages, body.raw


def _set_front(doc: Document, front: FrontMatter) -> None:
    doc.title, doc.author, doc.symbol = front.title, front.author, front.symbol
    doc.date_text, doc.place_text, doc.agenda_items = front.date_text, front.place_text, front.agenda_items
    doc.sessions, doc.summary = front.sessions, front.summary
    doc.footnotes = front.footnotes


def _report(doc: Document, lines: list[str]) -> tuple[list[Passage], dict[str, str], str | None]:
    front_at = body_at = _body_start(lines)
    notes: list[str] = []
    if body_at < len(lines) and ACRONYM_HEADING_RE.match(lines[body_at].strip()):
        rows, notes, skip = split_acronym_table(lines[body_at:])
        doc.acronyms = parse_acronyms(rows)
        body_at += skip
    front = parse_front(lines[:front_at] + notes)
    title_note = any(_TITLE_NOTE_RE.search(line) for line in lines[:front_at])
    parser = StructureParser(title_note=title_note and not any(f.number == "*" for f in front.footnotes))
    parser.parse(lines[body_at:])
    _set_front(doc, front)
    doc.sections = parser.sections
    doc.furniture += parser.furniture
    doc.footnotes += parser.footnotes
    passages, raw = parser.passages, parser.raw
    if doc.acronyms:  # the abbreviation table is searchable too ("REDD+ 具体指哪些活动")
        table = [Passage(key=f"abbr.r{i}", kind="table_row", text="") for i in range(1, len(doc.acronyms) + 1)]
        raw = {**{r.key: _acronym_text(a) for r, a in zip(table, doc.acronyms, strict=True)}, **raw}
        passages = [*table, *passages]
    if front.summary:
        passages = [Passage(key="summary", kind="block", text=""), *passages]
        raw = {"summary": front.summary, **raw}
    return passages, raw, front.report_kind


def _acronym_text(acronym: Acronym) -> str:
    name = acronym.name + (acronym.source or "")
    return " | ".join(x for x in (acronym.abbreviation, acronym.short, name) if x)


def _body_start(lines: list[str]) -> int:
    """Where the front matter ends: the abbreviations, the first chapter or the first paragraph."""
    for i, line in enumerate(lines):
        text = line.strip()
        chapter = CHAPTER_RE.match(text) or ROMAN_CHAPTER_RE.match(text)
        if (
            ACRONYM_HEADING_RE.match(text)
            or (_BODY_HEADING_RE.match(text) and not SUMMARY_RE.match(text))
            or (chapter and chapter_like(chapter["title"]))
            or NUMBERED_RE.match(text)
        ):
            return i
    return 0
