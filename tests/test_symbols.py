import pytest

from graph import symbols


@pytest.mark.parametrize(
    ("text", "symbol", "paragraphs"),
    [
        ("第 1/CMA.5 号决定", "1/CMA.5", ()),
        ("见第 19/CMA.1 号决定，第 4 和第 16 段。", "19/CMA.1", ("4", "16")),
        ("根据第 19/CMA.1 号决定第 34(c)段，", "19/CMA.1", ("34(c)",)),
        ("第 2/CMA.5 号决定(全球适应目标)第 9-10 段所述", "2/CMA.5", ("9", "10")),
        ("第1/CMA.5号决定第193段", "1/CMA.5", ("193",)),
        ("第1/CMA.5号决定的第193段", "1/CMA.5", ("193",)),
        ("第 1/CMA.5 号决定中的第 193 和 194 段", "1/CMA.5", ("193", "194")),
        ("第 3/CMP.1 号决定第 6(b)和第 7 段", "3/CMP.1", ("6(b)", "7")),
        ("decision 1/CMA.5 paragraph 193", "1/CMA.5", ("193",)),
        ("decision 1/CMA.5, paras. 4 and 16", "1/CMA.5", ("4", "16")),
        ("paragraphs 4 and 16 of decision 19/CMA.1", "19/CMA.1", ("4", "16")),
        ("as set out in decision 21/cp.23", "21/CP.23", ()),
        # Digits, letters, "／" and "．" set full width, as Chinese typesetting may.
        ("第１９／ＣＭＡ．１号决定第１９３段", "19/CMA.1", ("193",)),
        # As questions write them: each paragraph with its 段, 的 after a symbol without 号决定, a negotiator's "OP".
        ("第1/CMA.5号决定第192段和第193段", "1/CMA.5", ("192", "193")),
        ("第1/CMA.5号决定第192段至第194段", "1/CMA.5", ("192", "193", "194")),
        ("决定1/CMA.5的第192段", "1/CMA.5", ("192",)),
        ("1/CMA.5 OP 193", "1/CMA.5", ("193",)),
        ("OPs 192-193 of 1/CMA.5", "1/CMA.5", ("192", "193")),
        ("第1/CMA.5号决定193段", "1/CMA.5", ("193",)),  # without its 第
        ("1/CMA.5 §193", "1/CMA.5", ("193",)),
        ("§§ 36-37 of decision 19/CMA.1", "19/CMA.1", ("36", "37")),
        # Paragraphs in Chinese numerals, as a question may write them.
        ("第1/CMA.5号决定第一百九十三段", "1/CMA.5", ("193",)),
        ("第1/CMA.5号决定第二十八段和第二十九段", "1/CMA.5", ("28", "29")),
        ("决定1/CMA.5第三十四至三十六段", "1/CMA.5", ("34", "35", "36")),
        ("第 1/CMA.5 号决定第二部分", "1/CMA.5", ()),  # a part of it, no paragraph
        # A preambular paragraph is none of the decision's numbered (operative) paragraphs.
        ("recalled preambular paragraph 6 of decision 2/CMA.5", "2/CMA.5", ()),
    ],
)
def test_decision_citation_forms(text, symbol, paragraphs):
    [cite] = symbols.find_decision_citations(text)
    assert (cite.symbol, cite.paragraphs) == (symbol, paragraphs)
    assert cite.quote in text


def test_several_decisions_in_one_sentence():
    cites = symbols.find_decision_citations("decisions 1/CP.16 and 2/CP.17; 另见第 5/CMP.8 号决定，第 3 段。")
    assert [(c.symbol, c.paragraphs) for c in cites] == [("1/CP.16", ()), ("2/CP.17", ()), ("5/CMP.8", ("3",))]


def test_sessions_held_together_are_no_decision():
    # "COP 21/CMP 11" (as the SBI's reports list the sessions to come) names two sessions, not decision 21/CMP.11.
    for text in ("(COP 21/CMP 11)", "COP 29/CMP 19/CMA 6", "cop 29 / cmp 19", "SB 60/CMA 6"):
        assert symbols.find_decision_citations(text) == []
    assert [c.symbol for c in symbols.find_decision_citations("decision 13/CMP 1 and 2/CMA 3")] == [
        "13/CMP.1", "2/CMA.3"]


