from search_api.query import W_DICT_FIRST, W_DICT_OTHER, WeightedTerm, analyze
from search_api.search import Searcher
from search_api.senses import best_sense, prefer

QUESTION = "请缔约方就沿海韧性工作方案提交意见"  # 请: "ask", "invite", "please"


def test_the_sense_is_the_gloss_found_with_the_questions_terms_in_the_largest_share_of_its_passages():
    counts = {"ask": (3, 0), "invite": (40, 30), "please": (0, 0)}
    assert best_sense(("ask", "invite", "please"), counts) == "invite"
    # "offer" is found with the anchors, but in a smaller share of its passages than "provide".
    assert best_sense(("offer", "supply", "provide"), {"offer": (10, 5), "provide": (200, 150)}) == "provide"


def test_the_dictionarys_first_gloss_stays_unless_another_beats_it():
    assert best_sense(("ask", "invite"), {}) == "ask"
    assert best_sense(("ask", "invite"), {"ask": (10, 5), "invite": (10, 5)}) == "ask"
    # A gloss found in a passage or two is not taken for its chance company.
    assert best_sense(("year", "harvest"), {"year": (100, 40), "harvest": (1, 1)}) == "year"
    # A gloss of stop words finds nothing alone, and everything with the anchors.
    assert best_sense(("one", "a"), {"one": (50, 10), "a": (0, 61)}) == "one"


def test_the_chosen_sense_weighs_as_the_first_and_the_dictionarys_first_as_another():
    analysis = analyze(QUESTION)
    assert ("ask", "invite", "please") in analysis.senses
    prefer(analysis, ["invite" if senses[0] == "ask" else senses[0] for senses in analysis.senses])
    weights = {t.text: t.weight for t in analysis.english_terms}
    assert (weights["invite"], weights["ask"], weights["please"]) == (W_DICT_FIRST, W_DICT_OTHER, W_DICT_OTHER)
    assert weights["work programme"] == 1.0
    heaviest_first = [t.weight for t in analysis.english_terms]
    assert heaviest_first == sorted(heaviest_first, reverse=True)


def test_a_glossary_term_spelled_as_a_gloss_keeps_its_weight():
    analysis = analyze("请")
    analysis.english_terms.append(WeightedTerm("invite", 1.0, "glossary"))
    prefer(analysis, ["invite"])
    assert WeightedTerm("invite", 1.0, "glossary") in analysis.english_terms


def test_in_the_graph_a_chinese_words_sense_is_the_one_the_english_decisions_use(fixture_graph, embedder):
    # The fixture's decision "Invites Parties and non-Party stakeholders to submit … views on the work programme".
    searcher = Searcher(fixture_graph, embedder)
    weights = {t.text: t.weight for t in searcher.understand(QUESTION).english_terms}
    assert (weights["invite"], weights["ask"]) == (W_DICT_FIRST, W_DICT_OTHER)
    # Without a glossary term there is no company to judge by: the dictionary's order stays.
    assert searcher.understand("请").english_terms == analyze("请").english_terms
