"""docs/sparql.md: every ```sparql block runs on the SPARQL store of the ingested corpus and finds what the guide says
it finds (the `<!-- expect: … -->` checks after it, read by guide_examples)."""

from __future__ import annotations

import json

import pytest

from graph.store.client import Neo4jClient
from guide_examples import check, examples
from paths import REPO_ROOT
from search_api import sparql

EXAMPLES = examples((REPO_ROOT / "docs" / "sparql.md").read_text(encoding="utf-8"), "sparql")


def test_the_guide_asks_its_questions_and_checks_each() -> None:
    assert len(EXAMPLES) >= 4
    assert all(any(kind == "expect" for kind, _ in checks) for _, checks in EXAMPLES)


@pytest.mark.parametrize(("query", "checks"), EXAMPLES, ids=[q.splitlines()[0][:60] for q, _ in EXAMPLES])
def test_example_runs_and_finds_what_the_guide_says(corpus_graph: Neo4jClient, query: str, checks: list) -> None:
    store = sparql.CorpusStore(corpus_graph, refresh_s=0)
    answer = store.run(sparql.parse(query), sparql.RESULTS_JSON, timeout_s=30, max_rows=1000)
    results = json.loads(answer.body)
    rows = [{name: cell["value"] for name, cell in binding.items()} for binding in results["results"]["bindings"]]
    check(results["head"]["vars"], rows, checks)
