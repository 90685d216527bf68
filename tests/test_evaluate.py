import json
import math

import pytest

from search_api.evaluate import EvalHit, EvalQuery, Relevant, evaluate, load_queries, normalise, score_query


def test_normalise_drops_whitespace_superscripts_and_sup_tags():
    assert normalise("资料。¹ 本报告 <sup>12</sup>概述\n秘书处") == "资料。本报告概述秘书处"
    assert normalise("ＦＣＣＣ／SBI") == "FCCC/SBI"  # NFKC folds full-width forms


QUERY = EvalQuery("q1", "zh", "factual", "问题", (
    Relevant("a.txt", "第一段 内容", 2),
    Relevant("a.txt", "第三段", 1),
))


def test_each_relevant_passage_counts_at_its_first_matching_hit():
    hits = [("b.txt", "第一段内容"),           # right text, wrong file
            ("a.txt", "别的"),
            ("a.txt", "这是第一段内容。"),      # rank 3: grade 2
            ("a.txt", "又是第一段内容"),        # a second match of the same passage does not count again
            ("a.txt", "第三段¹")]              # rank 5: grade 1
    scores = score_query(QUERY, hits, k=10)
    dcg = 3 / math.log2(4) + 1 / math.log2(6)
    idcg = 3 / math.log2(2) + 1 / math.log2(3)
    assert scores["ndcg"] == pytest.approx(dcg / idcg)
    assert scores["recall"] == 1.0
    assert scores["mrr"] == pytest.approx(1 / 3)


def test_one_hit_holding_two_relevant_quotes_scores_at_most_one():
    scores = score_query(QUERY, [("a.txt", "第一段内容和第三段")], k=10)
    assert scores["ndcg"] == 1.0 and scores["recall"] == 1.0


def test_hits_beyond_k_do_not_count():
    hits = [("a.txt", "x")] * 10 + [("a.txt", "第一段内容")]
    assert score_query(QUERY, hits, k=10) == {"ndcg": 0.0, "recall": 0.0, "mrr": 0.0}


def test_evaluate_groups_by_lang_and_type(tmp_path):
    rows = [
        {"id": "q1", "lang": "zh", "type": "factual", "query": "甲",
         "relevant": [{"doc": "a.txt", "quote": "甲", "grade": 2}], "decisions": []},
        {"id": "q2", "lang": "en", "type": "crosslingual", "query": "b",
         "relevant": [{"doc": "a.txt", "quote": "乙", "grade": 2}]},
    ]
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    report = evaluate(load_queries(path), lambda q: [("a.txt", "甲乙" if q == "甲" else "丙")])
    assert report["overall"]["ndcg"] == 0.5
    assert report["by_lang"]["zh"]["ndcg"] == 1.0
    assert report["by_lang"]["en"]["recall"] == 0.0
    assert set(report["by_type"]) == {"factual", "crosslingual"}


def test_a_malformed_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "q1"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        load_queries(path)


def test_a_miss_is_reported_with_its_rank_beyond_k_and_the_signals_that_ranked_it():
    hits = [EvalHit("a.txt", "别的", "dense 1"), EvalHit("a.txt", "第一段内容", "lexical 7, dense 30")]
    report = evaluate([QUERY], lambda q: hits, k=1)
    assert [(m["quote"], m["rank"], m["signals"]) for m in report["misses"]] == [
        ("第一段 内容", 2, "lexical 7, dense 30"), ("第三段", None, "")]
    assert evaluate([QUERY], lambda q: hits, k=2)["misses"][0]["quote"] == "第三段"