def test_paragraphs_after_decision_need_duan():
    # "第二次" after the decision is not a paragraph reference, nor "一段时间" (a period).
    [cite] = symbols.find_decision_citations("第 1/CMA.5 号决定，第二次全球盘点")
    assert cite.paragraphs == ()
    [cite] = symbols.find_decision_citations("第 1/CMA.5 号决定一段时间以来")
    assert cite.paragraphs == ()


def test_canonical_and_validate_decision():
    assert symbols.canonical_decision("第1 / cma . 5号决定") == "1/CMA.5"
    assert symbols.canonical_decision("no symbol here") is None
    assert symbols.validate_decision(" 21/cp.23 ") == "21/CP.23"
    # Without its full stop, or with the COP's code, as people type them.
    assert [symbols.validate_decision(s) for s in ("1/CMA5", "1/CMA 5", "1/COP.29", "1/cop29")] == [
        "1/CMA.5", "1/CMA.5", "1/CP.29", "1/CP.29"]
    for bad in ("1/XYZ.5", "CMA 5", "0/CP.3", ""):
        with pytest.raises(ValueError, match="unknown decision symbol"):
            symbols.validate_decision(bad)


@pytest.mark.parametrize(
    ("symbol", "session"), [("1/CMA.5", "CMA 5"), ("21/CP.23", "COP 23"), ("3/CMP.1", "CMP 1")]
)
def test_session_of_decision(symbol, session):
    assert symbols.session_of_decision(symbol) == session
    assert symbols.body_of_session(session) == session.split()[0]


