import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.glossary import Glossary
from graph.symbols import int_to_cn
from search_api.query import SYMBOL_KINDS, W_MEMBER, analyze, query_language, session_zh


def _terms(analysis, kind=None):
    return {t.text: t.weight for t in analysis.terms if kind is None or t.kind == kind}


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("全球盘点的经验教训", "zh"),
        ("CMA 5 关于 NDC 的决定", "zh"),
        ("第1/CMA.5号决定第193段", "zh"),
        ("lessons learned from the global stocktake", "en"),
        ("decision 1/CMA.5", "en"),
        ("NDC 的 lessons learned", "mixed"),
    ],
)
def test_language(query, language):
    assert query_language(query) == language


@pytest.mark.parametrize(
    ("query", "symbol", "paragraphs"),
    [
        ("1/CMA.5", "1/CMA.5", ()),
        ("第1/CMA.5号决定第193段", "1/CMA.5", ("193",)),
        ("decision 1/CMA.5 paragraph 193", "1/CMA.5", ("193",)),
        ("paragraph 7 of decision 19/CMA.1", "19/CMA.1", ("7",)),
        ("What does decision 21/cp.23 ask of the secretariat?", "21/CP.23", ()),
        ("what does 1/CMA5 say about fossil fuels", "1/CMA.5", ()),
        ("Decision 1/CMA 5, paragraph 28", "1/CMA.5", ("28",)),
        ("1/COP.29 paragraph 3", "1/CP.29", ("3",)),
        ("decision 1/CMA.5 ¶192", "1/CMA.5", ("192",)),
        ("¶¶ 36–37 of decision 19/CMA.1", "19/CMA.1", ("36", "37")),
        ("decision 19/CMA.1 (paras 36-37)", "19/CMA.1", ("36", "37")),
        ("¶193 of 1/CMA.5", "1/CMA.5", ("193",)),  # as search's own hits write a paragraph, without "decision"
        ("paras. 36-37 of 19/CMA.1", "19/CMA.1", ("36", "37")),
        ("决定1/CMA.5第192段说了什么", "1/CMA.5", ("192",)),
    ],
)
def test_decision_symbols_in_any_form(query, symbol, paragraphs):
    analysis = analyze(query)
    assert [(d.symbol, d.paragraphs) for d in analysis.decisions] == [(symbol, paragraphs)]
    assert analysis.decision_symbols == [symbol]
    assert _terms(analysis, "decision") == {symbol: 1.0}
    assert f"第{symbol}号决定" in analysis.dense_text
    assert symbol.split("/")[1].split(".")[0].replace("CP", "COP") in analysis.bodies


@pytest.mark.parametrize(
    ("query", "session"),
    [
        ("COP 23 outcomes", "COP 23"),
        ("缔约方会议第二十三届会议请秘书处", "COP 23"),
        ("CMA 5 全球盘点", "CMA 5"),
        ("the fifth session of the CMA", "CMA 5"),
        ("附属履行机构第六十四届会议", "SBI 64"),
        ("第二十九届缔约方大会通过的决定", "COP 29"),
        ("第一届《巴黎协定》缔约方会议对全球盘点的模式作了哪些规定", "CMA 1"),
        ("What did COP-23 decide on the budget?", "COP 23"),
        ("what did cop29 decide on finance", "COP 29"),
        ("what was decided at CMA.5", "CMA 5"),  # a decision symbol's session; "1/CMA.5" stays a decision
    ],
)
def test_sessions_in_chinese_and_english(query, session):
    analysis = analyze(query)
    assert analysis.sessions == [session]
    assert session.split()[0] in analysis.bodies
    assert session_zh(session) in analysis.dense_text
    assert session in analysis.coded_text  # what the English passages are searched with by meaning
    assert _terms(analysis, "session") == {session_zh(session): 1.0}


def test_a_session_is_one_english_term_as_the_decisions_write_it_however_the_question_writes_it():
    for query in ("NDCs due before CMA 7", "NDCs due before the seventh session of the CMA",
                  "NDCs due before the seventh session of the Conference of the Parties serving as the meeting of the "
                  "Parties to the Paris Agreement", "CMA 第七届会议之前提交的国家自主贡献"):
        english = {t.text: t.kind for t in analyze(query).english_terms}
        assert english["seventh session"] == "session", query
        assert not {"CMA", "seventh", "session", "Conference of the Parties", "Paris Agreement"} & set(english), query
    assert "NDCs" in {t.text for t in analyze("NDCs due before CMA 7").english_terms}


