"""Brochure / PDF-style text: rejoin lines broken mid-sentence into blocks, keep captions, and put
page furniture (URL lists, page numbers, running headers, picture credits) aside."""

from __future__ import annotations

import itertools
import re
from collections import Counter

from graph.model import Passage, Section
from graph.parse.pages import PAGE_NUMBER_RE, URL_LINE_RE, heading_width, line_width
from graph.parse.sentences import is_closed, join_broken
from graph.parse.structure import HEADING_MAX_CHARS, heading_like

# A picture credit, alone or at the end of a caption: "摄影： 环境署", "封面图片来源：Adobe".
CREDIT_RE = re.compile(r"(?:封面)?(?:图片来源|照片来源|摄影|Photo(?: credit)?|Cover (?:photo|image))\s*[：:].*$")
# A running header or footer with its page number: "10   非国家实体净零排放承诺问题高级别专家组".
RUNNING_HEADER_RE = re.compile(r"^\d{1,3}\s{2,}\S.{0,60}$|^\S.{0,60}?\s{2,}\d{1,3}$")
# A line printed on three pages or more is a running header; labels shorter than this that
# repeat ("主要建议") are the headings of repeated sections, not page furniture.
REPEATED_MIN, REPEATED_MIN_CHARS = 3, 8
# A line of a narrow column (a sidebar) has at least this many characters and this share of the next line's.
COLUMN_MIN_CHARS, COLUMN_SHARE = 12, 0.7
_PAIRS = (("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"), ("「", "」"))
# Text whose lines are almost never blank has no blank line between its blocks: there a sentence's end on a line
# much shorter than the page's ends the block (a block's last line is seldom full).
BLANKLESS_SHARE, SHORT_LINE_SHARE = 0.05, 0.8
BULLETS = "•·▪◦●■"  # a bullet starts a block of its own, a blank line before it or not


class BrochureParser:
    """Feed it all lines; read sections, passages (raw texts) and furniture."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.passages: list[Passage] = []
        self.raw: dict[str, str] = {}
        self.furniture: list[str] = []
        self._block: Passage | None = None
        self._heading: list[str] = []  # short lines that may be a heading
        self._blank_before = True
        self._repeated: set[str] = set()
        self._heading_max = HEADING_MAX_CHARS
        self._short_line = 0  # in text without blank lines, a closed line shorter than this ends its block
        self._last_len = 0

    def parse(self, lines: list[str]) -> None:
        counts = Counter(t for line in lines if REPEATED_MIN_CHARS <= len(t := line.strip()) <= HEADING_MAX_CHARS)
        self._repeated = {t for t, n in counts.items() if n >= REPEATED_MIN and not is_closed(t)}
        width = line_width(lines)
        self._heading_max = heading_width(width, HEADING_MAX_CHARS)
        if sum(1 for line in lines if not line.strip()) < BLANKLESS_SHARE * len(lines):
            self._short_line = int(SHORT_LINE_SHARE * width)
        for line in lines:
            self._line(line)
        self._flush_heading(text_follows_directly=False)

    # ------------------------------------------------------------ lines

    def _line(self, line: str) -> None:
        text = line.strip()
        if not text:
            self._blank_before = True
            return
        if self._is_furniture(text):
            self.furniture.append(text)
            return
        credit = CREDIT_RE.search(text)
        if credit:
            self._credit(line, text[: credit.start()].strip(), credit[0])
        else:
            self._text(text, page_start=line[:1].isspace())
        self._blank_before = False
        self._last_len = len(text)

    def _is_furniture(self, text: str) -> bool:
        return bool(
            URL_LINE_RE.match(text) or PAGE_NUMBER_RE.match(text) or RUNNING_HEADER_RE.match(text)
            or text in self._repeated
        )

    def _credit(self, line: str, before: str, credit: str) -> None:
        """A picture credit closes a caption: the text it ends, or the text just above it.

        A credit at the top of a page (an indented line) belongs to the page picture, not to
        the text that ended the previous page.
        """
        self.furniture.append(credit)
        if before:
            self._text(before, page_start=line[:1].isspace())
            if self._heading:
                self._flush_heading(text_follows_directly=True)
        elif self._blank_before or line[:1].isspace() or self._heading:
            return
        if self._block is not None:
            self._block.kind = "caption"
            self._block = None

    def _text(self, text: str, page_start: bool) -> None:
        block = self._block
        if block is not None and not self._heading and not is_closed(self.raw[block.key]):
            self._extend(text)  # the line broke mid-sentence
            return
        if heading_like(text) and len(text) <= self._heading_max:
            if len("".join(self._heading) + text) <= HEADING_MAX_CHARS:
                self._heading.append(text)
                return
            # Too long for a heading: short lines of prose.
            self._flush_heading(text_follows_directly=True, next_text=text)
        elif self._heading:
            self._flush_heading(text_follows_directly=not self._blank_before, next_text=text)
        block = self._block
        block_ended = self._blank_before or page_start or self._last_len < self._short_line or text[0] in BULLETS
        if block is not None and (not is_closed(self.raw[block.key]) or not block_ended):
            self._extend(text)
        else:
            self._new_block(text)

    def _flush_heading(self, text_follows_directly: bool, next_text: str = "") -> None:
        """Pending short lines start a block; when a blank line ends them they are also a heading.

        The lines stay in the block's text too, so a misjudged heading loses no text: on lines of
        their own, except lines of a narrow column of prose, which are rejoined with what follows.
        """
        if not self._heading:
            return
        lines, self._heading = self._heading, []
        if not text_follows_directly:
            self.sections.append(Section(key=f"s{len(self.sections) + 1}", title="".join(lines), level=1))
            self._new_block("\n".join(lines) + "\n")
            return
        text = lines[0]
        for before, line in itertools.pairwise(lines):
            text = join_broken(text, line) if _column_line(before, line) else text + "\n" + line
        self._new_block(text if _column_line(lines[-1], next_text) else text + "\n")

    def _extend(self, text: str) -> None:
        assert self._block is not None  # the callers checked
        raw = self.raw[self._block.key]
        self.raw[self._block.key] = raw + text if raw.endswith("\n") else join_broken(raw, text)

    def _new_block(self, text: str) -> None:
        passage = Passage(
            key=f"b{len(self.passages) + 1}", kind="block", text="",
            section=self.sections[-1].key if self.sections else None, order=len(self.passages),
        )
        self.passages.append(passage)
        self.raw[passage.key] = text
        self._block = passage


def _column_line(line: str, after: str) -> bool:
    """Is `line` broken mid-sentence before `after`? It leaves a bracket or quote open, or it is a full
    line of a narrow column of prose: about as wide as the next (a heading or a label is much shorter
    than the text under it)."""
    if any(line.count(a) > line.count(b) for a, b in _PAIRS):
        return True
    return len(line) >= COLUMN_MIN_CHARS and len(line) >= COLUMN_SHARE * len(after) and not is_closed(line)
