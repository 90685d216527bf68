"""The parser on small documents in each style (tests/fixtures, written for these tests)."""

from pathlib import Path

import pytest

from graph.model import AgendaItem
from graph.parse import parse_file, parse_text
from graph.parse.sentences import MAX_PASSAGE_CHARS, join_broken, reflow, split_long
from graph.parse.style import detect_style

FIXTURES = Path(__file__).parent / "fixtures"


def _by_key(doc):
    return {p.key: p for p in doc.passages}


def _cites(item):
    return [(c.symbol, c.paragraphs) for c in item.citations]


@pytest.fixture(scope="module")
def plain():
    return parse_file(FIXTURES / "plain_report.txt")


@pytest.fixture(scope="module")
def markdown():
    return parse_file(FIXTURES / "markdown_report.md")


@pytest.fixture(scope="module")
def wrapped():
    return parse_file(FIXTURES / "wrapped_report.txt")


@pytest.fixture(scope="module")
def brochure():
    return parse_file(FIXTURES / "brochure.txt")


def test_styles_detected(plain, markdown, brochure):
    assert (plain.style, markdown.style, brochure.style) == ("plain", "markdown", "brochure")


# ---------------------------------------------------------------- plain report


def test_plain_metadata(plain):
    assert plain.title == "技术专家审评进程的进展"
    assert plain.author == "秘书处"
    assert plain.symbol == "FCCC/SBSTA/2030/4"
    assert plain.sessions == ["SBSTA 72"]
    assert (plain.date_text, plain.place_text) == ("2030年6月3日至13日", "波恩")
    assert plain.agenda_items == [AgendaItem("临时议程项目7 方法问题： 透明度框架之下的技术审评", "SBSTA 72")]
    assert plain.summary.startswith("本报告汇编了 2029 年")


def test_agenda_items_of_a_joint_document_belong_to_the_session_above():
    front = "\n\n".join([
        "附属科学技术咨询机构", "第七十届会议", "2029年6月3日至13日，波恩", "临时议程项目4", "研究和系统观测",
        "附属履行机构", "第七十届会议", "2029年6月3日至13日，波恩", "临时议程项目9(b)", "能力建设",
        "联合工作进展", "秘书处的说明", "一. 导言", "1. 秘书处编写了本说明。",
    ])
    doc = parse_text(front, "joint.txt")
    assert doc.sessions == ["SBSTA 70", "SBI 70"]
    assert doc.agenda_items == [AgendaItem("临时议程项目4 研究和系统观测", "SBSTA 70"),
                                AgendaItem("临时议程项目9(b) 能力建设", "SBI 70")]
    assert parse_text("临时议程项目4\n\n研究和系统观测\n\n标题\n\n秘书处的说明\n\n1. 文本。\n",
                      "x.txt").agenda_items == [
        AgendaItem("临时议程项目4 研究和系统观测", None)]  # no session named above it


NOTE_BY_THE_SECRETARIAT = "\n\n".join([
    "附属履行机构", "第六十六届会议", "2027年6月，波恩", "关于能力建设框架执行情况的年度技术进展报告", "秘书处的说明",
    "一、导言",
    "1. CMA 第七届会议请秘书处编写一份关于能力建设框架执行情况的年度技术进展报告，供 SBI 66 审议。[2]",
    "2. 本报告是对上述任务的回应，并参照了早前的评估[1]和报告[3]。",
    "[1] 第4/CMA.2号决定。", "[2] 第12/CMA.7号决定，第5段。",
])


def test_a_title_that_reads_like_an_author_line_stays_the_title():
    """ "关于…的年度技术进展报告" reads like the author line ("秘书处的说明"), which stands under it; a month
    without days is still the session's date."""
    doc = parse_text(NOTE_BY_THE_SECRETARIAT, "note.txt")
    assert (doc.title, doc.author) == ("关于能力建设框架执行情况的年度技术进展报告", "秘书处")
    assert (doc.date_text, doc.place_text, doc.sessions) == ("2027年6月", "波恩", ["SBI 66"])


def test_bracketed_footnotes_of_a_plain_text_writer():
    """ "[2]" marks the note a line "[2] …" gives: the mandate rests on its decision paragraph; "[3]" gives no note."""
    doc = parse_text(NOTE_BY_THE_SECRETARIAT, "note.txt")
    assert [(p.text, p.footnotes) for p in doc.passages] == [
        ("CMA 第七届会议请秘书处编写一份关于能力建设框架执行情况的年度技术进展报告，供 SBI 66 审议。", ["2"]),
        ("本报告是对上述任务的回应，并参照了早前的评估和报告[3]。", ["1"]),
    ]
    [mandate] = doc.mandates
    assert (mandate.decision, mandate.decision_paragraphs, mandate.via_footnote) == ("12/CMA.7", ("5",), "2")
    # The report is what was asked for: a note by the secretariat whose title the action names.
    assert mandate.fulfilled_by_this_report