def test_one_mention_naming_several_sessions_gives_them_all():
    analysis = analyze("CMA 第四届和第五届会议的决定")
    assert analysis.sessions == ["CMA 4", "CMA 5"]
    assert analysis.dense_text.startswith(f"{session_zh('CMA 4')}和{session_zh('CMA 5')}")
    assert analysis.coded_text.startswith("CMA 4 and CMA 5")


def test_a_named_decisions_own_text_is_searched_with_the_questions_terms_in_english():
    analysis = analyze("CMA 第一届会议对全球盘点的模式作了哪些规定")
    assert analysis.asked_in_english == "CMA 1 对 global stocktake 的 modalities 作了哪些规定"
    assert analysis.asked_coded == "CMA 1 对全球盘点的模式作了哪些规定"  # the English passages' other dense signals
    english = "What did decision 1/CMA.5 say about the global stocktake?"
    assert analyze(english).asked_in_english == english


def test_a_conference_named_by_its_city_is_the_sessions_held_there_said_by_its_cop():
    analysis = analyze("decisions of the Baku Climate Change Conference on finance")
    assert analysis.sessions == ["COP 29", "CMP 19", "CMA 6"]  # the graph's signals look in all three
    assert _terms(analysis, "session") == {session_zh("COP 29"): 1.0}  # the CMP's long name would drown the words
    assert analysis.coded_text == "decisions of the COP 29 on finance"
    assert analyze("巴库大会通过的决定").dense_text == f"{session_zh('COP 29')}通过的决定"


@pytest.mark.parametrize("query", ["SB 60 conclusions on research", "附属机构第六十届会议的结论",
                                   "the Bonn Climate Change Conference, June 2024"])
def test_the_subsidiary_bodies_joint_session_is_the_sbsta_s_and_the_sbi_s(query):
    analysis = analyze(query)
    assert analysis.sessions == ["SB 60", "SBSTA 60", "SBI 60"]  # their reports are the session's
    assert _terms(analysis, "session") == {session_zh("SB 60"): 1.0}


def test_a_question_may_name_the_body_first_and_its_session_after():
    analysis = analyze("What did the CMA request at its fifth session?")
    assert analysis.sessions == ["CMA 5"]
    assert analysis.coded_text.startswith("What did the CMA request at CMA 5")
    assert _terms(analysis, "session") == {session_zh("CMA 5"): 1.0}
    assert analyze("科技咨询机构在其第六十届会议上得出了什么结论").dense_text.startswith(
        f"科技咨询机构在{session_zh('SBSTA 60')}上")
    assert analyze("requests the SBI to consider it at its forty-sixth session").sessions == ["SBI 46"]


def test_a_word_the_dictionary_has_in_another_form_gives_its_senses_to_the_lexical_signal_only():
    analysis = analyze("finance mobilised for adaptation")
    senses = {t.text: t.weight for t in analysis.terms if t.kind == "dictionary"}
    assert senses == {"发动": 0.3, "动员": 0.3, "调动": 0.3}
    assert analysis.dense_text == "资金 mobilised 适应"  # rendered with its first sense, "scheduled" was 调度
    assert analysis.unknown_words == []


def test_a_british_ise_word_asks_the_english_passages_as_they_write_it_too():
    english = {t.text: (t.weight, t.kind) for t in analyze("finance mobilised for adaptation").english_terms}
    assert english["mobilised"] == (1.0, "query")
    assert english["mobilized"] == (0.7, "variant")


def test_a_decision_named_by_its_number_and_session_is_that_decision():
    analysis = analyze("CMA 5 decision 2 on the global goal on adaptation")
    assert analysis.decision_symbols == ["2/CMA.5"]
    assert analysis.dense_text.startswith("第2/CMA.5号决定")
    assert "decision" not in {t.text for t in analysis.english_terms}  # its words name the decision


def test_session_rendering():
    assert session_zh("CMA 5") == "作为《巴黎协定》缔约方会议的《公约》缔约方会议第五届会议"
    assert session_zh("COP 23") == "缔约方会议第二十三届会议"
    assert [int_to_cn(n) for n in (1, 10, 15, 20, 64, 100, 105, 110)] == [
        "一", "十", "十五", "二十", "六十四", "一百", "一百零五", "一百一十"]


