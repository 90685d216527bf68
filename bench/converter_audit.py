"""Converter audit: each decisions document of a folder as other converters would write it, parsed again. Figures,
no verdicts.

    .venv/bin/python bench/converter_audit.py ../shared/corpus-unfccc

No Neo4j, no model. Each document holding decisions is first written plain (its tab-indented labels and pipe tables
undone, as `graph.parse` reads them), parsed, then rendered by the renderers of `tests/style_variants.py`: PDF text
wrapped at 90 letters, markdown (headings, the printed text's italics), and each decision's title on its heading's
line. A passage is kept when the rendering gives one of the same kind and text (whitespace aside); a decision is lost
when the rendering has fewer. On the 43 decisions documents of corpus-unfccc, at 56f47f6: PDF text kept 12,484 of
12,967 passages, markdown lost all 369 decisions, titled headings 357.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

from graph.model import Document
from graph.parse import parse_file, parse_text
from graph.parse.markup import normalise_line, untab
from graph.parse.reading import document_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from style_variants import markdown_decisions, page_broken, titled_headings

RENDERINGS: dict[str, Callable[[str], str]] = {
    "pdf90": partial(page_broken, width=90),
    "markdown": markdown_decisions,
    "titled_headings": titled_headings,
}


def plain(path: Path) -> str:
    text = document_text(path.read_text(encoding="utf-8"), path.name)
    lines = (normalise_line(untab(line)) for line in text.split("\n"))
    return "\n".join(line for line in lines if line is not None)


def passages(doc: Document) -> Counter[tuple[str, str]]:
    return Counter((p.kind, "".join(p.text.split())) for p in doc.passages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="documents (*.txt, searched recursively)")
    args = parser.parse_args()
    paths = [p for p in sorted(args.folder.rglob("*.txt")) if parse_file(p).decisions]
    if not paths:
        parser.error(f"{args.folder}: no decisions document there")
    totals: Counter[str] = Counter()
    for path in paths:
        text = plain(path)
        reference = parse_text(text, path.name)
        wanted = passages(reference)
        row = []
        for name, render in RENDERINGS.items():
            other = parse_text(render(text), path.name)
            kept = sum((wanted & passages(other)).values())
            lost = len(reference.decisions) - len(other.decisions)
            totals.update({f"{name} kept": kept, f"{name} decisions lost": lost})
            row.append(f"{name} {kept}/{wanted.total()}" + (f", {lost} decisions lost" if lost else ""))
        totals.update({"passages": wanted.total(), "decisions": len(reference.decisions)})
        print(f"{path.relative_to(args.folder)}: " + "; ".join(row))
    print(f"{len(paths)} decisions documents, {totals['decisions']} decisions, {totals['passages']} passages: "
          + "; ".join(f"{name} kept {totals[f'{name} kept']}, {totals[f'{name} decisions lost']} decisions lost"
                      for name in RENDERINGS))


if __name__ == "__main__":
    main()
