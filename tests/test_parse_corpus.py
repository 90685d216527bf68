"""End to end on the shared corpus: every example citation and mandate of doc 000 is found,
and every document parses within the passage size limit."""

import itertools
import json
import re
import unicodedata

import pytest

from graph.model import AgendaItem, Document
from graph.parse import parse_file
from graph.parse.sentences import MAX_PASSAGE_CHARS
from paths import CORPUS, EVAL, require_shared


def norm(text: str) -> str:
    """The contract's normalisation: NFKC, no whitespace, no footnote markers."""
    text = re.sub(r"<sup>\s*\d+\s*</sup>", "", text)
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]", "", text)  # before NFKC, which turns them into digits
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text)


def _examples(name):
    path = require_shared(EVAL / name)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


_docs: dict[str, Document] = {}


def doc_of(name):
    if name not in _docs:
        _docs[name] = parse_file(require_shared(CORPUS / name))
    return _docs[name]


def _paragraph(doc, number):
    return [p for p in doc.passages if p.kind == "paragraph" and p.number == number]


def _has(cites, ex):
    return any(c.symbol == ex["decision"] and list(c.paragraphs) == ex["decision_paragraphs"] for c in cites)


@pytest.mark.parametrize("ex", _examples("example_citations_000.jsonl") if EVAL.is_dir() else [],
                         ids=lambda e: e["quote"][:20])
def test_example_citation_found(ex):
    doc = doc_of(ex["doc"])
    where = ex["location"]
    if where == "abbreviations":
        rows = [p for p in doc.passages if p.key.startswith("abbr.")]
        assert any(_has(r.citations, ex) and norm(ex["quote"]) in norm(r.text) for r in rows)
    elif where == "footnote":
        [note] = [f for f in doc.footnotes if f.number == ex["via_footnote"]]
        assert _has(note.citations, ex) and norm(ex["quote"]) in norm(note.text)
        [anchor] = [p for p in doc.passages if p.key == note.passage_key]
        assert anchor.number == ex["citing_paragraph"] and norm(ex["anchor_quote"]) in norm(anchor.text)
    elif where == "inline":
        parts = _paragraph(doc, ex["citing_paragraph"])
        assert any(_has(p.citations, ex) and norm(ex["quote"]) in norm(p.text) for p in parts)
    else:
        rows = [p for p in doc.passages if p.kind == "table_row"]
        assert any(_has(r.citations, ex) and norm(ex["quote"]) in norm(r.text) for r in rows)


@pytest.mark.parametrize("ex", _examples("example_mandates_000.jsonl") if EVAL.is_dir() else [],
                         ids=lambda e: e["kind"])
def test_example_mandate_found(ex):
    doc = doc_of(ex["doc"])
    keys = {p.key for p in _paragraph(doc, ex["report_paragraph"])}
    found = [
        m for m in doc.mandates
        if m.passage in keys and m.decision == ex["decision"] and norm(ex["quote"]) in norm(m.quote)
    ]
    assert found, f"no mandate in paragraph {ex['report_paragraph']} on {ex['decision']}"
    m = found[0]
    assert (m.kind, m.body, m.session, m.decision_paragraphs[:1], m.addressee, m.via_footnote,
            m.fulfilled_by_this_report) == (
        ex["kind"], ex["issuing_body"], ex["session"], (ex["decision_paragraph"],), ex["addressee"], ex["via_footnote"],
        ex["fulfilled_by_this_report"])  # the example gives one decision paragraph: the first the mandate rests on


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else ["(none)"])
def test_corpus_document_parses(name):
    doc = parse_file(require_shared(CORPUS) / name)
    assert doc.passages
    assert all(0 < len(p.text) <= MAX_PASSAGE_CHARS for p in doc.passages)
    assert len({p.key for p in doc.passages}) == len(doc.passages)
    assert not any(re.search(r"https?://", p.text) for p in doc.passages if doc.style == "brochure")


def test_reports_keep_line_breaks_only_between_paragraphs_and_items():
    for name in ("000_e75f1952de058665.txt", "001_939cf770f026bd75.txt"):
        for passage in doc_of(name).passages:
            lines = passage.text.split("\n")
            for before, line in itertools.pairwise(lines):
                assert re.match(r"\([a-z]{1,4}\) |[-•] ", line) or re.search(r"[。：:；;]$", before), (
                    name, passage.key)


def test_brochure_narrow_columns_are_reflowed():
    texts = [p.text for p in doc_of("003_6cfd863ef6650e26.txt").passages]
    assert any(t.startswith("联合国环境大会是世界上有关环境事宜的最高决策机构，") for t in texts)  # a sidebar column
    assert any("《斯德哥尔摩公约》秘书处" in t for t in texts)  # a line broken inside 《》
    assert any(t.startswith("执行主任致辞\n去年，") for t in texts)  # a heading keeps its own line


def test_reports_front_matter():
    annual, synthesis = doc_of("000_e75f1952de058665.txt"), doc_of("001_939cf770f026bd75.txt")
    assert (annual.title, annual.author, annual.sessions) == ("2025年《气候公约》工作成果亮点", "秘书处", ["SBI 64"])
    assert annual.agenda_items == [AgendaItem("临时议程项目18 行政、财务和体制事项", "SBI 64")]
    assert synthesis.sessions == ["SBSTA 60", "SBI 60"]
    # each session heading comes before its agenda item
    assert [(a.text[:8], a.session) for a in synthesis.agenda_items] == [
        ("临时议程项目3 ", "SBSTA 60"), ("临时议程项目5(", "SBI 60")]
    assert [p.number for p in annual.passages if p.kind == "paragraph"] == [str(n) for n in range(1, 42)]


def test_synthesis_mandates():
    synthesis = doc_of("001_939cf770f026bd75.txt")
    [chairs] = [m for m in synthesis.mandates if m.passage == "p4"]
    # footnote 3: "见第 19/CMA.1 号决定，第 4 和第 16 段。"
    assert (chairs.decision, chairs.decision_paragraphs, chairs.via_footnote) == ("19/CMA.1", ("4", "16"), "3")
    assert (chairs.addressee, chairs.addressee_text) == ("SB Chairs", "两个附属机构的主席")
    addressees = [(m.addressee, m.addressee_text) for m in synthesis.mandates if m.passage == "p1"]
    assert addressees == [
        ("Parties and non-Party stakeholders", "缔约方和非缔约方利益相关方"), ("secretariat", "秘书处")]