def test_english_query_uses_longest_glossary_phrases():
    analysis = analyze("lessons learned from the first global stocktake and the Paris Committee on Capacity-building")
    terms = _terms(analysis)
    assert terms["经验教训"] == 1.0
    assert terms["首次全球盘点"] == 1.0
    assert terms["巴黎能力建设委员会"] == 1.0
    assert "能力建设" not in terms  # the longer phrase won
    assert terms["PCCB"] == 0.5  # acronyms the Chinese texts also use
    assert terms["stocktake"] == 0.3  # the English words are kept, lightly
    assert "the" not in terms and "from" not in terms and "and" not in terms
    assert analysis.dense_text == "经验教训首次全球盘点巴黎能力建设委员会"


def test_a_body_by_its_short_official_name_is_the_glossary_term():
    # Decisions write "the term of the Climate Technology Centre", the reports 气候技术中心的任期: word by word the
    # dictionary made "Centre" 基点.
    terms = _terms(analyze("extend the Climate Technology Centre's term"))
    assert "气候技术中心" in terms and "基点" not in terms
    assert "Climate Technology Centre and Network" in {t.text for t in analyze("气候技术中心的任期").english_terms}


def test_the_names_of_one_glossary_term_name_one_concept_in_either_language():
    english = analyze("rules of procedure of the KCI").english_terms
    chinese = analyze("卡托维兹委员会的规则").terms
    kci = {t.concept for t in english + chinese if t.text in ("KCI", "Katowice Committee", "卡托维兹委员会")}
    assert len(kci) == 1 and "Katowice" in kci.pop()
    assert {t.concept for t in english if t.text == "rules"} == {""}  # a word is its own
    dates = [t for t in analyze("by 31 December 2024").english_terms if t.kind == "date"]
    assert len(dates) > 1 and {t.concept for t in dates} == {dates[0].text}  # a date's forms, its usual one


def test_english_query_falls_back_to_the_dictionary():
    analysis = analyze("flooding in coastal cities")
    terms = {t.text: (t.weight, t.kind) for t in analysis.terms}
    assert terms["城市"] == (1.0, "glossary")
    assert terms["沿海"] == (0.5, "dictionary")  # best dictionary candidate, below glossary hits
    assert terms["洪涝"] == (0.5, "dictionary")
    assert all(w <= 0.3 for w, kind in terms.values() if kind == "dictionary" and w != 0.5)
    assert analysis.dense_text == "洪涝沿海城市"
    assert analysis.terms[0].text == "城市"  # heaviest first


@pytest.mark.parametrize("query, rendered", [
    ("who set up the expert group", "建立"), ("draw up transition plans", "制定"),
    ("carry out the technical assessment", "进行"), ("activities carried out by the secretariat", "进行"),
    ("plans drawn up by companies", "制定")])
def test_a_phrasal_verb_is_translated_whole(query, rendered):
    analysis = analyze(query)
    assert rendered in analysis.dense_text
    assert {"up", "out"}.isdisjoint(t.text for t in analysis.terms)  # its particle is no term of its own


def test_english_query_names_a_person_as_the_chinese_texts_do():
    analysis = analyze("When did Guterres set up the expert group?")
    assert ("古特雷斯", 0.5, "dictionary") in [(t.text, t.weight, t.kind) for t in analysis.terms]
    assert analysis.dense_text.startswith("古特雷斯")


def test_chinese_query_names_a_person_whole_and_in_english():
    analysis = analyze("古特雷斯何时设立了专家组")
    assert "古特雷斯" in [t.text for t in analysis.terms] and "古" not in [t.text for t in analysis.terms]
    english = {t.text: (t.weight, t.kind) for t in analysis.english_terms}
    assert english["antonio guterre"] == (0.5, "dictionary") and "ancient" not in english  # not 古's gloss


def test_a_chinese_ordinal_is_read_as_the_english_ordinal():
    # The dictionary reads 第十四次 as 十四, "fourteen"; English texts write "the fourteenth workshop", "4th meeting".
    english = {t.text: (t.weight, t.kind) for t in analyze("第十四次促进性意见分享研讨会何时举行").english_terms}
    assert english["fourteenth"] == (0.5, "dictionary") and english["14th"] == (0.3, "dictionary")
    assert "fourteen" not in english
    assert {"second", "2nd"} <= {t.text for t in analyze("第二轮技术专家对话").english_terms}


