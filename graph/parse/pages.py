"""The page layout of PDF text: how wide a full line is, and the page furniture of a report (page numbers,
the UN job number, the running header: the document symbol again at the top of each page), taken out
before the body is read so a paragraph broken across pages joins up again."""

from __future__ import annotations

import re

from graph.parse.markup import CONTENTS_ENTRY_RE
from graph.symbols import DOC_SYMBOL_RE

PAGE_NUMBER_RE = re.compile(r"^\d{1,3}$")
# A line of links or addresses only: the URL lists printed under each page.
URL_LINE_RE = re.compile(r"^(?:\S*(?:https?://|www\.)\S*\s*)+$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
# A heading is much shorter than a full line of the page: at most this share of the line width.
HEADING_WIDTH_SHARE = 0.6
# What a UN page header or footer holds: a page number, the job number ("GE.26-01234", "GE.26-01234 (C)")
# with its barcode ("*2601234*"), the document symbol.
_TOKEN_RE = re.compile(r"\d{1,3}|GE\.\d{2}-\d{5}(?:\s*\([A-Z]\))?|\*\d{7}\*|" + DOC_SYMBOL_RE.pattern)
_JOB_OR_PAGE_RE = re.compile(r"\d{1,3}|GE\.\d{2}-\d{5}")
_ITEM_RE = re.compile(r"\S+(?:\s+\([A-Z]\))?")  # the items of a header line: "GE.26-01234 (C)" is one


def take_page_furniture(lines: list[str]) -> tuple[list[str], list[str]]:
    """(the lines with each furniture line blanked, the furniture lines).

    A header or footer line holds only furniture tokens, a page or job number among them; the document
    symbol alone on a line is furniture from its second time on (the first is the symbol of the front matter).
    """
    out, furniture, seen = [], [], set()
    for line in lines:
        text = line.strip()
        items = _ITEM_RE.findall(text)
        if items and all(_TOKEN_RE.fullmatch(t) for t in items) and (
            any(_JOB_OR_PAGE_RE.fullmatch(t) for t in items) or text in seen
        ):
            furniture.append(text)
            out.append("")
        else:
            if DOC_SYMBOL_RE.fullmatch(text):
                seen.add(text)
            out.append(line)
    return out, furniture


CONTENTS_RE = re.compile(r"^\s*(?:Contents|CONTENTS|目录|目 录)\s*$")
_CONTENTS_REACH = 200  # lines: a table of contents is on the first pages
# Lines without a page number that a table of contents holds between two entries: its headers ("Decisions adopted
# by …", "Decision\tPage") and wrapped titles, 4 at most in the 85 UNFCCC documents seen. More are the body, whose
# tables may end a row with a number too ("China Classification Society … (CCSC)\t15"): reaching for those, the
# contents swallowed the first decisions of four documents.
_CONTENTS_GAP = 6


def take_contents(lines: list[str]) -> tuple[list[str], list[str]]:
    """(the lines with the table of contents blanked, its lines): from a "Contents" line to its last entry with a
    page number before the body. Its entries look like headings ("I.\tOpening of the session") and must not open
    the body."""
    start = next((i for i, line in enumerate(lines[:_CONTENTS_REACH]) if CONTENTS_RE.match(line)), None)
    if start is None:
        return lines, []
    last, gap = None, 0
    for i, line in enumerate(lines[start : start + _CONTENTS_REACH]):
        if CONTENTS_ENTRY_RE.search(line):
            last, gap = i, 0
        elif line.strip():
            gap += 1
            if gap > _CONTENTS_GAP:
                break
    if last is None:
        return lines, []
    end = start + last + 1
    contents = [line.strip() for line in lines[start:end] if line.strip()]
    return lines[:start] + [""] * (end - start) + lines[end:], contents


def line_width(lines: list[str]) -> int:
    """The width of a full line of text on the page (the 90th percentile of line lengths; table rows and
    link lines aside); 0 for no text."""
    lengths = sorted(
        len(t) for line in lines if len(t := line.strip()) > 3 and "\t" not in line and not URL_LINE_RE.match(t)
    )
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def heading_width(width: int, cap: int) -> int:
    """The longest a heading can be on pages whose full line is `width` (line_width) long: much shorter than
    a full line, and at most `cap`."""
    return min(cap, int(HEADING_WIDTH_SHARE * width)) if width else cap