def test_plain_acronyms_two_and_three_columns(plain):
    acronyms = {a.abbreviation: a for a in plain.acronyms}
    assert acronyms["BTR"].name == "两年期透明度报告" and acronyms["BTR"].short is None
    assert acronyms["ETF"].short == "透明度框架"
    assert acronyms["ETF"].name == "《巴黎协定》之下的强化透明度框架"
    # The bracketed source is not part of the name (query expansion uses the name), but stays in the row's passage.
    assert acronyms["TER"].name == "技术专家审评"
    assert acronyms["TER"].source == "(第 18/CMA.1 号决定，附件，第 146 段)"
    rows = [p for p in plain.passages if p.key.startswith("abbr.")]
    assert [r.text for r in rows][1] == (
        "CMP | 《议定书》/《公约》缔约方会议 | 作为《京都议定书》缔约方会议的《公约》缔约方会议")
    assert [c.symbol for r in rows for c in r.citations] == ["18/CMA.1"]  # cited inside the TER entry


def test_plain_sections_and_numbered_heading(plain):
    sections = {s.key: s for s in plain.sections}
    assert sections["I.A"].parent == "I" and sections["I.A"].title == "任务"
    # "1. 时间表" inside chapter two is a heading, not paragraph 1
    assert sections["II.1"].title == "时间表" and sections["II.1"].level == 3
    assert sections["II.1.a"].title == "能力建设"  # "(a) **能力建设**"
    numbers = [p.number for p in plain.passages if p.kind == "paragraph"]
    assert numbers == ["1", "2", "3", "4", "5", "6"]


def test_plain_paragraph_continued_after_footnotes(plain):
    p3 = _by_key(plain)["p3"]
    assert p3.text.endswith("并简要说明 CMA 5 和 SBSTA 70 的相关结论。")
    assert _cites(p3) == [("18/CMA.1", ("146(a)",)), ("2/CMA.5", ("9", "10"))]
    assert p3.sessions == ["CMA 5", "SBSTA 70"]


def test_plain_subparagraphs(plain):
    p5 = _by_key(plain)["p5"]
    assert p5.subparagraphs == [("a", "两次审评专家培训；"), ("b", "一次主任审评员会议。")]
    assert "(b) 一次主任审评员会议。" in p5.text


def test_plain_footnotes_linked_and_markers_removed(plain):
    notes = {f.number: f for f in plain.footnotes}
    assert notes["1"].passage_key == "p1" and _by_key(plain)["p1"].footnotes == ["1"]
    assert _cites(notes["1"]) == [("5/CMA.3", ("4", "16")), ("1/CP.16", ("70",))]
    assert notes["3"].passage_key == "p4"
    assert notes["*"].passage_key == plain.passages[0].key == "summary"  # the title's note goes with the text under it
    assert "¹" not in _by_key(plain)["p1"].text
    assert _by_key(plain)["p4"].text == "为支持审评工作的规划，秘书处编制了审评日历。"
    assert _by_key(plain)["p2"].doc_symbols == ["FCCC/SBI/2030/2", "FCCC/SBI/2030/2/Add.1"]


def test_plain_table_rows(plain):
    passages = _by_key(plain)
    assert passages["t1"].kind == "caption" and passages["t1"].text == "表 1 审评活动一览"
    rows = [p for p in plain.passages if p.kind == "table_row" and p.key.startswith("t1.")]
    assert [r.key for r in rows] == ["t1.r1", "t1.r2"]  # header and its repeat are not rows
    assert rows[1].text == "国内审评 | 完成了 8 次国内审评，覆盖 8 个缔约方"  # row broken across pages
    assert _cites(rows[0]) == [("19/CMA.1", ("34(c)",))]
    assert passages["t1.note"].kind == "caption"
    assert plain.furniture == ["链接 https://example.org/reviews"]


