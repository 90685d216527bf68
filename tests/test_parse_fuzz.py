"""Fuzzing the parser: random documents in every style, and real ones cut anywhere, never raise anything but
DocumentError (the one-line error ingest reports). What parses also builds an RDF graph that SHACL accepts or refuses
with DocumentInvalid, itself a DocumentError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import DocumentError
from graph.parse import parse_text
from graph.rdf import build_graph
from graph.validate import check

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = {p.name: p.read_text(encoding="utf-8") for p in sorted(FIXTURES.iterdir()) if p.is_file()}

# Lines of every kind the parser tells apart, in the styles of the corpus: tab-indented labels, markdown, pipe
# tables, page furniture, footnotes, decision headings, meeting lines, and the invisible characters converters leave.
LINES = st.sampled_from([
    "Decision 1/CMA.5", "\tDecision 21/CP.23", "Resolution 1/CMA.1", "第 7/CMA.13 号决定", "Annex", "Annex II",
    "[English only]", "\tThe Conference of the Parties,", "\tRecalling decision 19/CMA.1, paragraph 15,",
    "\t\t1.\tRequests the secretariat to prepare a report by 1 March 2024;", "\t\t(a)\tTo organize a workshop;",
    "\t\t(i)\tOne;", "II.\tOrganizational matters", "(Agenda item 2)", "\tA.\tAdoption of the agenda",
    "\t1.\tProceedings", "6th plenary meeting", "13 December 2023", "第 6 次全体会议", "2023 年 12 月 13 日",
    "| Party | 2018 | 2019 |", "| --- | --- | --- |", "|  | United Nations | FCCC/PA/CMA/2023/16/Add.1 |",
    "一. 导言", "1. 缔约方会议第二十三届会议(COP 23)请秘书处编写一份年度报告。¹", "¹ 第 21/CP.23 号决定，第 18 段。",
    "## 二. 执行情况", "<sup>2</sup> FCCC/SBI/2026/7", "[^3]: 见第 1/CMA.5 号决定。", "表 1", "图 2", "GE.26-01234",
    "12", "Contents", "\t\tI.\tOpening of the session\t\t5", "简称和缩略语", "PCCB\t\t巴黎能力建设委员会",
    "Abbreviations and acronyms", "\t| CMA | Conference of the Parties serving as the meeting |",
    "Also invites Parties and non-Party stakeholders to submit views at its sixtieth session (June 2024) and "
    "requests the secretariat to prepare a synthesis report for consideration at its subsequent session;",
    "\u200e", "\uf0a7", "paragraphs 6–\u200d13 above", "\u00ad", "", "   ", "\t",
])
TEXTS = st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=60).map("\n".join)
SEPARATORS = st.sampled_from(["\n", "\r\n", "\r"])


def parses_or_refuses(text: str) -> None:
    try:
        doc = parse_text(text, "fuzz.txt")
        check(build_graph(doc), doc.source)
    except DocumentError:
        pass


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(TEXTS, SEPARATORS)
def test_random_documents(text, newline):
    parses_or_refuses(text.replace("\n", newline))


@FUZZ
@given(st.sampled_from(sorted(SAMPLES)), st.data())
def test_real_documents_cut_anywhere(name, data):
    text = SAMPLES[name]
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    parses_or_refuses(text[start:end])
