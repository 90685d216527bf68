"""Search against the real Neo4j: on our fixtures (any clone), and on the shared corpus: each signal, fusion,
filters, pagination."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import pytest

from graph.store.loader import delete_document
from search_api.fusion import Candidate
from search_api.query import QueryAnalysis, WeightedTerm, analyze
from search_api.retrievers import (
    DecisionTextRetriever,
    EnglishRetriever,
    EnglishVectorRetriever,
    Filters,
    FulltextRetriever,
    GlossRetriever,
    GraphRetriever,
    ParagraphRetriever,
    ScopedRetriever,
    SentenceRetriever,
    TermsVectorRetriever,
    VectorRetriever,
    addressees,
    holds,
    lucene_query,
)
from search_api.search import RANKING, Searcher, coverage_shares, held_terms, kind_shares

ANNUAL_REPORT = "000_e75f1952de058665.txt"
SYNTHESIS = "001_939cf770f026bd75.txt"


@pytest.fixture
def searcher(corpus_graph, embedder):
    return Searcher(corpus_graph, embedder)


def texts(response):
    return [hit.text for hit in response.hits]


def places(response) -> list[tuple[str, str | None]]:
    return [(hit.source, hit.paragraph) for hit in response.hits]


def test_on_our_fixtures_a_question_reaches_the_decision_and_the_report_following_it_up(fixture_graph, embedder):
    searcher = Searcher(fixture_graph, embedder)
    found = places(searcher.search("coastal resilience synthesis report", k=5))
    assert ("synthesis_report_zh.txt", "1") in found  # the report prepared under 7/CMA.13 ¶3, in Chinese
    assert ("decisions_en.txt", "3") in found  # the paragraph that asked for it, in English
    # An English question reaches the paragraph in both languages of the decision.
    found = places(searcher.search("workshops on coastal adaptation", k=3))
    assert {("decisions_zh.txt", "4"), ("decisions_en.txt", "4")} <= set(found)


def test_a_named_decisions_own_text_is_ranked_by_the_question_with_its_terms_in_english(fixture_graph, embedder):
    hits = Searcher(fixture_graph, embedder).search("第7/CMA.13号决定对工作方案的讲习班有何规定", k=5).hits
    [own_text] = {hit.why.matched["own_text"] for hit in hits if "own_text" in hit.why.matched}
    assert own_text.startswith("the text of 7/CMA.13, similar to “第7/CMA.13号决定对 ")
    assert "workshops" in own_text and "讲习班" not in own_text


def test_a_chinese_question_with_glossary_terms_reaches_the_english_passages_with_its_terms_in_english(
        fixture_graph, embedder):
    signal = TermsVectorRetriever(fixture_graph, embedder)
    found = signal.retrieve(analyze("工作方案的讲习班何时举行"), 5, Filters())
    assert found and found[0].why == "similar to “programme of work 的 workshops 何时举行”"
    assert fixture_graph.read("MATCH (p:Passage {iri: $uid}) RETURN p.language AS lang",
                              {"uid": found[0].uid})[0]["lang"] == "en"
    # Nothing to add to dense_en: an English question, or a Chinese one without glossary terms.
    assert signal.retrieve(analyze("workshops on coastal adaptation"), 5, Filters()) == []
    assert signal.retrieve(analyze("何时举行"), 5, Filters()) == []


def test_a_decision_is_named_by_its_title_in_the_graph(fixture_graph, embedder):
    searcher = Searcher(fixture_graph, embedder)
    asked = "What workshops does the {} decision ask for?"
    assert searcher.search(asked.format("coastal resilience work programme"), k=1).understood.decisions \
        == ["7/CMA.13"]
    assert searcher.search(asked.format("coastal"), k=1).understood.decisions == []


def test_a_chinese_question_finds_the_paragraph(searcher):
    response = searcher.search("气候技术中心的任期延长到哪一年", k=5)
    assert any("2041" in t for t in texts(response))
    assert response.hits[0].why.ranks  # every hit says which signals found it
    # A hit the lexical signal found says which of the query's terms it holds.
    matched = [hit.why.matched["lexical"] for hit in response.hits if "lexical" in hit.why.matched]
    assert matched and all(set(m.split(", ")) <= set(response.understood.terms) for m in matched)


def test_an_english_question_is_answered_from_chinese_text(searcher):
    response = searcher.search("lessons learned from the first global stocktake", k=10)
    assert response.understood.language == "en"
    assert "经验教训" in response.understood.terms
    assert any(hit.source == SYNTHESIS and "经验教训" in hit.text for hit in response.hits[:3])


def test_a_decision_paragraph_comes_first_then_the_passages_citing_it(searcher):
    response = searcher.search("第19/CMA.1号决定第37段", k=10)
    assert response.understood.decisions == ["19/CMA.1"]
    top, *rest = response.hits
    assert (top.decision, top.paragraph) == ("19/CMA.1", "37")  # the paragraph asked for, in the decision's own text
    assert any("19/CMA.1" in hit.decisions and "graph" in hit.why.ranks and "37" in hit.text for hit in rest[:3])


def test_graph_signal_ranks_the_paragraph_asked_then_its_citations_first(corpus_graph):
    from search_api.query import analyze

    ranked = GraphRetriever(corpus_graph).retrieve(analyze("decision 21/CP.23 paragraph 18"), 10, Filters())
    assert [c.why for c in ranked[:2]] == ["paragraph 18 of 21/CP.23", "cites 21/CP.23 ¶18"]
    assert ranked[0].uid.endswith("/passage/21-CP.23.p18")  # the decision's own text, then the report citing it


def test_footnote_text_is_part_of_the_passage_and_its_decisions(searcher):
    response = searcher.search("缔约方会议第二十三届会议请秘书处编写一份年度报告", k=3)
    hit = next(h for h in response.hits if h.source == ANNUAL_REPORT and h.paragraph == "1")
    assert "21/CP.23" in hit.decisions and "第 21/CP.23 号决定" in hit.text


@pytest.mark.parametrize("retriever_class", [FulltextRetriever, VectorRetriever, SentenceRetriever, GraphRetriever])
def test_every_signal_honours_the_filters(corpus_graph, embedder, retriever_class):
    retriever = (retriever_class(corpus_graph, embedder) if issubclass(retriever_class, VectorRetriever)
                 else retriever_class(corpus_graph))
    analysis = analyze("第 1/CMA.5 号决定 全球盘点 秘书处")
    only_synthesis = retriever.retrieve(analysis, 20, Filters(doc=SYNTHESIS))
    assert only_synthesis
    sources = corpus_graph.read("UNWIND $uids AS uid MATCH (p:Passage {iri: uid}) RETURN DISTINCT p.source AS s",
                                {"uids": [c.uid for c in only_synthesis]})
    assert [r["s"] for r in sources] == [SYNTHESIS]


def test_decision_and_body_filters(searcher):
    citing = searcher.search("全球盘点", k=10, filters=Filters(decision="1/CMA.5"))
    assert citing.hits and all("1/CMA.5" in hit.decisions for hit in citing.hits)
    for_sbi = searcher.search("全球盘点", k=10, filters=Filters(body="SBI"))
    assert {hit.source for hit in for_sbi.hits} <= {ANNUAL_REPORT, SYNTHESIS}
    assert not searcher.search("全球盘点", k=10, filters=Filters(lang="fr")).hits


def test_pages_do_not_overlap(searcher):
    first = searcher.search("国家自主贡献", k=5)
    second = searcher.search("国家自主贡献", k=5, offset=5)
    assert len(first.hits) == len(second.hits) == 5
    assert not {(h.doc_id, h.text) for h in first.hits} & {(h.doc_id, h.text) for h in second.hits}
    assert first.hits[0].score >= first.hits[-1].score >= second.hits[0].score


def test_pages_cut_one_ranking_to_its_end(searcher):
    """Far down as well: a page past the first 50 hits neither repeats a hit of an earlier page nor skips one, and
    paging ends where the ranking does."""
    def hits(k: int) -> list[tuple[str, str]]:
        pages = (searcher.search("lessons learned from the first global stocktake", k=k, offset=offset)
                 for offset in range(0, 300, k))
        return [(h.doc_id, h.text) for page in pages for h in page.hits]

    by_ten = hits(10)
    assert 100 < len(by_ten) < 300 and len(set(by_ten)) == len(by_ten)
    assert by_ten == hits(50)


def test_a_question_in_traditional_characters_finds_what_it_does_in_simplified(searcher):
    def found(query: str) -> list[tuple[str, str]]:
        return [(h.doc_id, h.text) for h in searcher.search(query, k=10).hits]

    assert found("氣候技術中心的任期延長到哪一年") == found("气候技术中心的任期延长到哪一年")


def test_a_document_named_by_its_symbol_ranks_its_own_passages_and_those_citing_it(searcher, corpus_graph):
    own = searcher.search("global stocktake in FCCC/PA/CMA/2018/3/Add.2", k=5)
    assert own.understood.documents == ["FCCC/PA/CMA/2018/3/Add.2"]
    assert [h.source for h in own.hits[:4]] == ["CMA2018_1.3_Decisions_13_to_20.txt"] * 4
    [first] = searcher.search("FCCC/SBI/2026/7 提到的预算", k=1).hits
    assert first.why.ranks.get("structure") == 1
    cited = corpus_graph.read("MATCH (p:Passage {doc_id: $doc, text: $text})-[:CITES_DOCUMENT]->(s:DocumentSymbol) "
                              "RETURN s.symbol AS symbol", {"doc": first.doc_id, "text": first.text})
    assert "FCCC/SBI/2026/7" in [r["symbol"] for r in cited]


def test_passages_stay_passages(searcher):
    for hit in searcher.search("净零承诺 漂绿", k=10).hits:
        assert len(hit.text) <= 1600


def test_acronyms_of_documents_ingested_later_reach_the_glossary(searcher, corpus_graph, embedder, monkeypatch,
                                                                  tmp_path):
    from pathlib import Path

    import search_api.search
    from graph.ingest import ingest

    doc = tmp_path / "late_report.txt"
    text = (Path(__file__).parent / "fixtures" / "plain_report.txt").read_text(encoding="utf-8")
    doc.write_text(text.replace("TER\t\t技术专家审评", "QXZT\t\t技术专家审评"), encoding="utf-8")
    assert not searcher.search("QXZT", k=1).understood.acronyms
    ingest([doc], corpus_graph, embedder)
    try:
        monkeypatch.setattr(search_api.search, "GLOSSARY_MAX_AGE_S", 0.0)
        understood = searcher.search("QXZT", k=1).understood
        assert understood.acronyms == ["QXZT"] and "技术专家审评" in understood.terms
    finally:
        delete_document(corpus_graph, "late_report")


def test_acronyms_an_english_document_defines_in_its_text_reach_the_english_passages(searcher, corpus_graph, embedder,
                                                                                     monkeypatch, tmp_path):
    from pathlib import Path

    import search_api.search
    from graph.ingest import ingest

    doc = tmp_path / "late_report_en.txt"
    text = (Path(__file__).parent / "fixtures" / "session_report_en.txt").read_text(encoding="utf-8")
    doc.write_text(text.replace("a workshop prior to SB 79", "a quayside exchange on tides (QXT) before SB 79")
                   .replace("the report referred to in paragraph 5 above", "a quayside exchange on tides report"),
                   encoding="utf-8")
    assert "quayside exchange on tides" not in {t.text for t in searcher.understand("QXT").english_terms}
    ingest([doc], corpus_graph, embedder)
    try:
        monkeypatch.setattr(search_api.search, "GLOSSARY_MAX_AGE_S", 0.0)
        assert "quayside exchange on tides" in {t.text for t in searcher.understand("QXT").english_terms}
        hits = {h.paragraph: h for h in searcher.search("QXT", k=10, filters=Filters(doc="late_report_en")).hits}
        assert "QXT" not in hits["6"].text and "english" in hits["6"].why.ranks  # by the long form alone
    finally:
        delete_document(corpus_graph, "late_report_en")


def test_abbreviation_rows_and_captions_count_less_but_rows_answer_what_an_abbreviation_stands_for():
    kinds = {"row": "abbreviation", "cap": "caption", "par": "paragraph", "table": "table_row"}
    assert kind_shares(kinds, asks_definition=False, share=0.25, definition_share=2.0) == {"row": 0.25, "cap": 0.25}
    assert kind_shares(kinds, asks_definition=True, share=0.25, definition_share=2.0) == {"row": 2.0, "cap": 0.25}


def test_a_passage_counts_by_how_much_of_the_question_it_holds():
    analysis = QueryAnalysis("q", "en", terms=[WeightedTerm("全球盘点", 1.0, "glossary"),
                                               WeightedTerm("经验", 0.5, "query"),
                                               WeightedTerm("1/CMA.5", 1.0, "decision")],  # the graph's to judge
                             english_terms=[WeightedTerm("global stocktake", 1.0, "glossary")])
    texts = {"all": "首次全球\n盘点的经验", "most": "全球盘点", "none": "资金",
             "en": "The Global\nStocktake", "en_none": "经验"}  # an English passage is judged by the English terms
    languages = {"all": "zh", "most": "zh", "none": "zh", "en": "en", "en_none": "en", "unread": "zh"}
    assert coverage_shares(analysis, list(languages), texts, languages, floor=0.4, rarity=0) == pytest.approx(
        {"all": 1.0, "most": 0.4 + 0.6 * 2 / 3, "none": 0.4, "en": 1.0, "en_none": 0.4, "unread": 0.4})
    assert holds(analysis.terms, texts["all"]) == analysis.terms[:2]
    # A question without terms (but a decision's symbol) has nothing to weigh a passage by.
    only_a_decision = QueryAnalysis("q", "zh", terms=[WeightedTerm("1/CMA.5", 1.0, "decision")])
    assert coverage_shares(only_a_decision, list(languages), texts, languages, floor=0.4, rarity=1) == {}


def test_a_term_every_passage_read_holds_says_less_than_the_one_few_hold():
    # Who chairs the expert group: every passage read names the group, one its chair.
    analysis = QueryAnalysis("q", "zh", terms=[WeightedTerm("专家组", 1.0, "glossary"),
                                               WeightedTerm("主席", 1.0, "query")])
    texts = {"a": "专家组的职权范围", "b": "专家组的工作", "chair": "专家组主席"}
    languages = dict.fromkeys(texts, "zh")

    def shares(rarity: float) -> dict[str, float]:
        return coverage_shares(analysis, list(texts), texts, languages, floor=0.2, rarity=rarity)

    assert shares(0) == pytest.approx({"a": 0.6, "b": 0.6, "chair": 1.0})  # by weight alone, half of the question
    every, few = math.log(1 + 4 / 4), math.log(1 + 4 / 2)  # held by all 3 passages read, by 1
    assert shares(1) == pytest.approx({"a": 0.2 + 0.8 * every / (every + few), "b": 0.2 + 0.8 * every / (every + few),
                                       "chair": 1.0})
    assert shares(1)["a"] < shares(0)["a"]


def test_a_passage_naming_one_concept_in_several_ways_holds_it_once():
    # Every passage about the committee names it twice, by name and acronym; one says what was asked.
    analysis = QueryAnalysis("q", "en", english_terms=[
        WeightedTerm("Katowice Committee", 1.0, "glossary", "KCI committee"),
        WeightedTerm("KCI", 0.7, "variant", "KCI committee"),
        WeightedTerm("term of office", 1.0, "query")])
    texts = {"names": "The Katowice Committee (KCI) shall meet", "answer": "A member of the KCI: term of office"}
    languages = dict.fromkeys(texts, "en")
    shares = coverage_shares(analysis, list(texts), texts, languages, floor=0.2, rarity=0)
    assert shares == pytest.approx({"names": 0.2 + 0.8 * 1 / 2, "answer": 0.2 + 0.8 * (0.7 + 1) / 2})


@pytest.mark.parametrize(("text", "held"), [
    ("the GST and its outputs", True), ("全球盘点(GST)", True), ("Global\nStocktake", True),
    ("members of the committee", True),  # a word's inflections follow it
    ("taking stock of implementation", False), ("the Paris Agreement", False),  # across words, inside one
])
def test_a_term_in_latin_letters_is_held_from_where_a_word_starts(text, held):
    terms = [WeightedTerm("GST", 0.7, "variant"), WeightedTerm("global stocktake", 1.0, "glossary"),
             WeightedTerm("AR", 0.5, "acronym"), WeightedTerm("member", 0.5, "dictionary")]
    assert bool(holds(terms, text)) is held


def test_a_passage_is_judged_by_the_terms_it_could_hold():
    terms = [WeightedTerm("全球盘点", 1.0, "glossary"), WeightedTerm("经验", 0.5, "dictionary"),
             WeightedTerm("体验", 0.3, "dictionary"),  # another sense of the same word: a passage uses one
             WeightedTerm("lessons", 0.3, "query"), WeightedTerm("EPR", 0.3, "query"),
             WeightedTerm("2030", 0.3, "query"),
             WeightedTerm("1/CMA.5", 1.0, "decision"), WeightedTerm("缔约方会议第二十九届会议", 1.0, "session"),
             WeightedTerm("小岛屿国家联盟", 0.3, "member")]  # one of a class asked about: a passage names a few
    english = [WeightedTerm("global stocktake", 1.0, "glossary"), WeightedTerm("lessons", 1.0, "query"),
               WeightedTerm("experience", 0.5, "dictionary"), WeightedTerm("feel", 0.3, "dictionary")]

    def held(language: str, english_side: bool) -> list[str]:
        analysis = QueryAnalysis("q", language, terms=terms, english_terms=english)
        return [t.text for t in held_terms(analysis, english=english_side)]

    # Chinese text keeps an English question's acronyms and figures, not its words.
    assert held("en", english_side=False) == ["全球盘点", "经验", "EPR", "2030"]
    assert held("zh", english_side=False) == ["全球盘点", "经验", "lessons", "EPR", "2030"]
    assert held("en", english_side=True) == ["global stocktake", "lessons", "experience"]


def test_a_hit_says_which_of_the_questions_terms_it_holds(fixture_graph, embedder):
    response = Searcher(fixture_graph, embedder).search("synthesis report on coastal resilience", k=3)
    held = {hit.source: hit.why.holds for hit in response.hits}
    assert "综合报告" in held["synthesis_report_zh.txt"]  # a Chinese passage holds the Chinese terms
    assert "synthesis report" in held["decisions_en.txt"]  # an English one the English terms
    assert all("".join(term.split()).lower() in "".join(hit.text.split()).lower()
               for hit in response.hits for term in hit.why.holds)


def test_fusion_puts_a_passage_holding_the_question_above_a_nearer_one_holding_none_of_it(fixture_graph, embedder):
    [holding, other] = fixture_graph.read(
        "MATCH (p:OtherPassage) WHERE size(p.text) > 20 RETURN p.iri AS iri, p.text AS text ORDER BY p.iri LIMIT 2")
    pieces = (holding["text"][i : i + 4] for i in range(len(holding["text"]) - 3))
    word = next(w for w in pieces if w not in other["text"] and not any(c.isspace() for c in w))
    question = QueryAnalysis(word, "zh", terms=[WeightedTerm(word, 1.0, "query")])
    ranked = {"dense": [Candidate(other["iri"], 0.9), Candidate(holding["iri"], 0.8)]}
    searcher = Searcher(fixture_graph, embedder)

    def order(ranking) -> list[str]:
        return [f.uid for f in searcher.fuse(question, ranked, Filters(), ranking)]

    assert order(replace(RANKING, coverage_floor=1.0)) == [other["iri"], holding["iri"]]  # by rank alone
    assert order(RANKING) == [holding["iri"], other["iri"]]


def test_the_other_languages_places_on_the_first_page_weigh_its_abbreviation_rows_as_fusion_does(fixture_graph,
                                                                                                   embedder):
    rows = fixture_graph.read("MATCH (p:Passage) RETURN p.key AS key, p.iri AS iri, p.source AS source, "
                              "p.language AS language ORDER BY p.iri")
    [row] = [r["iri"] for r in rows if r["source"] == "session_report_en.txt" and r["key"] == "abbr.r1"]
    paragraph, *others = [r["iri"] for r in rows if r["source"] == "decisions_en.txt"
                          and r["key"] in ("7/CMA.13.p4", "7/CMA.13.p5", "7/CMA.13.p6")]
    chinese = [Candidate(r["iri"], 1.0) for r in rows if r["language"] == "zh"][:10]
    # A Chinese question: its own side's three signals fill the page, the English ones put the row first, then
    # paragraphs enough for the English side's three places.
    ranked = {"lexical": chinese, "dense": chinese, "sentences": chinese,
              "dense_en": [Candidate(row, 0.9), Candidate(paragraph, 0.8), *(Candidate(uid, 0.7) for uid in others)]}
    searcher = Searcher(fixture_graph, embedder)

    def order(definition: bool) -> list[str]:
        question = QueryAnalysis("q", "zh", asks_definition=definition)
        return [f.uid for f in searcher.fuse(question, ranked, Filters(), RANKING)]

    plain, definition = order(definition=False), order(definition=True)
    assert plain.index(paragraph) < 10 < plain.index(row)
    assert definition.index(row) < definition.index(paragraph) < 10


def test_a_hit_lifts_the_numbered_paragraph_after_it_in_its_section(fixture_graph, embedder):
    rows = fixture_graph.read("MATCH (p:Passage {source: 'decisions_en.txt'}) RETURN p.key AS key, p.iri AS iri")
    uid = {r["key"]: r["iri"] for r in rows}
    searcher = Searcher(fixture_graph, embedder)

    def lifted(hit: str) -> dict[str, str]:
        fused = searcher.fuse(QueryAnalysis("", "en"), {"dense_en": [Candidate(hit, 0.9)]}, Filters(), RANKING)
        return {f.uid: f.why["graph"] for f in fused if f.uid != hit}

    first, second, third = (uid[f"7/CMA.13.p{n}"] for n in (1, 2, 3))
    assert lifted(first) == {second: "follows hit #1"}  # ¶2 asks the SBSTA to take stock of the programme ¶1 sets up
    assert third not in lifted(second)  # ¶3 opens another section
    # A brochure's blocks are laid out, not written in sequence: the next block of its section is not lifted.
    [block] = fixture_graph.read(
        "MATCH (s:Section)-[:CONTAINS]->(b:Passage {source: 'brochure.txt', kind: 'block'}), "
        "(s)-[:CONTAINS]->(next:Passage {kind: 'block'}) WHERE next.order = b.order + 1 RETURN b.iri AS iri LIMIT 1")
    assert not lifted(block["iri"])
    # The filters hold for what is lifted as for what is found.
    only_first = searcher.fuse(QueryAnalysis("", "en"), {"dense_en": [Candidate(first, 0.9)]},
                               Filters(doc="brochure.txt"), RANKING)
    assert [f.uid for f in only_first] == [first]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("COP 29 请秘书处和 TEC 做什么", ["TEC", "secretariat"]),  # COP gave the mandate: not an addressee
        ("Which Parties were invited by decision 1/CMA.5 to report to the SBSTA?", ["SBSTA", "Parties"]),
        ("缔约方会议第二十三届会议", []),
    ],
)
def test_the_addressees_a_question_names(query, expected):
    assert addressees(analyze(query)) == expected


def test_the_structure_signal_finds_the_mandate_to_the_addressee_named(fixture_graph):
    # Two paragraphs of 7/CMA.13 speak of its work programme; the one asking the SBSTA to take stock of it is the
    # one the question is about, and the question names no session.
    found = ScopedRetriever(fixture_graph).retrieve(analyze("Who was asked to take stock of the work programme, the "
                                                            "SBSTA?"), 5, Filters())
    top = fixture_graph.read("MATCH (p:Passage {iri: $uid}) RETURN p.source AS source, p.number AS number",
                             {"uid": found[0].uid})
    assert (top[0]["source"], top[0]["number"]) == ("decisions_en.txt", "2")
    assert not ScopedRetriever(fixture_graph).retrieve(analyze("coastal resilience work programme"), 5, Filters())


def test_the_structure_signal_ranks_by_score_when_a_mandate_in_scope_names_no_addressee(corpus_graph):
    # CMA 5's decisions state mandates whose addressee the parser could not name: they must not rank first unscored.
    found = ScopedRetriever(corpus_graph).retrieve(analyze("CMA 5 请秘书处编写综合报告"), 50, Filters())
    scores = [c.score for c in found]
    assert found and None not in scores and scores == sorted(scores, reverse=True)


def test_the_dense_signals_leave_out_rows_of_figures_but_not_rows_of_words(corpus_graph, embedder):
    # A row of figures lies near every question: asked for its own text, the dense signal would rank it first.
    figures = re.compile(r"[^|]*(\|[^A-Za-z|]*)+")
    rows = [r["text"] for r in corpus_graph.read(
        "MATCH (p:Passage {kind: 'table_row', language: 'en'}) RETURN p.text AS text ORDER BY p.iri")]
    row_of_figures = next(t for t in rows if figures.fullmatch(t) and t.count("|") >= 2)
    row_of_words = next(t for t in rows if not figures.fullmatch(t))
    dense_en = EnglishVectorRetriever(corpus_graph, embedder)

    def found(question: str) -> list[str]:
        uids = [c.uid for c in dense_en.retrieve(analyze(question), 20, Filters())]
        return [r["text"] for r in corpus_graph.read(
            "UNWIND $uids AS uid MATCH (p:Passage {iri: uid}) RETURN p.text AS text", {"uids": uids})]

    assert not [t for t in found(row_of_figures) if figures.fullmatch(t)]
    assert row_of_words in found(row_of_words)


def test_the_dense_signals_ask_the_english_passages_with_sessions_as_codes_and_the_others_in_chinese(
        fixture_graph, embedder):
    english, other = EnglishVectorRetriever(fixture_graph, embedder), VectorRetriever(fixture_graph, embedder)
    analysis = analyze("第二十九届缔约方大会关于技术机制的决定回顾了哪项决定")
    assert english.text(analysis) == "COP 29 关于技术机制的决定回顾了哪项决定"
    assert other.text(analysis) == analysis.dense_text
    assert english.text(QueryAnalysis("CMA 5", "en")) == "CMA 5"  # not analysed: as asked


def test_the_gloss_signal_reaches_chinese_passages_from_an_english_question_through_their_english_gloss(
        fixture_graph):
    gloss = GlossRetriever(fixture_graph)

    def sources(found) -> list[tuple[str, str]]:
        return [(r["source"], r["language"]) for r in fixture_graph.read(
            "UNWIND $uids AS uid MATCH (p:Passage {iri: uid}) RETURN p.source AS source, p.language AS language",
            {"uids": [c.uid for c in found]})]

    found = sources(gloss.retrieve(analyze("coastal resilience synthesis report"), 10, Filters()))
    assert ("synthesis_report_zh.txt", "zh") in found and all(language != "en" for _, language in found)
    only = sources(gloss.retrieve(analyze("coastal resilience synthesis report"), 10, Filters(doc="decisions_zh.txt")))
    assert only and {source for source, _ in only} == {"decisions_zh.txt"}
    assert gloss.retrieve(analyze("沿海复原力综合报告"), 10, Filters()) == []  # asked in Chinese: the lexical signal's


def test_the_paragraph_signal_finds_the_paragraph_named_of_a_document_or_a_decisions_preamble_or_annex(fixture_graph):
    paragraph = ParagraphRetriever(fixture_graph)

    def found(question: str) -> list[tuple[str, str]]:
        uids = [c.uid for c in paragraph.retrieve(analyze(question), 10, Filters())]
        return [(r["source"], r["key"]) for r in fixture_graph.read(
            "UNWIND $uids AS uid MATCH (p:Passage {iri: uid}) RETURN p.source AS source, p.key AS key", {"uids": uids})]

    # The decisions' addendum, FCCC/PA/CMA/2031/9/Add.1 in either language: its paragraph 4 is 7/CMA.13's (8/CMA.13
    # numbers none).
    both = {("decisions_en.txt", "7/CMA.13.p4"), ("decisions_zh.txt", "7/CMA.13.p4")}
    assert set(found("FCCC/PA/CMA/2031/9/Add.1, paragraph 4")) == both
    assert set(found("paragraph 4 of FCCC/PA/CMA/2031/9/Add.1")) == both
    assert found("FCCC/PA/CMA/2031/9/Add.1") == []  # no paragraph asked: the structure signal's
    # A preambular paragraph by its place, in each language of the decision's text.
    preamble = {("decisions_en.txt", "7/CMA.13.pp2"), ("decisions_zh.txt", "7/CMA.13.pp2")}
    assert set(found("PP 2 of decision 7/CMA.13")) == set(found("第7/CMA.13号决定序言部分第二段")) == preamble
    # A paragraph of the decision's annex, which numbers its paragraphs apart: the annex's paragraph 2 is not the
    # decision's, and a sub-paragraph asked for is found in its paragraph.
    annexed = [("decisions_en.txt", "7/CMA.13.p2~2")]
    assert found("paragraph 2 of the annex to decision 7/CMA.13") == annexed
    assert found("第7/CMA.13号决定附件第2段") == found("7/CMA.13 annex para 2") == annexed
    assert set(found("paragraph 2 of decision 7/CMA.13")) == {  # and 8/CMA.13, which cites it
        ("decisions_en.txt", "7/CMA.13.p2"), ("decisions_zh.txt", "7/CMA.13.p2"), ("decisions_en.txt", "8/CMA.13.b")}
    assert set(found("paragraph 4(a) of decision 7/CMA.13")) == {("decisions_en.txt", "7/CMA.13.p4"),
                                                                 ("decisions_zh.txt", "7/CMA.13.p4")}


def test_an_agenda_item_scopes_the_structure_and_own_text_signals_to_its_section(fixture_graph, embedder):
    def found(retriever, question: str) -> list[str]:
        uids = [c.uid for c in retriever.retrieve(analyze(question), 10, Filters())]
        rows = fixture_graph.read("UNWIND $uids AS uid MATCH (p:Passage {iri: uid}) RETURN p.source AS source, "
                                  "p.key AS key", {"uids": uids})
        return [f"{r['source']}:{r['key']}" for r in rows]

    # The SBI report's section "Coastal resilience work programme (Agenda item 2)" holds its paragraphs 3 to 6.
    item = {f"session_report_en.txt:p{n}" for n in range(3, 7)}
    assert set(found(DecisionTextRetriever(fixture_graph, embedder), "SBI 78 agenda item 2")) == item
    assert found(ScopedRetriever(fixture_graph), "agenda item 2: the workshop, and views by when")[0] in item
    assert found(DecisionTextRetriever(fixture_graph, embedder), "SBI 77 agenda item 2") == []  # another session's


def test_a_date_or_an_article_is_one_phrase_to_the_lexical_index():
    # Its words alone are everywhere: 年, 月, 6, 3; 第, 三, 项.
    assert lucene_query(analyze("2024年6月3日在波恩")) == '"2024 年 6 月 3 日"^1 OR 波恩^1 OR 2024^0.7'
    assert lucene_query(analyze("第十四条")) == '"第十 十四 四条 第十四 十四条 第十四条"^1 OR "第 14 条"^0.7'
    assert lucene_query(analyze("议程项目4")) == '"议程 项目 4"^1'


def test_an_article_or_a_date_asked_in_one_language_is_found_where_the_other_writes_it(fixture_graph):
    def first(retriever, question: str) -> tuple[str, str]:
        [record] = fixture_graph.read("MATCH (p:Passage {iri: $uid}) RETURN p.source AS source, p.key AS key",
                                      {"uid": retriever.retrieve(analyze(question), 10, Filters())[0].uid})
        return record["source"], record["key"]

    # 7/CMA.13 ¶5 cites the article: "Article 9, paragraph 4" in English, 第九条第四款 in Chinese.
    assert first(EnglishRetriever(fixture_graph), "第九条第四款") == ("decisions_en.txt", "7/CMA.13.p5")
    assert first(FulltextRetriever(fixture_graph), "Article 9, paragraph 4") == ("decisions_zh.txt", "7/CMA.13.p5")
    # ¶3 dates the submissions: "by 15 March 2032", "在 2032 年 3 月 15 日之前"; ¶2 a session by its month.
    assert first(EnglishRetriever(fixture_graph), "2032年3月15日") == ("decisions_en.txt", "7/CMA.13.p3")
    assert first(FulltextRetriever(fixture_graph), "March 15, 2032") == ("decisions_zh.txt", "7/CMA.13.p3")
    assert first(FulltextRetriever(fixture_graph), "June 2034") == ("decisions_zh.txt", "7/CMA.13.p2")


def test_the_sentences_signal_ranks_a_long_passage_by_its_nearest_sentence(fixture_graph, embedder):
    [long] = fixture_graph.read(
        "MATCH (p:OtherPassage)-[:HAS_SENTENCE]->(s) WITH p, s ORDER BY s.order WITH p, collect(s.text) AS sentences "
        "RETURN p.iri AS iri, sentences ORDER BY size(sentences) DESC, p.iri LIMIT 1")
    # One thing the passage says, of several: its first, the farthest from what the passage's next part goes on with
    # (the brochure's long block is cut in parts that say much the same).
    question = analyze(long["sentences"][0])

    sentences, passages = SentenceRetriever(fixture_graph, embedder), VectorRetriever(fixture_graph, embedder)

    def score(retriever) -> float:
        return next(c.score for c in retriever.retrieve(question, 50, Filters()) if c.uid == long["iri"])

    assert sentences.retrieve(question, 1, Filters())[0].uid == long["iri"]
    assert score(sentences) > score(passages)  # its sentence lies nearer the question than the whole passage does


def test_the_own_text_signal_ranks_a_long_paragraph_by_its_nearest_sentence(fixture_graph, embedder):
    [long] = fixture_graph.read(
        "MATCH (:Decision {symbol: '7/CMA.13'})-[:HAS_PASSAGE]->(p:EnglishPassage)-[:HAS_SENTENCE]->(s) "
        "WITH p, s ORDER BY s.order WITH p, collect(s.text) AS sentences "
        "RETURN p.iri AS iri, sentences ORDER BY size(sentences) DESC, p.iri LIMIT 1")
    # A paragraph's list item, asked of the decision: "… two workshops: (a) …; (b) One workshop on finance …".
    question = analyze(f"decision 7/CMA.13: {long['sentences'][-1]}")
    [found] = [c for c in DecisionTextRetriever(fixture_graph, embedder).retrieve(question, 50, Filters())
               if c.uid == long["iri"]]
    [whole] = fixture_graph.read(
        "MATCH (p:Passage {iri: $iri}) RETURN vector.similarity.cosine(p.embedding, $vector) AS score",
        {"iri": long["iri"], "vector": embedder.embed_query(question.asked_in_english).tolist()})
    assert found.score > whole["score"]  # its sentence lies nearer the question than the whole paragraph does
