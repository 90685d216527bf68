"""Who a mandate addresses: the addressee as written, in Chinese or English, mapped to a small vocabulary
(docs/schema.md): secretariat, Parties, non-Party stakeholders (or, in the Chinese reports, both together),
a body's abbreviation (SBI, IPCC, PCCB, UNGA…), its Chair or Chairs (SBSTA Chair, SB Chairs), or other.
"""

from __future__ import annotations

import re

from graph.symbols import BODIES, body_code

OTHER = "other"

# Addressees as written -> their term. Longest first when matching, so "非缔约方利益相关方" wins over "缔约方".
ADDRESSEES: dict[str, str] = {
    "缔约方和非缔约方利益相关方": "Parties and non-Party stakeholders",
    "非缔约方利益相关方": "non-Party stakeholders",
    "发达国家缔约方": "Parties", "发展中国家缔约方": "Parties", "各缔约方": "Parties", "缔约方": "Parties",
    "执行秘书": "secretariat", "秘书处": "secretariat",  # the Executive Secretary heads the secretariat
    "两个附属机构的主席": "SB Chairs", "两个附属机构主席": "SB Chairs", "附属机构的主席": "SB Chairs",
    "附属机构主席": "SB Chairs",
    "non-Party stakeholders": "non-Party stakeholders", "Parties": "Parties",
    "the Executive Secretary": "secretariat", "the secretariat": "secretariat", "the UNFCCC secretariat": "secretariat",
    "the Chairs of the subsidiary bodies": "SB Chairs", "the SB Chairs": "SB Chairs",
}
# Constituted bodies and other institutions addressed by name, in Chinese and English, with the abbreviation the
# UNFCCC gives them (a document's own table of abbreviations adds its own).
CONSTITUTED_BODIES: dict[str, str] = {
    "巴黎能力建设委员会": "PCCB", "技术执行委员会": "TEC", "适应委员会": "AC", "最不发达国家专家组": "LEG",
    "资金问题常设委员会": "SCF", "实施应对措施的影响问题卡托维兹专家委员会": "KCI",
    "政府间气候变化专门委员会": "IPCC", "气候技术中心和网络": "CTCN", "绿色气候基金": "GCF", "全球环境基金": "GEF",
    "Adaptation Committee": "AC", "Technology Executive Committee": "TEC",
    "Climate Technology Centre and Network": "CTCN", "Paris Committee on Capacity-building": "PCCB",
    "Standing Committee on Finance": "SCF", "Least Developed Countries Expert Group": "LEG",
    "Consultative Group of Experts": "CGE", "Glasgow Committee on Non-market Approaches": "GCNMA",
    "Katowice Committee of Experts on the Impacts of the Implementation of Response Measures": "KCI",
    "Facilitative Working Group": "FWG", "Intergovernmental Panel on Climate Change": "IPCC",
    "United Nations General Assembly": "UNGA", "General Assembly of the United Nations": "UNGA",
    "Green Climate Fund": "GCF", "Global Environment Facility": "GEF", "Adaptation Fund Board": "AFB",
    "Adaptation Fund": "AF", "Supervisory Body": "SBM", "Article 6.4 Supervisory Body": "SBM",
    "Paris Agreement Implementation and Compliance Committee": "PAICC",
    "Executive Committee of the Warsaw International Mechanism": "ExCom",
    "Executive Board of the clean development mechanism": "CDM-EB",
    "Joint Implementation Supervisory Committee": "JISC",
}
ABBREVIATION_RE = re.compile(r"[A-Z][A-Za-z0-9+-]{1,15}")  # a body's abbreviation in the vocabulary: "PCCB"
# An addressee written at the start of a Chinese clause: a name of the vocabulary, else a named committee, group,
# forum, fund… ("巴黎能力建设委员会", "最不发达国家专家组", "绿色气候基金"), or its chairs.
ZH_ADDRESSEE_RE = re.compile(
    "|".join(re.escape(a) for a in sorted(ADDRESSEES, key=len, reverse=True) if not a.isascii())
    + "|(?:" + "|".join(re.escape(a) for a in sorted(CONSTITUTED_BODIES, key=len, reverse=True) if not a.isascii())
    + r"|[\u4e00-\u9fff《》]{2,24}?(?:委员会|专家组|工作组|论坛|机构|基金|机制|网络|中心|理事会))"
    + r"(?:的(?:联合主席|共同主席|主席))?"
)
_CHAIRS_ZH_RE = re.compile(r"的?(?:联合主席|共同主席|主席)$")  # a body's chairs are addressed for the body
# "the Chair of the Subsidiary Body for Scientific and Technological Advice", "the SBSTA Chair", "the co-chairs of …".
_CHAIR_OF_EN_RE = re.compile(r"^(?:the\s+)?(?P<chair>(?:co-)?[Cc]hairs?|Presidents?)\s+of\s+(?:the\s+)?(?P<body>.+)$")
_CHAIR_AFTER_EN_RE = re.compile(r"^(?:the\s+)?(?P<body>[A-Z]{2,6})\s+(?P<chair>Chairs?)$")
# Whom an English addressee is, by its head noun: "developed country Parties", "all Parties to the Convention".
_PARTIES_EN_RE = re.compile(r"\bParties\b(?!\s+(?:serving|to the Kyoto|to the Paris Agreement,? serving))")
_NOT_PARTIES_EN_RE = re.compile(r"non-Party|Conference of the Parties|meeting of the Parties")
_EN_QUALIFIER_RE = re.compile(
    r"\s*(?:,\s*)?(?:\(.*\)|,?\s+(?:including|in particular|especially|inter alia|as appropriate)\b.*)$"
)
_ENGLISH_NAMES = {**{n: c for c, names in BODIES.items() for n in [names["en"]]}, **{
    n: c for n, c in CONSTITUTED_BODIES.items() if n.isascii()}}


