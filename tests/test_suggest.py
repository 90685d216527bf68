"""Type-ahead (search_api.suggest) on an index made here: decision symbols in their written forms, glossary terms in
both languages, titles; and the ranking of what matches."""

from __future__ import annotations

import pytest

from graph.glossary import Glossary, Term
from search_api.suggest import Entry, SuggestIndex, Suggestion, fold, symbol_key

DECISIONS = ["1/CMA.5", "2/CMA.5", "1/CMA.2", "19/CMA.1", "1/CP.21", "21/CP.23"]


@pytest.fixture(scope="module")
def index() -> SuggestIndex:
    glossary = Glossary([Term(["nationally determined contribution", "NDC"], ["国家自主贡献"], "t", "s"),
                         Term(["NDC synthesis report"], ["国家自主贡献综合报告"], "t", "s"),
                         Term(["global stocktake"], ["全球盘点"], "t", "s")])
    entries = [Entry(Suggestion("decision", s, "Outcome of the first global stocktake" if s == "1/CMA.5" else None, s),
                     f"decision {s}", texts=("Outcome of the first global stocktake",) if s == "1/CMA.5" else (),
                     symbols=(s,)) for s in DECISIONS]
    entries.append(Entry(Suggestion("document", "与进行首次全球盘点相关的经验教训", "001.txt", "001"), "document 001",
                         texts=("与进行首次全球盘点相关的经验教训", "001.txt")))
    for n, term in enumerate(glossary.terms):
        entries += [Entry(Suggestion("term", v, term.zh[0], v), f"term {n}", texts=(v,)) for v in term.en]
        entries += [Entry(Suggestion("term", v, term.name, v), f"term {n}", texts=(v,)) for v in term.zh]
    return SuggestIndex(entries)


def texts(index: SuggestIndex, query: str, k: int = 10) -> list[str]:
    return [s.text for s in index.suggest(query, k)]


@pytest.mark.parametrize("typed", ["1/CMA.5", "1/cma.5", "decision 1/CMA.5", "第1/CMA.5号决定", "第 1/CMA.5 号决定",
                                   "１/ＣＭＡ.５", "1 / CMA . 5"])
def test_a_whole_symbol_in_any_written_form_comes_first(index, typed):
    assert texts(index, typed)[0] == "1/CMA.5"


@pytest.mark.parametrize("typed, expected", [
    ("1/CMA", ["1/CMA.2", "1/CMA.5"]),  # shorter first, then in order
    ("cma.5", ["1/CMA.5", "2/CMA.5"]),  # from the body's code
    ("CMA 5", ["1/CMA.5", "2/CMA.5"]),
    ("1/cop.21", ["1/CP.21"]),  # as often written for the COP's decisions
    ("decision 19", ["19/CMA.1"]),
])
def test_the_start_of_a_symbol_suggests_the_decisions(index, typed, expected):
    assert [s for s in texts(index, typed) if "/" in s] == expected


def test_a_body_code_alone_is_no_symbol():
    assert symbol_key("cma") == "cma" and symbol_key("第2/CP.29号") == "2/cp29"


def test_terms_in_both_languages_with_the_other_beside_them(index):
    [ndc, *_] = index.suggest("nationally det", 5)
    assert (ndc.kind, ndc.text, ndc.detail, ndc.value) == ("term", "nationally determined contribution", "国家自主贡献",
                                                          "nationally determined contribution")
    assert texts(index, "国家自主") == ["国家自主贡献", "国家自主贡献综合报告"]
    assert texts(index, "自主贡献")[0] == "国家自主贡献"  # a Chinese term from any of its characters
    [zh] = [s for s in index.suggest("全球盘", 5) if s.kind == "term"]
    assert zh.detail == "global stocktake"


def test_traditional_characters_suggest_as_simplified_ones(index):
    assert texts(index, "國家自主") == texts(index, "国家自主") == ["国家自主贡献", "国家自主贡献综合报告"]
    assert texts(index, "第１/ＣＭＡ.５號決定")[0] == "1/CMA.5"


def test_one_term_once_by_its_best_variant(index):
    assert texts(index, "ndc") == ["NDC", "NDC synthesis report"]  # not "nationally determined contribution" again


def test_whole_then_start_then_a_later_word(index):
    assert texts(index, "global stocktake") == ["global stocktake", "1/CMA.5"]  # by its title's last words
    assert texts(index, "全球盘点") == ["全球盘点", "与进行首次全球盘点相关的经验教训"]


def test_k_and_nothing_found(index):
    assert len(texts(index, "1/", k=3)) == 3
    assert texts(index, "zzz") == [] and texts(index, "  ") == []


def test_folding():
    assert fold("《巴黎协定》 Capacity-Building") == "巴黎协定 capacity building"
