"""docs/cypher.md: every ```cypher block runs read-only on the ingested corpus and finds what the doc says it finds.

After each block come its checks, one HTML comment each:
  <!-- expect: col=value, col=value -->       some row has all these values
  <!-- expect-none: col=value, col=value -->  no row has all these values
A cell matches a value when its text equals it or, for a list, when one of its items does.
"""

from __future__ import annotations

import re

import pytest

from graph.store.client import Neo4jClient
from graph.store.readonly import run_read_only
from paths import REPO_ROOT

GUIDE = (REPO_ROOT / "docs" / "cypher.md").read_text(encoding="utf-8")
EXAMPLE = re.compile(r"```cypher\n(.*?)```\n((?:<!-- expect(?:-none)?: .*? -->\n)*)", re.S)
CHECK = re.compile(r"<!-- (expect|expect-none): (.*?) -->")
EXAMPLES = [(m.group(1), CHECK.findall(m.group(2))) for m in EXAMPLE.finditer(GUIDE)]


def test_the_guide_has_enough_checked_examples() -> None:
    assert GUIDE.count("```cypher") == len(EXAMPLES) >= 14
    assert all(any(kind == "expect" for kind, _ in checks) for _, checks in EXAMPLES)


def _matches(cell: object, value: str) -> bool:
    return str(cell) == value or (isinstance(cell, list) and value in map(str, cell))


@pytest.mark.parametrize(("query", "checks"), EXAMPLES, ids=[q.splitlines()[0][:60] for q, _ in EXAMPLES])
def test_example_runs_and_finds_what_the_guide_says(corpus_graph: Neo4jClient, query: str, checks: list) -> None:
    result = run_read_only(corpus_graph, query, timeout_s=30, max_rows=1000)
    assert result.rows, "no rows"
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    for kind, spec in checks:
        wanted = dict(pair.split("=", 1) for pair in spec.split(", "))
        assert set(wanted) <= set(result.columns), f"unknown columns in {spec!r}: {result.columns}"
        found = any(all(_matches(row[col], value) for col, value in wanted.items()) for row in rows)
        assert found == (kind == "expect"), f"{kind}: {spec}\n{rows}"
