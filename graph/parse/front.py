"""Front matter of a UN report: bodies and sessions, date and place, agenda items, title, author,
document symbol, summary; and the abbreviation table (its rows also become table_row passages)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import Acronym, AgendaItem, Footnote
from graph.parse.footnotes import FOOTNOTE_LINE_RE, take_footnotes
from graph.parse.markup import clean_inline
from graph.parse.sentences import is_closed, reflow
from graph.symbols import DECISION_RE, DOC_SYMBOL_RE, body_code, en_ordinal, find_sessions, iter_sessions

# "秘书处的年度报告*", "秘书处的说明", "Report by the secretariat": who issues it and what it is.
AUTHOR_ZH_RE = re.compile(
    r"^(?P<author>[\u4e00-\u9fff]{2,15}?)的(?P<kind>[\u4e00-\u9fff]{0,8}(?:报告|说明|汇编|文件))\s*\*?$"
)
AUTHOR_EN_RE = re.compile(
    r"^(?P<kind>[A-Z][a-z ]{0,30}?(?:report|Report|note|Note)) by the (?P<author>[a-z ]+?)\s*\*?$"
)
# "2026年6月8日至18日，波恩", "2027年6月，波恩": the dates and place of the session.
DATE_PLACE_RE = re.compile(
    r"^(?P<date>\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日(?:\s*至\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?)?)\s*[，,]\s*"
    r"(?P<place>\S.*)$"
)
AGENDA_RE = re.compile(r"^(?:临时)?议程项目\s*\S+|^(?:Provisional agenda )?[Ii]tem \S+ of the provisional agenda")
SUMMARY_RE = re.compile(r"^(?:#+\s*)?(?:概要|摘要|Summary)\s*$")
ACRONYM_HEADING_RE = re.compile(r"^(?:#+\s*)?(?:简称和缩略语|缩略语|简称|缩写|Abbreviations and acronyms|Acronyms)\s*$")
_LATIN_RE = re.compile(r"[A-Za-z]")
# "技术专家审评(第 18/CMA.1 号决定，附件，第 146 段)": the source in brackets is no part of the name (the row's
# passage keeps it, with its citation).
_TRAILING_CITATION_RE = re.compile(r"\s*[(（][^()（）]*?" + DECISION_RE.pattern + r"[^()（）]*[)）]\s*$", re.IGNORECASE)
MD_TITLE_RE = re.compile(r"^#\s+(?P<title>.+?)\s*#*$")
# The title of an English session report or of its addendum, which may wrap over several lines: "Report of the
# Subsidiary Body for Implementation on its sixtieth session, held in Bonn from 3 to 13 June 2024".
REPORT_OF_RE = re.compile(
    r"^Report of the (?P<body>.+?) on (?:the \w+ part of )?its (?P<ordinal>[\w-]+)(?: to (?P<last>[\w-]+))? sessions?"
    r"(?:,?\s+held in (?P<place>.+?))?(?:,?\s+from (?P<dates>\d.+?))?\s*$"
)
_TITLE_LINES = 5  # a report's title wraps over at most this many lines
_MAX_SESSION_RANGE = 5  # "its fifty-second to fifty-fifth sessions": the sessions of one report
# A line that goes on with the title above it: "fifth session, held in …", "30 November to 13 December 2023".
_TITLE_GOES_ON_RE = re.compile(r"^(?:[a-z\d]|from\b)")
_TITLE_CUT_RE = re.compile(r"\b(?:in|from|on|of|to|and|at|the)$")  # PDF text cut it here: "…, held in" ⏎ "Bonn …"


@dataclass
class FrontMatter:
    title: str | None = None
    author: str | None = None
    report_kind: str | None = None  # "年度报告", "综合报告": what kind of report this is
    symbol: str | None = None
    date_text: str | None = None
    place_text: str | None = None
    agenda_items: list[AgendaItem] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)
    summary: str | None = None
    footnotes: list[Footnote] = field(default_factory=list)


def parse_front(lines: list[str]) -> FrontMatter:
    """Everything before the abbreviation table or the first chapter."""
    notes, texts = take_footnotes(lines)
    front = FrontMatter(footnotes=[Footnote(n.number, clean_inline(n.text)) for n in notes])
    summary_at = next((i for i, t in enumerate(texts) if SUMMARY_RE.match(t)), len(texts))
    # The author line stands under the title, which may read like one: "关于…的年度技术进展报告" above "秘书处的说明".
    author_at = next((i for i in reversed(range(summary_at)) if AUTHOR_ZH_RE.match(texts[i])
                      or AUTHOR_EN_RE.match(texts[i])), None)
    title_at = _title_index(texts, author_at, summary_at)
    if author_at is not None:
        m = AUTHOR_ZH_RE.match(texts[author_at]) or AUTHOR_EN_RE.match(texts[author_at])
        assert m is not None  # author_at is the line where one matched
        front.author, front.report_kind = m["author"].strip(), m["kind"].strip()
    if title_at is not None:
        front.title = clean_inline(re.sub(r"^#+\s*", "", texts[title_at])).rstrip("*").strip()
    header = texts[: title_at if title_at is not None else summary_at]
    front.sessions = find_sessions("\n".join(t for t in header if not AGENDA_RE.match(t)))
    front.symbol = next((c for t in texts for c in t.split("\t") if DOC_SYMBOL_RE.fullmatch(c.strip())), None)
    if front.title is None:
        _report_of(texts, front)
    for t in header:
        if (m := DATE_PLACE_RE.match(t)) and front.date_text is None:
            front.date_text, front.place_text = m["date"], m["place"].strip()
    front.agenda_items = _agenda_items(header)
    front.summary = clean_inline(reflow(texts[summary_at + 1 :])) or None
    return front


def _report_of(texts: list[str], front: FrontMatter) -> None:
    """An English session report's title, whose body, session, place and dates it names."""
    at = next((i for i, t in enumerate(texts) if t.startswith("Report of the ")), None)
    if at is None:
        return
    title = texts[at]
    for line in texts[at + 1 : at + _TITLE_LINES]:  # it goes on until it names its session, and after in lower case
        if " session" not in title or _TITLE_GOES_ON_RE.match(line) or _TITLE_CUT_RE.search(title):
            title = f"{title} {line}"
        else:
            break
    front.title = " ".join(title.split())
    m = REPORT_OF_RE.match(front.title)
    if m is None:
        return
    code, first = body_code(m["body"]), en_ordinal(m["ordinal"])
    last = en_ordinal(m["last"]) if m["last"] else first  # "its fifty-second to fifty-fifth sessions"
    front.author, front.report_kind = m["body"], "report"
    if code and first and last and 0 <= last - first <= _MAX_SESSION_RANGE:
        front.sessions = [f"{code} {n}" for n in range(first, last + 1)]
    front.place_text = m["place"]
    front.date_text = m["dates"]