def test_unknown_english_words_are_kept():
    analysis = analyze("the Xqzzy initiative")
    assert analysis.unknown_words == ["Xqzzy"]
    assert _terms(analysis)["Xqzzy"] == 0.3
    assert analysis.dense_text == "Xqzzy 倡议"


def test_acronyms_expanded_from_the_glossary():
    analysis = analyze("ACE, NDCs and BTRs under the ETF")
    by_abbr = {a.abbreviation: a for a in analysis.acronyms}
    assert set(by_abbr) == {"ACE", "NDC", "BTR", "ETF"}
    assert by_abbr["ETF"].names_zh[0] == "强化透明度框架"
    assert by_abbr["NDC"].name_en == "nationally determined contributions"
    terms = _terms(analysis)
    assert terms["气候赋权行动"] == terms["国家自主贡献"] == terms["两年期透明度报告"] == 1.0


@pytest.mark.parametrize(
    ("typed", "as_written"),
    [
        ("gst lessons learned", "GST lessons learned"),
        ("Ndcs and btr under the etf", "NDCs and BTR under the ETF"),
        ("what does pccb stand for", "what does PCCB stand for"),
        ("sids是什么", "SIDS是什么"),
    ],
)
def test_acronyms_typed_in_lower_case_are_understood_as_written_in_capitals(typed, as_written):
    typed_analysis, written = analyze(typed), analyze(as_written)
    assert [a.abbreviation for a in typed_analysis.acronyms] == [a.abbreviation for a in written.acronyms]
    assert typed_analysis.terms == written.terms and typed_analysis.english_terms == written.english_terms
    assert typed_analysis.language == written.language and typed_analysis.coded_text == as_written


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("全球盤點的經驗教訓", "全球盘点的经验教训"),
        ("秘書處被要求在何時之前編寫綜合報告", "秘书处被要求在何时之前编写综合报告"),
        ("2018-2019兩年期方案預算決定邀請聯合國大會做什麼", "2018-2019两年期方案预算决定邀请联合国大会做什么"),
        ("締約方會議第二十三屆會議 第1/CMA.5號決定第193段", "缔约方会议第二十三届会议 第1/CMA.5号决定第193段"),
    ],
)
def test_a_question_in_traditional_characters_is_read_in_simplified(traditional, simplified):
    assert analyze(traditional) == analyze(simplified)


def test_a_document_named_by_its_symbol_is_understood_and_its_words_are_no_terms():
    analysis = analyze("What did FCCC/SBSTA/2024/7 conclude on the research dialogue?")
    assert analysis.documents == ["FCCC/SBSTA/2024/7"] and not analysis.bodies  # the SBSTA's report, not the SBSTA
    assert _terms(analysis, "document") == {"FCCC/SBSTA/2024/7": 1.0}
    words = {t.text for t in analysis.terms + analysis.english_terms}
    assert "research" in words and words.isdisjoint({"FCCC", "SBSTA", "2024", "7"})


@pytest.mark.parametrize("query", ["paragraph 12 of FCCC/SBSTA/2024/7", "FCCC/SBSTA/2024/7 第12段"])
def test_a_documents_paragraph_is_understood_and_its_words_are_no_terms(query):
    analysis = analyze(query)
    assert analysis.document_paragraphs == {"FCCC/SBSTA/2024/7": ("12",)} and not analysis.bodies
    assert {t.text for t in analysis.terms + analysis.english_terms} == {"FCCC/SBSTA/2024/7"}  # no 段, "but"


def test_an_agenda_item_names_its_sections_and_is_no_word_a_passage_must_hold():
    analysis = analyze("SBI 78 agenda item 2 conclusions")
    assert [item.number for item in analysis.agenda_items] == ["2"] and "agenda item 2" in analysis.named
    # The sections' titles say it, not their paragraphs: like a session, it does not weigh what a passage holds.
    assert {t.kind for t in analysis.english_terms if t.text == "agenda item 2"} == {"agenda_item"}
    assert "agenda_item" in SYMBOL_KINDS


def test_english_words_typed_in_lower_case_stay_words():
    analysis = analyze("the gap in ace and cop who")
    assert not analysis.acronyms and analysis.coded_text == "the gap in ace and cop who"


