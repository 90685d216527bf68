"""Re-render a plain UN report text the way other converters deliver the same document.

    markdown(text)             # "# 一. 引言", "## A. 任务", "- (a) …", <sup>1</sup> markers and footnote lines
    markdown(text, gfm=True)   # the same with [^1] markers and "[^1]: …" definitions at the end
    page_broken(text, width)   # PDF text: lines wrapped at `width` characters, page furniture every
                               # PAGE_LINES lines, footnotes at the bottom of the page of their marker
    tab_indented(text)         # the UNFCCC documents' converter: "\t一.\t导言", "\t\t12.\t…", pipe tables
    fullwidth_labels(text)     # labels in full-width forms: "１２．", "（a）"
    tight_labels(text)         # Chinese typesetting's labels: "一、导言", "A．任务", "4.2025 年…" (no space after them)
    bracket_notes(text)        # a plain-text writer's footnotes: "[1]" markers, "[1] …" lines where the notes stood
    markdown_decisions(text)   # a decisions document in markdown: "# Decision 1/CMA.5", "## title", "*Recalling* …"
    titled_headings(text)      # a decision's title on its heading's line: "Decision 1/CMA.5: Outcome of …"

Deterministic and rule-based, written from what converters do, not from what the parser reads.
"""

from __future__ import annotations

import re

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
PAGE_LINES = 40  # body lines on a page
JOB_NUMBER = "GE.26-01234"  # the UN job number printed under the first page

_MARKER_RE = re.compile(f"[{SUPERSCRIPTS}]+")
_FOOTNOTE_RE = re.compile(f"^(?:[{SUPERSCRIPTS}]+|\\*)\\s")
# The title's "*" note mark: a single star at the end of a line (not the end of "**bold**").
_STAR_MARK_RE = re.compile(r"(?<!\*)\*$")
_CHAPTER_RE = re.compile(r"^[一二三四五六七八九十]+\s*[.、．]\s*\S")
_SECTION_RE = re.compile(r"^[A-Z]\s*[.．]\s+\S")
_NUMBERED_RE = re.compile(r"^\d{1,3}\s*[.．]\s*\S")
_SUB_RE = re.compile(r"^\([a-z]{1,4}\)\s*\S")
_CAPTION_RE = re.compile(r"^(?:表|图|Table|Figure)\s*\d+")
_SYMBOL_RE = re.compile(r"^FCCC/[A-Z/]+/\d{4}/\d+(?:/\S+)?$")
_FRONT_HEADINGS = ("概要", "简称和缩略语")
_CLOSING = "。！？；：:;.!?，,、）)》”"  # Chinese typesetting never starts a line with these
_LATIN = re.compile(r"[A-Za-z0-9_/.:#%&=+@?~()-]")  # the characters of a word that is never broken


def _number(marks: str) -> str:
    return "".join(str(SUPERSCRIPTS.index(c)) for c in marks)


def _is_heading(line: str) -> bool:
    """A short line that is no sentence: a heading (or the title) when it stands on its own."""
    return len(line) <= 40 and line[-1] not in _CLOSING and "，" not in line and "\t" not in line


