"""Parse audit: what the parser makes of a folder of documents, the source lines whose text it kept nowhere, and
where its paragraph numbers break their sequence. Figures, no verdicts.

    .venv/bin/python bench/parse_audit.py ../shared/corpus-unfccc [--show 3]

No Neo4j, no model: each document is parsed (graph.parse) and counted (decisions, passages, mandates); then each
source line of 12 letters or more is looked for, whitespace and punctuation aside, in what the document became:
its passages, section and decision titles, footnotes, front matter and furniture (a line counts as kept when its
first or last 40 letters are there). Lines the parser reads as structure are not looked for: the pipe-table header of
the first page, decision and resolution headings. A lost line is text no search can find: on the 81 documents of
corpus-unfccc, the first decisions of four documents were lost this way (a table taken for the contents), and
paragraphs whose label the converter wrote "“3.\t" or "8 bis.\t" (taken for the header of a table).

A numbering break is a numbered paragraph whose number is not the one before it plus one, within its decision's text
or its document's body (an annex counts from 1 again): paragraphs merged, or list items taken for paragraphs (three
session reports took their agenda's last items for paragraphs 16–20, which swallowed the paragraphs after them).
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

from graph.model import Document
from graph.parse import parse_file
from graph.parse.markup import SUPERSCRIPT_DIGITS

_NOT_LETTERS_RE = re.compile(rf"[\W_{SUPERSCRIPT_DIGITS}]+")  # a footnote's mark is kept apart from its text
_LABEL_RE = re.compile(r"^\s*(?:\d{1,3}\.|\([a-z]{1,4}\)|[IVXL]{1,7}\.|[A-Z]\.|[一二三四五六七八九十]+\s*[.、．])?\s*")
_STRUCTURE_RE = re.compile(r"\s*(?:\|\s*(?:\||c\b|None)|(?:Decision|Resolution) \d+/)")
_MIN_LETTERS = 12
_PROBE = 40


def letters(text: str) -> str:
    return _NOT_LETTERS_RE.sub("", text).lower()


def kept_text(doc: Document) -> str:
    """Everything of the document the graph holds, as letters."""
    parts = [p.text for p in doc.passages] + [s.title for s in doc.sections] + doc.furniture
    parts += [f.text for f in doc.footnotes] + [a.abbreviation + a.name for a in doc.acronyms]
    parts += [a.text for a in doc.agenda_items]
    parts += [" ".join(filter(None, (d.title, d.meeting, d.date_text))) for d in doc.decisions]
    parts += [x for x in (doc.title, doc.author, doc.symbol, doc.date_text, doc.place_text, doc.summary) if x]
    return letters(" ".join(parts))


def lost_lines(path: Path, doc: Document) -> list[str]:
    kept = kept_text(doc)
    lost = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        probe = letters(_LABEL_RE.sub("", line))
        if len(probe) >= _MIN_LETTERS and not _STRUCTURE_RE.match(line) \
                and probe[:_PROBE] not in kept and probe[-_PROBE:] not in kept:
            lost.append(line.strip())
    return lost


def numbering_breaks(doc: Document) -> list[str]:
    """ "p18 after p6" for each numbered paragraph that does not follow the one before it."""
    runs: dict[tuple, list[tuple[int, str]]] = defaultdict(list)
    for p in doc.passages:
        if p.kind == "paragraph" and p.part == 1 and p.number and p.number.isdigit():
            runs[(p.decision, p.section if p.in_annex else None)].append((int(p.number), p.key))
    return [f"{key} after ¶{a}" for run in runs.values() for (a, _), (b, key) in pairwise(run) if b != a + 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="documents (*.txt, searched recursively)")
    parser.add_argument("--show", type=int, default=3, help="lost lines and breaks shown per document")
    args = parser.parse_args()
    paths = sorted(args.folder.rglob("*.txt"))
    if not paths:
        parser.error(f"{args.folder}: no .txt documents there")
    totals = dict.fromkeys(["decisions", "passages", "mandates", "lines lost", "numbering breaks"], 0)
    for path in paths:
        doc = parse_file(path)
        lost, breaks = lost_lines(path, doc), numbering_breaks(doc)
        counts = {"decisions": len(doc.decisions), "passages": len(doc.passages), "mandates": len(doc.mandates),
                  "lines lost": len(lost), "numbering breaks": len(breaks)}
        totals = {key: totals[key] + counts[key] for key in totals}
        print(f"{path.relative_to(args.folder)}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        for line in lost[: args.show]:
            print(f"    lost: {line[:110]}")
        for brk in breaks[: args.show]:
            print(f"    break: {brk}")
    print(f"{len(paths)} documents: " + ", ".join(f"{v} {k}" for k, v in totals.items()))


if __name__ == "__main__":
    main()
