"""The body of a numbered UN report (plain text or markdown): sections, paragraphs, tables, footnotes.

Reads line by line. Passage texts are kept raw (footnote markers and markup still in them);
`graph.parse.passages` finishes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import Footnote, Passage, Section
from graph.parse.footnotes import FOOTNOTE_LINE_RE
from graph.parse.markup import SUPERSCRIPT_DIGITS, from_superscript, is_bold
from graph.parse.pages import heading_width, line_width
from graph.parse.sentences import is_closed, join_broken
from graph.symbols import annex_number, cn_to_int, roman_to_int

CHAPTER_RE = re.compile(r"^(?P<num>[一二三四五六七八九十]+)\s*[.、．]\s*(?P<title>\S.*)$")
# English chapters are numbered in Roman: "IV. Research and systematic observation". A single letter (I, V, X, L)
# may also be a section's: "I." after "H." is section I (StructureParser._chapter_match decides).
ROMAN_CHAPTER_RE = re.compile(r"^(?P<num>[IVXL]{1,7})\s*[.．]\s+(?P<title>\S.*)$")
# "A. 任务", and in Chinese typesetting "A．任务", with no space.
SECTION_RE = re.compile(r"^(?P<num>[A-Z])\s*[.．](?:\s+|(?=[\u3400-\u9fff《“]))(?P<title>\S.*)$")
# "12. text"; never a decimal ("6.4 mechanism" at the start of a broken line is no paragraph 6), but a paragraph may
# start with a year, the space after its label dropped ("4.2025年全年，…").
NUMBERED_RE = re.compile(r"^(?P<num>\d{1,3})\s*[.．](?!\d(?!\d{3}\s?年))\s*(?P<title>\S.*)$")
SUB_RE = re.compile(r"^\((?P<num>[a-z]{1,4})\)\s*(?P<title>\S.*)$")
MD_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*$")
# "表 1" / "图 2" (title on the same or the next line): a table or a figure follows.
TABLE_CAPTION_RE = re.compile(r"^(?:表|Table)\s*(?P<num>\d+)\s*(?P<title>.*)$")
FIGURE_CAPTION_RE = re.compile(r"^(?:图|Figure)\s*(?P<num>\d+)\s*(?P<title>.*)$")
# A note under a table: "注：本表提供信息…".
NOTE_RE = re.compile(r"^(?:注|资料来源|Note|Source)\s*[：:]")
URL_RE = re.compile(r"^(?:<)?(?:https?://|www\.)\S+$")
BULLET_RE = re.compile(r"^[-*•·]\s+")
# "(Agenda item 3)", "(Agenda sub-item 2(a))" under a heading of an English session report: part of the heading.
AGENDA_REF_RE = re.compile(
    r"^\((?:Agenda (?:sub-)?item|议程(?:分)?项目)\s*[^()]*(?:\([^()]*\)[^()]*)?\)$", re.IGNORECASE
)
# "Annex", "Annex II", "Annexes", "附件一": an annex numbers its paragraphs anew.
ANNEX_RE = re.compile(
    rf"^(?:Annex(?:es)?|附件)(?:\s*(?P<num>[IVXL]{{1,7}}|\d{{1,2}}|[一二三四五六七八九十]+))?\s*[*{SUPERSCRIPT_DIGITS}]*$"
)  # "Annex*": with the mark of a footnote
# "[English only]" under an annex heading: a note on the translation, not text.
LANGUAGE_NOTE_RE = re.compile(r"^\[[A-Z][a-z]+ only\]$|^\[仅[^\]]{1,6}\]$")
HEADING_MAX_CHARS = 40  # headings are short; a numbered line longer than this is a paragraph
_LEVELS = ((CHAPTER_RE, 1), (SECTION_RE, 2), (NUMBERED_RE, 3), (SUB_RE, 4))
# A line at least this share of the page's line width is a full line: the converter broke what goes on.
FULL_LINE_SHARE = 0.9


_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# English words take about three times the characters of Chinese ones: "Research and systematic observation".
LATIN_HEADING_FACTOR = 3


def heading_like(title: str) -> bool:
    """Short, not a sentence: "时间表", "技术对话的主题", "**技术对话和世界咖啡馆**", "Administrative and budgetary
    implications"."""
    if is_bold(title):
        return True
    return len(title) <= heading_chars(title, HEADING_MAX_CHARS) and not is_closed(title) and "，" not in title


