"""docs/cypher.md: every ```cypher block runs read-only on the ingested corpus and finds what the doc says it finds
(the `<!-- expect: … -->` checks after it, read by guide_examples)."""

from __future__ import annotations

import pytest

from graph.store.client import Neo4jClient
from graph.store.readonly import run_read_only
from guide_examples import check, examples
from paths import REPO_ROOT

EXAMPLES = examples((REPO_ROOT / "docs" / "cypher.md").read_text(encoding="utf-8"), "cypher")


def test_the_guide_has_enough_checked_examples() -> None:
    assert len(EXAMPLES) >= 14
    assert all(any(kind == "expect" for kind, _ in checks) for _, checks in EXAMPLES)


@pytest.mark.parametrize(("query", "checks"), EXAMPLES, ids=[q.splitlines()[0][:60] for q, _ in EXAMPLES])
def test_example_runs_and_finds_what_the_guide_says(corpus_graph: Neo4jClient, query: str, checks: list) -> None:
    result = run_read_only(corpus_graph, query, timeout_s=30, max_rows=1000)
    check(result.columns, [dict(zip(result.columns, row, strict=True)) for row in result.rows], checks)