def test_merged_document_acronyms_are_used():
    glossary = Glossary.from_tsv()
    glossary.merge([("GCA portal", "GCA 门户网站"), ("TT:CLEAR", "技术信息交换所"), ("QRX", "快速响应机制")], "doc")
    analysis = analyze("QRX and the GCA portal", glossary=glossary)
    assert {a.abbreviation for a in analysis.acronyms} == {"QRX"}
    terms = _terms(analysis)
    assert terms["快速响应机制"] == 1.0 and terms["全球气候行动门户网站"] == 1.0


def test_an_acronym_known_only_by_its_english_name_reaches_the_english_passages_by_both():
    glossary = Glossary.from_tsv()
    glossary.merge_english([("TEG", "technical expert group")], "decision.txt")
    english = {t.text: t.weight for t in analyze("What did the TEG recommend?", glossary=glossary).english_terms}
    assert english["TEG"] == 1.0 and english["technical expert group"] == 0.7
    assert "TEG" in {t.text for t in analyze("technical expert group recommendations", glossary=glossary).english_terms}
    # No Chinese name: the Chinese side renders its words by the dictionary, as before.
    analysis = analyze("technical expert group", glossary=glossary)
    assert analysis.dense_text == analyze("technical expert group").dense_text


def test_chinese_query_passes_through_with_synonyms():
    query = "《巴黎协定》之下的强化透明度框架和损失与损害"
    analysis = analyze(query)
    assert analysis.language == "zh"
    assert analysis.dense_text == query
    terms = {t.text: (t.weight, t.kind) for t in analysis.terms}
    assert terms["强化透明度框架"] == (1.0, "glossary")
    assert terms["损失与损害"] == (1.0, "glossary")
    assert terms["损失和损害"] == (0.7, "variant")  # the other official form
    assert terms["ETF"] == (0.5, "acronym")
    assert terms["之下"] == (1.0, "query")  # the query's own words stay
    assert "的" not in terms and "和" not in terms


def test_a_chinese_questions_words_reach_the_english_index_through_their_glosses():
    english = {t.text: (t.weight, t.kind) for t in analyze("《全球气候韧性阿联酋框架》的目的是什么").english_terms}
    # The framework by the name decision 2/CMA.5 gives it, first in its row.
    assert english["United Arab Emirates Framework for Global Climate Resilience"] == (1.0, "glossary")
    assert english["UAE Framework for Global Climate Resilience"] == (0.7, "variant")
    assert english["purpose"] == (0.5, "dictionary")  # 目的, which no glossary term covers: its first gloss
    assert english["aim"] == (0.3, "dictionary")
    assert not any(t.kind == "dictionary" for t in analyze("全球盘点").english_terms)  # a glossary term only


def test_a_chinese_term_reaches_the_english_index_by_the_form_the_decisions_write_first():
    english = {t.text: t.weight for t in analyze("请秘书处支持能力建设").english_terms}
    assert english["capacity-building"] == english["secretariat"] == 1.0  # not "capacity development", 0.7
    assert english["capacity development"] == english["UNFCCC secretariat"] == 0.7


@pytest.mark.parametrize("query", ["which negotiating groups made submissions?", "哪些谈判集团提交了资料"])
def test_a_class_asked_about_reaches_the_passages_naming_its_members(query):
    analysis = analyze(query)
    members = {(t.text, t.weight) for t in analysis.terms + analysis.english_terms if t.kind == "member"}
    assert {("小岛屿国家联盟", W_MEMBER), ("Alliance of Small Island States", W_MEMBER), ("AOSIS", W_MEMBER)} <= members
    assert not [t for t in analyze("submissions by AOSIS").english_terms if t.kind == "member"]


def test_question_words_are_no_terms():
    # The segmenter keeps "哪一年" and "哪几个" whole; no answer holds them.
    assert set(_terms(analyze("气候技术中心的任期延长到哪一年"), kind="query")) == {"任期", "延长"}
    assert "组成部分" in _terms(analyze("全球盘点由哪几个组成部分构成"))
    assert not any("哪" in t or "几" in t for t in _terms(analyze("全球盘点由哪几个组成部分构成")))
    assert "几乎" in _terms(analyze("几乎所有缔约方"))  # "almost" asks nothing


