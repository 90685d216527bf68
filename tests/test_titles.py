from search_api.query import W_ORIGINAL, analyze
from search_api.titles import DecisionTitles, stems

TITLES = DecisionTitles([
    ("7/CMA.13", "Coastal resilience work programme"),
    ("8/CMA.13", "Arrangements for the review of the coastal resilience work programme"),
    ("15/CP.23", "Enhancing climate technology development and transfer through the Technology Mechanism"),
    ("10/CP.29", "Enhancing climate technology development and transfer through the Technology Mechanism"),
    ("1/CMA.5", "Outcome of the first global stocktake"),
    ("19/CMA.1", "Matters relating to Article 14 of the Paris Agreement and paragraphs 99–101 of decision 1/CP.21"),
    ("21/CP.23", "Programme budget for the biennium 2018–2019"),
    ("1/CMA.4", "Sharm el-Sheikh Implementation Plan"),
    ("1/CP.27", "Sharm el-Sheikh Implementation Plan"),
    ("2/CMA.5", "Global goal on adaptation"),
])


def named(query: str) -> list[str]:
    analysis = analyze(query)
    TITLES.add_named(analysis)
    return analysis.decision_symbols


def test_a_title_is_its_words_stemmed_without_formula_words_and_cited_decisions():
    assert stems("Enhancing climate technology") == stems("enhance climate technologies")
    assert stems("Matters relating to Article 14 of the Paris Agreement and paragraphs 99–101 of decision 1/CP.21") \
        == {"articl", "14", "pari", "agreement", "99", "101"}
    assert stems("Programme budget for the biennium 2018–2019") == {"programm", "budget", "biennium", "2018", "2019"}


def test_a_question_names_a_decision_by_its_title():
    assert named("What does the first global stocktake decision say about fossil fuels?") == ["1/CMA.5"]
    assert named("Which COP 21 decision does the 2018-2019 programme budget decision recall?") == ["21/CP.23"]
    # Asked in Chinese, through the glossary's English names of its terms.
    assert named("首次全球盘点成果决定请附属科学技术咨询机构主席举办什么专家对话") == ["1/CMA.5"]


def test_a_title_within_a_longer_one_is_not_named_by_the_longer():
    assert named("the decision on coastal resilience work programme") == ["7/CMA.13"]
    assert named("the decision on arrangements for the review of the coastal resilience work programme") \
        == ["8/CMA.13"]


def test_a_session_the_question_names_chooses_among_decisions_of_one_title():
    assert set(named("the decision enhancing climate technology development and transfer through the Technology "
                     "Mechanism")) == {"15/CP.23", "10/CP.29"}
    assert named("the COP 29 decision enhancing climate technology development and transfer through the Technology "
                 "Mechanism") == ["10/CP.29"]


def test_no_decision_is_named_without_the_word_decision_or_with_a_symbol_or_by_a_part_of_its_title():
    assert named("first global stocktake outcome and fossil fuels") == []
    assert named("decision 19/CMA.1 on the outcome of the first global stocktake") == ["19/CMA.1"]
    assert named("the decision on the Article 6 mechanism of the Paris Agreement") == []  # not Article 14
    assert named("the decision on technology transfer") == []


def test_a_title_that_is_a_proper_name_names_its_decisions_when_written_whole_with_its_capitals():
    assert named("What cut in emissions does the Sharm el‑Sheikh Implementation Plan call for?") \
        == ["1/CMA.4", "1/CP.27"]
    assert named("What does the Sharm el-Sheikh Implementation Plan adopted at CMA 4 say on finance?") == ["1/CMA.4"]
    analysis = analyze("emission cuts in the Sharm el-Sheikh Implementation Plan")
    TITLES.add_named(analysis)
    assert analysis.asks_decision
    # In lower case, or in part, the words name a topic; nor is a title in sentence case a proper name.
    assert named("emission cuts in the sharm el-sheikh implementation plan") == []
    assert named("the Sharm el-Sheikh Implementation work") == []
    assert named("views on the Global goal on adaptation") == []


def test_the_words_of_a_session_do_not_name_a_title():
    # "first" is CMA 1's here, not the first global stocktake's.
    assert named("the CMA 1 decision on the global stocktake") == []


def test_a_decision_named_by_title_counts_as_named_and_its_title_words_weigh_as_words_as_written():
    analysis = analyze("What did the coastal resilience work programme decision ask the secretariat to organize?")
    TITLES.add_named(analysis)
    assert analysis.decision_symbols == ["7/CMA.13"] and analysis.asks_decision
    english = {t.text: t for t in analysis.english_terms}
    assert english["7/CMA.13"].kind == "decision" and "7/CMA.13" in {t.text for t in analysis.terms}
    assert english["coastal"].weight == english["resilience"].weight == W_ORIGINAL
    assert english["secretariat"].weight > W_ORIGINAL  # what is asked keeps its weight
    assert analysis.english_terms == sorted(analysis.english_terms, key=lambda t: -t.weight)
