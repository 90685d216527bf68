"""graph.rdf on hand-built documents, and SHACL validation (graph.validate) of the result."""

from __future__ import annotations

import time

import pytest
from rdflib import RDF, Graph, Literal

from graph.model import DecisionCitation, Footnote, Passage
from graph.parse import parse_file, parse_text
from graph.rdf import CKG, ELI, TEXT_CAP, build_graph, decision_iri, document_iri, session_iri
from graph.validate import DocumentInvalid, check
from paths import FIXTURES
from sample_documents import annual_report, long_report, synthesis_report


@pytest.fixture(scope="module")
def report() -> Graph:
    return build_graph(annual_report())


def passage(g: Graph, doc_id: str, key: str):
    return document_iri(doc_id) + f"/passage/{key}"


def cited(g: Graph, citer) -> dict[str, set[str]]:
    """decision symbol -> decision paragraphs, over the citer's reified citations."""
    out: dict[str, set[str]] = {}
    for c in g.objects(citer, CKG.hasCitation):
        symbol = str(g.value(g.value(c, CKG.citesDecision), CKG.symbol))
        out.setdefault(symbol, set()).update(str(g.value(p, CKG.number)) for p in g.objects(c, CKG.citesParagraph))
    return out


def test_sample_documents_conform(report):
    check(report, "000_report.txt")
    check(build_graph(synthesis_report()), "001_synthesis.txt")


def test_decision_iri_is_shared_across_documents(report):
    both = report + build_graph(synthesis_report())
    decisions = list(both.subjects(CKG.symbol, Literal("1/CMA.5")))
    assert decisions == [decision_iri("1/CMA.5")]
    assert str(decisions[0]).endswith("/decision/1-CMA-5")
    citing = {s for s in both.subjects(ELI.cites, decisions[0]) if (s, RDF.type, CKG.Passage) in both}
    assert citing == {passage(both, "000_report", "p3"), passage(both, "001_synthesis", "p1")}
    check(both, "both")  # the merged graph still has one symbol, one session per decision


def test_decision_adopted_at_session_of_body(report):
    d = decision_iri("1/CMA.5")
    session = report.value(d, CKG.adoptedAt)
    assert session == session_iri("CMA 5") and str(session).endswith("/session/CMA-5")
    assert str(report.value(session, CKG.name)) == "CMA 5"
    assert report.value(session, CKG.sessionNumber).toPython() == 5
    assert str(report.value(report.value(session, CKG.ofBody), CKG.code)) == "CMA"
    assert str(report.value(report.value(decision_iri("21/CP.23"), ELI.passed_by), CKG.code)) == "COP"
    assert report.value(decision_iri("21/CP.23"), CKG.adoptedAt) == session_iri("COP 23")


def test_footnote_citation_propagates_to_its_paragraph(report):
    p1 = passage(report, "000_report", "p1")
    footnote = report.value(p1, CKG.hasFootnote)
    assert str(report.value(footnote, CKG.number)) == "1"
    assert cited(report, p1) == {"21/CP.23": {"18"}}
    assert cited(report, footnote) == {"21/CP.23": {"18"}}
    citation = report.value(p1, CKG.hasCitation)
    assert report.value(citation, CKG.viaFootnote) == footnote
    assert (p1, ELI.cites, decision_iri("21/CP.23")) in report


def test_document_citations_say_whether_a_footnote_makes_them(report):
    p2 = passage(report, "000_report", "p2")
    made = {}
    for c in report.objects(p2, CKG.hasCitation):
        symbol = report.value(report.value(c, CKG.citesDocumentSymbol), CKG.symbol)
        via = report.value(c, CKG.viaFootnote)
        made[str(symbol)] = via and str(report.value(via, CKG.number))
    assert made == {"FCCC/SBI/2026/7": None, "FCCC/SBI/2026/7/Add.1": "2"}
    footnote = report.value(p2, CKG.hasFootnote)
    assert {str(report.value(s, CKG.symbol)) for s in report.objects(footnote, CKG.citesDocument)} == {
        "FCCC/SBI/2026/7/Add.1"}


def test_citation_of_nothing_is_a_violation(report):
    g = build_graph(annual_report("bad"))
    citation = next(iter(g.subjects(CKG.citesDocumentSymbol, None)))
    g.remove((citation, CKG.citesDocumentSymbol, None))
    with pytest.raises(DocumentInvalid) as err:
        check(g, "bad.txt")
    assert "a citation cites either a decision or a document symbol" in str(err.value)


