"""`climate-kg search` and `climate-kg eval` against our fixtures and the shared corpus."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from search_api.cli import app

runner = CliRunner()
SYNTHESIS = "001_939cf770f026bd75.txt"
DECISIONS = "CMA2023_5_Decisions_1_to_5.txt"


def test_search_prints_ranked_passages_with_their_paragraph_and_decisions(fixture_graph):
    result = runner.invoke(app, ["search", "synthesis report on coastal resilience", "-k", "3"])
    assert result.exit_code == 0, result.output
    assert "synthesis_report_zh.txt ¶1  [7/CMA.13]" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("3 hits in ")
    # A passage lifted beside a hit says which: the decision paragraph the report answers, the paragraph after a hit.
    assert "linked to hit #1" in " ".join(result.stdout.split())
    result = runner.invoke(app, ["search", "coastal resilience work programme 2032–2035 take stock", "-k", "5"])
    assert re.search(r"decisions_en\.txt ¶2 score \S+ via [a-z_, ]*follows hit #\d", " ".join(result.stdout.split()))


def test_search_json_is_the_api_body_and_filters_are_checked_like_the_api(corpus_graph):
    result = runner.invoke(app, ["search", "全球盘点", "-k", "3", "--json", "--body", "cma",
                                 "--decision", "第1/CMA.5号决定"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert {"query", "took_ms", "hits"} <= body.keys() and 0 < len(body["hits"]) <= 3
    assert all("1/CMA.5" in hit["decisions"] for hit in body["hits"])


def test_a_bad_filter_names_the_option(corpus_graph):
    result = runner.invoke(app, ["search", "全球盘点", "--decision", "1/XYZ.5"])
    assert result.exit_code == 2 and "--decision" in result.output and "1/XYZ.5" in result.output


def test_a_question_without_a_letter_or_digit_is_refused(corpus_graph):
    result = runner.invoke(app, ["search", "???"])
    assert result.exit_code == 2 and "QUERY" in result.output and "no letter or digit" in result.output


def eval_file(tmp_path):
    path = tmp_path / "q.jsonl"
    rows = [{"id": "t1", "lang": "zh", "type": "factual", "query": "气候技术中心的任期延长到哪一年",
             "relevant": [{"doc": "000_e75f1952de058665.txt", "quote": "2041", "grade": 2}]},
            {"id": "t2", "lang": "en", "type": "mandate", "query": "decision 1/CMA.5 paragraph 193",
             "relevant": [{"doc": DECISIONS, "quote": "requests the secretariat to prepare a synthesis report",
                           "grade": 2},
                          {"doc": SYNTHESIS, "quote": "第 1/CMA.5 号决定，第 193 段", "grade": 2}]}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_eval_reports_by_language_and_type(corpus_graph, tmp_path):
    result = runner.invoke(app, ["eval", str(eval_file(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report["by_lang"]) == {"zh", "en"} and set(report["by_type"]) == {"factual", "mandate"}
    assert report["overall"]["recall"] == 1.0
    table = runner.invoke(app, ["eval", str(eval_file(tmp_path))])
    assert "lang=en" in table.stdout and "type=mandate" in table.stdout


def test_eval_help_names_every_signal():
    from search_api.search import SIGNALS

    help_text = runner.invoke(app, ["eval", "--help"]).stdout
    assert [name for name in SIGNALS if not re.search(rf"\b{name}\b", help_text)] == []


def test_eval_measures_one_signal_alone(corpus_graph, tmp_path):
    graph_only = json.loads(
        runner.invoke(app, ["eval", str(eval_file(tmp_path)), "--json", "--signal", "graph"]).stdout
    )
    by_id = {q["id"]: q for q in graph_only["queries"]}
    assert by_id["t1"]["recall"] == 0.0  # no decision named: the graph signal has nothing to say
    assert by_id["t2"]["mrr"] == 1.0 and by_id["t2"]["ndcg"] == 1.0  # ¶193 itself, then the paragraph citing it
    wrong = runner.invoke(app, ["eval", str(eval_file(tmp_path)), "--signal", "magic"])
    assert wrong.exit_code == 2 and "magic" in wrong.output