@pytest.mark.parametrize(
    ("text", "sessions"),
    [
        ("CMA 第五届会议请缔约方", ["CMA 5"]),
        ("在 CMA 5 上", ["CMA 5"]),
        ("缔约方会议第二十三届会议(COP 23)请秘书处", ["COP 23"]),
        ("SB 第六十届会议关于全球盘点的审议", ["SB 60"]),
        ("作为《巴黎协定》缔约方会议的《公约》缔约方会议第六届会议", ["CMA 6"]),
        ("作为《京都议定书》缔约方会议的《公约》缔约方会议第十八届会议", ["CMP 18"]),
        ("附属科学技术咨询机构\n\n第六十届会议", ["SBSTA 60"]),
        ("附属履行机构第六十四届会议", ["SBI 64"]),
        ("CMA 第四届和第五届会议主席", ["CMA 4", "CMA 5"]),
        ("CMA 第五届至第七届会议主席", ["CMA 5", "CMA 6", "CMA 7"]),
        ("在 SBI 62 和 63 就", ["SBI 62", "SBI 63"]),
        ("在COP29期间", ["COP 29"]),
        ("第27届联合国气候变化大会", ["COP 27"]),
        ("the twenty-third session of the Conference of the Parties", ["COP 23"]),
        ("the fifth and sixth sessions of the CMA", ["CMA 5", "CMA 6"]),
        ("SBSTA 60 and SBI 60", ["SBSTA 60", "SBI 60"]),
        ("decision 1/CMA.5 only", []),
        ("第二十九届缔约方大会", ["COP 29"]),
        ("缔约方大会第二十八届会议", ["COP 28"]),
        ("《巴黎协定》缔约方会议第五届会议", ["CMA 5"]),
        ("第五届《巴黎协定》缔约方会议", ["CMA 5"]),
        ("第六十二届附属机构会议", ["SB 62"]),
        ("COP-29 in Baku", ["COP 29"]),
        ("cop29 and sbi 60", ["COP 29", "SBI 60"]),
        ("for consideration by the Subsidiary Body for Implementation at its forty-sixth session", ["SBI 46"]),
        ("The CMA, at its fifth session, requested", ["CMA 5"]),
        ("the subsidiary bodies at their sixtieth and sixty-first sessions", ["SB 60", "SB 61"]),
        ("requests the SBI to consider it at its forty-sixth session", []),  # whose session "its" is, is not said
        ("第二十八届联合国气候大会", ["COP 28"]),
        ("在 SB 62 和贝伦大会上", ["SB 62", "COP 30", "CMP 20", "CMA 7"]),
        ("the Glasgow Climate Change Conference", ["COP 26", "CMP 16", "CMA 3"]),
        ("Katowice conference", ["COP 24", "CMP 14", "CMA 1"]),
        ("贝伦会议通过的决定", ["COP 30", "CMP 20", "CMA 7"]),
        ("the Glasgow Committee on Non-market Approaches and the Paris Agreement", []),
        ("在波恩大会上", []),  # Bonn hosted two COPs
        ("《生物多样性公约》第16次缔约方大会（COP16）", []),
        ("提高 10% 的 COP 费用", []),
        ("2015 (COP 21/CMP 11); 2016 (COP 22/CMP 12)", ["COP 21", "CMP 11", "COP 22", "CMP 12"]),
        ("COP 29/CMP 19/CMA 6", ["COP 29", "CMP 19", "CMA 6"]),
        ("decisions adopted at CMA.5 and SBSTA.60's conclusions", ["CMA 5", "SBSTA 60"]),  # a symbol's session
        ("decision 1/CMA.5, decision 2 / CMA.5 and decision 21/CP.23", []),  # decisions, not sessions
        ("ＣＯＰ２９和ＣＭＡ 第六届会议", ["COP 29", "CMA 6"]),
        # Ordinals in digits, and the Chinese names without their title marks, as people type them.
        ("the 60th session of the SBSTA", ["SBSTA 60"]),
        ("the 29th and 30th sessions of the COP", ["COP 29", "COP 30"]),
        ("The CMA, at its 5th session, requested", ["CMA 5"]),
        ("the 2nd session of the CMA", ["CMA 2"]),
        ("the 29th Conference of the Parties (COP29)", ["COP 29"]),
        ("the fifth CMA", ["CMA 5"]),
        # A year's first session is no session's number; the CMA's first session is.
        ("for consideration at the first session of the Subsidiary Body for Implementation each year", []),
        ("the SBI at its first session of 2028", []),
        ("the SBI at its first session held after the end of the reporting period", []),
        ("the CMA at its first session following the entry into force of the Agreement", ["CMA 1"]),
        ("COP 1 in 1995", ["COP 1"]),
        ("第五届巴黎协定缔约方会议", ["CMA 5"]),
        ("巴黎协定缔约方会议第5届会议", ["CMA 5"]),
        ("作为京都议定书缔约方会议的公约缔约方会议第十八届会议", ["CMP 18"]),
        ("the SBSTA's sixtieth session", ["SBSTA 60"]),
        ("科技咨询机构第六十届会议和履行机构第六十四届会议", ["SBSTA 60", "SBI 64"]),  # the bodies' short names
        # A conference by its year: one COP a year since 1995, none in 2020.
        ("the 2023 UN Climate Change Conference", ["COP 28", "CMP 18", "CMA 5"]),
        ("2021年联合国气候变化大会", ["COP 26", "CMP 16", "CMA 3"]),
        ("2019 climate conference", ["COP 25", "CMP 15", "CMA 2"]),
        ("the 2020 climate conference", []),
        ("in 2023, the conference", []),
        # The subsidiary bodies' June conference in Bonn by its year: two sessions a year, but in 2020 and 2021.
        ("Bonn Climate Change Conference – June 2024", ["SB 60"]),
        ("the June 2023 Bonn climate talks", ["SB 58"]),
        ("the SB sessions in June 2019", ["SB 50"]),
        ("as agreed in Bonn in June 2022", ["SB 56"]),
        ("2024年6月波恩气候变化大会", ["SB 60"]),
        ("2025年波恩会议", ["SB 62"]),
        ("the 2020 Bonn climate conference", []),
        ("in June 2024, Parties submitted", []),
        ("Bonn Climate Conference", []),  # no year: the SB's, or COP 23's in 2017
        ("SBSTA第1900届会议", []),  # no body's session number
        ("科技咨询机构的第六十届会议", ["SBSTA 60"]),
        ("COP第29届", ["COP 29"]),  # without 会议, as people type it
        # Ranges of sessions by their codes: the 2021 sessions were held as one, "SBSTA 52–55".
        ("the SBSTA 2021 session (SBSTA 52–55)", ["SBSTA 52", "SBSTA 53", "SBSTA 54", "SBSTA 55"]),
        ("decisions of CMA 3-5", ["CMA 3", "CMA 4", "CMA 5"]),
        ("COP 26 to COP 28", ["COP 26", "COP 27", "COP 28"]),
        ("COPs 26-28", ["COP 26", "COP 27", "COP 28"]),
        ("COP 26 and CMA 3", ["COP 26", "CMA 3"]),
        ("COP 29-related decisions", ["COP 29"]),
    ],
)
def test_find_sessions(text, sessions):
    assert symbols.find_sessions(text) == sessions