def test_decision_paragraphs_kept(report):
    assert cited(report, passage(report, "000_report", "p3")) == {"2/CMA.5": {"9", "10"}, "1/CMA.5": set()}
    para = decision_iri("2/CMA.5") + "/para/9"
    assert (para, RDF.type, CKG.DecisionParagraph) in report
    assert report.value(para, ELI.is_part_of) == decision_iri("2/CMA.5")


def test_an_annex_paragraph_cited_and_realized_is_no_paragraph_of_the_decision():
    note = parse_text("Note by the secretariat\n\nAs provided in decision 4/CMA.1, annex II, paragraph 1(e), and "
                      "paragraph 2 of the annex to decision 7/CMA.13.\n", "note.txt")
    g = build_graph(note)
    check(g, "note.txt")
    cite = decision_iri("4/CMA.1") + "/annex-II/para/1(e)"
    assert (cite, RDF.type, CKG.AnnexParagraph) in g and (cite, RDF.type, CKG.DecisionParagraph) in g
    assert (str(g.value(cite, CKG.annex)), str(g.value(cite, CKG.number))) == ("II", "1(e)")
    assert cited(g, passage(g, note.doc_id, "b1")) == {"4/CMA.1": {"1(e)"}, "7/CMA.13": {"2"}}
    # The decision's text: its annex's paragraph 2 realizes the annex paragraph cited, and its own paragraph 2 its own.
    decisions = build_graph(parse_file(FIXTURES / "decisions_en.txt"))
    check(decisions, "decisions_en.txt")
    annexed, own = decision_iri("7/CMA.13") + "/annex/para/2", decision_iri("7/CMA.13") + "/para/2"
    realized = {p: decisions.value(predicate=ELI.realizes, object=p) for p in (annexed, own)}
    assert realized == {annexed: passage(decisions, "decisions_en", "7-CMA.13.p2~2"),
                        own: passage(decisions, "decisions_en", "7-CMA.13.p2")}
    assert g.value(decision_iri("7/CMA.13") + "/annex/para/2", CKG.annex) is None  # its only annex
    # An annex numbered as none is (a converter's slip) does not make the document invalid.
    odd = parse_text("Note\n\nAs in paragraph 5 of annex 99 to decision 1/CMA.5 and paragraph 2 of annex 0 to decision "
                     "1/CMA.5.\n", "odd.txt")
    check(build_graph(odd), "odd.txt")


def test_mandate_and_follow_up(report):
    doc = document_iri("000_report")
    mandate = report.value(doc, CKG.hasMandate)
    assert report.value(doc, CKG.followsUp) == mandate
    assert report.value(predicate=CKG.states, object=mandate) == passage(report, "000_report", "p1")
    assert report.value(mandate, CKG.restsOn) == decision_iri("21/CP.23")
    assert str(report.value(report.value(mandate, CKG.restsOnParagraph), CKG.number)) == "18"
    assert report.value(mandate, CKG.issuedAt) == session_iri("COP 23")
    assert str(report.value(report.value(mandate, CKG.issuedBy), CKG.code)) == "COP"
    assert (str(report.value(mandate, CKG.addressee)), str(report.value(mandate, CKG.addresseeText))) == (
        "secretariat", "秘书处")
    assert str(report.value(mandate, CKG.mandateKind)) == "request"
    assert str(report.value(report.value(mandate, CKG.viaFootnote), CKG.number)) == "1"


def test_mandate_rests_on_several_decision_paragraphs():
    doc = annual_report()
    doc.mandates[0].decision_paragraphs = ("4", "16")
    g = build_graph(doc)
    check(g, doc.source)
    mandate = g.value(document_iri(doc.doc_id), CKG.hasMandate)
    paragraphs = list(g.objects(mandate, CKG.restsOnParagraph))
    assert sorted(str(g.value(p, CKG.number)) for p in paragraphs) == ["16", "4"]
    assert all((p, RDF.type, CKG.DecisionParagraph) in g
               and g.value(p, ELI.is_part_of) == decision_iri("21/CP.23") for p in paragraphs)


