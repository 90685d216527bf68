"""Markdown and converter markup: turned into the plain-text conventions the parser reads.

Footnote markers become superscript digits (`<sup>3</sup>`, `[^3]`, a plain-text writer's `[3]` -> `³`),
markdown bullets before sub-paragraphs are dropped (`- (a)` -> `(a)`), pipe tables become tab-separated rows;
inline emphasis and links are removed from passage text at the end.
"""

from __future__ import annotations

import re
import unicodedata

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # footnote markers are written with these
_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

_SUP_TAG_RE = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>", re.IGNORECASE)
# Markdown footnotes: "[^3]: text" defines one, "[^3]" in the text marks it.
_MD_FOOTNOTE_DEF_RE = re.compile(r"^\s*\[\^(\d{1,3})\]:\s*")
_MD_FOOTNOTE_REF_RE = re.compile(r"\[\^(\d{1,3})\]")
# Plain-text footnotes (pandoc's plain writer, a word processor's "save as text"): "[3]" in the text marks one, and a
# line starting "[3]" gives its text, under the paragraph or at the end. Brackets in either width.
_BRACKET_NOTE_DEF_RE = re.compile(r"^\s*[\[［](\d{1,3})[\]］]\s*(?=\S)")
_BRACKET_NOTE_REF_RE = re.compile(r"[\[［](\d{1,3})[\]］]")
# A bullet before a lettered sub-paragraph: "- (a) ...", "* (b) ...", "• (c) ...".
_BULLET_SUB_RE = re.compile(r"^\s*[-*•·]\s+(?=\([a-z]{1,4}\))")
_PIPE_ROW_RE = re.compile(r"^\s*\|(.*)\|\s*$")
_CELL_BORDER_RE = re.compile(r"(?<!\\)\|")  # a cell's "|" inside a pipe table is written "\|"
# Backslash escapes a markdown writer puts before literal markup: "报告\*" is the title's footnote star.
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_PIPE_SEPARATOR_RE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
# The tab-indented converter style: "\t\t193.\tInvites Parties…", "II.\tOrganizational matters", "\t(a)\tTo make…".
# A tab after a label separates it from its text ("5. \t" too); leading tabs are indentation, which says nothing of
# structure. Labels are also those of a quoted paragraph ("“3.\t"), an amended one ("8 bis.\t", "15(b)(iv) bis.\t",
# "12(g)\t"), an option ("3.1\t"), a lower-case letter or numeral ("a.\t", "ii.\t"), a Chinese report's chapter
# ("一.\t") and a bullet ("−\t", "o\t", a converter's private-use glyph): left with its tab, such a line was read as
# a table's header row, and dropped.
TAB_LABEL_RE = re.compile(r"""^\t*(?:(?P<label>[“"‘]?(?:
      \d{1,3}\.                                         # 12.
    | \d{1,3}(?:\.\d{1,2})+\.?                           # 3.1
    | \d{1,3}(?:\([a-z]{1,4}\))+\.?(?:\s(?:bis|ter)\.)?   # 12(g), 15(b)(iv) bis.
    | \d{1,3}\s(?:bis|ter)\.                             # 8 bis.
    | \([a-z]{1,4}\) | [IVXL]{1,7}\. | [ivx]{1,5}\. | [A-Za-z]\.
    | [一二三四五六七八九十]+[.、．]                          # 一.
    ))|(?P<bullet>[\ue000-\uf8ff•·o−–-]))\x20*\t""", re.VERBOSE)
_FULLWIDTH_LABEL_RE = re.compile(r"^([\t ]*)([０-９]{1,3}[．.](?!\d)|（[a-z]{1,4}）)")  # \d holds "０-９" too
# A table of contents entry ends with its page number, after a tab: "Abbreviations and acronyms\t\t4".
CONTENTS_ENTRY_RE = re.compile(r"\t\s*\d{1,3}\s*$")
_TABS_RE = re.compile(r"\s*\t[\s\t]*")
# A line holding only a converter's bullet glyph (a private-use character) or invisible characters carries nothing.
_EMPTY_GLYPHS_RE = re.compile(r"^[\s\ue000-\uf8ff\u200b-\u200f\u2060\ufeff\u00ad]+$")