@pytest.mark.parametrize(
    ("text", "sessions"),
    [
        ("What did the CMA request at its fifth session?", ["CMA 5"]),
        ("what did the SBSTA conclude on research during its 60th session", ["SBSTA 60"]),
        ("What did the COP decide at the twenty-third session?", ["COP 23"]),
        ("the subsidiary bodies' conclusions at their sixtieth and sixty-first sessions", ["SB 60", "SB 61"]),
        ("CMA在第五届会议上请秘书处做什么", ["CMA 5"]),
        ("科技咨询机构在其第六十届会议上得出了什么结论", ["SBSTA 60"]),
        ("附属科学技术咨询机构主席在第六十届会议上举办的对话", ["SBSTA 60"]),
        ("The COP invited the SBSTA to report at its sixtieth session", ["SBSTA 60"]),  # the body named last
        ("at its fifth session, the CMA", []),  # no body named before it
        ("CMA在第3次会议上", []),  # a meeting, not a session
        ("the CMA at its sixty-first session", []),  # no CMA's number
        ("what will the SBI consider at its first session of 2028", []),  # a year's first session
        ("SBSTA 注意到气专委在第六十届会议上的决定", []),  # the IPCC's session
        ("the SBSTA welcomed what the IPCC decided at its sixtieth session", []),
    ],
)
def test_a_session_written_without_its_body_is_the_session_of_the_body_named_before(text, sessions):
    found = symbols.iter_sessions_of_body_named(text)
    assert [session for session, _start, _end in found] == sessions
    assert all(text[start:].startswith(("its", "their", "the", "其", "第")) for _s, start, _e in found)  # not "at", 在


def test_body_names_and_codes():
    assert symbols.body_code("附属履行机构") == "SBI"
    assert symbols.body_code("cma") == "CMA"
    assert symbols.body_code("秘书处") is None
    assert symbols.find_bodies("附属科学技术咨询机构和附属机构，以及 CMA") == ["SBSTA", "SB", "CMA"]
    with pytest.raises(ValueError, match="unknown session"):
        symbols.body_of_session("COP")


@pytest.mark.parametrize(("cn", "n"), [
    ("五", 5), ("十", 10), ("十七", 17), ("二十三", 23), ("六十四", 64), ("一百零五", 105), ("60", 60),
])
def test_chinese_numerals(cn, n):
    assert symbols.cn_to_int(cn) == n


@pytest.mark.parametrize(("text", "en", "zh"), [
    ("Article 9, paragraph 5, of the Paris Agreement", "Article 9, paragraph 5", "第九条第五款"),
    ("under Article 2, paragraph 1(c)", "Article 2, paragraph 1(c)", "第二条第一款第(三)项"),
    ("Article 6.2 cooperative approaches", "Article 6, paragraph 2", "第六条第二款"),
    ("Art. 13.7(a)", "Article 13, paragraph 7(a)", "第十三条第七款第(一)项"),
    ("article 14", "Article 14", "第十四条"),
    ("《巴黎协定》第九条第五款之下的工作", "Article 9, paragraph 5", "第九条第五款"),
    ("《巴黎协定》第二条第一款第(三)项的范围", "Article 2, paragraph 1(c)", "第二条第一款第(三)项"),
    ("第 6 条第 4 款机制", "Article 6, paragraph 4", "第六条第四款"),
    ("《联合国宪章》第101条第3款", "Article 101, paragraph 3", "第一百零一条第三款"),
    ("《巴黎协定》第十四条规定", "Article 14", "第十四条"),
    # As people type them.
    ("Article 6(4) methodologies", "Article 6, paragraph 4", "第六条第四款"),
    ("Art 6.4 mechanism", "Article 6, paragraph 4", "第六条第四款"),
    ("Article 9 paragraph 5", "Article 9, paragraph 5", "第九条第五款"),
    ("Art. 2.1c finance flows", "Article 2, paragraph 1(c)", "第二条第一款第(三)项"),
    ("《巴黎协定》6.4条机制", "Article 6, paragraph 4", "第六条第四款"),
    ("第6条2款", "Article 6, paragraph 2", "第六条第二款"),
    ("50条建议", None, None),  # a count of recommendations
    ("Article 6.4 a mechanism", "Article 6, paragraph 4", "第六条第四款"),
])
def test_treaty_articles_in_either_language_read_alike(text, en, zh):
    if en is None:
        assert symbols.iter_articles(text) == []
        return
    [(article, start, end)] = symbols.iter_articles(text)
    assert (article.en, article.zh) == (en, zh)
    assert symbols.iter_articles(text[start:end])[0][0] == article


