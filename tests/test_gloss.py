"""A passage not in English, glossed in English words (graph.gloss)."""

from __future__ import annotations

from graph.gloss import english_gloss


def test_a_chinese_passage_is_glossed_by_the_glossary_the_dictionary_and_its_own_latin_words():
    gloss = english_gloss("秘书处就沿海复原力工作方案编写了一份综合报告，共收到 12 份提交材料（NDC）。")
    words = gloss.split()
    assert "synthesis report" in gloss and "SYR" in words  # a glossary term: its English name and acronyms
    assert {"coastal", "resilience", "receive"} <= set(words)  # other words: the dictionary's first gloss
    assert {"12", "NDC"} <= set(words)  # its own Latin-script words, as written
    assert english_gloss("") == ""
    assert "transparent" in english_gloss("两年一度的透明性报告").split()  # 透明性, which the dictionary lacks, by 透明


def test_a_person_is_glossed_by_name_where_jieba_splits_it():
    gloss = english_gloss("联合国秘书长安东尼奥·古特雷斯于2022年3月31日设立了专家组。")
    assert "antonio guterre" in gloss  # the dictionary's 古特雷斯, which jieba cuts into 古 ("ancient") and 特雷斯
    assert "ancient" not in gloss.split()
