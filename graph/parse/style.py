"""Which kind of text a document is: a numbered report in plain text or markdown, or a brochure."""

from __future__ import annotations

import re

from graph.parse.markup import TAB_LABEL_RE
from graph.parse.sentences import is_closed
from graph.parse.structure import CHAPTER_RE, NUMBERED_RE, ROMAN_CHAPTER_RE

_MD_MARKUP_RE = re.compile(r"^#{1,6}\s+\S|<sup>\s*\d+\s*</sup>|\[\^\d+\]|^\s*\|.*\|\s*$", re.MULTILINE)
_LONG_LINE = 20  # lines this long end with punctuation in a report, mid-sentence in a brochure
BROKEN_SHARE = 0.5  # in the corpus: reports ~0.1, brochures ~0.8
MARKDOWN_MIN = 3
INDENTED_MIN = 5  # lines "\t12.\ttext": in the corpus, 131-1000 in each English UNFCCC file, none in the others
REPORT_MIN_PARAGRAPHS = 3


def broken_share(text: str) -> float:
    """Share of long lines that stop mid-sentence."""
    long_lines = [line for line in text.splitlines() if len(line.strip()) >= _LONG_LINE and "\t" not in line]
    if not long_lines:
        return 0.0
    return sum(not is_closed(line) for line in long_lines) / len(long_lines)


def numbered_report(text: str) -> bool:
    """Paragraphs numbered 1, 2, 3… on across a chapter heading ("二. 审评工作", "II. Proceedings"), as only a UN
    report has them.

    A brochure's numbered list starts again at 1 under each heading; a report's numbering runs on.
    """
    expected, chapter_inside = 1, False
    for line in text.splitlines():
        line = line.strip()
        if (m := NUMBERED_RE.match(line)) and int(m["num"]) == expected:
            expected += 1
        elif (CHAPTER_RE.match(line) or ROMAN_CHAPTER_RE.match(line)) and expected > 1:
            chapter_inside = True
    return chapter_inside and expected - 1 >= REPORT_MIN_PARAGRAPHS


def detect_style(text: str) -> str:
    """ "indented", "markdown", "plain" or "brochure"."""
    if sum(1 for line in text.splitlines() if TAB_LABEL_RE.match(line)) >= INDENTED_MIN:
        return "indented"  # its labels and indentation are tabs; a few pipe tables do not make it markdown
    if len(_MD_MARKUP_RE.findall(text)) >= MARKDOWN_MIN:
        return "markdown"  # markdown may be hard-wrapped: its line ends say nothing
    if broken_share(text) >= BROKEN_SHARE and not numbered_report(text):
        return "brochure"  # a report's PDF text breaks its lines too, but keeps its numbered paragraphs
    return "plain"