@pytest.mark.parametrize(("text", "articles"), [
    ("Articles 6.2 and 6.4", ["Article 6, paragraph 2", "Article 6, paragraph 4"]),
    ("Article 6, paragraphs 2 and 8", ["Article 6, paragraph 2", "Article 6, paragraph 8"]),
    ("Articles 4 and 6 of the Paris Agreement", ["Article 4", "Article 6"]),
    ("第六条第二款和第四款", ["Article 6, paragraph 2", "Article 6, paragraph 4"]),
    ("第四条和第六条第四款", ["Article 4", "Article 6, paragraph 4"]),
    ("Article 6 and 2030 targets", ["Article 6"]),
    ("Article 9, paragraph 5, of the Paris Agreement", ["Article 9, paragraph 5"]),
])
def test_several_treaty_articles_at_once(text, articles):
    assert [article.en for article, _start, _end in symbols.iter_articles(text)] == articles


def test_a_treaty_article_in_digits_as_some_chinese_texts_write_it():
    [(article, _start, _end)] = symbols.iter_articles("Article 2, paragraph 1(c)")
    assert article.zh_forms == ("第二条第一款第(三)项", "第2条第1款第(3)项")


@pytest.mark.parametrize("text", [
    "Article 6.4.5",  # a numbering deeper than paragraphs: not read rather than read wrong
    "paragraph 7 of decision 18/CMA.1",
    "第 19/CMA.1 号决定第 7 段",
    "the articles of the Convention",
])
def test_no_treaty_article_where_none_is_named(text):
    assert symbols.iter_articles(text) == []


@pytest.mark.parametrize(("text", "paragraphs", "quote"), [
    ("FCCC/SBSTA/2024/7, paragraph 12", ("12",), "FCCC/SBSTA/2024/7, paragraph 12"),
    ("see FCCC/SBSTA/2024/7 (paras 36-37).", ("36", "37"), "FCCC/SBSTA/2024/7 (paras 36-37)"),
    ("paragraph 12 of document FCCC/SBSTA/2024/7", ("12",), "paragraph 12 of document FCCC/SBSTA/2024/7"),
    ("FCCC/SBSTA/2024/7号文件第12段", ("12",), "FCCC/SBSTA/2024/7号文件第12段"),
    ("FCCC/SBSTA/2024/7号文件第十二段", ("12",), "FCCC/SBSTA/2024/7号文件第十二段"),
    ("FCCC/SBSTA/2024/7 第 12 和 13 段", ("12", "13"), "FCCC/SBSTA/2024/7 第 12 和 13 段"),
    ("What did FCCC/SBSTA/2024/7 conclude?", (), "FCCC/SBSTA/2024/7"),
])
def test_a_documents_paragraphs_as_a_question_names_them(text, paragraphs, quote):
    [cite] = symbols.find_document_citations(text)
    assert (cite.symbol, cite.paragraphs, cite.quote) == ("FCCC/SBSTA/2024/7", paragraphs, quote)


@pytest.mark.parametrize(("text", "number"), [
    ("SBSTA 60 agenda item 4", "4"), ("conclusions under agenda sub-item 5(a)", "5(a)"), ("Agenda item 12", "12"),
    ("SBSTA 60议程项目4", "4"), ("议程分项目5(a)的结论", "5(a)"),
])
def test_an_agenda_item_in_either_language(text, number):
    [(item, start, end)] = symbols.iter_agenda_items(text)
    assert item.number == number and symbols.iter_agenda_items(text[start:end])[0][0] == item


@pytest.mark.parametrize("text", ["the agenda items", "agenda item 123", "agenda of SBSTA 60"])
def test_no_agenda_item_where_none_is_numbered(text):
    assert symbols.iter_agenda_items(text) == []


