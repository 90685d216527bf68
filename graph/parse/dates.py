"""Dates as UN documents write them, in English and Chinese: "13 December 2023", "2023年12月13日"."""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
MONTH_ALT = "|".join(MONTHS)
# "13 December 2023", "1 March 2024" (the space may be a no-break space).
EN_DATE_RE = re.compile(rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_ALT})\s+(?P<year>\d{{4}})")
ZH_DATE_RE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")


def iso_date(text: str) -> str | None:
    """The first full date in `text` as "YYYY-MM-DD"; None when it names none (or an impossible one)."""
    m = EN_DATE_RE.search(text)
    if m:
        month = _MONTH_NUMBER[m["month"].lower()]
    elif m := ZH_DATE_RE.search(text):
        month = int(m["month"])
    else:
        return None
    try:
        return date(int(m["year"]), month, int(m["day"])).isoformat()
    except ValueError:
        return None
