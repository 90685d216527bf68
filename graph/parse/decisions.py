"""Decisions documents: the "action taken" addenda of a session report, holding the decisions a body adopted
(FCCC/PA/CMA/2023/16/Add.1 holds 1/CMA.5 to 5/CMA.5). Each decision reads:

    Decision 1/CMA.5                               its heading, at the line start or indented (第 1/CMA.5 号决定)
    Outcome of the first global stocktake          its title
    The Conference of the Parties serving as …,    the subject of its preamble
    Recalling decisions 19/CMA.1, 1/CMA.2 …,       preambular paragraphs, one a line, each ending with a comma
    I. Context and cross-cutting considerations    its body: chapters, sections, operative paragraphs, tables
    1. Welcomes that the Paris Agreement …;
    Annex                                          annexes, their paragraphs numbered anew
    6th plenary meeting                            the meeting and day that adopted it, before or after the annexes
    13 December 2023

Other converters write it otherwise, and it reads the same: the title on the heading's line ("Decision 1/CMA.5:
Outcome of …"), markdown around the heading, title, meeting and day ("# Decision 1/CMA.5", "*6th plenary meeting*"),
the meeting and day on one line ("6th plenary meeting, 13 December 2023"), and PDF text, which wraps the subject and
the preambular paragraphs anywhere (a line starting in lower case goes on the one before).

The body is read by the report's StructureParser, rooted at the decision's section. A resolution ("Resolution
1/CMA.1", numbered apart from the decisions) is read the same way but is no decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import DecisionText, Footnote, Passage, Section
from graph.parse.dates import EN_DATE_RE, ZH_DATE_RE, iso_date
from graph.parse.sentences import join_broken
from graph.parse.structure import ANNEX_RE, CHAPTER_RE, NUMBERED_RE, ROMAN_CHAPTER_RE, SECTION_RE, StructureParser
from graph.symbols import DECISION_RE, canonical_decision

_SYMBOL = DECISION_RE.pattern
_HEADING_WORDS = "Decision|Resolution|Décision|Résolution|Decisión|Resolución|Решение|Резолюция"
DECISION_HEADING_RE = re.compile(
    rf"^(?:(?P<word>{_HEADING_WORDS})\s+(?P<symbol>{_SYMBOL})|第\s*(?P<symbol_zh>{_SYMBOL})\s*号\s*(?P<word_zh>决定|决议))"
    rf"(?:(?:\s*[:：–—-]\s*|\s+)(?P<title>[A-Z“\"\u3400-\u9fff].*?(?<![.;。；])))?\s*$"
)  # capitalised: "decision 4/CMA.4" alone on a line is a wrapped title's end ("… referred to in" ⏎ "decision 4/CMA.4");
# the title may follow on the heading's line ("Decision 1/CMA.5: Outcome of the first global stocktake"), but a
# sentence ("Decision 2/CMA.5 established …", "Decision 1/CP.21, paragraph 3, …") is no heading.
_RESOLUTION_WORDS = {"resolution", "résolution", "resolución", "резолюция", "决议"}
# "The Conference of the Parties,", "作为《巴黎协定》缔约方会议的《公约》缔约方会议，": who speaks in the preamble.
# The comma is sometimes missing (4/CP.29).
SUBJECT_RE = re.compile(
    r"^(?:The|La|Le|El)\s+(?:Conference|Conférence|Conferencia)\b[^.;:]{0,300}$|^[^，,。]{2,80}缔约方会议[，,]?$"
)
# "6th plenary meeting", "Resumed 11th plenary meeting", "第 6 次全体会议"; the day may follow on its line:
# "10th plenary meeting 11 November 2021", "9th plenary meeting, 23 November 2040".
MEETING_RE = re.compile(
    r"^(?P<meeting>(?:Resumed\s+)?\d{1,3}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?plenary meeting"
    r"|第\s*\d{1,3}\s*次全体会议(?:续会)?)"
    r"(?:\s*[,，–—-])?\s*(?P<date>.*)$", re.IGNORECASE)
_STRAY_LABEL_RE = re.compile(r"^\d{1,3}\.\s+")  # "29.\t13 December 2014": a converter numbered the date line
def _date_line(text: str) -> bool:
    return bool(EN_DATE_RE.fullmatch(text) or ZH_DATE_RE.fullmatch(text))
_SYMBOL_START_RE = re.compile(r"\d{1,3}/")  # a decision symbol's number: "4/CP.5, 33/CP.7 …"
_TITLE_LINES = 3  # a title wraps over at most this many lines
# A preambular paragraph ends with a comma; an operative one with ";", "." or ":".
_PREAMBLE_END = (",", "，", "、")
_OPERATIVE_END = (";", "；", ".", "。", ":", "：")


# Markdown a converter may put around a decision's heading, title, subject, meeting or day: "# Decision 1/CMA.5",
# "**Outcome of the first global stocktake**", "*6th plenary meeting*", "_13 December 2023_".
_MARKUP_RE = re.compile(r"^#{1,6}\s+|(?<!\w)[*_]{1,2}|[*_]{1,2}(?!\w)")


def unmarked(text: str) -> str:
    return _MARKUP_RE.sub("", text.strip()).strip()


def heading_symbol(line: str) -> tuple[str, bool] | None:
    """(canonical symbol, is a resolution) of a decision or resolution heading line; None for any other line."""
    m = DECISION_HEADING_RE.match(unmarked(line))
    return None if m is None else _symbol(m)


def _symbol(m: re.Match) -> tuple[str, bool]:
    word = (m["word"] or m["word_zh"]).lower()
    symbol = canonical_decision(m["symbol"] or m["symbol_zh"])
    assert symbol is not None  # the heading's symbol matched DECISION_RE
    return symbol, word in _RESOLUTION_WORDS


def is_decisions_document(lines: list[str]) -> bool:
    return any(heading_symbol(line) for line in lines)


@dataclass
class DecisionsBody:
    """What the decisions of a document add to it (front matter aside)."""

    decisions: list[DecisionText] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict)
    footnotes: list[Footnote] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)


def first_heading(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if heading_symbol(line))


def parse_decisions(lines: list[str]) -> DecisionsBody:
    """The decisions (and resolutions) from the first heading in `lines` on."""
    out = DecisionsBody()
    starts = [i for i, line in enumerate(lines) if heading_symbol(line)]
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=False):  # no start: no block
        _decision(lines[start:end], out)
    return out


def _decision(block: list[str], out: DecisionsBody) -> None:
    heading = DECISION_HEADING_RE.match(unmarked(block[0]))
    assert heading is not None  # parse_decisions starts each block at a heading
    symbol, resolution = _symbol(heading)
    texts = [(i, text) for i, line in enumerate(block) if (text := unmarked(line))][1:]
    subject_at = next((n for n, (_i, t) in enumerate(texts[: _TITLE_LINES + 1]) if SUBJECT_RE.match(t)), None)
    title_lines = texts[:subject_at] if subject_at is not None else texts[:1]
    if heading["title"] and subject_at is None:
        title_lines = []  # the title is on the heading's line; lines under it go on it only up to the subject
    title = " ".join(filter(None, [heading["title"], *(t for _i, t in title_lines)])) or None
    key = f"resolution-{symbol}" if resolution else symbol
    section = Section(key=key, title=title or block[0].strip(), level=1, number=symbol)
    out.sections.append(section)
    rest = texts[len(title_lines) + (subject_at is not None) :]
    if subject_at is not None:
        subject = texts[subject_at][1]
        while rest and not subject.endswith(_PREAMBLE_END) and _subject_goes_on(subject, rest[0][1]):
            subject, rest = rest[0][1], rest[1:]
    preamble, body_at = _preamble(rest)
    for n, text in enumerate(preamble, 1):
        passage = Passage(key=f"{key}.pp{n}", kind="preamble", text="", number=str(n), section=key)
        out.passages.append(passage)
        out.raw[passage.key] = text
    meeting, date_text, body = _adoption(block[body_at:] if body_at is not None else [])
    parser = StructureParser(root=section)
    parser.parse(body)
    out.sections += parser.sections
    out.passages += parser.passages
    out.raw |= parser.raw
    out.footnotes += parser.footnotes
    out.furniture += parser.furniture
    if resolution:
        return
    for passage in out.passages:
        if passage.section == key or (passage.section or "").startswith(f"{key}."):
            passage.decision = symbol
    out.decisions.append(DecisionText(symbol, key, title, meeting, date_text, iso_date(date_text or "")))


def _preamble(texts: list[tuple[int, str]]) -> tuple[list[str], int | None]:
    """The preambular paragraphs at the head of `texts` ((line index, text) pairs), and the index of the line where
    the body starts (None: there is no body). A line broken mid-paragraph is joined to the line before."""
    paragraphs: list[tuple[int, str]] = []  # (line index, text)
    body_at = None
    for i, text in texts:
        if _structural(text):
            body_at = i
            break
        if paragraphs and (not paragraphs[-1][1].endswith(_PREAMBLE_END + _OPERATIVE_END) or _goes_on(text)):
            paragraphs[-1] = (paragraphs[-1][0], join_broken(paragraphs[-1][1], text))
        else:
            paragraphs.append((i, text))
    # An unnumbered paragraph ending like an operative one ("Decides that …;") starts the body: 18/CP.23 has only it.
    cut = next((k for k, (_i, t) in enumerate(paragraphs) if not t.endswith(_PREAMBLE_END)), None)
    if cut is not None:
        return [t for _i, t in paragraphs[:cut]], paragraphs[cut][0]
    return [t for _i, t in paragraphs], body_at


def _subject_goes_on(subject: str, line: str) -> bool:
    """Is `line` the rest of the preamble's subject, which PDF text wraps too ("… to the Paris" ⏎ "Agreement,",
    "… meeting of the" ⏎ "Parties to the Paris Agreement,")? Not when the subject lacks its comma (4/CP.29's "The
    Conference of the Parties") and the first preambular paragraph follows."""
    return line.endswith(_PREAMBLE_END) and (_goes_on(line) or len(line.split()) <= 2 or subject.split()[-1].islower())


def _goes_on(text: str) -> bool:
    """Does a line start mid-sentence? A preambular paragraph starts with a capital ("Recalling", "Also noting"),
    while PDF text wraps one anywhere, after a comma too ("…including its objective," ⏎ "aims to strengthen…",
    "…6/CP.3," ⏎ "4/CP.5, 33/CP.7…"). A footnote a converter left between two paragraphs ("1 FCCC/SBI/2020/6.")
    goes on nothing."""
    return text[0].islower() or _SYMBOL_START_RE.match(text) is not None


def _structural(text: str) -> bool:
    return bool(_meeting(text)) or any(r.match(text) for r in (NUMBERED_RE, ROMAN_CHAPTER_RE, CHAPTER_RE, SECTION_RE,
                                                                ANNEX_RE))


def _adoption(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    """(the meeting, the date as written, the other lines): "6th plenary meeting" ⏎ "13 December 2023", which
    close the decision, before its annexes or after them."""
    at = next((i for i, line in enumerate(lines) if _meeting(line)), None)
    if at is None:
        return None, None, lines
    meeting = _meeting(lines[at])
    assert meeting is not None  # `at` is the line where it matched
    if _date_line(meeting["date"]):
        return meeting["meeting"], meeting["date"], lines[:at] + lines[at + 1 :]
    after = next((i for i in range(at + 1, len(lines)) if lines[i].strip()), None)
    before = next((i for i in range(at - 1, -1, -1) if lines[i].strip()), None)
    for date_at in (after, before):  # the date is under the meeting, or (in some translations) above it
        date = date_at is not None and _STRAY_LABEL_RE.sub("", unmarked(lines[date_at]))
        if date and _date_line(date):
            return meeting["meeting"], date, [line for i, line in enumerate(lines) if i not in (at, date_at)]
    return meeting["meeting"], None, lines[:at] + lines[at + 1 :]


def _meeting(line: str) -> re.Match | None:
    m = MEETING_RE.match(unmarked(line))
    return m if m and (not m["date"] or _date_line(m["date"])) else None