def test_structure_metadata_and_acronyms(report):
    doc = document_iri("000_report")
    assert str(report.value(doc, CKG.sourceFile)) == "000_report.txt"
    assert str(report.value(report.value(doc, CKG.hasSymbol), CKG.symbol)) == "FCCC/SBI/2026/5"
    assert report.value(doc, CKG.forSession) == session_iri("SBI 64")
    assert report.value(report.value(doc, CKG.hasAgendaItem), CKG.ofSession) == session_iri("SBI 64")
    top = {str(report.value(s, CKG.key)) for s in report.objects(doc, CKG.hasSection)}
    assert top == {"I", "II"}
    chapter2 = document_iri("000_report") + "/section/II"
    sub = report.value(chapter2, CKG.hasSection)
    assert str(report.value(sub, CKG.key)) == "II.A"
    assert {str(report.value(p, CKG.key)) for p in report.objects(sub, CKG.contains)} == {"p3", "t1.r1"}
    p3 = passage(report, "000_report", "p3")
    assert (p3, RDF.type, CKG.Paragraph) in report and (p3, RDF.type, CKG.Passage) in report
    assert str(report.value(p3, CKG.number)) == "3"
    assert sorted(str(report.value(s, CKG.number)) for s in report.objects(p3, CKG.hasSubparagraph)) == ["a", "b"]
    assert (passage(report, "000_report", "t1.r1"), RDF.type, CKG.TableRow) in report
    docsyms = {str(report.value(s, CKG.symbol))
               for s in report.objects(passage(report, "000_report", "p2"), CKG.citesDocument)}
    assert docsyms == {"FCCC/SBI/2026/7", "FCCC/SBI/2026/7/Add.1"}
    ipcc = doc + "/acronym/IPCC"
    assert {str(o) for o in report.objects(ipcc, None) if isinstance(o, Literal)} == {
        "IPCC", "政府间气候变化专门委员会", "气专委"}


def test_passage_text_appends_footnotes_and_is_capped(report):
    p1 = passage(report, "000_report", "p1")
    assert str(report.value(p1, CKG.text)).endswith("提供资料。 ¹ 第 21/CP.23 号决定，第 18 段。")
    assert "¹" not in str(report.value(p1, CKG.passageText))
    doc = annual_report(extra="很长的文字。" * 400)
    g = build_graph(doc)
    text = str(g.value(passage(g, doc.doc_id, "p1"), CKG.text))
    assert len(text) <= TEXT_CAP and text.endswith("¹ 第 21/CP.23 号决定，第 18 段。")
    check(g, doc.source)


def test_paragraph_without_number_names_file_and_passage():
    doc = annual_report("bad")
    doc.passages[1].number = None
    with pytest.raises(DocumentInvalid) as err:
        check(build_graph(doc), doc.source)
    message = str(err.value)
    assert message.startswith("bad.txt: passage p2") and "number" in message
    assert "\n" not in message


def test_malformed_decision_symbol_names_the_citing_paragraph():
    doc = annual_report("bad")
    doc.passages[2].citations.append(DecisionCitation("1/XYZ.5", ("3",), "第 1/XYZ.5 号决定"))
    doc.footnotes.append(Footnote("2", "第 0/CMA.5 号决定。", [DecisionCitation("0/CMA.5")], passage_key="p2"))
    with pytest.raises(DocumentInvalid) as err:
        check(build_graph(doc), doc.source)
    violations = err.value.violations
    assert any(v.startswith("paragraph 3 (passage p3)") and "1/XYZ.5" in v for v in violations)
    assert any(v.startswith("paragraph 2 (passage p2)") and "0/CMA.5" in v for v in violations)
    assert str(err.value).startswith("bad.txt: ") and "more)" in str(err.value)


def test_addressee_outside_the_vocabulary_is_a_violation():
    doc = annual_report("bad")
    doc.mandates[0].addressee = "两个附属机构的主席"
    with pytest.raises(DocumentInvalid) as err:
        check(build_graph(doc), doc.source)
    assert "an addressee is secretariat" in str(err.value) and "paragraph 1 (passage p1)" in str(err.value)


def test_dangling_references_are_violations():
    doc = annual_report("bad")
    doc.passages.append(Passage("p9", "paragraph", "孤立的段落", number="9", section="IX", order=9))
    doc.mandates[0].passage = "p99"
    with pytest.raises(DocumentInvalid) as err:
        check(build_graph(doc), doc.source)
    text = " | ".join(err.value.violations)
    assert "section/IX" in text and "passage/p99" in text


def test_build_and_validate_are_fast():
    doc = long_report(passages=150)
    start = time.perf_counter()
    g = build_graph(doc)
    check(g, doc.source)
    assert time.perf_counter() - start < 5.0
