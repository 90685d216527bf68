"""Mandate addressees: the text as written, normalised to the vocabulary of docs/schema.md."""

import pytest

from graph.parse import parse_text
from graph.parse.addressees import addressee_term

TABLE = {"巴黎能力建设委员会": "PCCB", "全球气候行动门户网站": "GCA portal"}


@pytest.mark.parametrize(("written", "term"), [
    ("秘书处", "secretariat"),
    ("执行秘书", "secretariat"),
    ("the secretariat", "secretariat"),
    ("各缔约方", "Parties"),
    ("发展中国家缔约方", "Parties"),
    ("非缔约方利益相关方", "non-Party stakeholders"),
    ("缔约方和非缔约方利益相关方", "Parties and non-Party stakeholders"),
    ("两个附属机构的主席", "SB Chairs"),
    ("巴黎能力建设委员会", "PCCB"),  # from the document's table of abbreviations
    ("巴黎能力建设委员会的联合主席", "PCCB"),  # its chairs act for the body
    ("技术执行委员会", "TEC"),  # a constituted body the table does not define
    ("附属履行机构", "SBI"),
    ("全球气候行动门户网站", "other"),  # in the table, but its abbreviation is no body code
    ("高级别委员会", "other"),
    ("the Chair of the Subsidiary Body for Scientific and Technological Advice", "SBSTA Chair"),
    ("the Chairs of the subsidiary bodies", "SB Chairs"),
    ("the Subsidiary Body for Implementation", "SBI"),
    ("the Conference of the Parties serving as the meeting of the Parties to the Kyoto Protocol", "CMP"),
    ("the Intergovernmental Panel on Climate Change", "IPCC"),
    ("the United Nations General Assembly", "UNGA"),
    ("the Executive Secretary", "secretariat"),
    ("the secretariat, including through its regional collaboration centres", "secretariat"),
    ("all Parties to the Convention", "Parties"),
    ("developed country Parties", "Parties"),
    ("non-Party stakeholders", "non-Party stakeholders"),
    ("the Glasgow Committee on Non-market Approaches", "GCNMA"),
    ("organizations in a position to do so", "other"),
    ("the Board", "other"),
])
def test_addressee_vocabulary(written, term):
    assert addressee_term(written, TABLE) == term


def test_mandates_keep_the_addressee_as_written():
    text = "\n\n".join([
        "技术工作进展", "秘书处的说明",
        "简称和缩略语", "PCCB\t\t巴黎能力建设委员会",
        "一. 导言",
        "1. CMA 第三届会议请两个附属机构的主席组织对话，并请巴黎能力建设委员会的共同主席提交报告。",
        "2. CMA 第三届会议还请高级别委员会提供意见。",
    ])
    mandates = parse_text(text, "note.txt").mandates
    assert [(m.addressee, m.addressee_text) for m in mandates] == [
        ("SB Chairs", "两个附属机构的主席"), ("PCCB", "巴黎能力建设委员会的共同主席"), ("other", "高级别委员会")]