_BOLD_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
# *italic* only when the asterisks hug text: keeps "报告*" footnote stars and "* 注" lines.
_ITALIC_RE = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
_LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)\s]*)\)")
_AUTOLINK_RE = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")


def superscript(number: str) -> str:
    return number.translate(_SUPERSCRIPT)


def from_superscript(marks: str) -> str:
    return marks.translate(_FROM_SUPERSCRIPT)


def bracket_footnotes(lines: list[str]) -> list[str]:
    """The lines with the plain-text footnotes' "[3]" as "³", in the text and where a line gives the note. Only the
    numbers such a line defines are markers: a "[1]" no note gives may be an editor's bracket or a reference."""
    defined = {m[1] for line in lines if (m := _BRACKET_NOTE_DEF_RE.match(line))}
    if not defined:
        return lines
    return [_BRACKET_NOTE_REF_RE.sub(lambda m: superscript(m[1]) if m[1] in defined else m[0], line)
            for line in lines]


def halfwidth_label(line: str) -> str:
    """A label written in full-width forms ("１２．", "（a）") as the half-width one the parser reads; the text after
    it keeps its own forms (a Chinese comma is full-width)."""
    return _FULLWIDTH_LABEL_RE.sub(lambda m: m[1] + unicodedata.normalize("NFKC", m[2]), line)


def untab(line: str) -> str:
    """A line of the tab-indented style in plain conventions: indentation dropped, "193.\t" -> "193. ", and the
    stray tabs inside a numbered line's text ("Standing Committee\t\ton Finance.") a space.

    Other tabs stay: they separate table cells, or a table of contents' page number ("I.\tOpening\t\t5"). A label
    with nothing after it ("\tI.\t" before the next decision's heading) is a converter's leftover: an empty line."""
    if m := TAB_LABEL_RE.match(line):
        label = m["label"] or "•"
        rest = line[m.end() :]
        if not rest.strip():
            return ""
        return line if CONTENTS_ENTRY_RE.search(rest) else f"{label} {_TABS_RE.sub(' ', rest)}"
    stripped = line.lstrip("\t")
    return stripped if "\t" not in stripped else line


def normalise_line(line: str) -> str | None:
    """One line in plain-text conventions; None for a line that carries nothing (a table rule)."""
    if _PIPE_SEPARATOR_RE.match(line):
        return None
    if _EMPTY_GLYPHS_RE.match(line):
        return ""
    pipe = _PIPE_ROW_RE.match(line)
    if pipe:  # a table of one column is a frame a converter drew around text: "| 1.\tCongratulates Parties… |"
        cells = [cell.strip() for cell in _CELL_BORDER_RE.split(pipe[1])]
        line = untab(cells[0]) if len(cells) == 1 else "\t".join(cells)
    line = _SUP_TAG_RE.sub(lambda m: superscript(m[1]), line)
    line = _MD_FOOTNOTE_DEF_RE.sub(lambda m: superscript(m[1]) + " ", line)
    line = _MD_FOOTNOTE_REF_RE.sub(lambda m: superscript(m[1]), line)
    # A table row keeps its empty last cells' tabs ("Income\t\t\t"): it is still a row of the table.
    return _ESCAPE_RE.sub(r"\1", _BULLET_SUB_RE.sub("", line)).rstrip(" " if pipe else None)


def clean_inline(text: str) -> str:
    """Passage text without emphasis and link syntax: `**x**` -> x, `[t](u)` -> t, `<url>` -> url."""
    text = _BOLD_RE.sub(lambda m: m[1] or m[2], text)
    text = _ITALIC_RE.sub(r"\1", text)
    text = _LINK_RE.sub(r"\1", text)
    return _AUTOLINK_RE.sub(r"\1", text)


def is_bold(text: str) -> bool:
    return bool(re.fullmatch(r"\*\*.+\*\*|__.+__", text.strip()))