def _footnote_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the footnotes: a footnote line and the lines up to a blank line."""
    blocks, i = [], 0
    while i < len(lines):
        if _FOOTNOTE_RE.match(lines[i].strip()):
            end = i + 1
            while end < len(lines) and lines[end].strip():
                end += 1
            blocks.append((i, end))
            i = end
        else:
            i += 1
    return blocks


# ---------------------------------------------------------------- markdown


def markdown(text: str, gfm: bool = False) -> str:
    """The report as a markdown converter writes it (headings, bullets, <sup> or [^n] footnotes, pipe tables)."""
    lines = text.split("\n")
    notes = {i for start, end in _footnote_blocks(lines) for i in range(start, end)}
    body = False  # headings are marked from the abbreviations or the first chapter on
    out: list[str] = []
    definitions: list[str] = []
    table: list[str] = []
    previous = ""
    for i, raw in enumerate([*lines, ""]):
        line = raw.strip()
        if "\t" in raw:
            table.append(raw)
            continue
        if table:
            out += ["", *_pipe_table(table), ""]
            table = []
        if not line:
            out.append("")
            continue
        if i in notes:
            note = _markdown_note(line, lines[i - 1].strip() if i - 1 in notes else "", gfm)
            if note is None:  # a footnote's wrapped line: a lazy continuation, indented in a definition
                if gfm and definitions:
                    definitions.append("    " + line)
                else:
                    out.append(line)
            elif gfm and not note.startswith("\\*"):
                definitions.append(note)
            else:
                out += ["", note]
            continue
        line = _markers(line, gfm)
        body = body or line in _FRONT_HEADINGS[1:] or bool(_CHAPTER_RE.match(line))
        converted = _markdown_line(line, body, previous)
        # A new block (heading, paragraph, bullet) needs a blank line before it; a wrapped line continues its block.
        out += ["", converted] if converted != line or _block_start(line) else [line]
        previous = line
    text = re.sub(r"\n{3,}", "\n\n", "\n".join([*out, "", *definitions]))
    return text.strip("\n") + "\n"


def _block_start(line: str) -> bool:
    return any(r.match(line) for r in (_NUMBERED_RE, _SUB_RE, _CAPTION_RE)) or line.startswith("- ")


def _markers(line: str, gfm: bool) -> str:
    line = _MARKER_RE.sub(lambda m: f"[^{_number(m[0])}]" if gfm else f"<sup>{_number(m[0])}</sup>", line)
    return _STAR_MARK_RE.sub(r"\\*", line)  # a literal star is escaped, or it would open emphasis


def _markdown_note(line: str, before: str, gfm: bool) -> str | None:
    """A footnote line in markdown; None for the wrapped continuation of the footnote above."""
    if before and not _FOOTNOTE_RE.match(line):
        return None
    if line.startswith("*"):
        return "\\" + line
    marks = _MARKER_RE.match(line)
    assert marks is not None  # a footnote's first line starts with its marker
    rest = line[marks.end():].strip()
    return f"[^{_number(marks[0])}]: {rest}" if gfm else f"<sup>{_number(marks[0])}</sup> {rest}"


def _markdown_line(line: str, body: bool, previous: str) -> str:
    if line in _FRONT_HEADINGS:
        return "## " + line
    if _SUB_RE.match(line):
        return ("#### " if body and _is_heading(line) else "- ") + line
    if (not body or not _is_heading(line) or line.startswith("- ")
            or _CAPTION_RE.match(line) or _CAPTION_RE.match(previous)):
        return line
    if _CHAPTER_RE.match(line):
        return "# " + line
    if _SECTION_RE.match(line):
        return "## " + line
    return "### " + line  # a numbered ("1. 时间表") or unnumbered heading inside a section


def _pipe_table(rows: list[str]) -> list[str]:
    """Tab-separated rows as a pipe table; the first row is the header a pipe table needs."""
    cells = [[c.strip().replace("|", "\\|") for c in row.split("\t")] for row in rows]
    width = max(len(r) for r in cells)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in cells]
    return [lines[0], "|" + " --- |" * width, *lines[1:]]


# ---------------------------------------------------------------- tab-indented text

# A label and its text, with the depth the converter indents it to: chapter, section, paragraph, sub-paragraph.
_TAB_LABELS = [(re.compile(r"^([一二三四五六七八九十]+)\s*[.、．]\s*(\S.*)$"), "\t{}.\t"),
               (re.compile(r"^([A-Z])\s*[.．]\s+(\S.*)$"), "\t\t{}.\t"),
               (re.compile(r"^(\d{1,3})\s*[.．](?!\d)\s*(\S.*)$"), "\t\t{}.\t"),
               (re.compile(r"^\(([a-z]{1,4})\)\s*(\S.*)$"), "\t\t\t({})\t")]


def tab_indented(text: str) -> str:
    """The report as the converter of the UNFCCC's English documents writes it: each label followed by a tab and
    indented with tabs by its level, tables as pipe tables."""
    out: list[str] = []
    table: list[str] = []
    for raw in [*text.split("\n"), ""]:
        if "\t" in raw:
            table.append(raw)
            continue
        if table:
            out += _pipe_table(table)
            table = []
        out.append(_tab_label(raw.strip()))
    return "\n".join(out).rstrip("\n") + "\n"


def _tab_label(line: str) -> str:
    for regex, label in _TAB_LABELS:
        if m := regex.match(line):
            return label.format(m[1]) + m[2]
    return line


def tight_labels(text: str) -> str:
    """The report with its labels as Chinese typesetting may write them: a chapter's with an enumeration comma
    ("一、导言"), a section's with a full-width full stop, and no space after a label ("A．任务", "4.2025 年…")."""
    text = re.sub(r"(?m)^([一二三四五六七八九十]+)\.\s*", r"\1、", text)
    text = re.sub(r"(?m)^([A-Z])\.\s+(?=[\u4e00-\u9fff《“])", r"\1．", text)
    return re.sub(r"(?m)^(\d{1,3})\.\s+", r"\1.", text)


_HALFWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def fullwidth_labels(text: str) -> str:
    """The report with its paragraph and sub-paragraph labels in full-width forms, as Chinese typesetting may write
    them ("１２．", "（a）"); the rest of each line as it was."""
    text = re.sub(r"(?m)^(\d{1,3})[.．](?!\d)", lambda m: m[1].translate(_HALFWIDTH_DIGITS) + "．", text)
    return re.sub(r"(?m)^\(([a-z]{1,4})\)", r"（\1）", text)


def bracket_notes(text: str) -> str:
    """The report with its footnotes as pandoc's plain writer or a word processor's "save as text" gives them:
    "[1]" for the superscript marker, in the text and before the note's own text."""
    return _MARKER_RE.sub(lambda m: f"[{_number(m[0])}]", text)


# ---------------------------------------------------------------- a decisions document in markdown

_DECISION_HEADING_RE = re.compile(r"^(?:Decision|Resolution) \d+/\S+$|^第\s*\d+/\S+\s*号决定$")
_SUBJECT_RE = re.compile(r"^The Conference of the Parties[^.;:]*,$")
_ADOPTION_RE = re.compile(r"^\d{1,3}(?:st|nd|rd|th) plenary meeting$|^\d{1,2} [A-Z][a-z]+ \d{4}$")
_PARTICIPLE_RE = re.compile(r"^((?:Also |Further )?[A-Z][a-z]+ing)\b")  # "Recalling", "Also noting"
_OPERATIVE_VERB_RE = re.compile(r"^(\d{1,3}\.\s+)([A-Z][a-z]+s)\b")  # "1. Welcomes"


def markdown_decisions(text: str) -> str:
    """A decisions document (plain lines, one paragraph a line) as a markdown converter writes it: each heading a
    markdown heading and the title under it a second-level one, the italics of the printed text in asterisks (the
    subject, the participle opening a preambular paragraph, the verb of an operative one, the meeting and day)."""
    out: list[str] = []
    title_next = False
    for line in text.split("\n"):
        stripped = line.strip()
        if _DECISION_HEADING_RE.match(stripped):
            out.append(f"# {stripped}")
            title_next = True
        elif title_next and stripped:
            out.append(f"## {stripped}")
            title_next = False
        elif _SUBJECT_RE.match(stripped) or _ADOPTION_RE.match(stripped):
            out.append(f"*{stripped.rstrip(',')}*" + ("," if stripped.endswith(",") else ""))
        elif (m := _PARTICIPLE_RE.match(stripped)) and stripped.endswith(","):
            out.append(f"*{m[1]}*{stripped[m.end():]}")
        elif m := _OPERATIVE_VERB_RE.match(stripped):
            out.append(f"{m[1]}*{m[2]}*{stripped[m.end():]}")
        else:
            out.append(line)
    return "\n".join(out)


