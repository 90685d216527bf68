"""Dates as UN documents write them, in English and Chinese: "13 December 2023", "2023年12月13日"; and as people
type them in a question: "December 13, 2023", "2023-12-13", "June 2034", "2034年6月"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from graph.symbols import readings

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
MONTH_ALT = "|".join(MONTHS)
# "13 December 2023", "1 March 2024" (the space may be a no-break space).
EN_DATE_RE = re.compile(rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_ALT})\s+(?P<year>\d{{4}})", re.IGNORECASE)
ZH_DATE_RE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
# The other forms, the longest first where two start alike: a month without its day, the American order, ISO.
_OTHER_DATE_RES = (
    re.compile(rf"\b(?P<month>{MONTH_ALT})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<year>\d{{4}})\b",
               re.IGNORECASE),
    re.compile(rf"\b(?P<month>{MONTH_ALT})\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月(?!\s*\d)"),
    re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d-])"),
)


@dataclass(frozen=True)
class Day:
    """A date, or a month when `day` is None."""

    year: int
    month: int
    day: int | None = None

    @property
    def iso(self) -> str:
        """ "2024-12-31", "2034-06"."""
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    @property
    def en(self) -> str:
        """As the decisions write it: "31 December 2024", "June 2034"."""
        month = MONTHS[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    @property
    def zh(self) -> str:
        """As the Chinese reports write it: "2024年12月31日", "2034年6月"."""
        return f"{self.year}年{self.month}月{self.day}日" if self.day else f"{self.year}年{self.month}月"

    # The forms a search looks for, the date's own first, then its year alone: "by the end of 2024" says something of
    # "by 31 December 2024".
    @property
    def zh_forms(self) -> tuple[str, ...]:
        return self.zh, str(self.year)

    @property
    def en_forms(self) -> tuple[str, ...]:
        return self.en, str(self.year)


def iter_dates(text: str) -> list[tuple[Day, int, int]]:
    """(date, start, end) for every date or month named in `text`, in order of appearance; impossible dates
    ("31 February 2024") are none."""
    return readings(text, (EN_DATE_RE, ZH_DATE_RE, *_OTHER_DATE_RES), _day)


def _day(m: re.Match[str]) -> Day | None:
    written = m["month"]
    month = int(written) if written.isdigit() else _MONTH_NUMBER[written.lower()]
    day = int(m["day"]) if "day" in m.groupdict() else None
    try:
        date(int(m["year"]), month, day or 1)
    except ValueError:
        return None
    return Day(int(m["year"]), month, day)


def iso_date(text: str) -> str | None:
    """The first full date in `text` as "YYYY-MM-DD"; None when it names none (or an impossible one)."""
    return next((day.iso for day, _start, _end in iter_dates(text) if day.day), None)