def test_doc_symbols():
    text = "FCCC/SBI/2026/7 和 Add.1。另见 [FCCC/CP/2025/2-FCCC/PA/CMA/2025/3](#) 与 FCCC/SBSTA/2023/INF.1."
    assert symbols.find_doc_symbols(text) == [
        "FCCC/SBI/2026/7",
        "FCCC/SBI/2026/7/Add.1",
        "FCCC/CP/2025/2",
        "FCCC/PA/CMA/2025/3",
        "FCCC/SBSTA/2023/INF.1",
    ]


@pytest.mark.parametrize(("text", "found"), [
    ("fccc/sbsta/2024/7", ["FCCC/SBSTA/2024/7"]),  # as a search box gets it
    ("FCCC/PA/CMA/2023/16/ADD.1", ["FCCC/PA/CMA/2023/16/Add.1"]),
    ("FCCC/CP/2023/11/Add.1 and Add.2", ["FCCC/CP/2023/11/Add.1", "FCCC/CP/2023/11/Add.2"]),  # the document's
    ("unfccc/sbsta/2024/7", []),
])
def test_doc_symbols_in_any_case(text, found):
    assert symbols.find_doc_symbols(text) == found


@pytest.mark.parametrize(("word", "n"), [
    ("first", 1), ("twenty-ninth", 29), ("Sixtieth", 60), ("1st", 1), ("22nd", 22), ("23rd", 23), ("60th", 60),
    ("60", None), ("sixty", None), ("tenths", None),
])
def test_en_ordinal(word, n):
    assert symbols.en_ordinal(word) == n
    if n is not None and word.isalpha():
        assert symbols.ordinal_word(n) == word.lower()


@pytest.mark.parametrize(("text", "preambular", "quote"), [
    ("PP 6 of decision 2/CMA.5", ("6",), "PP 6 of decision 2/CMA.5"),
    ("recalled preambular paragraph 6 of decision 2/CMA.5, which", ("6",),
     "preambular paragraph 6 of decision 2/CMA.5"),
    ("the sixth preambular paragraph of decision 2/CMA.5", ("6",), "sixth preambular paragraph of decision 2/CMA.5"),
    ("2/CMA.5, PP6", ("6",), "2/CMA.5, PP6"),
    ("PPs 2-3 of 2/CMA.5", ("2", "3"), "PPs 2-3 of 2/CMA.5"),
    ("第2/CMA.5号决定序言部分第六段", ("6",), "第2/CMA.5号决定序言部分第六段"),
])
def test_a_preambular_paragraph_is_cited_by_its_place(text, preambular, quote):
    [cite] = symbols.find_decision_citations(text)
    assert (cite.symbol, cite.paragraphs, cite.preambular, cite.quote) == ("2/CMA.5", (), preambular, quote)


@pytest.mark.parametrize(("text", "annex", "paragraphs", "quote"), [
    ("as referred to in paragraph 36(c) of the annex to decision 2/CMA.5.", "", ("36(c)",),
     "paragraph 36(c) of the annex to decision 2/CMA.5"),
    ("paragraphs 12(e) and 47(h) of the annex to decision 2/CMA.5;", "", ("12(e)", "47(h)"),
     "paragraphs 12(e) and 47(h) of the annex to decision 2/CMA.5"),
    ("Pursuant to decision 2/CMA.5, annex, paragraph 7(a), the", "", ("7(a)",),
     "decision 2/CMA.5, annex, paragraph 7(a)"),
    ("decision 2/CMA.5, annex, paras. 35–37", "", ("35", "36", "37"), "decision 2/CMA.5, annex, paras. 35–37"),
    ("the annex to decision 2/CMA.5, paragraph 4", "", ("4",), "the annex to decision 2/CMA.5, paragraph 4"),
    ("paragraph 12 of annex I to decision 2/CMA.5", "I", ("12",), "paragraph 12 of annex I to decision 2/CMA.5"),
    ("2/CMA.5 annex II para 3", "II", ("3",), "2/CMA.5 annex II para 3"),
    ("技术专家审评(第 2/CMA.5 号决定，附件，第 146 段)", "", ("146",), "第 2/CMA.5 号决定，附件，第 146 段"),
    ("第2/CMA.5号决定附件中的第4段", "", ("4",), "第2/CMA.5号决定附件中的第4段"),
    ("第2/CMA.5号决定附件二第12段", "II", ("12",), "第2/CMA.5号决定附件二第12段"),
])
def test_an_annex_paragraph_is_no_paragraph_of_the_decision(text, annex, paragraphs, quote):
    [cite] = symbols.find_decision_citations(text)
    assert (cite.symbol, cite.paragraphs, cite.annex, cite.annex_paragraphs, cite.quote) == (
        "2/CMA.5", (), annex, paragraphs, quote)


