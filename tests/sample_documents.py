"""Hand-built parsed documents (graph.model) shaped like the corpus reports, for the RDF and loader tests."""

from __future__ import annotations

import hashlib

from graph.model import Acronym, AgendaItem, DecisionCitation, Document, Footnote, Mandate, Passage, Section


def annual_report(doc_id: str = "000_report", extra: str = "") -> Document:
    """An SBI report following up a COP 23 mandate (footnote 1 cites 21/CP.23 para. 18) and citing 1/CMA.5;
    paragraph 2 cites FCCC/SBI/2026/7 in its text and its addendum through footnote 2."""
    source = f"{doc_id}.txt"
    return Document(
        source=source,
        doc_id=doc_id,
        style="plain",
        content_hash=hashlib.sha256(f"{source}{extra}".encode()).hexdigest(),
        title="2025年《气候公约》工作成果亮点",
        author="秘书处",
        symbol="FCCC/SBI/2026/5",
        date_text="2026年6月8日至18日",
        place_text="波恩",
        agenda_items=[AgendaItem("临时议程项目18 行政、财务和体制事项", "SBI 64")],
        sessions=["SBI 64"],
        summary="本报告概述秘书处 2025 年工作成果亮点。",
        acronyms=[Acronym("PCCB", "巴黎能力建设委员会"), Acronym("IPCC", "政府间气候变化专门委员会", "气专委")],
        sections=[
            Section("I", "引言", 1, "一"),
            Section("II", "方案执行亮点", 1, "二"),
            Section("II.A", "适应", 2, "A", parent="II"),
        ],
        passages=[
            Passage(
                "p1", "paragraph",
                "缔约方会议第二十三届会议(COP 23)请秘书处编写一份年度报告。"
                "该报告就秘书处上一年开展的活动提供资料。" + extra,
                number="1", section="I", order=1, footnotes=["1"], sessions=["COP 23"],
            ),
            Passage(
                "p2", "paragraph",
                "本报告对 2024-2025 两年期预算执行情况说明(FCCC/SBI/2026/7)进行补充。",
                number="2", section="I", order=2, footnotes=["2"], doc_symbols=["FCCC/SBI/2026/7"],
            ),
            Passage(
                "p3", "paragraph",
                "在关于衡量第 2/CMA.5 号决定第 9-10 段所述具体目标实现进展的指标的工作方案之下："
                "(a) 技术工作；(b) 指标。"
                "第 1/CMA.5 号决定也请秘书处提供支持。",
                number="3", section="II.A", order=3,
                subparagraphs=[("a", "技术工作；"), ("b", "指标。")],
                citations=[
                    DecisionCitation("2/CMA.5", ("9", "10"), "第 2/CMA.5 号决定第 9-10 段"),
                    DecisionCitation("1/CMA.5", (), "第 1/CMA.5 号决定"),
                ],
            ),
            Passage("t1.r1", "table_row", "指标工作方案 | 经过一年的工作，技术专家们编制了 100 项初步指标",
                    section="II.A", order=4),
        ],
        footnotes=[
            Footnote("1", "第 21/CP.23 号决定，第 18 段。",
                     [DecisionCitation("21/CP.23", ("18",), "第 21/CP.23 号决定，第 18 段")], passage_key="p1"),
            Footnote("2", "另见 FCCC/SBI/2026/7/Add.1。", doc_symbols=["FCCC/SBI/2026/7/Add.1"], passage_key="p2"),
        ],
        mandates=[
            Mandate(
                passage="p1", kind="request", action="编写一份年度报告",
                quote="缔约方会议第二十三届会议(COP 23)请秘书处编写一份年度报告。",
                body="COP", session="COP 23", decision="21/CP.23", decision_paragraphs=("18",),
                addressee="secretariat", addressee_text="秘书处", via_footnote="1", fulfilled_by_this_report=True,
            ),
        ],
    )


def synthesis_report(doc_id: str = "001_synthesis") -> Document:
    """A second report that also cites 1/CMA.5, so both documents meet at one Decision."""
    source = f"{doc_id}.txt"
    return Document(
        source=source,
        doc_id=doc_id,
        style="plain",
        content_hash=hashlib.sha256(source.encode()).hexdigest(),
        title="与进行首次全球盘点相关的经验教训",
        symbol="FCCC/SB/2024/2",
        sessions=["SBSTA 60", "SBI 60"],
        passages=[
            Passage(
                "p1", "paragraph",
                "在 CMA 第五届会议上完成首次全球盘点并通过第 1/CMA.5 号决定之后，"
                "CMA 第五届会议请秘书处编写一份综合报告。",
                number="1", order=1, sessions=["CMA 5"],
                citations=[DecisionCitation("1/CMA.5", (), "第 1/CMA.5 号决定")],
            ),
        ],
        mandates=[
            Mandate(passage="p1", kind="request", action="编写一份综合报告",
                    quote="CMA 第五届会议请秘书处编写一份综合报告。", body="CMA", session="CMA 5", decision="1/CMA.5",
                    addressee="secretariat", fulfilled_by_this_report=True),
        ],
    )


def long_report(doc_id: str = "long_report", passages: int = 150) -> Document:
    """A report of `passages` numbered paragraphs, every third with a footnote citing a decision, for timings."""
    doc = annual_report(doc_id)
    doc.passages, doc.footnotes, doc.mandates = [], [], []
    for i in range(1, passages + 1):
        key = f"p{i}"
        notes = [str(i)] if i % 3 == 0 else []
        doc.passages.append(Passage(
            key, "paragraph", f"第 {i} 段：秘书处协助缔约方推进气候行动，组织了研讨会并编写了报告。" * 6,
            number=str(i), section="II.A", order=i, footnotes=notes,
            citations=[DecisionCitation(f"{i % 20 + 1}/CMA.5", (str(i % 40 + 1),), "")] if i % 2 else [],
            sessions=["CMA 5"] if i % 5 == 0 else [],
        ))
        if notes:
            doc.footnotes.append(Footnote(str(i), f"第 {i}/CP.23 号决定，第 {i % 30 + 1} 段。",
                                          [DecisionCitation(f"{i}/CP.23", (str(i % 30 + 1),), "")], passage_key=key))
    return doc
