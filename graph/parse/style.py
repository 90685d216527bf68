"""Which kind of text a document is: a numbered report in plain text or markdown, or a brochure."""

from __future__ import annotations

import re

from graph.parse.sentences import is_closed

_MD_MARKUP_RE = re.compile(r"^#{1,6}\s+\S|<sup>\s*\d+\s*</sup>|\[\^\d+\]|^\s*\|.*\|\s*$", re.MULTILINE)
_NUMBERED_RE = re.compile(r"^\s*(\d{1,3})\s*[.．]\s*\S", re.MULTILINE)
_LONG_LINE = 20  # lines this long end with punctuation in a report, mid-sentence in a brochure
BROKEN_SHARE = 0.5  # in the corpus: reports ~0.1, brochures ~0.8
MARKDOWN_MIN = 3


def broken_share(text: str) -> float:
    """Share of long lines that stop mid-sentence."""
    long_lines = [line for line in text.splitlines() if len(line.strip()) >= _LONG_LINE and "\t" not in line]
    if not long_lines:
        return 0.0
    return sum(not is_closed(line) for line in long_lines) / len(long_lines)


def detect_style(text: str) -> str:
    """ "markdown", "plain" or "brochure"."""
    if len(_MD_MARKUP_RE.findall(text)) >= MARKDOWN_MIN:
        return "markdown"  # markdown may be hard-wrapped: its line ends say nothing
    if broken_share(text) >= BROKEN_SHARE:
        return "brochure"
    return "plain"
