"""By when a mandate is due, as written, and normalised where it can be: "by 1 March 2024" -> 2024-03-01;
"at its sixth session (November 2024)" of the CMA -> CMA 6; "SBSTA 61" -> SBSTA 61.

"its" and "their" name the body last mentioned before them in the mandate ("Requests the Subsidiary Body for
Implementation, at its sixtieth session, …" is SBI 60), else the body that issued the mandate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.parse.dates import MONTH_ALT, iso_date
from graph.symbols import (
    BODY_CODE,
    CN_NUMERAL,
    EN_ORDINAL,
    MAX_SESSION,
    cn_to_int,
    counted_in_year,
    en_ordinal,
    iter_bodies,
    visible,
)

_MONTH_YEAR = rf"\s*\((?:{MONTH_ALT})\s+\d{{4}}\)"  # "(June 2024)"
_BY = (r"(?:for consideration\s+|for adoption\s+)?"
       r"(?:at|by|before|prior to|no later than|not later than|in time for|until)")
# Each alternative names the session ("ordinal", or a code and "number") or the date it gives, if any.
DEADLINE_RE = re.compile(
    "|".join([
        # "starting at their sixtieth sessions", "at its sixtieth session (June 2024)", "at the sixty-first session of
        # the Subsidiary Body for Implementation", "for consideration at its subsequent session"
        rf"(?:(?:starting|beginning|commencing)\s+(?:at|from)|{_BY})\s+(?:its|their|the)\s+"
        rf"(?:(?P<ordinal>{EN_ORDINAL})|(?P<next>subsequent|next|following))\s+sessions?"
        rf"(?:\s+of\s+the\s+(?P<of_body>[A-Z][^,;.()]*))?(?:{_MONTH_YEAR})?",
        # "at each session of the Subsidiary Body for Implementation following the closure of the preceding
        # financial year"
        r"at\s+(?:each|every)\s+session\s+of\s+the\s+[A-Z][^,;]*?(?=[,;]|\s+(?:on|in order)\b|$)",
        # "at the session of the Subsidiary Body for Implementation to be held in June 2019"
        rf"at\s+the\s+session\s+of\s+the\s+[A-Z][\w\s]+?\s+to\s+be\s+held\s+in\s+(?:{MONTH_ALT})\s+\d{{4}}",
        # "prior to SBSTA 61", "at COP 29 (November 2024)"
        rf"(?:{_BY})\s+(?P<code>{BODY_CODE})\s?(?P<number>\d{{1,2}})(?!\d)(?:{_MONTH_YEAR})?",
        # "by 1 March 2024", "on 1 January of each year", "by the end of 2025", "by June 2025"
        rf"(?:by|before|on|no later than|not later than|prior to|until)\s+(?:the\s+end\s+of\s+)?"
        rf"(?:\d{{1,2}}\s+(?:{MONTH_ALT})(?:\s+\d{{4}}|\s+of\s+each\s+year)|(?:(?:{MONTH_ALT})\s+)?\d{{4}})",
        # "in time to inform the refinement", "in time for the second global stocktake"
        r"in\s+time\s+(?:to\s+inform|for)\s+(?:the\s+)?[\w-]+",
        # Chinese: "在 2024 年 3 月 1 日之前", "(附属科学技术咨询机构)第八十届会议(2034 年 6 月)", "供其下一届会议审议"
        r"(?:在|于)?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:之前|以前|前)",
        rf"(?:在|于)?其?第(?P<zh_ordinal>{CN_NUMERAL})届会议(?:\s*[(（][^()（）]{{1,20}}[)）])?(?:上)?",
        r"(?:供|在|于)?其?(?P<zh_next>下一届)会议(?:审议|上)?",
    ]),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Deadline:
    text: str  # as written
    date: str | None = None  # ISO
    session: str | None = None  # "CMA 6"


def find_deadline(text: str, start: int, end: int, referent: str | None, issued_at: str | None,
                  mentions_from: int | None = None) -> Deadline | None:
    """The first deadline in text[start:end] (a mandate's addressee and action). "its session" is of the last body
    named before it from `mentions_from` on (the action's start: the addressees name theirs), else of `referent`
    (a body code, or None for a body outside the Convention); "its next session" counts from `issued_at`, the session
    that issued the mandate ("CMA 5")."""
    m = DEADLINE_RE.search(visible(text), start, end)
    if m is None:
        return None
    written = text[m.start() : m.end()]
    if m["of_body"]:  # "the sixty-first session of the Subsidiary Body for Implementation": the body named there
        named = [b for b in iter_bodies(m["of_body"]) if b[1] == 0]
        written = text[m.start() : m.start("of_body") + (named[0][2] if named else 0)].removesuffix(" of the ")
        candidates = [named[0][0]] if named else []
    else:
        mentions = iter_bodies(text[min(mentions_from or start, m.start()) : m.start()])
        candidates = [mentions[-1][0]] if mentions else []
    session = _session(m, m.start() + len(written), [*candidates, referent], issued_at)
    return Deadline(written, iso_date(visible(written)), session)


def _session(m: re.Match, written_end: int, bodies: list[str | None], issued_at: str | None) -> str | None:
    """The session the deadline (written up to `written_end`) names: of the first of `bodies` (the body named, else
    the last mentioned, else the referent) for which the number is one its sessions can have ("the sixty-first
    session" is no CMA's). A year's first session ("at its first session of 2028") names none."""
    if m["code"]:
        return f"{m['code'].upper()} {int(m['number'])}"
    ordinal = (m["ordinal"] and en_ordinal(m["ordinal"])) or (m["zh_ordinal"] and cn_to_int(m["zh_ordinal"]))
    if not (ordinal or m["next"] or m["zh_next"]):
        return None
    if m["ordinal"] and counted_in_year(ordinal, m.string, written_end):
        return None
    for body in bodies:
        if body is None:
            continue
        if ordinal:
            if ordinal <= MAX_SESSION.get(body, 0):
                return f"{body} {ordinal}"
        elif issued_at and issued_at.split()[0] == body:  # "its subsequent session": the issuing body's next one
            return f"{body} {int(issued_at.split()[1]) + 1}"
    return None