def addressee_term(written: str, abbreviations: dict[str, str]) -> str:
    """The vocabulary term for an addressee as written; `abbreviations` maps the names in the document's table
    of abbreviations (Chinese or English) to their abbreviations."""
    if written in ADDRESSEES:
        return ADDRESSEES[written]
    if written.isascii():
        return _english_term(written, abbreviations)
    name = _CHAIRS_ZH_RE.sub("", written)
    term = abbreviations.get(name) or CONSTITUTED_BODIES.get(name) or body_code(name)
    return term if term and ABBREVIATION_RE.fullmatch(term) else OTHER


def _english_term(written: str, abbreviations: dict[str, str]) -> str:
    text = _EN_QUALIFIER_RE.sub("", " ".join(written.split()))  # "the secretariat, including through its …"
    if text in ADDRESSEES:
        return ADDRESSEES[text]
    if m := _CHAIR_OF_EN_RE.match(text) or _CHAIR_AFTER_EN_RE.match(text):
        body = _english_body(m["body"], abbreviations)
        plural = m["chair"].lower().endswith("s")
        return f"{body} {'Chairs' if plural else 'Chair'}" if body else OTHER
    if body := _english_body(text, abbreviations):
        return body
    if _PARTIES_EN_RE.search(text) and not _NOT_PARTIES_EN_RE.search(text):
        return "Parties"
    if re.search(r"\bsecretariat\b", text) and not re.search(r"\bsecretariats\b|of the \w", text):
        return "secretariat"
    return OTHER


def _english_body(text: str, abbreviations: dict[str, str]) -> str | None:
    """The abbreviation of the body `text` names: "the Subsidiary Body for Implementation" -> "SBI"."""
    name = re.sub(r"^the\s+", "", text.strip())
    if name.lower() == "subsidiary bodies":
        return "SB"
    term = body_code(name) or abbreviations.get(name) or _ENGLISH_NAMES.get(name)
    if term is None and ABBREVIATION_RE.fullmatch(name) and name.isupper():
        term = name  # an abbreviation itself: "the SBSTA", "the IPCC"
    return term if term and ABBREVIATION_RE.fullmatch(term) else None


def english_names(abbreviations: dict[str, str]) -> list[str]:
    """Every English name the vocabulary knows, longest first: the names an addressee list is split around."""
    names = {*(n for n in ADDRESSEES if n.isascii()), *_ENGLISH_NAMES, *(n for n in abbreviations if n.isascii())}
    return sorted(names, key=len, reverse=True)