def titled_headings(text: str, separator: str = ": ") -> str:
    """A decisions document (plain lines) with each decision's title on the line of its heading, as a web page's
    text gives it: "Decision 1/CMA.5: Outcome of the first global stocktake"."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and _DECISION_HEADING_RE.match(out[-1].strip()) and line.strip():
            out[-1] = out[-1].rstrip() + separator + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------- page-broken PDF text


def page_broken(text: str, width: int = 40, blank_lines: bool = True) -> str:
    """The report as PDF text: every line wrapped at `width`, tables as tab rows (unwrapped), a page
    footer (page number, the job number on page 1) and header (the document symbol, or the job number)
    every PAGE_LINES lines, each footnote at the bottom of the page where its marker is. Without
    `blank_lines` no line is blank, as from a converter that drops paragraph spacing."""
    lines = text.split("\n")
    blocks = _footnote_blocks(lines)
    notes = {start: [ln.strip() for ln in lines[start:end]] for start, end in blocks}
    in_note = {i for start, end in blocks for i in range(start, end)}
    symbol = next((ln.strip() for ln in lines if _SYMBOL_RE.match(ln.strip())), None)
    header = symbol or JOB_NUMBER
    pending = sorted(notes)  # footnotes not yet placed, in document order
    pages: list[list[str]] = [[]]
    bottom: list[list[str]] = [[]]  # the footnotes of each page
    for i, raw in enumerate(lines):
        if i in in_note:
            continue
        line = raw.strip()
        wrapped = [raw.rstrip()] if "\t" in raw else _wrap(line, width) if line else [""]
        for piece in wrapped:
            if not piece and (not pages[-1] or not pages[-1][-1]):
                continue  # one blank line is enough
            if len(pages[-1]) >= PAGE_LINES:
                pages.append([])
                bottom.append([])
            pages[-1].append(piece)
            for mark in _marks(piece):
                start = next((s for s in pending if _note_mark(notes[s]) == mark), None)
                if start is not None:
                    pending.remove(start)
                    bottom[-1] += [wrapped_line for ln in [" ".join(notes[start])] for wrapped_line in _wrap(ln, width)]
    bottom[-1] += [ln for s in pending for ln in _wrap(" ".join(notes[s]), width)]  # no marker found: at the end
    out: list[str] = []
    for n, (page, notes_here) in enumerate(zip(pages, bottom, strict=True), start=1):
        if n > 1:
            out += ["\f" + header, ""]
        out += page + [""] + notes_here + ["", str(n)] + ([JOB_NUMBER] if n == 1 else [])
    return "\n".join(line for line in out if blank_lines or line) + "\n"


def _marks(line: str) -> list[str]:
    marks = [_number(m[0]) for m in _MARKER_RE.finditer(line)]
    return marks + (["*"] if _STAR_MARK_RE.search(line) else [])


def _note_mark(note: list[str]) -> str:
    first = note[0]
    if first.startswith("*"):
        return "*"
    marks = _MARKER_RE.match(first)
    assert marks is not None  # a footnote starts with its marker
    return _number(marks[0])


def _wrap(line: str, width: int) -> list[str]:
    """`line` broken into lines of at most `width` characters, as a typesetter does: never inside a Latin
    word or number (unless it alone is wider than a line), never before a footnote marker or closing
    punctuation; the space at a break is dropped."""
    out = []
    while len(line) > width:
        cut = _cut(line, width)
        out.append(line[:cut].rstrip())
        line = line[cut:].lstrip()
    return [*out, line] if line else out


def _cut(line: str, width: int) -> int:
    cut = width
    while cut > width // 2 and (
        (_LATIN.match(line[cut - 1]) and _LATIN.match(line[cut])) or line[cut] in SUPERSCRIPTS + _CLOSING
    ):
        cut -= 1
    if cut > width // 2:
        return cut
    # One word wider than half a line (a URL): break after a slash, or anywhere.
    slash = line.rfind("/", width // 2, width)
    return slash + 1 if slash > 0 else width