def heading_chars(title: str, chinese: int) -> int:
    """The most characters a heading may have, given the most a Chinese one may have."""
    return chinese if _CJK_RE.search(title) else chinese * LATIN_HEADING_FACTOR


def chapter_like(title: str) -> bool:
    """A numbered chapter or section title: not a sentence (commas allowed), and short, though an English one may run
    to 360 letters (18/CMA.1's "D. Mitigation policies and measures, … under Article 4 of the Paris Agreement" has
    252)."""
    return is_bold(title) or (len(title) <= heading_chars(title, 3 * HEADING_MAX_CHARS) and not is_closed(title))


def roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


_ROMAN_LABELS = [roman(n).lower() for n in range(1, 40)]


def chapter_value(number: str) -> int:
    """A chapter's number as an int: Chinese ("四") or Roman ("IV")."""
    return roman_to_int(number) or cn_to_int(number)


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
    rows: int = 0


class StructureParser:
    """Feed it the body lines; read sections, passages, raw passage texts, footnotes, furniture."""

    def __init__(self, title_note: bool = False, root: Section | None = None) -> None:
        """`title_note`: the title's "*" note is still to come (PDF text puts it at the foot of the first
        page, which may be in the body); a "* …" line elsewhere is a bullet or a remark.

        `root`: the section the lines are the body of (a decision in a decisions document): headings nest
        under it and passage keys start with its key, so several bodies parsed apart make one document."""
        self._root = root
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
        self._list_last: int | None = None  # the last item of a numbered list inside the current paragraph
        self._annex: Section | None = None  # the annex being read: its paragraphs are numbered anew
        self._annex_untitled = False  # its heading is "Annex I" alone: the next line is its title

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
        open_note, self._open_note = self._open_note, None
        if open_note is not None and "\t" not in line and not (self._opens(text) or self._caption_line(text)):
            open_note.text = join_broken(open_note.text, text)  # the footnote's next line
            self._open_note = open_note
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
            assert self._current is not None  # _broken() says there is one
            self._append(self._current, text)  # the passage broke mid-sentence: "二、第四和第八款)…" goes on
        elif ANNEX_RE.match(text) and not self._broken():
            self._annex_heading(text)
        elif LANGUAGE_NOTE_RE.match(text):
            self.furniture.append(text)
        elif self._annex_untitled and self._current is None and chapter_like(text) and not self._structural(text):
            self._title_annex(text)
        elif AGENDA_REF_RE.match(text) and self._stack and self._current is None:
            self._stack[-1].title += f" {text}"
        elif m := MD_HEADING_RE.match(text):
            self._markdown_heading(len(m["hashes"]), m["title"])
        elif (m := self._chapter_match(text)) and self._chapter_title(m):
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
        if m := self._chapter_match(text):
            return chapter_like(m["title"]) and chapter_value(m["num"]) == self._section_number(1) + 1
        if m := SECTION_RE.match(text):
            return chapter_like(m["title"]) and ord(m["num"]) - ord("A") == self._section_number(2)
        if m := NUMBERED_RE.match(text):
            return int(m["num"]) == self._last_number + 1
        if m := SUB_RE.match(text):
            current = self._current
            labels = [label for label, _ in current.subparagraphs] if current is not None else []
            return m["num"] in _next_labels(labels[-1] if labels else None)
        return False

    def _depth(self) -> int:
        """How deep the body's chapters are: 1 in a document, deeper under a root section or in an annex."""
        return 1 + (self._root.level if self._root else 0) + (self._annex is not None)

    def _section_number(self, level: int) -> int:
        """The number of the open chapter (level 1) or section (level 2, "B" is 2); 0 for none."""
        depth = level - 1 + self._depth()
        number = next((s.number for s in self._stack if s.level == depth and s.number), None)
        if number is None:
            return 0
        return chapter_value(number) if level == 1 else ord(number) - ord("A") + 1

    def _chapter_title(self, m: re.Match) -> bool:
        """Is the chapter match's title a heading? Short and no sentence; or, for the chapter numbered next, any
        length (1/CMA.5's chapter II has a 300-character title)."""
        next_chapter = chapter_value(m["num"]) == self._section_number(1) + 1
        return chapter_like(m["title"]) or (next_chapter and not is_closed(m["title"]))

    def _chapter_match(self, text: str) -> re.Match | None:
        """A chapter heading: "四、…", or "IV. …" unless its single letter is the next section's ("I." after "H.")."""
        if m := CHAPTER_RE.match(text):
            return m
        m = ROMAN_CHAPTER_RE.match(text)
        if m is None or roman_to_int(m["num"]) is None:
            return None
        if len(m["num"]) > 1:
            return m  # "II", "IV": never a section letter (even printed twice, as in 1/CMA.5)
        section = self._section_number(2)
        if section and ord(m["num"]) - ord("A") == section:
            return None
        return m if roman_to_int(m["num"]) == self._section_number(1) + 1 else None

    @staticmethod
    def _caption_line(text: str) -> bool:
        return bool(TABLE_CAPTION_RE.match(text) or FIGURE_CAPTION_RE.match(text))

    def _heading_line(self, text: str) -> bool:
        return heading_like(text) and len(text) <= self._heading_max and not BULLET_RE.match(text)

    def _starts_block(self, text: str) -> bool:
        return "\t" in text or self._structural(text) or bool(SUB_RE.match(text)) or self._heading_line(text)

    @staticmethod
    def _structural(text: str) -> bool:
        return any(r.match(text) for r in (MD_HEADING_RE, NUMBERED_RE, CHAPTER_RE, ROMAN_CHAPTER_RE, SECTION_RE,
                                           TABLE_CAPTION_RE, FIGURE_CAPTION_RE, ANNEX_RE))

    @staticmethod
    def _next_text(lines: list[str], i: int) -> str:
        return next((line.strip() for line in lines[i + 1 :] if line.strip()), "")

    # ------------------------------------------------------------ passages

    def _key(self, base: str) -> str:
        """A key unique in the document: under the root's key, "~2" for the second of a name."""
        return self._unique(f"{self._root.key}.{base}" if self._root else base)

    def _unique(self, key: str) -> str:
        n = self._counts.get(key, 0) + 1
        self._counts[key] = n
        return key if n == 1 else f"{key}~{n}"

    def _add(self, kind: str, base: str, raw: str, number: str | None = None) -> Passage:
        passage = Passage(
            key=self._key(base), kind=kind, text="", number=number,
            section=self._stack[-1].key if self._stack else (self._root.key if self._root else None),
            order=len(self.passages),
            in_annex=self._annex is not None,
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
        (`1. 时间表` inside chapter two, followed by paragraph 32). A line as long as the page's is no heading: PDF
        text cut a paragraph's first line, which looks as unfinished as a heading ("16. The COP may … through its")."""
        expected = self._last_number + 1
        next_numbered = NUMBERED_RE.match(next_text)
        current = self._current
        # A list goes on at its next number, or the one after when that is not the paragraph expected: a converter
        # may join an item to the one before (SBI 50's agenda item 15 to 14, which ends ".*,").
        in_list = self._list_last is not None and (
            int(number) == self._list_last + 1 or (int(number) == self._list_last + 2 and int(number) != expected)
        )
        # A list's next item stays an item even when it reads like a heading (an agenda's "18. Reports on activities
        # related to the implementation of Article 6 of the", wrapped), or the item after it has the number of the
        # paragraph expected.
        heading_here = not in_list and heading_like(text) and not self._full_line(f"{number}. {text}") and (
            int(number) != expected or (next_numbered is not None and int(next_numbered["num"]) == expected)
        )
        if heading_here:
            self._heading(text, 3, number)
            return
        if current is not None and current.kind == "paragraph" and (int(number) < expected - 1 or in_list):
            # Numbering that goes back starts a list inside the paragraph (SBSTA 60 ¶6 lists its agenda "1. … 18.");
            # the list goes on while its numbers do, so its "7." is no paragraph 7.
            self.raw[current.key] += f"\n{number}. {text}"
            self._list_last = int(number)
            return
        self._list_last = None
        self._last_number = int(number)
        self._current = self._add("paragraph", f"p{number}", text, number=number)

    def _sub(self, label: str, text: str) -> None:
        current = self._current
        in_list = current is not None and (
            current.subparagraphs or self.raw[current.key].rstrip().endswith(("：", ":"))
        )
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
        if ANNEX_RE.match(title):
            self._annex_heading(title)
            return
        if self._annex_untitled and self._current is None and not any(r.match(title) for r, _ in _LEVELS):
            self._title_annex(title)  # "### 附件" ⏎ "### 与本报告相关的更多信息链接"
            return
        for regex, level in _LEVELS:
            m = regex.match(title)
            if m:
                if self._hash_offset is None:
                    self._hash_offset = hashes - level
                self._heading(m["title"], level, m["num"])
                return
        offset = 1 if self._hash_offset is None else self._hash_offset  # "# title" above "## 一." by default
        self._heading(title, max(1, hashes - offset), None)

    def _annex_heading(self, text: str) -> None:
        """ "Annex II": a top-level part holding its own chapters, with paragraphs numbered from 1; its title may
        be on the next line."""
        m = ANNEX_RE.match(text)
        assert m is not None  # the caller matched it
        number = m["num"]
        self._stack.clear()
        self._annex = None
        # Keyed by its number in Roman numerals whatever the language writes ("附件二" is "annex-II"), so a citation
        # of "annex II" finds it in each language's text.
        named = annex_number(number or "")
        self._annex = Section(key=self._key("annex" + (f"-{named}" if named else "")), title=text,
                              level=self._depth(), number=number, parent=self._root.key if self._root else None)
        self.sections.append(self._annex)
        self._stack.append(self._annex)
        self._current = None
        self._annex_untitled = True
        self._last_number = 0

    def _title_annex(self, title: str) -> None:
        assert self._annex is not None  # an annex heading set _annex_untitled
        self._annex.title += f": {title}"
        self._annex_untitled = False
        if self._full_line(title):  # PDF text wraps it like any heading
            self._open_heading = self._annex

    def _heading(self, title: str, level: int, number: str | None) -> None:
        """A heading at `level` of the body (1 = chapter); under the root section or an annex, below them."""
        level += self._depth() - 1
        while self._stack and self._stack[-1].level >= level:
            self._stack.pop()
        parent = self._stack[-1].key if self._stack else (self._root.key if self._root else None)
        if number is None:
            key = self._key(f"s{len(self.sections) + 1}")
        else:
            label = roman(cn_to_int(number)) if CHAPTER_RE.match(f"{number}. x") else number
            key = self._unique(f"{self._stack[-1].key}.{label}") if self._stack else self._key(label)
        self._annex_untitled = False
        section = Section(key=key, title=title.strip("*_ "), level=level, number=number, parent=parent)
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
        assert caption is not None  # the caller checked
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
            table.rows += 1  # counted on the table: a decision's keys start with its symbol ("21/CP.23.t1.r2")
            table.last_row = self._add("table_row", f"t{table.number}.r{table.rows}", " | ".join(c for c in cells if c))

    def _continue_row(self, table: _Table, cells: list[str]) -> None:
        merged = list(table.last_cells) + [""] * max(0, len(cells) - len(table.last_cells))
        for i, cell in enumerate(cells):
            if cell:
                merged[i] = join_broken(merged[i], cell)
        table.last_cells = merged
        assert table.last_row is not None  # the caller checked
        self.raw[table.last_row.key] = " | ".join(c for c in merged if c)