@pytest.mark.parametrize(("text", "paragraphs"), [
    ("(para. 75(d)(i) of the MPGs)", ("75(d)(i)",)),
    ("paras. 34–35 of the MPGs", ("34", "35")),
    ("MPGs para 146", ("146",)),
    ("模式、程序和指南第146段", ("146",)),
])
def test_the_mpgs_are_the_annex_to_decision_18_cma_1(text, paragraphs):
    [cite] = symbols.find_decision_citations(text)
    assert (cite.symbol, cite.paragraphs, cite.annex, cite.annex_paragraphs) == ("18/CMA.1", (), "", paragraphs)


@pytest.mark.parametrize("text", ["in accordance with paragraph 6 of these MPGs",  # in their own text
                                  "the training referred to in paragraph 115 above will help implement the MPGs"])
def test_the_mpgs_named_without_their_paragraph_are_no_citation(text):
    assert symbols.find_decision_citations(text) == []


@pytest.mark.parametrize("text", [
    "the terms of reference contained in the annex to decision 2/CMA.5 and the review",
    "Parties included in Annex I to the Convention, as per decision 2/CMA.5, paragraph 4",
    "第2/CMA.5号决定附件一所列缔约方",
])
def test_an_annex_named_without_its_paragraph_cites_the_decision(text):
    [cite] = symbols.find_decision_citations(text)
    assert cite.annex_paragraphs == () and cite.annex == ""


@pytest.mark.parametrize(("written", "number"), [("", ""), ("II", "II"), ("ii", "II"), ("二", "II"), ("2", "II"),
                                                 ("十四", "XIV"), ("99", "XCIX"), ("0", ""), ("100", ""), ("零", ""),
                                                 ("IIII", "")])
def test_annex_number(written, number):
    assert symbols.annex_number(written) == number


@pytest.mark.parametrize(("text", "decisions"), [
    ("CMA 5 decision 1 on the global stocktake", ["1/CMA.5"]),
    ("decision 1 of CMA 5", ["1/CMA.5"]),
    ("decision 10 adopted at COP 29", ["10/CP.29"]),
    ("CMA 5 第1号决定", ["1/CMA.5"]),
    ("缔约方会议第二十九届会议的第10号决定", ["10/CP.29"]),
    ("巴库大会第1号决定", []),  # the COP's, the CMP's or the CMA's
    ("SBSTA 60 decision 1", []),  # the subsidiary bodies adopt conclusions
    ("What did CMA 5 decide in decision 2?", []),  # not written with its session
])
def test_a_decision_by_its_number_and_session(text, decisions):
    assert [symbol for symbol, _start, _end, _paragraphs in symbols.iter_decisions_by_session(text)] == decisions


@pytest.mark.parametrize(("text", "paragraphs"), [
    ("CMA 5 decision 1 para 193", ("193",)),
    ("decision 1 of CMA 5, paragraphs 192 and 193", ("192", "193")),
    ("CMA 5 第1号决定第193段", ("193",)),
    ("CMA 5 decision 1 on the global stocktake", ()),
])
def test_a_decision_by_its_number_and_session_with_its_paragraphs(text, paragraphs):
    [(symbol, start, end, found)] = symbols.iter_decisions_by_session(text)
    assert (symbol, found) == ("1/CMA.5", paragraphs)
    assert text[start:end].rstrip("段").endswith(paragraphs[-1] if paragraphs else "1")  # the mention holds them


@pytest.mark.parametrize(("text", "items"), [
    ("agenda items 4 and 5", ["4", "5"]),
    ("agenda items 4, 5 and 10(a)", ["4", "5", "10(a)"]),
    ("item 4 of the SBSTA agenda", ["4"]),
    ("items 4, 6 and 9(a) of the agenda", ["4", "6", "9(a)"]),
    ("议程项目4和5", ["4", "5"]),
    ("议程项目第4项和第5项", ["4", "5"]),
    ("议程第4项", ["4"]),
    ("agenda item 4 and 2030 targets", ["4"]),
])
def test_agenda_items_as_questions_write_them(text, items):
    assert [item.number for item, _start, _end in symbols.iter_agenda_items(text)] == items
