"""The parser gives the same structure whatever converter produced the text.

Each plain report (the fixtures, corpus documents 000 and 001) is re-rendered by tests/style_variants.py as
markdown (<sup> footnotes in place, or [^n] definitions at the end), as page-broken PDF text (two line widths,
and one without blank lines), as the tab-indented text of the UNFCCC's English documents, with full-width labels
("１２．", "（a）"), with labels set tight ("一、导言", "A．任务", "4.2025 年…") and with footnotes marked "[1]" as
plain-text writers mark them, and every variant must parse to the same paragraphs, footnotes, citations, mandates,
acronyms, sections and metadata as the original, and keep each evaluation quote in the same single passage.

Rules for what a variant may change, decided here because the text alone cannot say:
- Markdown: passage texts equal after collapsing runs of whitespace (markup and markers removed).
- Page-broken text: passage texts equal after removing all whitespace; a line break is rejoined with a space
  only between Latin or digit words (or after Latin punctuation), so "年 12 月" may come back as "年12 月".
- A PDF keeps a paragraph number on the line of its first words (the number hangs beside them), a Latin word
  or a number ("146(a)", "COP") unbroken on one line, and a footnote marker on the line of the word it marks:
  the renderer never breaks there, so a line starting "(a)段" or "³" is never produced.
- Tables are not wrapped: PDF converters that keep tables give their rows tab-separated on one line; a row
  continued on the next page starts with an empty cell, as in the plain text.
- Lines the plain converter already broke (a page break in its source: "…至关重要。2025" ⏎⏎ "年《国家…") stay
  broken, so a short tail line after a sentence end occurs; the parser takes it as the paragraph going on
  unless a new block follows it (then it is a heading: "指导性问题" before paragraph 17).
- After a line broken mid-sentence, only the chapter, section, paragraph or sub-paragraph numbered next
  opens a new part: a wrapped line that happens to start "二、", "3. ", "表 2)" or "(a)" goes on the sentence.
- A footnote takes the lines directly under it (the foot of a page) and, after a blank line, the lines
  that finish its sentence; a heading as long as a full line goes on on the next line.
- Widths 27-60 pass too (checked by hand; at 26 a wrapped table caption title is cut); the suite keeps two
  realistic widths and one without blank lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache, partial

import pytest

from graph.parse import parse_text
from graph.parse.style import detect_style
from paths import CORPUS, EVAL, FIXTURES, require_shared
from search_api.evaluate import normalise
from style_variants import bracket_notes, fullwidth_labels, markdown, page_broken, tab_indented, tight_labels

DEV_QUERIES = EVAL / "dev_queries.jsonl"

SOURCES = {
    "plain_report": FIXTURES / "plain_report.txt",
    "wrapped_report": FIXTURES / "wrapped_report.txt",
    "000": CORPUS / "000_e75f1952de058665.txt",
    "001": CORPUS / "001_939cf770f026bd75.txt",
}
VARIANTS: dict[str, Callable[[str], str]] = {
    "markdown": markdown,
    "markdown_gfm": partial(markdown, gfm=True),
    "pdf36": partial(page_broken, width=36),
    "pdf45": partial(page_broken, width=45),
    "pdf40_no_blank_lines": partial(page_broken, width=40, blank_lines=False),
    "tab_indented": tab_indented,
    "fullwidth_labels": fullwidth_labels,
    "tight_labels": tight_labels,
    "bracket_notes": bracket_notes,
}
CASES = [pytest.param(s, v, id=f"{s}-{v}") for s in SOURCES for v in VARIANTS]


@cache
def _parsed(source: str, variant: str | None):
    path = require_shared(SOURCES[source])
    text = path.read_text(encoding="utf-8")
    if variant is not None:
        text = VARIANTS[variant](text)
    return parse_text(text, path.name)


def _pair(source: str, variant: str):
    """(original, variant, text normaliser for this variant)."""
    norm: Callable[[str], str]
    if variant.startswith("pdf"):
        norm = partial(re.sub, r"\s+", "")
    else:
        norm = lambda text: " ".join(text.split())  # noqa: E731
    return _parsed(source, None), _parsed(source, variant), norm


def _same(original, variant, what: str) -> None:
    """Equal lists, or an assertion naming the first item that differs."""
    for a, b in zip(original, variant, strict=False):  # the lengths are compared below
        assert a == b, f"{what} differs:\n  original: {a}\n  variant:  {b}"
    assert len(original) == len(variant), f"{what}: {len(original)} in the original, {len(variant)} in the variant"


@pytest.mark.parametrize("source,variant", CASES)
def test_paragraphs(source, variant):
    original, other, norm = _pair(source, variant)

    def paragraphs(doc):
        return [(p.key, p.number, p.section, norm(p.text), [(a, norm(t)) for a, t in p.subparagraphs])
                for p in doc.passages if p.kind == "paragraph"]

    assert [p.number for p in original.passages if p.kind == "paragraph"]  # the test has something to compare
    _same(paragraphs(original), paragraphs(other), "paragraph")


@pytest.mark.parametrize("source,variant", CASES)
def test_other_passages(source, variant):
    """Table rows, captions, blocks, the summary and the abbreviation rows."""
    original, other, norm = _pair(source, variant)

    def passages(doc):
        return [(p.key, p.kind, p.section, norm(p.text)) for p in doc.passages if p.kind != "paragraph"]

    _same(passages(original), passages(other), "passage")


@pytest.mark.parametrize("source,variant", CASES)
def test_footnotes(source, variant):
    original, other, norm = _pair(source, variant)

    def notes(doc):
        return [(f.number, norm(f.text), f.passage_key) for f in doc.footnotes]

    _same(notes(original), notes(other), "footnote")


@pytest.mark.parametrize("source,variant", CASES)
def test_citations(source, variant):
    original, other, _ = _pair(source, variant)

    def cited(doc):
        passages = [(p.key, [(c.symbol, c.paragraphs) for c in p.citations], p.doc_symbols) for p in doc.passages]
        notes = [(f.number, [(c.symbol, c.paragraphs) for c in f.citations], f.doc_symbols) for f in doc.footnotes]
        return passages + notes

    assert any(c for _, c, _ in cited(original))
    _same(cited(original), cited(other), "citations")


@pytest.mark.parametrize("source,variant", CASES)
def test_mandates(source, variant):
    original, other, norm = _pair(source, variant)

    def mandates(doc):
        return [(m.passage, m.kind, m.body, m.session, m.decision, m.decision_paragraphs, m.addressee,
                 m.via_footnote, m.fulfilled_by_this_report, norm(m.quote)) for m in doc.mandates]

    _same(mandates(original), mandates(other), "mandate")


@pytest.mark.parametrize("source,variant", CASES)
def test_acronyms(source, variant):
    original, other, norm = _pair(source, variant)

    def acronyms(doc):
        return [(a.abbreviation, norm(a.name), a.short, a.source and norm(a.source)) for a in doc.acronyms]

    _same(acronyms(original), acronyms(other), "acronym")


@pytest.mark.parametrize("source,variant", CASES)
def test_sections(source, variant):
    original, other, norm = _pair(source, variant)

    def sections(doc):
        return [(s.key, norm(s.title), s.level, s.number, s.parent) for s in doc.sections]

    _same(sections(original), sections(other), "section")


@pytest.mark.parametrize("source,variant", CASES)
def test_metadata(source, variant):
    original, other, norm = _pair(source, variant)

    def metadata(doc):
        return [norm(doc.title or ""), doc.author, doc.symbol, doc.sessions, doc.date_text, doc.place_text,
                [(norm(a.text), a.session) for a in doc.agenda_items], norm(doc.summary or "")]

    _same(metadata(original), metadata(other), "metadata")


def _quotes(name: str) -> list[str]:
    lines = require_shared(DEV_QUERIES).read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return sorted({r["quote"] for row in rows for r in row["relevant"] if r["doc"] == name})


def _holding(doc, quote: str) -> list[str]:
    """Keys of the passages whose text, or text with its footnotes (as the search returns it), holds the quote."""
    notes: dict[str | None, list[str]] = {}
    for f in doc.footnotes:
        notes.setdefault(f.passage_key, []).append(f.text)
    wanted = normalise(quote)
    return [p.key for p in doc.passages if wanted in normalise("\n".join([p.text, *notes.get(p.key, [])]))]


@pytest.mark.parametrize("source,variant", [c for c in CASES if c.values[0] in ("000", "001")])
def test_eval_quotes_stay_in_one_passage(source, variant):
    original, other, _ = _pair(source, variant)
    quotes = _quotes(SOURCES[source].name)
    assert quotes
    for quote in quotes:
        where = _holding(original, quote)
        # one passage, unless the quoted words stand twice in the document ("⁶ FCCC/PA/CMA/2025/8." in two footnotes)
        assert where, f"the original holds no passage with {quote!r}"
        assert _holding(other, quote) == where, quote


def test_variants_are_what_converters_give():
    """The renderers themselves: markdown markup, and page furniture with footnotes at the foot of their page."""
    text = SOURCES["plain_report"].read_text(encoding="utf-8")
    md = markdown(text)
    assert "# 一. 导言" in md and "## A. 任务" in md and "### 1. 时间表" in md and "- (b) 一次主任审评员会议。" in md
    assert "专家。<sup>1</sup>" in md and "\n<sup>1</sup> 第 5/CMA.3 号决定" in md and "| 缩写" not in md
    gfm = markdown(text, gfm=True)
    assert "专家。[^1]" in gfm and gfm.rstrip().endswith("[^3]: 根据第 5/CMP.8 号决定，第 3 段。")
    pdf = page_broken(text, width=30)
    lines = pdf.split("\n")
    assert max(len(line) for line in lines if "\t" not in line) <= 30
    assert "\fFCCC/SBSTA/2030/4" in lines and "GE.26-01234" in lines and "2" in lines
    # footnote 1 sits under the page holding its marker, before that page's number
    assert lines.index("1") > next(i for i, line in enumerate(lines) if line.startswith("¹ ")) > next(
        i for i, line in enumerate(lines) if line.endswith("¹"))
    tabbed = tab_indented(text)
    assert "\t一.\t导言" in tabbed and "\t\tA.\t任务" in tabbed and "\t\t\t(b)\t一次主任审评员会议。" in tabbed
    assert detect_style(tabbed) == "indented" and "| BTR |  | 两年期透明度报告 |" in tabbed
    assert "\n一、导言" in tight_labels(text) and "\nA．任务" in tight_labels(text) and "\n1.作为" in tight_labels(text)
    assert "\n１． 作为" in fullwidth_labels(text) and "\n（b） 一次主任审评员会议。" in fullwidth_labels(text)
    assert "专家。[1]" in bracket_notes(text) and "\n[1] 第 5/CMA.3 号决定" in bracket_notes(text)


def test_page_broken_report_is_no_brochure():
    """PDF text breaks a report's lines like a brochure's; its paragraph numbering running on across
    chapters tells it apart. A brochure's numbered list starts again under each heading."""
    text = SOURCES["plain_report"].read_text(encoding="utf-8")
    assert detect_style(page_broken(text, width=30)) == "plain"
    assert parse_text(page_broken(text, width=30), "r.txt").furniture[:3] == ["1", "GE.26-01234", "FCCC/SBSTA/2030/4"]
    line = "环境署支持了保护和恢复230万公顷的海洋环境的工作这项工作横跨"
    brochure = "\n".join(
        ["一. 海洋", "1. 宣布净零承诺", "2. 设定净零目标", line, "二. 森林", "1. 使用自愿碳信用", line] + [line] * 5
    )
    assert detect_style(brochure) == "brochure"
    assert detect_style(brochure.replace("1. 使用", "3. 使用")) == "plain"  # the numbering runs on: a report

