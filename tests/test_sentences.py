"""graph.sentences: which passages are split, and where."""

from __future__ import annotations

from graph.sentences import MIN_PASSAGE_CHARS, sentences


def test_a_short_passage_is_not_split():
    text = "缔约方会议请秘书处编写一份综合报告。报告应于下届会议前提交。"
    assert len(text) <= MIN_PASSAGE_CHARS and sentences(text) == []


def test_a_long_passage_of_one_sentence_is_not_split():
    assert sentences("Requests the secretariat to prepare a synthesis report " * 5) == []


def test_chinese_sentences_and_clauses_split_after_their_marks():
    first = "环境署支持为“非洲绿色长城”筹集8000万美元的资金，以增加横跨非洲的半干旱地区的植被覆盖并恢复退化土地。"
    second = "2024年，环境署还协助四十多个国家制定了生物多样性战略和行动计划；"
    third = "这为各国落实《昆明-蒙特利尔全球生物多样性框架》的执行工作奠定了基础，并动员了更多的国内和国际资金。"
    fourth = "环境署将于2025年继续扩大这些项目的规模。"
    assert sentences(first + second + third + fourth) == [first, second, third, fourth]


def test_english_sentences_and_list_items_split_and_short_pieces_join_the_one_before():
    text = ("Also decides that the global stocktake will consist of the following components:\n"
            "(a) Information collection and preparation, focusing on the sources of input; "
            "(b) Technical assessment, focusing on taking stock of the implementation of this Agreement; "
            "(c) Consideration of outputs. See annex.")
    assert sentences(text) == [
        "Also decides that the global stocktake will consist of the following components:",
        "(a) Information collection and preparation, focusing on the sources of input;",
        "(b) Technical assessment, focusing on taking stock of the implementation of this Agreement;",
        "(c) Consideration of outputs. See annex.",
    ]
