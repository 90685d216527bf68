"""The body of a numbered UN report (plain text or markdown): sections, paragraphs, tables, footnotes.

Reads line by line. Passage texts are kept raw (footnote markers and markup still in them);
`graph.parse.passages` finishes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import Footnote, Passage, Section
from graph.parse.footnotes import FOOTNOTE_LINE_RE
from graph.parse.markup import from_superscript, is_bold
from graph.parse.pages import heading_width, line_width
from graph.parse.sentences import is_closed, join_broken
from graph.symbols import cn_to_int

CHAPTER_RE = re.compile(r"^(?P<num>[一二三四五六七八九十]+)\s*[.、．]\s*(?P<title>\S.*)$")
SECTION_RE = re.compile(r"^(?P<num>[A-Z])\s*[.．]\s+(?P<title>\S.*)$")
# "12. text"; never a decimal ("6.4 mechanism" at the start of a broken line is no paragraph 6).
NUMBERED_RE = re.compile(r"^(?P<num>\d{1,3})\s*[.．](?!\d)\s*(?P<title>\S.*)$")
SUB_RE = re.compile(r"^\((?P<num>[a-z]{1,4})\)\s*(?P<title>\S.*)$")
MD_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*$")
# "表 1" / "图 2" (title on the same or the next line): a table or a figure follows.
TABLE_CAPTION_RE = re.compile(r"^(?:表|Table)\s*(?P<num>\d+)\s*(?P<title>.*)$")
FIGURE_CAPTION_RE = re.compile(r"^(?:图|Figure)\s*(?P<num>\d+)\s*(?P<title>.*)$")
# A note under a table: "注：本表提供信息…".
NOTE_RE = re.compile(r"^(?:注|资料来源|Note|Source)\s*[：:]")
URL_RE = re.compile(r"^(?:<)?(?:https?://|www\.)\S+$")
BULLET_RE = re.compile(r"^[-*•·]\s+")
HEADING_MAX_CHARS = 40  # headings are short; a numbered line longer than this is a paragraph
_LEVELS = ((CHAPTER_RE, 1), (SECTION_RE, 2), (NUMBERED_RE, 3), (SUB_RE, 4))
# A line at least this share of the page's line width is a full line: the converter broke what goes on.
FULL_LINE_SHARE = 0.9


def heading_like(title: str) -> bool:
    """Short, not a sentence: "时间表", "技术对话的主题", "**技术对话和世界咖啡馆**"."""
    if is_bold(title):
        return True
    return len(title) <= HEADING_MAX_CHARS and not is_closed(title) and "，" not in title


def chapter_like(title: str) -> bool:
    """A numbered chapter or section title: short and not a sentence (commas allowed)."""
    return is_bold(title) or (len(title) <= 2 * HEADING_MAX_CHARS and not is_closed(title))


def roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


_ROMAN_LABELS = [roman(n).lower() for n in range(1, 40)]


def _next_labels(label: str | None) -> set[str]:
    """The sub-paragraph labels that can follow `label`: "a" or "i" first, "j" or "ii" after "i"."""
    if label is None:
        return {"a", "i"}
    following = {chr(ord(label) + 1)} if len(label) == 1 else set()
    if label in _ROMAN_LABELS[:-1]:
        following.add(_ROMAN_LABELS[_ROMAN_LABELS.index(label) + 1])
    return following


def _next_body_text(lines: list[str], i: int) -> str:
    """The next text line after lines[i] that is not in a footnote (a footnote line and the lines directly
    under it: the foot of a page)."""
    in_note = False
    for line in lines[i + 1 :]:
        text = line.strip()
        in_note = bool(text) and (in_note or bool(FOOTNOTE_LINE_RE.match(text)))
        if text and not in_note:
            return text
    return ""


@dataclass
class _Table:
    number: int
    header: list[str] | None = None
    last_row: Passage | None = None
    last_cells: list[str] = field(default_factory=list)


class StructureParser:
    """Feed it the body lines; read sections, passages, raw passage texts, footnotes, furniture."""

    def __init__(self, title_note: bool = False) -> None:
        """`title_note`: the title's "*" note is still to come (PDF text puts it at the foot of the first
        page, which may be in the body); a "* …" line elsewhere is a bullet or a remark."""
        self.sections: list[Section] = []
        self.passages: list[Passage] = []
        self.raw: dict[str, str] = {}  # passage key -> text with markers and markup
        self.footnotes: list[Footnote] = []
        self.furniture: list[str] = []
        self._stack: list[Section] = []
        self._last_number = 0
        self._current: Passage | None = None  # the paragraph or block that text lines continue
        self._table: _Table | None = None
        self._last_table: _Table | None = None
        self._pending_caption: Passage | None = None  # "表 1" waiting for its title line
        self._open_note: Footnote | None = None  # the footnote the next line may continue
        self._title_note = title_note
        self._heading_max = HEADING_MAX_CHARS
        self._width = HEADING_MAX_CHARS  # of a full line of text
        self._open_heading: Section | None = None  # a heading as long as a full line: it may go on
        self._counts: dict[str, int] = {}
        self._hash_offset: int | None = None  # markdown: hashes minus level of the numbered headings

    # ------------------------------------------------------------ driving

    def parse(self, lines: list[str]) -> None:
        width = line_width(lines)
        self._heading_max = heading_width(width, HEADING_MAX_CHARS)
        self._width = width or HEADING_MAX_CHARS
        for i, line in enumerate(lines):
            if line.strip():
                self._line(line, lines, i)
            elif self._open_note is not None and is_closed(self._open_note.text):
                self._open_note = None  # a blank line ends a footnote, unless it broke mid-sentence

    def _line(self, line: str, lines: list[str], i: int) -> None:
        text = line.strip()
        footnote = FOOTNOTE_LINE_RE.match(text)
        if footnote and (footnote["mark"] != "*" or self._title_note):
            note = Footnote(from_superscript(footnote["mark"]), footnote["text"].strip())
            self.footnotes.append(note)
            self._title_note = self._title_note and note.number != "*"
            self._open_note = note
            return
        note, self._open_note = self._open_note, None
        if note is not None and "\t" not in line and not (self._opens(text) or self._caption_line(text)):
            note.text = join_broken(note.text, text)  # the footnote's next line
            self._open_note = note
            return
        if "\t" in line:
            self._table_row(line.rstrip())
            return
        self._table = None
        if self._pending_caption is not None and not self._structural(text):
            self._caption_title(text)
            return
        self._pending_caption = None
        heading, self._open_heading = self._open_heading, None
        if heading is not None and chapter_like(text) and not (self._opens(text) or self._caption_line(text)):
            heading.title = join_broken(heading.title, text)  # a heading wrapped like the text under it
            self._open_heading = heading if self._full_line(text) else None
            return
        sections = len(self.sections)
        self._body_line(text, lines, i)
        if len(self.sections) > sections and self._full_line(text) and not MD_HEADING_RE.match(text):
            self._open_heading = self.sections[-1]

    def _body_line(self, text: str, lines: list[str], i: int) -> None:
        if self._broken() and not self._opens(text):
            self._append(self._current, text)  # the passage broke mid-sentence: "二、第四和第八款)…" goes on
        elif m := MD_HEADING_RE.match(text):
            self._markdown_heading(len(m["hashes"]), m["title"])
        elif (m := CHAPTER_RE.match(text)) and chapter_like(m["title"]):
            self._heading(m["title"], 1, m["num"])
        elif (m := SECTION_RE.match(text)) and chapter_like(m["title"]):
            self._heading(m["title"], 2, m["num"])
        elif m := TABLE_CAPTION_RE.match(text):
            self._caption("t", m["num"], text, start_table=True)
        elif m := FIGURE_CAPTION_RE.match(text):
            self._caption("f", m["num"], text, start_table=False)
        elif NOTE_RE.match(text) and self._last_table is not None:
            self._add("caption", f"t{self._last_table.number}.note", text)
        elif m := NUMBERED_RE.match(text):
            self._numbered(m["num"], m["title"], self._next_text(lines, i))
        elif m := SUB_RE.match(text):
            self._sub(m["num"], m["title"])
        else:
            self._text(text, _next_body_text(lines, i))

    def _full_line(self, text: str) -> bool:
        """As long as a full line of the page: PDF text may go on with it on the next line."""
        return len(text) >= FULL_LINE_SHARE * self._width

    def _broken(self) -> bool:
        """Did the passage being read stop mid-sentence? Then the next line is its rest, even when it looks
        like a caption or a heading ("…气候行动(见" ⏎ "表 2)。", "…第六条第" ⏎ "二、第四和第八款)")."""
        return self._current is not None and not is_closed(self.raw[self._current.key])

    def _opens(self, text: str) -> bool:
        """Does `text` open the next part for sure, even after a line broken mid-sentence: a markdown
        heading, or the chapter, section, paragraph or sub-paragraph numbered next?"""
        if MD_HEADING_RE.match(text):
            return True
        if m := CHAPTER_RE.match(text):
            return chapter_like(m["title"]) and cn_to_int(m["num"]) == self._section_number(1) + 1
        if m := SECTION_RE.match(text):
            return chapter_like(m["title"]) and ord(m["num"]) - ord("A") == self._section_number(2)
        if m := NUMBERED_RE.match(text):
            return int(m["num"]) == self._last_number + 1
        if m := SUB_RE.match(text):
            current = self._current
            labels = [label for label, _ in current.subparagraphs] if current is not None else []
            return m["num"] in _next_labels(labels[-1] if labels else None)
        return False

    def _section_number(self, level: int) -> int:
        """The number of the open chapter (level 1) or section (level 2, "B" is 2); 0 for none."""
        section = next((s for s in self._stack if s.level == level and s.number), None)
        if section is None:
            return 0
        return cn_to_int(section.number) if level == 1 else ord(section.number) - ord("A") + 1

    @staticmethod
    def _caption_line(text: str) -> bool:
        return bool(TABLE_CAPTION_RE.match(text) or FIGURE_CAPTION_RE.match(text))

    def _heading_line(self, text: str) -> bool:
        return heading_like(text) and len(text) <= self._heading_max and not BULLET_RE.match(text)

    def _starts_block(self, text: str) -> bool:
        return "\t" in text or self._structural(text) or bool(SUB_RE.match(text)) or self._heading_line(text)

    @staticmethod
    def _structural(text: str) -> bool:
        return any(r.match(text) for r in (MD_HEADING_RE, NUMBERED_RE, CHAPTER_RE, TABLE_CAPTION_RE, FIGURE_CAPTION_RE))

    @staticmethod
    def _next_text(lines: list[str], i: int) -> str:
        return next((line.strip() for line in lines[i + 1 :] if line.strip()), "")

    # ------------------------------------------------------------ passages

    def _key(self, base: str) -> str:
        n = self._counts.get(base, 0) + 1
        self._counts[base] = n
        return base if n == 1 else f"{base}~{n}"

    def _add(self, kind: str, base: str, raw: str, number: str | None = None) -> Passage:
        passage = Passage(
            key=self._key(base), kind=kind, text="", number=number,
            section=self._stack[-1].key if self._stack else None, order=len(self.passages),
        )
        self.passages.append(passage)
        self.raw[passage.key] = raw
        return passage

    def _append(self, passage: Passage, text: str) -> None:
        """A continuation line: the page broke the passage, or it is a list item of it."""
        raw = self.raw[passage.key]
        if BULLET_RE.match(text):
            self.raw[passage.key] = raw + "\n" + text
        else:
            self.raw[passage.key] = join_broken(raw, text)
            if passage.subparagraphs:
                label, sub = passage.subparagraphs[-1]
                passage.subparagraphs[-1] = (label, join_broken(sub, text))

    def _numbered(self, number: str, text: str, next_text: str) -> None:
        """`12. …` is paragraph 12, unless it is a short heading out of the paragraph sequence
        (`1. 时间表` inside chapter two, followed by paragraph 32)."""
        expected = self._last_number + 1
        next_numbered = NUMBERED_RE.match(next_text)
        heading_here = heading_like(text) and (
            int(number) != expected or (next_numbered is not None and int(next_numbered["num"]) == expected)
        )
        if heading_here:
            self._heading(text, 3, number)
            return
        self._last_number = int(number)
        self._current = self._add("paragraph", f"p{number}", text, number=number)

    def _sub(self, label: str, text: str) -> None:
        current = self._current
        in_list = current is not None and (current.subparagraphs or self.raw[current.key].rstrip().endswith(("：", ":")))
        if is_bold(text) or (heading_like(text) and not in_list):
            self._heading(text, 4, label)
        elif current is not None:
            self.raw[current.key] += f"\n({label}) {text}"
            current.subparagraphs.append((label, text))
        else:
            self._current = self._add("block", "b", f"({label}) {text}")

    def _text(self, text: str, next_text: str) -> None:
        """An unnumbered line: the rest of a broken passage, a heading, or a block of its own.

        A short line after a sentence end inside a paragraph is a heading only when a new block
        follows it ("指导性问题" before paragraph 17): else it is the tail of a line the page broke
        ("…至关重要。2025" ⏎ "年《国家…》"). A full line of PDF text is never a heading.
        """
        current = self._current
        in_paragraph = current is not None and current.kind == "paragraph"
        if current is not None and not is_closed(self.raw[current.key]):
            self._append(current, text)
        elif self._heading_line(text) and not (in_paragraph and next_text and not self._starts_block(next_text)):
            self._heading(text, 3, None)
        elif current is not None and current.kind == "paragraph":
            # Every body paragraph of a UN report is numbered: unnumbered prose after one is its
            # continuation on the next page (the page happened to break at a sentence end).
            self._append(current, text)
        else:
            self._current = self._add("block", "b", text)

    # ------------------------------------------------------------ headings

    def _markdown_heading(self, hashes: int, title: str) -> None:
        """A numbered heading's level is in its number; an unnumbered one's in its hashes, counted from the
        depth this document gives its numbered headings (`# 一.` or, under a `# title`, `## 一.`)."""
        for regex, level in _LEVELS:
            m = regex.match(title)
            if m:
                if self._hash_offset is None:
                    self._hash_offset = hashes - level
                self._heading(m["title"], level, m["num"])
                return
        offset = 1 if self._hash_offset is None else self._hash_offset  # "# title" above "## 一." by default
        self._heading(title, max(1, hashes - offset), None)

    def _heading(self, title: str, level: int, number: str | None) -> None:
        while self._stack and self._stack[-1].level >= level:
            self._stack.pop()
        parent = self._stack[-1].key if self._stack else None
        if number is None:
            base = f"s{len(self.sections) + 1}"
        else:
            label = roman(cn_to_int(number)) if CHAPTER_RE.match(f"{number}. x") else number
            base = f"{parent}.{label}" if parent else label
        section = Section(key=self._key(base), title=title.strip("*_ "), level=level, number=number, parent=parent)
        self.sections.append(section)
        self._stack.append(section)
        self._current = None

    # ------------------------------------------------------------ tables and captions

    def _caption(self, prefix: str, number: str, text: str, start_table: bool) -> None:
        caption = self._add("caption", f"{prefix}{number}", text)
        self._pending_caption = caption if not text.split(maxsplit=1)[1:] or len(text) < 8 else None
        self._current = None
        if start_table:
            self._table = self._last_table = _Table(int(number))

    def _caption_title(self, text: str) -> None:
        caption = self._pending_caption
        self.raw[caption.key] += " " + text
        self._pending_caption = None

    def _table_row(self, line: str) -> None:
        cells = [c.strip() for c in line.split("\t")]
        if any(URL_RE.match(c) for c in cells):  # a link list: metadata, not content
            self.furniture.append(" ".join(c for c in cells if c))
            return
        table = self._table
        if table is None:
            table = self._table = self._last_table = _Table(self._counts.get("table", 0) + 1)
        self._counts["table"] = table.number
        self._pending_caption = None
        self._current = None
        if table.header is None:
            table.header = cells
        elif cells == table.header:
            return  # the header repeated at the top of the next page
        elif not cells[0] and table.last_row is not None:
            self._continue_row(table, cells)  # the row broke across pages: first cell empty
        else:
            table.last_cells = cells
            n = sum(1 for p in self.passages if p.key.startswith(f"t{table.number}.r")) + 1
            table.last_row = self._add("table_row", f"t{table.number}.r{n}", " | ".join(c for c in cells if c))

    def _continue_row(self, table: _Table, cells: list[str]) -> None:
        merged = list(table.last_cells) + [""] * max(0, len(cells) - len(table.last_cells))
        for i, cell in enumerate(cells):
            if cell:
                merged[i] = join_broken(merged[i], cell)
        table.last_cells = merged
        self.raw[table.last_row.key] = " | ".join(c for c in merged if c)