@pytest.mark.parametrize(("query", "en", "zh", "rendered"), [
    ("《巴黎协定》第九条第五款规定了什么", "Article 9, paragraph 5", "第九条第五款", "第九条第五款"),
    ("finance flows under Article 2, paragraph 1(c)", "Article 2, paragraph 1(c)", "第二条第一款第(三)项",
     "第二条第一款第(三)项"),
    ("《巴黎协定》第6条第4款机制", "Article 6, paragraph 4", "第六条第四款", "第6条第4款"),  # Chinese: as written
])
def test_a_treaty_article_reaches_both_languages_in_the_form_each_writes_it(query, en, zh, rendered):
    # The decisions cite "Article 9, paragraph 5", the Chinese reports 第九条第五款: before, a Chinese question gave
    # the English index no term for it, and an English one rendered it 条 9,段 5.
    analysis = analyze(query)
    assert _terms(analysis, "article")[zh] == 1.0
    assert {t.text: t.weight for t in analysis.english_terms if t.kind == "article"} == {en: 1.0}
    assert rendered in analysis.dense_text
    # Its characters are no words of their own: 第, 条 and 款 glossed "but", "strip", "section".
    words = {t.text for t in analysis.terms + analysis.english_terms}
    assert words.isdisjoint({"条", "款", "段", "strip", "section", "Article", "paragraph"})


def test_a_glossary_term_holding_an_article_says_more_than_the_article():
    analysis = analyze("Article 6.4 mechanism")
    assert not analysis.articles
    assert _terms(analysis)["第六条第四款机制"] == 1.0 and "PACM" in _terms(analysis)


@pytest.mark.parametrize(("query", "en", "zh"), [
    ("缔约方应在2024年12月31日之前提交什么", "31 December 2024", "2024年12月31日"),
    ("submissions due 1 March 2024", "1 March 2024", "2024年3月1日"),
    ("the session of June 2034", "June 2034", "2034年6月"),
])
def test_a_date_reaches_both_languages_in_the_form_each_writes_it(query, en, zh):
    # Before, 年, 月 and 日 were words of their own (glossed "year", "moon", "sun"), and March was 游行, a parade.
    analysis = analyze(query)
    year = zh[:4]  # less precise, at 0.7: "by the end of 2024" says something of "by 31 December 2024"
    assert _terms(analysis, "date") == {zh: 1.0, year: 0.7}
    assert {t.text: t.weight for t in analysis.english_terms if t.kind == "date"} == {en: 1.0, year: 0.7}
    assert zh in analysis.dense_text
    words = {t.text for t in analysis.terms + analysis.english_terms}
    assert words.isdisjoint({"年", "月", "日", "moon", "sun", "游行", "三月", "March", "June"})


@pytest.mark.parametrize(("query", "en", "zh"), [
    ("the USD 100 billion goal", "100 billion", "1000亿美元"),
    ("1000亿美元的目标", "100 billion", "1000亿美元"),
])
def test_a_sum_reaches_both_languages_in_the_form_each_writes_it(query, en, zh):
    # Before, "USD 100 billion" was rendered 美金 100 兆 ("billion" is 兆, a trillion, to CC-CEDICT), and 1000亿美元
    # gave the English side no term but "1000".
    analysis = analyze(query)
    assert _terms(analysis, "amount")[zh] == 1.0 and zh in analysis.dense_text
    assert {t.text: t.weight for t in analysis.english_terms if t.kind == "amount"} == {en: 1.0}
    assert {t.text for t in analysis.terms + analysis.english_terms}.isdisjoint({"美金", "兆", "USD", "billion"})


def test_a_share_reaches_both_languages_in_the_form_each_writes_it():
    # Before, "43 per cent" was rendered 43 分钱 (cents), and 43% was no term at all (two digits).
    for query in ("reduce emissions by 43 per cent by 2030", "2030年前减排43%"):
        analysis = analyze(query)
        assert _terms(analysis, "percent") == {"43%": 1.0, "百分之43": 0.7} and "43%" in analysis.dense_text
        assert {t.text: t.weight for t in analysis.english_terms if t.kind == "percent"} == {
            "43 per cent": 1.0, "43 percent": 0.7}
        assert "分钱" not in _terms(analysis)


def test_a_temperature_is_one_term_not_a_letter_c():
    # Before, "1.5°C" gave the English index the word "C" at full weight: the letter of every lettered list, "(c)".
    analysis = analyze("limit warming to 1.5°C")
    assert _terms(analysis, "temperature") == {"1.5°C": 1.0}
    assert {t.text for t in analysis.english_terms if t.kind == "temperature"} == {"1.5 °C"}
    assert "C" not in {t.text for t in analysis.terms + analysis.english_terms}


