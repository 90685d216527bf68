import pytest

from graph.model import Acronym
from graph.parse import parse_text
from graph.parse.inline_acronyms import inline_acronyms, long_form_of
from paths import FIXTURES


@pytest.mark.parametrize(("before", "abbr", "long_form"), [
    ("the co-chairs of the ad hoc technical expert group", "TEG", "technical expert group"),
    ("greenhouse gas mitigation targets, policies and measures", "PaMs", "policies and measures"),
    ("the Executive Committee of the Warsaw International Mechanism", "ExCom",
     "Executive Committee of the Warsaw International Mechanism"),
    ("information on research, development and demonstration", "RD&D", "research, development and demonstration"),
    ("the Koronivia joint work on agriculture", "KJWA", "Koronivia joint work on agriculture"),
    ("the ad hoc technical\nexpert group", "TEG", "technical expert group"),  # a converter's line break
])
def test_the_long_form_is_the_shortest_run_of_words_holding_the_letters(before, abbr, long_form):
    assert long_form_of(abbr, before) == long_form


@pytest.mark.parametrize(("before", "abbr"), [
    ("Matters relating to the Adaptation Fund", "APA"),  # the body that considers an agenda item, not a definition
    ("the committee to facilitate implementation and promote compliance", "APA"),  # its letters found from "and"
    ("Fees for 2016", "EUR"),
    ("the Conference of the Parties serving as the meeting of the Parties to the Paris Agreement", "CMA"),  # too far
    ("", "GCF"),
])
def test_brackets_that_define_nothing_give_no_long_form(before, abbr):
    assert long_form_of(abbr, before) is None


def test_each_acronym_is_defined_once_by_its_first_definition_within_its_clause():
    texts = ["Recalling the funding source (official development assistance (ODA), other official flows (OOF));",
             "The technical expert group (TEG) met twice. The TEG (TEG) report; a technology expert group (TEG)",
             "The Parties (Sale) and (Global Goal) and (S) and (2030).",
             "See the Report of the Working Group. Guidance (RWG) follows."]  # a long form is within its clause
    assert inline_acronyms(texts) == [Acronym("ODA", "official development assistance"),
                                      Acronym("OOF", "other official flows"), Acronym("TEG", "technical expert group")]


DECISION = """Decision 3/CMA.40
Technical expert group
The Conference of the Parties serving as the meeting of the Parties to the Paris Agreement,
1. Requests the co-chairs of the technical expert group (TEG) to report;
2. Decides that the TEG shall meet twice a year;
"""


def test_an_english_document_adds_the_acronyms_its_text_defines():
    doc = parse_text(DECISION, "decision.txt")
    assert doc.language == "en" and doc.decisions
    assert [(a.abbreviation, a.name) for a in doc.acronyms] == [("TEG", "technical expert group")]


def test_the_table_of_abbreviations_defines_first():
    text = (FIXTURES / "session_report_en.txt").read_text(encoding="utf-8").replace(
        "a workshop prior to SB 79", "a Global Coastal Forum (GCF) and a quayside exchange on tides (QXT) before it")
    doc = parse_text(text, "session_report_en.txt")
    assert [(a.abbreviation, a.name) for a in doc.acronyms] == [
        ("CRWP", "coastal resilience work programme"), ("GCF", "Green Climate Fund"),
        ("SBSTA", "Subsidiary Body for Scientific and Technological Advice"), ("QXT", "quayside exchange on tides")]


def test_a_chinese_document_defines_no_acronym_by_english_words_in_its_text():
    # English words quoted in Chinese text are no Chinese name of the acronym
    doc = parse_text("一、导言\n1. 秘书处为技术专家组(technical expert group (TEG))的会议提供了支持。\n", "报告.txt")
    assert doc.language == "zh" and doc.acronyms == []
