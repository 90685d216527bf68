"""Decisions documents and English session reports, on fixtures written like the UNFCCC's converter output
(tab-indented labels, a markdown-table header, CRLF, a contents table, invisible characters)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from graph.parse import parse_file, parse_text
from graph.parse.decisions import heading_symbol
from graph.parse.markup import untab
from style_variants import markdown_decisions, page_broken, titled_headings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def en():
    return parse_file(FIXTURES / "decisions_en.txt")


@pytest.fixture(scope="module")
def zh():
    return parse_file(FIXTURES / "decisions_zh.txt")


def operative(doc, symbol):
    return [p.number for p in doc.passages if p.decision == symbol and p.kind == "paragraph" and not p.in_annex]


def test_the_front_matter_names_the_session_and_where_it_met(en):
    assert (en.language, en.style, en.symbol) == ("en", "indented", "FCCC/PA/CMA/2031/9/Add.1")
    assert en.sessions == ["CMA 13"]
    assert (en.place_text, en.date_text) == ("Nairobi", "3 to 14 November 2031")


def test_each_decision_with_its_title_meeting_and_day_and_not_the_contents_table(en):
    assert [(d.symbol, d.title, d.meeting, d.date) for d in en.decisions] == [
        ("7/CMA.13", "Coastal resilience work programme", "5th plenary meeting", "2031-11-14"),
        ("8/CMA.13", "Arrangements for the review of the coastal resilience work programme", "5th plenary meeting",
         "2031-11-14"),
    ]


def test_preamble_operative_paragraphs_and_annex_apart(en):
    preamble = [p.text for p in en.passages if p.decision == "7/CMA.13" and p.kind == "preamble"]
    assert preamble[0].startswith("Recalling decision 1/CMA.5") and len(preamble) == 3
    # "1. Finance" is a sub-section heading, not paragraph 1 again; the annex numbers its paragraphs apart.
    assert operative(en, "7/CMA.13") == ["1", "2", "3", "4", "5", "6"]
    annex = [p for p in en.passages if p.in_annex]
    assert [p.number for p in annex] == ["1", "2"] and all(p.decision == "7/CMA.13" for p in annex)
    assert any(s.title == "Finance" for s in en.sections)
    paragraph_4 = next(p for p in en.passages if p.decision == "7/CMA.13" and p.number == "4" and not p.in_annex)
    assert paragraph_4.subparagraphs == [("a", "One workshop on coastal adaptation;"),
                                        ("b", "One workshop on finance for coastal resilience;")]


def test_a_decision_of_one_unnumbered_paragraph(en):
    [single] = [p for p in en.passages if p.decision == "8/CMA.13"]
    assert single.kind == "block" and single.text.startswith("Decides that the review")


def test_citations_read_through_invisible_characters_and_reach_the_decisions_own_paragraphs(en):
    cites = {(c.symbol, c.paragraphs) for p in en.passages for c in p.citations}
    assert ("1/CMA.5", ("63", "64")) in cites  # "paragraphs 63–\u200d64"
    assert ("7/CMA.13", ("2",)) in cites  # 8/CMA.13 cites "decision 7/CMA.13, paragraph 2"
    assert not any(c.symbol == p.decision for p in en.passages for c in p.citations)  # no decision cites itself
    [paragraph_4] = [p for p in en.passages if p.decision == "7/CMA.13" and p.number == "4" and not p.in_annex]
    assert paragraph_4.refers_to == ("3",)  # "paragraph \u200e3 above", inside 7/CMA.13
    annex_cites = [c for p in en.passages if p.in_annex for c in p.citations]
    assert annex_cites == []  # "paragraph 4 of the decision" in the annex names no symbol


def mandates_of(doc, number, symbol="7/CMA.13"):
    return [m for m in doc.mandates if m.decision == symbol and m.decision_paragraphs == (number,)]


def test_one_mandate_per_verb_and_addressee_with_its_deadline(en):
    assert [(m.kind, m.addressee, m.addressee_text, m.deadline, m.deadline_date, m.deadline_session)
            for m in mandates_of(en, "3")] == [
        ("invitation", "Parties", "Parties", "by\u00a015\u00a0March 2032", "2032-03-15", None),
        ("invitation", "non-Party stakeholders", "non-Party stakeholders", "by\u00a015\u00a0March 2032", "2032-03-15",
         None),
        ("request", "secretariat", "the secretariat", "for consideration at its subsequent session", None, "CMA 14"),
    ]
    [sbsta] = mandates_of(en, "2")
    assert (sbsta.addressee, sbsta.deadline, sbsta.deadline_session) == (
        "SBSTA", "at its eightieth session (June 2034)", "SBSTA 80")
    assert sbsta.action == "to take stock of the work programme"
    [fund] = mandates_of(en, "5")
    assert (fund.kind, fund.addressee) == ("encouragement", "GCF")


def test_requests_that_and_decides(en):
    [boilerplate] = mandates_of(en, "6")
    assert (boilerplate.addressee, boilerplate.addressee_text) == ("secretariat", None)
    assert boilerplate.action.startswith("that the actions of the secretariat")
    [decides] = [m for m in en.mandates if m.decision == "8/CMA.13"]
    assert (decides.kind, decides.addressee, decides.deadline_session) == ("decision", None, "CMA 15")


def test_the_same_decision_in_chinese_aligns_by_paragraph_number(en, zh):
    assert [d.symbol for d in zh.decisions] == ["7/CMA.13"]
    assert zh.decisions[0].date == "2031-11-14" and zh.decisions[0].meeting == "第 5 次全体会议"
    assert operative(zh, "7/CMA.13") == operative(en, "7/CMA.13")
    assert [p.number for p in zh.passages if p.kind == "preamble"] == ["1", "2", "3"]
    [sbsta] = mandates_of(zh, "2")
    assert (sbsta.addressee, sbsta.deadline_session) == ("SBSTA", "SBSTA 80")
    assert {m.addressee for m in mandates_of(zh, "3")} == {"Parties and non-Party stakeholders", "secretariat"}


def test_an_english_session_report():
    doc = parse_file(FIXTURES / "session_report_en.txt")
    assert (doc.symbol, doc.sessions, doc.author) == (
        "FCCC/SBI/2033/4", ["SBI 78"], "Subsidiary Body for Implementation")
    assert [a.abbreviation for a in doc.acronyms] == ["CRWP", "GCF", "SBSTA"]
    assert [(s.key, s.title) for s in doc.sections if s.level == 1] == [
        ("I", "Opening of the session (Agenda item 1)"), ("II", "Coastal resilience work programme (Agenda item 2)"),
        ("annex", "Annex: Guiding questions for the workshops")]
    body = [p.number for p in doc.passages if p.kind == "paragraph" and not p.in_annex]
    assert body == ["1", "2", "3", "4", "5", "6"]  # the agenda listed in paragraph 2 ("1. … 3.") stays in it
    assert "\n2. Coastal resilience work programme." in doc.passages[4].text
    assert [(m.kind, m.addressee, m.session, m.deadline_session, m.deadline_date) for m in doc.mandates
            if m.kind != "basis_cited"] == [
        ("request", "SB Chairs", "SBI 78", "SB 79", None),
        ("invitation", "Parties", "SBI 78", None, "2034-02-01"),
        ("invitation", "other", "SBI 78", None, "2034-02-01"),
        ("request", "secretariat", "SBI 78", "SBI 79", None),
    ]


@pytest.mark.parametrize("item", [
    "\t\t\t\t4.\tOther matters",  # no full stop: reads like a heading
    "\t\t\t\t4.\tReports on activities related to the implementation of Article 6 of the \n\t\tConvention.",
    "\t\t\t\t4.\tMatters relating to the forum on response measures.*,\n\t\t\t\t5.\tGender.",  # 5 joins 4
])
def test_an_agenda_listed_in_a_paragraph_stays_in_it(item):
    # An item read as a heading, or a number skipped, ended the list: the agenda's "6." became paragraph 6 and took
    # the report's paragraphs 3 and 4 in as items of its own list.
    doc = parse_text("\n".join([
        "Report of the Subsidiary Body for Implementation on its seventy-eighth session", "",
        "II.\tOrganizational matters", "(Agenda item 2)", "\t\t\t1.\tThe Chair opened the session.",
        "\t\t\t2.\tAt its 1st meeting, the SBI adopted the agenda as follows:",
        "\t\t\t\t1.\tOpening of the session.", "\t\t\t\t2.\tOrganizational matters:",
        "\t\t\t\t\t(a)\tAdoption of the agenda;", "\t\t\t\t3.\tNational adaptation plans.", item,
        "\t\t\t\t6.\tClosure of and report on the session.",
        "\t\t\t\t\t3.\tAt the same meeting, the Chair reminded Parties of the issues.",
        "\t\t\t4.\tAt the same meeting, the SBI agreed to the statements.",
    ]), "sbi78.txt")
    paragraphs = [p for p in doc.passages if p.kind == "paragraph"]
    assert [p.number for p in paragraphs] == ["1", "2", "3", "4"]
    assert paragraphs[1].text.endswith("6. Closure of and report on the session.")
    assert [s.title for s in doc.sections] == ["Organizational matters (Agenda item 2)"]


@pytest.mark.parametrize("render", [
    partial(page_broken, width=60), partial(page_broken, width=90), markdown_decisions, titled_headings,
    partial(titled_headings, separator=" "),
], ids=["pdf60", "pdf90", "markdown", "titled_headings", "titled_headings_space"])
def test_a_decisions_document_from_other_converters_reads_as_its_tab_indented_original(en, render):
    # PDF text wraps a preamble's subject ("… meeting of the" ⏎ "Parties to the Paris Agreement,") and its paragraphs
    # anywhere, after a comma too: each wrapped line was a preambular paragraph of its own. Markdown marks the
    # headings ("# Decision 7/CMA.13"), which were not read as decisions at all, and the meeting and day; so was a
    # heading with its title on its line ("Decision 7/CMA.13: Coastal resilience work programme").
    plain = "\n".join(untab(line) for line in (FIXTURES / "decisions_en.txt").read_text(encoding="utf-8").split("\n"))
    other = parse_text(render(plain), "decisions_en.txt")

    def shape(doc):
        return [(p.key, p.kind, "".join(p.text.split())) for p in doc.passages]

    assert shape(other) == shape(en)
    assert [(d.symbol, d.title, d.meeting, d.date) for d in other.decisions] == [
        (d.symbol, d.title, d.meeting, d.date) for d in en.decisions]


@pytest.mark.parametrize("line,heading", [
    ("Decision 1/CMA.5: Outcome of the first global stocktake", ("1/CMA.5", False)),
    ("Decision 4/CMA.5 Sharm el-Sheikh work programme referred to in decision 4/CMA.4", ("4/CMA.5", False)),
    ("第 1/CMA.5 号决定 首次全球盘点的结果", ("1/CMA.5", False)),
    ("Decision 2/CMA.5 established the framework.", None),  # a sentence
    ("Decision 1/CP.21, paragraph 3, requests the secretariat", None),
    ("Decision 1/CMA.5 Outcome of the first global stocktake.", None),  # it ends like a sentence
])
def test_a_heading_may_carry_its_title_but_a_sentence_is_no_heading(line, heading):
    assert heading_symbol(line) == heading


def test_a_quoted_paragraph_out_of_sequence_wrapped_in_pdf_text_is_no_heading():
    doc = parse_text("\n".join([
        "Decision 3/CP.40", "Arrangements between the Conference of the Parties and the Green Climate Fund",
        "The Conference of the Parties,", "Recalling decision 5/CP.19,",
        "1. Decides to amend the arrangements between the Conference of the Parties and the Green", "Climate Fund:",
        "Paragraph 16", "For the existing paragraph 16 substitute",
        "16. The COP may request additional information from the Green Climate Fund through its", "guidance.",
        "11th plenary meeting", "23 November 2040",
    ]), "cop40.txt")
    # A PDF line is cut where the page ends, so the first line of a paragraph looks as unfinished as a heading.
    [quoted] = [p for p in doc.passages if p.number == "16"]
    assert quoted.text.endswith("through its guidance.")
    assert not any(s.title.startswith("The COP may") for s in doc.sections)


def test_a_long_section_title_is_a_heading_not_the_paragraph_before_it():
    title = ("Mitigation policies and measures, actions and plans, including those with mitigation co-benefits "
             "resulting from adaptation actions and economic diversification plans, related to implementing and "
             "achieving a nationally determined contribution under Article 4 of the Paris Agreement")  # 252 letters
    doc = parse_text("\n".join([
        "Decision 18/CMA.40", "Transparency framework", "\tThe Conference of the Parties serving as the meeting of "
        "the Parties to the Paris Agreement,", "\tRecalling decision 18/CMA.1,",
        "\t\t\t1.\tEach Party shall report the information in a narrative and common tabular format.",
        f"\t\tD.\t{title}", "\t\t\t2.\tEach Party shall provide information on actions, policies and measures.",
    ]), "cma40.txt")
    assert [s.title for s in doc.sections][-1] == title
    assert [p.text for p in doc.passages if p.kind == "paragraph" and p.number == "1"] == [
        "Each Party shall report the information in a narrative and common tabular format."]


def test_an_annex_title_wrapped_in_pdf_text_is_one_title():
    doc = parse_text("\n".join([
        "Decision 18/CMA.40", "Transparency framework", "The Conference of the Parties serving as the meeting of the",
        "Parties to the Paris Agreement,", "Recalling decision 18/CMA.1,",
        "1. Adopts the modalities, procedures and guidelines for the transparency framework for action and",
        "support contained in the annex;", "Annex",
        "Modalities, procedures and guidelines for the transparency framework for action and support",
        "referred to in Article 13 of the Paris Agreement", "I. Introduction",
        "1. The purpose of the enhanced transparency framework is to build mutual trust and confidence and to",
        "promote effective implementation.",
    ]), "cma40.txt")
    assert [s.title for s in doc.sections if s.key.endswith("annex")] == [
        "Annex: Modalities, procedures and guidelines for the transparency framework for action and support "
        "referred to in Article 13 of the Paris Agreement"]
    assert not any(p.kind == "block" for p in doc.passages)


@pytest.mark.parametrize(("lines", "annexes"), [
    (["Decision 5/CMA.40", "Funding arrangements", "The Conference of the Parties,", "1. Decides to adopt the annexes;",
      "Annex I", "Governing instrument", "1. The Fund is established.", "Annex II", "Arrangements", "1. Reports."],
     ["Annex I", "Annex II"]),
    (["第 5/CMA.40 号决定", "资金安排", "缔约方会议，", "1. 决定通过各项附件；", "附件一", "基金的治理文书",
      "1. 设立基金。", "附件二", "安排", "1. 报告。"], ["附件一", "附件二"]),
])
def test_an_annex_is_keyed_by_its_number_in_roman_numerals_in_any_language(lines, annexes):
    # So that "annex II to decision 5/CMA.40" finds its paragraphs in the text of either language.
    doc = parse_text("\n".join(lines), "cma40.txt")
    keyed = [(s.key, s.title.split(":")[0]) for s in doc.sections if ".annex" in s.key]
    assert keyed == [("5/CMA.40.annex-I", annexes[0]), ("5/CMA.40.annex-II", annexes[1])]


def test_a_subject_without_its_comma_and_a_footnote_between_preambular_paragraphs():
    # Neither is a wrapped line to join to the line before, as PDF text's are (the test above).
    doc = parse_text("\n".join([
        "Decision 4/CP.40", "Least developed countries", "\tThe Conference of the Parties",
        "\tRecalling decision 2/CP.27,", "\tNoting the importance of the Expert Group,", "",
        "\t1 FCCC/SBI/2040/6 and FCCC/SBI/2040/7.", "", "\tNoting the need to continue support,",
        "\t1.\tDecides to extend the mandate of the Expert Group;",
    ]), "cop40.txt")
    assert [p.text for p in doc.passages if p.kind == "preamble"][:2] == [
        "Recalling decision 2/CP.27,", "Noting the importance of the Expert Group,"]
    assert operative(doc, "4/CP.40") == ["1"]


@pytest.mark.parametrize("width", [70, 90])
def test_an_english_session_report_as_pdf_text_reads_as_its_original(width):
    # PDF text cuts the title "… on its seventy-eighth session, held in" ⏎ "Bonn from 6 to 16 June 2033": it named
    # no session then.
    path = FIXTURES / "session_report_en.txt"
    original = parse_file(path)
    text = "\n".join(untab(line) for line in path.read_text(encoding="utf-8").split("\n"))
    pdf = parse_text(page_broken(text, width=width), "session_report_en.txt")
    assert (pdf.title, pdf.sessions, pdf.place_text, pdf.date_text) == (
        original.title, original.sessions, original.place_text, original.date_text)
    assert [(p.key, "".join(p.text.split())) for p in pdf.passages] == [
        (p.key, "".join(p.text.split())) for p in original.passages]


def test_headings_indented_or_not_and_a_resolution_is_no_decision():
    text = "\n".join([
        "\tDecision 3/CP.40", "\tA title", "\tThe Conference of the Parties,", "\tRecalling decision 1/CP.21,",
        "\t1.\tRequests the secretariat to report;", "\t\t9th plenary meeting", "\t\t1 December 2035",
        "Resolution 1/CP.40", "Expression of gratitude", "\tThe Conference of the Parties,",
        "\t1.\tExpresses its profound gratitude to the host;", "",
    ] * 1)
    doc = parse_text(text, "cop40.txt")
    assert doc.style == "plain"  # too few lines to tell their style; a decision is never a brochure
    assert [d.symbol for d in doc.decisions] == ["3/CP.40"]
    assert [(p.kind, p.number) for p in doc.passages if p.decision] == [("preamble", "1"), ("paragraph", "1")]
    assert not [p for p in doc.passages if p.key.startswith("resolution") and p.decision]


def test_a_wrapped_line_naming_a_decision_is_no_heading():
    text = "\n".join([
        "Report of the Subsidiary Body for Implementation on its sixtieth session", "",
        "I. Work programme referred to in", "decision 4/CMA.4", "",
        "1. The SBI considered the work programme referred to in", "decision 4/CMA.4", "and agreed to continue.", "",
        "2. The SBI requested the secretariat to prepare a report.", "", "II. Closure of the session", "",
        "3. The SBI adopted its report.",
    ])
    doc = parse_text(text, "report.txt")
    assert doc.decisions == [] and [p.number for p in doc.passages if p.kind == "paragraph"] == ["1", "2", "3"]


@pytest.mark.parametrize("closing", [
    ["\t\t10th plenary meeting 11 November 2021"],  # the day on the meeting's line
    ["\t10th plenary meeting", "\t29.\t11 November 2021"],  # the converter numbered the day's line
    ["10th plenary meeting, 11 November 2021"],  # a separator between them
    ["10th plenary meeting – 11 November 2021"],
    ["*10th plenary meeting*", "_11 November 2021_"],  # markdown's italics
])
def test_the_meeting_and_day_in_other_layouts(closing):
    text = "\n".join(["Decision 5/CP.40", "A title", "\tThe Conference of the Parties,",
                      "\t1.\tRequests the secretariat to report;", "\t2.\tDecides to meet again;", *closing, ""])
    [decision] = parse_text(text, "cop40.txt").decisions
    assert (decision.meeting, decision.date) == ("10th plenary meeting", "2021-11-11")
    assert [p.number for p in parse_text(text, "cop40.txt").passages if p.kind == "paragraph"] == ["1", "2"]


def test_a_table_after_a_short_first_decision_is_not_taken_for_the_contents():
    # A table row may end with one number after a tab, as a contents entry does with its page: the contents once
    # reached for its last row and swallowed the decisions before it.
    text = "\n".join([
        "\tContents", "\tDecision\tPage", "\t1/CMP.40\tGuidance on the mechanism\t\t2",
        "\t2/CMP.40\tAccreditation of entities\t\t3", "",
        "Decision 1/CMP.40", "Guidance on the mechanism",
        "\tThe Conference of the Parties serving as the meeting of the Parties to the Kyoto Protocol,",
        "\tRecalling decision 3/CMP.1,",
        "\t\t1.\tWelcomes the annual report of the Executive Board;",
        "\t\t2.\tRequests the Executive Board to simplify its procedures;",
        "\t\t3.\tAlso requests the secretariat to report on progress by June 2041;",
        "\t9th plenary meeting", "\t17 November 2040", "",
        "Decision 2/CMP.40", "Accreditation of entities",
        "\tThe Conference of the Parties serving as the meeting of the Parties to the Kyoto Protocol,",
        "\t\t1.\tTakes note of the entities accredited, listed in the annex;",
        "\t9th plenary meeting", "\t17 November 2040",
        "Annex", "\tAccredited entities", "Name of entity\tSectoral scopes",
        "Carbon Check Ltd.\t1, 3 and 13", "Earth Science Ltd.\t15",
    ])
    doc = parse_text(text, "cmp40.txt")
    assert [d.symbol for d in doc.decisions] == ["1/CMP.40", "2/CMP.40"]
    assert operative(doc, "1/CMP.40") == ["1", "2", "3"]
    assert not any("Welcomes the annual report" in line for line in doc.furniture)


def test_a_label_with_a_space_before_its_tab_still_numbers_its_paragraph():
    text = "\n".join([
        "Decision 3/CP.40", "Gender and climate change", "\tThe Conference of the Parties,",
        "\tRecalling decision 3/CP.25,",
        "\t4.\tEncourages Parties to enhance their efforts;",
        "\t5. \tAdopts the gender action plan contained in the annex;",
        "\t6.\tRequests the secretariat to report on its implementation;",
    ])
    doc = parse_text(text, "cop40.txt")
    assert operative(doc, "3/CP.40") == ["4", "5", "6"]
    [adopts] = [p.text for p in doc.passages if p.number == "5"]
    assert adopts == "Adopts the gender action plan contained in the annex;"


@pytest.mark.parametrize("line", [
    "\t\t“3.\tFurther welcomes the report of the Executive Committee;",  # a paragraph it quotes
    "\t\t8 bis.\tThe report to facilitate the calculation;",  # an amendment inserting a paragraph
    "\t\t15(b)(iv) bis.\tWhen a Party included in Annex I",
    "\t\t12(g)\tTransfers by the Party of units from its reserve account;",
    "\t\t3.1\tOption (a): facilitative measures only;",
    "\t\ta.\tA long-term zero emissions pathway;",
    "\t\tii.\tThe in-session workshop referred to above;",
    "\t\t\uf0b7\tThe governing body means the body of this agreement;",  # a converter's bullet glyph
    "\t\to\tWhere do we want to go?",
])
def test_a_labelled_line_inside_a_paragraph_keeps_its_text(line):
    # Left with its tab, such a line was the header row of a one-line table, and headers are not text.
    text = line.rsplit("\t", 1)[1]
    doc = parse_text("\n".join([
        "Decision 3/CP.40", "Loss and damage", "\tThe Conference of the Parties,", "\tRecalling decision 3/CP.25,",
        "\t1.\tDecides to transmit the following:", line, "\t2.\tRequests the secretariat to report;",
    ]), "cop40.txt")
    assert operative(doc, "3/CP.40") == ["1", "2"]
    [first] = [p.text for p in doc.passages if p.kind == "paragraph" and p.number == "1"]
    assert first.endswith(text) and not any(p.kind == "table_row" for p in doc.passages)


def test_a_label_alone_on_its_line_is_a_leftover_not_text():
    doc = parse_text("\n".join([
        "Decision 3/CP.40", "Loss and damage", "\tThe Conference of the Parties,", "\tRecalling decision 3/CP.25,",
        "\t1.\tRequests the secretariat to report;", "\t9th plenary meeting", "\t23 November 2040", "", "\tI.\t",
        "\tDecision 4/CP.40", "Gender", "\tThe Conference of the Parties,", "\t1.\tWelcomes the report;",
    ]), "cop40.txt")
    assert [p.text for p in doc.passages if p.kind == "paragraph"] == ["Requests the secretariat to report;",
                                                                       "Welcomes the report;"]


def test_a_decision_framed_in_a_one_column_table_reads_as_text():
    framed = ["\t| Decision 3/CMA.40 |", "\t| Matters relating to the work programme |",
              "\t| The Conference of the Parties serving as the meeting of the Parties to the Paris Agreement, |",
              "\t| Recalling decision 1/CMA.1, |", "\t| 1.\tCongratulates Parties that have ratified the Agreement; |",
              "\t| I.\tWork programme |", "\t| 2.\tExpresses its appreciation to the subsidiary bodies; |"]
    doc = parse_text("\n".join(framed), "cma40.txt")
    assert operative(doc, "3/CMA.40") == ["1", "2"]
    assert not any(p.kind == "table_row" for p in doc.passages)
    assert any(s.title == "Work programme" for s in doc.sections)


def test_a_decision_s_table_rows_are_numbered_in_order():
    doc = parse_text("\n".join([
        "Decision 21/CP.40", "Programme budget", "\tThe Conference of the Parties,", "\tRecalling decision 22/CP.21,",
        "\t1.\tApproves the budget in table 1 below;", "Table 1", "Core budget (EUR)", "Programme\t2041\t2042",
        "Adaptation\t2 677 500\t2 684 600", "Mitigation\t7 956 080\t7 670 780", "Total\t10 633 580\t10 355 380",
    ]), "cop40.txt")
    assert [p.key for p in doc.passages if p.kind == "table_row"] == [
        "21/CP.40.t1.r1", "21/CP.40.t1.r2", "21/CP.40.t1.r3"]