def test_a_count_reaches_both_languages_in_the_form_each_writes_it():
    # Before, "5 million" was rendered 5 百万 and "3.6 billion" 3.6 兆; the reports write 500万 and 36亿.
    assert _terms(analyze("5 million people benefit"), "count") == {"500万": 1.0}
    assert _terms(analyze("3.6 billion people"), "count") == {"36亿": 1.0}
    analysis = analyze("受益人数500万人")
    assert {t.text for t in analysis.english_terms if t.kind == "count"} == {"5 million"}
    # The measure word goes with the count: alone, 人 would be a word of the question, in every passage.
    assert "人" not in _terms(analysis) and analysis.dense_text == "受益人数 500万人"


def test_mixed_query():
    analysis = analyze("NDC 的 lessons learned")
    assert analysis.language == "mixed"
    assert analysis.dense_text == "国家自主贡献的经验教训"
    assert {"国家自主贡献", "经验教训"} <= set(_terms(analysis))


def test_numbers_kept_as_terms():
    terms = _terms(analyze("秘书处2025年的预算执行情况"))
    assert terms["2025"] == 0.7 and terms["预算执行情况"] == 1.0 and terms["秘书处"] == 1.0


@pytest.mark.parametrize(
    ("query", "mandate", "deadline", "definition"),
    [
        ("Who was requested to organize the dialogue, and by when?", True, True, False),
        ("COP 23 请秘书处做什么", True, False, False),
        ("信息收集部分最晚何时结束", True, True, False),
        ("What does GCNMA stand for?", False, False, True),
        ("PCCB 的全称是什么", False, False, True),
        ("What is the SCF?", False, False, True),  # an acronym and nothing else: what it stands for
        ("什么是GST", False, False, True),
        ("ndc是什么？", False, False, True),
        ("What is the global stocktake?", False, False, False),
        ("What is EPR in UNEP plastics work?", False, False, False),
        ("全球盘点的经验教训", False, False, False),
        ("the dueling requestor", False, False, False),  # whole words only
        ("Which bodies did the CMA call upon to support it?", True, False, False),
        ("Who was entrusted with the review?", True, False, False),
        ("哪些方面被责成提供支持", True, False, False),
        ("缔约方会议敦促谁做什么", True, False, False),
        ("What is the latest date for submitting the report?", False, True, False),
        ("How far ahead of CMA 7 should Parties submit their NDCs?", False, True, False),
        ("提交报告的期限是什么", False, True, False),
    ],
)
def test_question_forms(query, mandate, deadline, definition):
    analysis = analyze(query)
    assert (analysis.asks_mandate, analysis.asks_deadline, analysis.asks_definition) == (mandate, deadline, definition)


@pytest.mark.parametrize(
    ("query", "about_decision"),
    [
        ("What does decision 1/CMA.5 say about fossil fuels?", True),
        ("COP 23 通过了什么", True),  # a session names the decisions adopted there
        ("缔约方会议的决定", True),
        ("how many experts sit on the group", False),
    ],
)
def test_a_question_about_a_decision(query, about_decision):
    assert analyze(query).asks_decision is about_decision


# A session named however a question may number it is understood, or not, but never ends in an error:
# "SBSTA第1900届会议" did, as no session's number has four digits.
@settings(max_examples=300, deadline=None)
@given(body=st.sampled_from(["CMA", "COP", "SBSTA", "SB", "科技咨询机构", "缔约方会议", "the CMA", "the SBI"]),
       between=st.sampled_from(["", " ", "在", "在其", " at its ", "'s ", " decided at the ", "，气专委在",
                                " met at its "]),
       number=st.integers(min_value=0, max_value=3000), chinese=st.booleans(),
       form=st.sampled_from(["第{}届会议", "第{}届会议上", "{} session", "{}th session", "第{}届", " {}", "{}",
                             "{}年联合国气候变化大会", " {} climate conference", "第{}届和第二届会议"]),
       tail=st.sampled_from(["", "的决定", " on finance?", " and its first session of 2028"]))
def test_a_session_however_numbered_is_understood_or_not_but_never_an_error(body, between, number, chinese, form,
                                                                            tail):
    written = int_to_cn(number) if chinese and 0 < number < 1000 else str(number)
    analysis = analyze(body + between + form.format(written) + tail)
    assert all(session_zh(session) for session in analysis.sessions)