def test_plain_mandates(plain):
    mandates = [(m.passage, m.kind, m.body, m.session, m.decision, m.decision_paragraphs, m.addressee, m.via_footnote,
                 m.fulfilled_by_this_report) for m in plain.mandates]
    assert mandates == [  # footnote 1: "第 5/CMA.3 号决定，第 4 和第 16 段": the mandate rests on both paragraphs
        ("p1", "request", "CMA", "CMA 3", "5/CMA.3", ("4", "16"), "secretariat", "1", True),
        ("p1", "invitation", "CMA", "CMA 3", "5/CMA.3", ("4", "16"), "Parties", "1", False),
        ("p2", "encouragement", "COP", "COP 25", "1/CP.25", ("12",), "Parties", "2", False),
        ("p4", "basis_cited", "CMP", "CMP 8", "5/CMP.8", ("3",), None, "3", False),
    ]
    assert plain.mandates[0].action.startswith("编写一份年度汇编报告")
    assert [m.addressee_text for m in plain.mandates] == ["秘书处", "缔约方", "各缔约方", None]
    assert plain.mandates[3].quote == "为支持审评工作的规划"


# ---------------------------------------------------------------- a plain report whose converter broke lines


def test_wrapped_report_lines_are_reflowed(wrapped):
    passages = _by_key(wrapped)
    assert wrapped.style == "plain"
    # "350 ⏎ 多项活动": Chinese rejoined without a space; "COP ⏎ 29": Latin and digit words keep one
    assert passages["p2"].text == "2030 年，秘书处通过 350多项活动提供了能力建设支持，这些活动在 COP 29 之后启动。"
    assert passages["p2"].sessions == ["COP 29"]
    # sub-paragraphs and list items keep their own lines, their broken lines rejoined
    assert passages["p9"].text.endswith(
        "举办的讲习班：\n(a) 三次区域讲习班，涉及适应和减缓两个领域；\n(b) 一次网络研讨会。")
    assert passages["p9"].subparagraphs[0] == ("a", "三次区域讲习班，涉及适应和减缓两个领域；")
    assert passages["p10"].text == "此外，秘书处还：\n- 更新了电子学习平台；\n- 编写了两份出版物。"
    assert passages["t1.r1"].text == "区域讲习班 | 共有 120 名专家参加了讲习班"
    # the summary's broken line is rejoined; the break between its two paragraphs stays
    assert wrapped.summary == (
        "本说明概述 2030 年秘书处支持缔约方能力建设的工作，包括区域讲习班和网络研讨会。\n本说明还介绍下一步工作。")
    for passage in wrapped.passages:
        for line in passage.text.split("\n")[1:]:
            assert line.startswith(("(", "- ", "本说明还")), repr(passage.text)


def test_wrapped_footnote_continues_on_its_next_line(wrapped):
    [note] = wrapped.footnotes
    assert (note.passage_key, note.text) == ("p9", "第 5/CMA.3 号决定，第 4 和第 16 段。")
    assert _cites(note) == [("5/CMA.3", ("4", "16"))]


def test_join_broken_and_reflow():
    assert join_broken("秘书处通过 350 ", "多项活动") == "秘书处通过 350多项活动"
    assert join_broken("在 COP", "29 之后") == "在 COP 29 之后"
    assert join_broken("Inger", "Andersen") == "Inger Andersen"
    assert join_broken("预计惠及1", "20人") == "预计惠及120人"  # a number broken across lines
    assert join_broken("as follows:", "“1. Welcomes") == "as follows: “1. Welcomes"  # after Latin punctuation
    assert join_broken("to report;", "3.1 Option") == "to report; 3.1 Option"
    assert join_broken("rose by 1.", "5 per cent") == "rose by 1.5 per cent"
    assert join_broken("根据第 4 段,", "秘书处") == "根据第 4 段,秘书处"
    lines = ["第一句没有", "写完。", "第二句：", "(a) 甲；", "- 乙", "丙。"]
    assert reflow(lines) == "第一句没有写完。\n第二句：\n(a) 甲；\n- 乙丙。"


# ---------------------------------------------------------------- markdown report


def test_markdown_structure(markdown):
    assert markdown.title == "2030 年适应工作进展"
    assert markdown.symbol == "FCCC/SBI/2031/9"
    assert [(a.abbreviation, a.short) for a in markdown.acronyms] == [("NAP", None), ("LEG", "最不发达国家专家组")]
    assert [(s.key, s.title) for s in markdown.sections] == [
        ("I", "导言"), ("I.A", "任务"), ("I.B", "进展"), ("II", "结论")]
    passages = _by_key(markdown)
    assert passages["p3"].subparagraphs == [("a", "区域培训讲习班；"), ("b", "国家适应计划博览会。")]
    assert "**" not in passages["p3"].text and "<sup>" not in passages["p1"].text


def test_markdown_footnotes_and_english_citations(markdown):
    notes = {f.number: f for f in markdown.footnotes}
    assert notes["1"].passage_key == "p1" and _cites(notes["1"]) == [("3/CMA.6", ("21",))]
    assert notes["2"].passage_key == "p2" and notes["2"].doc_symbols == ["FCCC/SBI/2030/5"]
    assert _cites(_by_key(markdown)["p2"]) == [("1/CP.16", ()), ("2/CP.17", ()), ("19/CMA.1", ("4", "16"))]