def _title_index(texts: list[str], author_at: int | None, summary_at: int) -> int | None:
    """The title stands just above the author line; failing that, a markdown `# Title`."""
    if author_at:
        return author_at - 1
    return next((i for i, t in enumerate(texts[:summary_at]) if MD_TITLE_RE.match(t)), None)


def _agenda_items(header: list[str]) -> list[AgendaItem]:
    """ "临时议程项目3" with the lines naming it, up to the next body, session or date line; on the
    agenda of the last session named above it (a joint document heads each item with its session)."""
    items: list[tuple[list[str], str | None]] = []
    above: list[str] = []  # the header lines outside agenda items, where the sessions are named
    naming = False
    for t in header:
        if AGENDA_RE.match(t):
            sessions = iter_sessions("\n".join(above))
            items.append(([t], sessions[-1][0] if sessions else None))
            naming = True
        elif naming and not (body_code(t) or find_sessions(t) or DATE_PLACE_RE.match(t)):
            items[-1][0].append(t)
        else:
            naming = False
            above.append(t)
    return [AgendaItem(" ".join(lines), session) for lines, session in items]


# ---------------------------------------------------------------- abbreviation table


def parse_acronyms(rows: list[str]) -> list[Acronym]:
    """Rows `ABBR<TAB>[short form]<TAB>full name` -> acronyms."""
    acronyms: list[Acronym] = []
    for row in rows:
        cells = [clean_inline(c.strip()) for c in row.split("\t")]
        if len(cells) < 2 or not _LATIN_RE.search(cells[0]):
            continue  # a header row ("缩写 | 全称"): abbreviations are written in Latin letters
        if len(cells) >= 3:
            abbreviation, short, name = cells[0], cells[1] or None, " ".join(c for c in cells[2:] if c)
        else:
            abbreviation, short, name = cells[0], None, cells[1]
        if not name:
            name, short = short or "", None
        source = _TRAILING_CITATION_RE.search(name)
        acronyms.append(Acronym(abbreviation, name[: source.start()] if source else name, short,
                                source[0].strip() if source else None))
    return acronyms


def split_acronym_table(lines: list[str]) -> tuple[list[str], list[str], int]:
    """The table rows after an abbreviations heading at lines[0], the footnote lines among them (the first
    page's footnotes when the page breaks inside the table), and the index after the table."""
    rows: list[str] = []
    notes: list[str] = []
    i = 1
    while i < len(lines):
        line, text = lines[i], lines[i].strip()
        if "\t" in line:
            rows.append(line.rstrip())
        elif FOOTNOTE_LINE_RE.match(text) or (notes and (notes[-1] or not is_closed(_last_text(notes)))):
            notes.append(text)  # a footnote, its lines and the blank lines between
        elif text:
            break
        i += 1
    return rows, notes, i


def _last_text(lines: list[str]) -> str:
    return next((t for t in reversed(lines) if t), "")