def test_markdown_mandates(markdown):
    first, sbi, english = markdown.mandates
    assert (first.session, first.decision, first.decision_paragraphs, first.fulfilled_by_this_report) == (
        "CMA 6", "3/CMA.6", ("21",), True)  # "秘书处的说明" is the note asked for
    assert (sbi.kind, sbi.session, sbi.addressee, sbi.decision) == ("invitation", "SBI 74", "Parties", None)
    assert (english.kind, english.session, english.decision, english.decision_paragraphs, english.addressee) == (
        "invitation", "COP 25", "1/CP.25", ("12",), "Parties")


# ---------------------------------------------------------------- brochure


def test_brochure_reflow_and_headings(brochure):
    first = brochure.passages[0]
    assert first.text == (
        "年度工作回顾\n去年，环境署在应对气候变化方面取得了进展，支持了四十多个国家制定国家适应计划，并协助各国筹集资金。")
    assert [s.title for s in brochure.sections] == ["年度工作回顾", "海洋保护"]
    assert brochure.passages[1].section == "s2"


def test_brochure_captions_and_furniture(brochure):
    captions = [p.text for p in brochure.passages if p.kind == "caption"]
    assert captions == ["渔民在印度尼西亚苏拉威西清理海滩上的塑料垃圾。"]
    for item in ("https://www.example.org/report", "12", "8   环境署年度报告", "封面图片来源：Adobe", "摄影：环境署",
                 "unep-communication@un.org"):
        assert item in brochure.furniture
    assert not any("http" in p.text or "摄影" in p.text for p in brochure.passages)


def test_brochure_long_block_split_at_sentence_ends(brochure):
    parts = [p for p in brochure.passages if p.key.startswith("b4")]
    assert [p.key for p in parts] == ["b4", "b4.2"]
    for part in parts:
        assert len(part.text) <= MAX_PASSAGE_CHARS
        assert part.text.startswith("第") and part.text.endswith("人。")
    assert "惠及120人。" in parts[0].text  # a number broken across lines is rejoined without a space


def test_brochure_without_blank_lines_keeps_its_blocks(brochure):
    # Some PDF converters put no blank line between blocks: a sentence's end on a line much shorter than the page's
    # ends its block (a block's last line is seldom full), or the blocks ran together into a few long ones.
    text = (FIXTURES / "brochure.txt").read_text(encoding="utf-8")
    blankless = parse_text("\n".join(line for line in text.split("\n") if line.strip()), "brochure.txt")
    assert [p.text for p in blankless.passages] == [p.text for p in brochure.passages]


def test_a_block_without_a_letter_or_digit_is_no_passage(brochure):
    # Converters leave a lone "." or "…" on a line of its own; as a passage it was the nearest to a question no
    # passage answers (one in French).
    text = (FIXTURES / "brochure.txt").read_text(encoding="utf-8")
    after = text.index("筹集资金。\n") + len("筹集资金。\n")
    dotted = text[:after] + "\n.\n\n…\n" + text[after:]
    assert [p.text for p in parse_text(dotted, "brochure.txt").passages] == [p.text for p in brochure.passages]


def test_brochure_bullets_are_blocks_of_their_own():
    line = "环境署支持了保护和恢复230万公顷的海洋环境的工作这项工作横跨"
    text = "\n".join(["详细建议", "", line, line + "。", "", "•非国家行为体必须每年公开报告其进展情况。",
                     "•非国家行为体必须让独立第三方对其报告的减排量进行核查。", "", line + "。"] + [line] * 8)
    doc = parse_text(text, "brochure.txt")
    assert doc.style == "brochure"
    assert [p.text for p in doc.passages if p.text.startswith("•")] == [
        "•非国家行为体必须每年公开报告其进展情况。", "•非国家行为体必须让独立第三方对其报告的减排量进行核查。"]


def test_split_long_never_exceeds_limit():
    one_sentence = "很长的一句话，" * 400
    chunks = split_long(one_sentence, 100)
    assert all(len(c) <= 100 for c in chunks) and "".join(chunks) == one_sentence.strip()


def test_detect_style_on_text():
    assert detect_style("1. 秘书处编写了本报告。\n\n2. 本报告说明了进展。\n") == "plain"
    broken = "\n".join(["环境署支持了保护和恢复230万公顷的海洋环境的工作这项工作横跨"] * 5)
    assert detect_style(broken) == "brochure"
    assert detect_style("# 标题\n\n## 一. 导言\n\n1. 文本。<sup>1</sup>\n") == "markdown"
