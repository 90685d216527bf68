"""UNFCCC symbols in Chinese and English text: decisions, sessions, bodies, document symbols.

Shared by the document parser and the query understanding, so both recognise
`第 1/CMA.5 号决定第 193 段`, `decision 1/CMA.5 paragraph 193`, `缔约方会议第二十三届会议`,
`COP 23` and `FCCC/SBI/2026/7` the same way.

Canonical forms: decision "1/CMA.5", session "CMA 5", body code "CMA".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from graph.model import DecisionCitation, DocumentCitation

T = TypeVar("T")

# Body codes and their names. A decision symbol names the body by its own suffix (CP for the COP).
BODIES: dict[str, dict[str, str]] = {
    "COP": {"zh": "缔约方会议", "en": "Conference of the Parties"},
    "CMA": {
        "zh": "作为《巴黎协定》缔约方会议的《公约》缔约方会议",
        "en": "Conference of the Parties serving as the meeting of the Parties to the Paris Agreement",
    },
    "CMP": {
        "zh": "作为《京都议定书》缔约方会议的《公约》缔约方会议",
        "en": "Conference of the Parties serving as the meeting of the Parties to the Kyoto Protocol",
    },
    "SBSTA": {"zh": "附属科学技术咨询机构", "en": "Subsidiary Body for Scientific and Technological Advice"},
    "SBI": {"zh": "附属履行机构", "en": "Subsidiary Body for Implementation"},
    "SB": {"zh": "附属机构", "en": "subsidiary bodies"},
}
DECISION_SUFFIX_TO_BODY = {"CP": "COP", "CMA": "CMA", "CMP": "CMP"}
_SUFFIX = {"COP": "CP"}  # the COP's code written in a symbol

# Every way a body is named, mapped to its code. Extra aliases are the short forms the
# Chinese reports use ("《协定》/《公约》缔约方会议") and English variants.
_BODY_ALIASES: dict[str, str] = {
    **{names["zh"]: code for code, names in BODIES.items()},
    **{names["en"]: code for code, names in BODIES.items()},
    "《协定》/《公约》缔约方会议": "CMA",
    "《议定书》/《公约》缔约方会议": "CMP",
    "《巴黎协定》缔约方会议": "CMA",
    "《京都议定书》缔约方会议": "CMP",
    # As people type them, without the title marks.
    "作为巴黎协定缔约方会议的公约缔约方会议": "CMA",
    "作为京都议定书缔约方会议的公约缔约方会议": "CMP",
    "巴黎协定缔约方会议": "CMA",
    "京都议定书缔约方会议": "CMP",
    "《公约》缔约方会议": "COP",
    # The press's names of the COP: "第二十九届缔约方大会", "第27届联合国气候变化大会".
    "缔约方大会": "COP",
    "联合国气候变化大会": "COP",
    "联合国气候大会": "COP",
    "附属机构届会": "SB",
    # The subsidiary bodies' short names in the Chinese documents: "科技咨询机构第六十届会议".
    "科技咨询机构": "SBSTA",
    "履行机构": "SBI",
    "Subsidiary Body for Scientific and Technological Advice": "SBSTA",
    "subsidiary bodies": "SB",
    **{code: code for code in BODIES},
}
# Longest alias first: "附属科学技术咨询机构" must win over "附属机构", the CMA's long name over "缔约方会议".
_BODY_NAME_ALT = "|".join(re.escape(a) for a in sorted(_BODY_ALIASES, key=len, reverse=True))
_BODY_KEYS_LOWER = {alias.lower(): code for alias, code in _BODY_ALIASES.items()}

# ---------------------------------------------------------------- invisible characters

# Converters leave invisible marks inside numbers and symbols ("paragraph \u200e192", "24–\u200d33", "50\u00ad–53",
# "twenty\u2011ninth"), and Chinese typesetting writes digits and Latin letters full width ("第１９／ＣＭＡ．１号决定",
# "ＣＯＰ２９"). Matching reads through them; each is replaced one for one, so offsets found in the visible text hold
# in the text as written (and quotes are cut from the text as written).
_FULL_WIDTH = [*"０１２３４５６７８９／．", *map(chr, range(ord("Ａ"), ord("Ｚ") + 1)),
               *map(chr, range(ord("ａ"), ord("ｚ") + 1))]
_VISIBLE = str.maketrans({**{c: " " for c in "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u00a0"},
                          "\u2010": "-", "\u2011": "-", **{c: chr(ord(c) - 0xFEE0) for c in _FULL_WIDTH}})


def visible(text: str) -> str:
    """`text` with invisible characters as spaces, non-breaking hyphens as "-" and full-width digits, Latin letters,
    "／" and "．" as ASCII: same length."""
    return text.translate(_VISIBLE)


def readings(text: str, regexes: Iterable[re.Pattern[str]], read: Callable[[re.Match[str]], T | None],
             ) -> list[tuple[T, int, int]]:
    """(reading, start, end) for what `read` makes of each match of `regexes` in `text`, in order of appearance. None
    is no reading, and leaves the span to the next regex; where two readings would overlap, the earlier regex's
    stands."""
    hits: list[tuple[T, int, int]] = []
    for regex in regexes:
        for m in regex.finditer(text):
            if any(start < m.end() and m.start() < end for _reading, start, end in hits):
                continue
            if (reading := read(m)) is not None:
                hits.append((reading, m.start(), m.end()))
    return sorted(hits, key=lambda hit: hit[1])


def with_lists(text: str, hits: list[tuple[T, int, int]], more: re.Pattern[str], group: str,
               read_next: Callable[[T, re.Match[str]], T]) -> list[tuple[T, int, int]]:
    """`hits` (reading, start, end), each followed by the rest of its list: what `read_next` makes of each match of
    `more` right after it, from the reading before it, spanning the match's `group` ("Articles 6.2 and 6.4", "agenda
    items 4 and 5"). A hit the list before it already read is left out."""
    found: list[tuple[T, int, int]] = []
    for reading, start, end in hits:
        if found and start < found[-1][2]:
            continue
        found.append((reading, start, end))
        while m := more.match(text, end):
            reading, end = read_next(reading, m), m.end()
            found.append((reading, m.start(group), end))
    return found


# ---------------------------------------------------------------- numerals

_CN_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100}
CN_NUMERAL = "[〇零一二两三四五六七八九十百]+"


def cn_to_int(text: str) -> int:
    """Chinese numeral (up to the hundreds) or Arabic digits -> int: "二十三" -> 23, "十" -> 10."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:  # a unit: "十" alone means ten
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """1..999 in Chinese numerals as session and article numbers are written: 5 -> 五, 23 -> 二十三, 10 -> 十."""
    if not 0 < n < 1000:
        raise ValueError(f"no Chinese numeral written for {n}: 1 to 999 only")
    digits = "零一二三四五六七八九"
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    out = f"{digits[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and units:
        out += "零"
    return out + (digits[units] if units else "")


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_RE = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def roman_to_int(text: str) -> int | None:
    """ "XIV" -> 14; None for what is no Roman numeral (an empty string, "IIII", "A")."""
    if not text or not _ROMAN_RE.fullmatch(text):
        return None
    values = [_ROMAN_VALUES[ch] for ch in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def int_to_roman(n: int) -> str:
    """14 -> "XIV"."""
    out = ""
    for value, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                           (1, "I")):
        count, n = divmod(n, value)
        out += numeral * count
    return out


_EN_ORDINAL_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_EN_ORDINAL_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                     "seventeenth", "eighteenth", "nineteenth"]
_EN_TENS = ["twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]  # + "y" / "ieth"
_EN_ORDINALS: dict[str, int] = {w: i + 1 for i, w in enumerate(_EN_ORDINAL_UNITS)}
_EN_ORDINALS |= {w: i + 10 for i, w in enumerate(_EN_ORDINAL_TEENS)}
for _i, _stem in enumerate(_EN_TENS):
    _tens = (_i + 2) * 10
    _EN_ORDINALS[_stem + "ieth"] = _tens
    for _j, _unit in enumerate(_EN_ORDINAL_UNITS):
        _EN_ORDINALS[f"{_stem}y-{_unit}"] = _tens + _j + 1
# An ordinal in words or in digits ("60th", "29th", "1st"), as people type it.
_DIGIT_ORDINAL = r"\d{1,3}(?:st|nd|rd|th)\b"
EN_ORDINAL = "|".join([*sorted(_EN_ORDINALS, key=len, reverse=True), _DIGIT_ORDINAL])

# ---------------------------------------------------------------- decisions

# A decision symbol: number / body suffix . session, e.g. 1/CMA.5, 21/CP.23, 3/CMP.1.
# Spaces around "/" and "." occur in converted text and queries.
# Written without its full stop or with the COP's code ("1/CMA5", "1/CMA 5", "1/COP.29") it is the same symbol. A
# number after a body's code is a session's: "COP 21/CMP 11" is two sessions held together, not decision 21/CMP.11.
DECISION_RE = re.compile(r"(?<![0-9A-Za-z/.])(?<!\b(?:COP|CMA|CMP|SBI)[\s-])(?<!\bSB[\s-])"
                         r"(\d{1,3})\s*/\s*(CP|COP|CMA|CMP)\s*\.?\s*(\d{1,3})(?!\d)", re.IGNORECASE)

# A cited decision paragraph: 34, 34(c), 2(a)(ii), and in Chinese numerals as a question may write it (第一百九十三段).
_PARA = rf"(?:\d{{1,3}}|{CN_NUMERAL})(?:\s*\([a-z]{{1,4}}\))*"
# A list of them: "4 和第 16", "9-10", "4、5 and 16", and as a question may write it, "192 段和第 193".
_PARA_LIST = rf"{_PARA}(?:\s*段?\s*(?:和|及|、|至|-|–|,|and|to)\s*(?:第\s*)?{_PARA})*"
# "第 4 段", and as people type it, "4 段" (a number in digits: "一段时间" is "a period").
_ZH_PARAS = rf"(?:第|(?=\d))\s*(?P<paras>{_PARA_LIST})\s*段"
# Chinese tail after the symbol: "号决定", an optional parenthetical gloss "(全球适应目标)", then "，第 4 和第 16 段"
# (or, as people type it, "的第 4 段", "中的第 4 段", "193段").
ZH_TAIL_RE = re.compile(rf"\s*号?\s*决定(?:\s*[(（][^()（）]{{1,40}}[)）])?(?:\s*[，,]?\s*(?:中?的)?\s*{_ZH_PARAS})?")
# Chinese paragraphs right after the symbol, as a question may write them: "决定 1/CMA.5 第 192 段",
# "决定1/CMA.5的第192段".
ZH_PARAS_RE = re.compile(rf"\s*[，,]?\s*(?:中?的)?\s*{_ZH_PARAS}")
# "paragraph", "paras.", the pilcrow of web pages and notes ("¶ 192", "¶¶ 36–37"), the section sign some type for it
# ("§ 193"), and the negotiators' operative paragraph ("OP 193", "OP193").
_EN_PARAGRAPH = r"(?:paragraphs?|paras?\.?|¶¶?|§§?|\bOPs?)"
# English tail after the symbol: ", paragraph 193", " paras. 4 and 16", " ¶192", " (paras 36-37)".
EN_TAIL_RE = re.compile(rf"\s*(?P<open>\()?,?\s*{_EN_PARAGRAPH}\s*(?P<paras>{_PARA_LIST})(?(open)\s*\))", re.IGNORECASE)
# English paragraphs written before what they are of: "paragraphs 4 and 16 of …", "¶193 of …".
_PARAS_OF = rf"{_EN_PARAGRAPH}\s*(?P<paras>{_PARA_LIST})\s+of\s+"
# … of a decision: "paragraphs 4 and 16 of decision 19/CMA.1", "¶193 of 1/CMA.5".
EN_HEAD_RE = re.compile(rf"{_PARAS_OF}(?:decisions?\s*)?$", re.IGNORECASE)
# A decision's preambular paragraph by its place, as negotiators name one: "PP 6 of decision 2/CMA.5", "preambular
# paragraph 6 of 2/CMA.5", "the sixth preambular paragraph of decision 2/CMA.5", "2/CMA.5, PP6",
# "第2/CMA.5号决定序言部分第六段"; not the decision's paragraph 6, which is operative. The decisions do not number
# their preambular paragraphs; the graph counts them (`PreambularParagraph.number`).
_PREAMBULAR = rf"(?:\bPPs?|preambular\s+paragraphs?)\s*(?P<paras>{_PARA_LIST})"
_PP_HEAD_RE = re.compile(
    rf"(?:{_PREAMBULAR}|(?P<ordinal>{EN_ORDINAL})\s+preambular\s+paragraph)\s+of\s+(?:decision\s+)?$", re.IGNORECASE)
_PP_TAIL_RE = re.compile(
    rf"\s*(?:号\s*)?(?:决定)?\s*[，,]?\s*(?:{_PREAMBULAR}|(?:中?的)?\s*序言(?:部分)?\s*第\s*(?P<zh>{CN_NUMERAL}|\d+)\s*段)",
    re.IGNORECASE)
# A paragraph of a decision's annex, which numbers its paragraphs apart from the decision's own: named before the
# symbol, "paragraph 146 of the annex to decision 18/CMA.1", "paragraph 12 of annex I to decision 5/CMA.5", or the
# annex alone before it and the paragraph after, "annex to decision 16/CMA.1, paragraph 4"; ...
_ANNEX_NUM = r"[IVX]{1,4}|\d{1,2}"
_ANNEX_HEAD_RE = re.compile(
    rf"(?:{_EN_PARAGRAPH}\s*(?P<paras>{_PARA_LIST})\s*,?\s+of\s+)?(?:the\s+)?annex(?:\s+(?P<annex>{_ANNEX_NUM}))?"
    r"\s+(?:to|of)\s+(?:the\s+)?(?:decisions?\s*)?$", re.IGNORECASE)
# ... or after it: "decision 15/CP.1, annex, paragraph 7(a)", "5/CMA.5 annex II para. 3",
# "第 18/CMA.1 号决定，附件，第 146 段", "第5/CMA.5号决定附件二第12段". "Annex I Parties" (附件一所列缔约方) are the
# Convention's, and no decision's.
_ANNEX_TAIL_RE = re.compile(
    rf"\s*(?:号\s*)?(?:决定)?\s*[，,]?\s*(?:的\s*)?(?:annex(?:\s+(?P<annex>{_ANNEX_NUM}))?\s*,?\s*{_EN_PARAGRAPH}\s*"
    rf"(?P<paras>{_PARA_LIST})|附件(?P<annex_zh>{CN_NUMERAL}|\d{{1,2}})?\s*[，,]?\s*(?:中?的)?\s*第\s*"
    rf"(?P<paras_zh>{_PARA_LIST})\s*段)", re.IGNORECASE)
# An annex cited by its own name: the modalities, procedures and guidelines of the transparency framework are the annex
# to decision 18/CMA.1, "para. 71 of the MPGs", "MPGs para 35", 模式、程序和指南第35段 ("these MPGs", in their own
# text, are no citation).
MPGS_DECISION = "18/CMA.1"
_MPGS_RE = re.compile(
    rf"(?i:{_EN_PARAGRAPH})\s*(?P<paras>{_PARA_LIST})\s*,?\s+of\s+the\s+MPGs?\b"
    rf"|\bMPGs?\s*,?\s*(?i:{_EN_PARAGRAPH})\s*(?P<paras_after>{_PARA_LIST})"
    rf"|模式、程序和指南\s*(?:中?的)?\s*第\s*(?P<paras_zh>{_PARA_LIST})\s*段")
# What may stand before a symbol and belongs to the quote: "第 ", "decision(s) ", or "决定" as a question may write it.
_LEAD_RE = re.compile(r"(?:第\s*|decisions?\s+|决定\s*)$", re.IGNORECASE)
_RANGE_RE = re.compile(r"^(\d+)\s*段?\s*(?:-|–|至|to)\s*(?:第\s*)?(\d+)$")
_MAX_RANGE = 30  # "第 9-10 段" is a range; "第 1990-2020 段" would not be


def _canonical(number: str, suffix: str, session: str) -> str:
    return f"{int(number)}/{_SUFFIX.get(suffix.upper(), suffix.upper())}.{int(session)}"


def canonical_decision(text: str) -> str | None:
    """The canonical symbol of the first decision named in `text` ("第1/cma.5号决定" -> "1/CMA.5")."""
    m = DECISION_RE.search(visible(text))
    return _canonical(*m.groups()) if m else None


def validate_decision(symbol: str) -> str:
    """A user-supplied decision symbol, canonical; ValueError naming it when it is not one."""
    m = DECISION_RE.fullmatch(symbol.strip())
    if m is None:
        raise ValueError(f"unknown decision symbol {symbol!r} (expected e.g. 1/CMA.5, 21/CP.23, 3/CMP.1)")
    number, suffix, session = m.groups()
    if int(number) == 0 or int(session) == 0:
        raise ValueError(f"unknown decision symbol {symbol!r}: decision and session numbers start at 1")
    return _canonical(number, suffix, session)


def split_paragraphs(paras: str) -> tuple[str, ...]:
    """ "4 和第 16" -> ("4", "16"); "9-10" -> ("9", "10"); "34(c)" -> ("34(c)",)."""
    paras = re.sub(CN_NUMERAL, lambda m: str(cn_to_int(m[0])), paras)
    parts = re.split(r"\s*段?\s*(?:和|及|、|,|and)\s*(?:第\s*)?", paras.strip())
    out: list[str] = []
    for part in parts:
        rng = _RANGE_RE.match(part)
        if rng and 0 < int(rng[2]) - int(rng[1]) <= _MAX_RANGE:
            out.extend(str(n) for n in range(int(rng[1]), int(rng[2]) + 1))
        elif rng:
            out.extend(rng.groups())
        else:
            out.append(re.sub(r"\s+", "", part))
    return tuple(dict.fromkeys(p for p in out if p))


def find_decision_citations(text: str) -> list[DecisionCitation]:
    """Every decision cited in `text`, with the decision paragraphs where the text gives them."""
    found: list[DecisionCitation] = []
    written, text = text, visible(text)
    for m in DECISION_RE.finditer(text):
        lead = _LEAD_RE.search(text, max(0, m.start() - 12), m.start())
        if annexed := _annex_citation(text, m):
            start, end, annex, annex_paragraphs = annexed
            start = lead.start() if lead and start == m.start() else start
            found.append(DecisionCitation(_canonical(*m.groups()), (), written[start:end].strip(),
                                          annex_paragraphs=annex_paragraphs, annex=annex))
            continue
        start, end, paras = m.start(), m.end(), ""
        preambular: tuple[str, ...] = ()
        head = EN_HEAD_RE.search(text, max(0, start - 80), start)
        pp_head = _PP_HEAD_RE.search(text, max(0, start - 80), start)
        tail = ZH_TAIL_RE.match(text, end) or EN_TAIL_RE.match(text, end) or ZH_PARAS_RE.match(text, end)
        if tail:
            end = tail.end()
            paras = tail.group("paras") or ""
        if not paras and (pp_tail := _PP_TAIL_RE.match(text, end)):
            end, preambular = pp_tail.end(), _preambular(pp_tail)
        elif not paras and pp_head:
            start, preambular = pp_head.start(), _preambular(pp_head)
        elif not paras and head:
            paras, start = head.group("paras"), head.start()
        if lead and start == m.start():
            start = lead.start()
        quote = written[start:end].strip()
        found.append(DecisionCitation(_canonical(*m.groups()), split_paragraphs(paras) if paras else (), quote,
                                      preambular))
    for m in _MPGS_RE.finditer(text):
        paragraphs = split_paragraphs(m["paras"] or m["paras_after"] or m["paras_zh"])
        found.append(DecisionCitation(MPGS_DECISION, (), written[m.start():m.end()].strip(),
                                      annex_paragraphs=paragraphs))
    return found


def _annex_citation(text: str, m: re.Match[str]) -> tuple[int, int, str, tuple[str, ...]] | None:
    """The paragraphs of an annex cited with the decision `m`: (start, end, annex, paragraphs); None when none is."""
    if tail := _ANNEX_TAIL_RE.match(text, m.end()):
        return (m.start(), tail.end(), annex_number(tail["annex"] or tail["annex_zh"] or ""),
                split_paragraphs(tail["paras"] or tail["paras_zh"]))
    head = _ANNEX_HEAD_RE.search(text, max(0, m.start() - 80), m.start())
    if head is None:
        return None
    annex = annex_number(head["annex"] or "")
    if head["paras"]:
        return head.start(), m.end(), annex, split_paragraphs(head["paras"])
    if after := EN_TAIL_RE.match(text, m.end()):
        return head.start(), after.end(), annex, split_paragraphs(after["paras"])
    return None  # "contained in the annex to decision 18/CMA.1": the decision, no paragraph of it


def annex_number(written: str) -> str:
    """An annex's number as the decisions head it, in Roman numerals: "二" -> "II", "2" -> "II", "ii" -> "II"; "" for
    none, or for one no decision has (0, 100)."""
    if written.isdigit() or re.fullmatch(CN_NUMERAL, written):
        n = cn_to_int(written)  # digits too
        return int_to_roman(n) if 0 < n < 100 else ""
    return written.upper() if roman_to_int(written.upper()) else ""


def annex_paragraph(annex: str, number: str) -> str:
    """A paragraph of a decision's annex as the graph's CITES holds it: "146" of the annex, "II 1(e)" of annex II."""
    return f"{annex} {number}" if annex else number


def _preambular(m: re.Match[str]) -> tuple[str, ...]:
    """The preambular paragraphs a _PP_HEAD_RE or _PP_TAIL_RE match names."""
    named = m.groupdict()
    if named.get("zh"):
        return (str(cn_to_int(named["zh"])),)
    if named.get("ordinal"):
        return (str(en_ordinal(named["ordinal"])),)
    return split_paragraphs(named["paras"])


# "paragraph 192 above", "paragraphs 6–13 below", "上文第 192 段": paragraphs of the text that says it.
_INTERNAL_RE = re.compile(
    rf"paragraphs?\s+(?P<en>{_PARA_LIST})\s+(?:above|below)\b|[上下]文第\s*(?P<zh>{_PARA_LIST})\s*段", re.IGNORECASE
)


def find_internal_references(text: str) -> tuple[str, ...]:
    """The paragraphs of its own document that `text` refers to: "as referred to in paragraph 192 above" -> ("192",)."""
    numbers = (n for m in _INTERNAL_RE.finditer(visible(text)) for n in split_paragraphs(m["en"] or m["zh"]))
    return tuple(dict.fromkeys(numbers))


def session_of_decision(symbol: str) -> str:
    """The session that adopted a decision: "1/CMA.5" -> "CMA 5", "21/CP.23" -> "COP 23"."""
    m = DECISION_RE.fullmatch(validate_decision(symbol))
    assert m is not None  # a canonical symbol always matches
    _number, suffix, session = m.groups()
    return f"{DECISION_SUFFIX_TO_BODY[suffix.upper()]} {int(session)}"


# ---------------------------------------------------------------- bodies and sessions

_ASCII_EDGE_L, _ASCII_EDGE_R = r"(?<![A-Za-z])", r"(?![A-Za-z])"
BODY_CODE = "SBSTA|SBI|SB|COP|CMA|CMP"  # as sessions are written: "SBSTA 60", "COP 29"
# The highest session number each body can have had by the 2040s: a larger ordinal names another body's session
# ("the sixty-first session" is no CMA's).
MAX_SESSION = {"COP": 50, "CMP": 40, "CMA": 30, "SB": 100, "SBSTA": 100, "SBI": 100}
# Sessions' numbers: in Chinese, "第四届和第五届", "第五届至第七届"; in English, "fifth and sixth", "29th to 30th".
_ZH_SESSION_NUMS = rf"(?:{CN_NUMERAL}|\d+)\s*届(?:\s*(?:和|及|、|至)\s*第?\s*(?:{CN_NUMERAL}|\d+)\s*届)*"
_EN_SESSION_NUMS = rf"(?:{EN_ORDINAL})(?:\s*(?:,|and|to)\s*(?:{EN_ORDINAL}))*"
# "CMA 第五届会议", "缔约方会议第二十三届会议", "CMA 第四届和第五届会议", "CMA 第五届至第七届会议", and as a
# question may write it, "CMA的第五届会议", "COP第29届".
_ZH_SESSION_RE = re.compile(
    rf"{_ASCII_EDGE_L}(?P<body>{_BODY_NAME_ALT})\s*(?:的\s*)?第\s*(?P<nums>{_ZH_SESSION_NUMS})(?:\s*(?:会议|会|届会))?"
)
# "COP 23", "COP29", "COP-29", "SBI 62 和 63", a range, "SBSTA 52–55" (the 2021 sessions, held as one), "COP 26 to
# COP 28", and as people type them, "cop29" and "CMA.5" (a decision symbol's session, but not inside one: "1/CMA.5"
# is a decision): a body code and a session number written with digits; "COP 21/CMP 11", sessions held together.
_CODE_SESSION_RE = re.compile(
    rf"{_ASCII_EDGE_L}(?!(?:(?<=/)|(?<=/\s))(?:{BODY_CODE})\.)"
    rf"(?P<body>{BODY_CODE})s?[\s.-]?"
    rf"(?P<nums>\d{{1,2}}(?:\s*(?:和|及|、|,|and|to|至|-|–)\s*(?:(?P=body)\s*)?\d{{1,2}})*)"
    rf"(?![\d.%])(?!/(?!\s*(?:{BODY_CODE})\b))",
    re.IGNORECASE,
)
# The number before the body: "第二十九届缔约方大会", "第27届联合国气候变化大会", "第六十二届附属机构会议".
_NUMBER_FIRST_RE = re.compile(rf"第\s*(?P<nums>{CN_NUMERAL}|\d+)\s*[届次]\s*(?P<body>{_BODY_NAME_ALT})")
# "fifth session of the CMA", "twenty-third and twenty-fourth sessions of the Conference of the Parties", and as the
# press writes it, "the 29th Conference of the Parties", "the fifth CMA".
_EN_SESSION_RE = re.compile(
    rf"{_ASCII_EDGE_L}(?P<nums>{_EN_SESSION_NUMS})\s+(?:sessions?\s+of\s+the\s+)?"
    rf"(?P<body>{_BODY_NAME_ALT}){_ASCII_EDGE_R}",
    re.IGNORECASE,
)
# The body, then its session, as the English documents mostly write it: "by the Subsidiary Body for Implementation at
# its forty-sixth session", "the CMA, at its fifth session,", "the subsidiary bodies at their sixtieth sessions"; and
# as a question may, "the SBSTA's sixtieth session".
_ITS_SESSION_RE = re.compile(
    rf"{_ASCII_EDGE_L}(?P<body>{_BODY_NAME_ALT})(?:['’]s|,?\s+(?:at|by)\s+(?:its|their))\s+"
    rf"(?P<nums>{_EN_SESSION_NUMS})\s+sessions?",
    re.IGNORECASE,
)
# Where each COP met since the CMP's first session, for "巴库大会", "贝伦会议", "the Glasgow Climate Change
# Conference"; a city that hosted two (Bonn, Marrakech) names neither.
VENUES: dict[int, tuple[str, ...]] = {
    11: ("Montreal", "Montréal", "蒙特利尔"), 12: ("Nairobi", "内罗毕"), 13: ("Bali", "巴厘岛", "巴厘"),
    14: ("Poznan", "Poznań", "波兹南"), 15: ("Copenhagen", "哥本哈根"), 16: ("Cancun", "Cancún", "坎昆"),
    17: ("Durban", "德班"), 18: ("Doha", "多哈"), 19: ("Warsaw", "华沙"), 20: ("Lima", "利马"), 21: ("Paris", "巴黎"),
    24: ("Katowice", "卡托维兹"), 25: ("Madrid", "马德里"), 26: ("Glasgow", "格拉斯哥"),
    27: ("Sharm el-Sheikh", "沙姆沙伊赫"), 28: ("Dubai", "迪拜"), 29: ("Baku", "巴库"), 30: ("Belém", "Belem", "贝伦"),
}
_COP_AT = {city.lower(): cop for cop, cities in VENUES.items() for city in cities}
_VENUE_RE = re.compile(
    rf"{_ASCII_EDGE_L}(?P<city>{'|'.join(sorted(map(re.escape, _COP_AT), key=len, reverse=True))})\s*"
    r"(?:(?:气候(?:变化)?)?(?:大会|会议)|(?:(?:UN\s+)?Climate\s+(?:Change\s+)?)?Conference\b)",
    re.IGNORECASE,
)

# A conference by its year, as the press names it: "the 2023 UN Climate Change Conference", "2023年联合国气候变化大会".
_YEAR_CONFERENCE_RE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*(?:年\s*(?:的\s*)?(?:联合国)?气候(?:变化)?大会"
    r"|(?:UN\s+|United\s+Nations\s+)?Climate\s+(?:Change\s+)?Conference\b)",
    re.IGNORECASE,
)


def cop_in_year(year: int) -> int | None:
    """The COP held in `year`: one a year from the first, in 1995, but none in 2020 (COP 26 met in 2021)."""
    cop = year - 1994 if year <= 2019 else year - 1995 if year >= 2021 else 0
    return cop if 0 < cop <= MAX_SESSION["COP"] else None


# The subsidiary bodies' June sessions in Bonn, as their conference is named: "Bonn Climate Change Conference – June
# 2024", "the June 2024 Bonn climate talks", "the June 2024 sessions", "the SB sessions in June 2024", "agreed in Bonn
# in June 2024", "2024年6月波恩气候变化大会", "2024年6月波恩会议".
_YEAR = r"((?:19|20)\d\d)"  # unnamed: each form has its own
_BONN_RE = re.compile(
    rf"\bBonn\s+(?:UN\s+)?Climate\s+(?:Change\s+)?Conference\s*[-–—,(]?\s*(?:June\s+)?{_YEAR}"
    rf"|\b(?:June\s+)?{_YEAR}\s+Bonn\s+(?:(?:UN\s+)?climate\s+(?:change\s+)?)?(?:conference|sessions?|talks)\b"
    rf"|\bJune\s+{_YEAR}\s+(?:SB\s+)?sessions?\b|\bsessions?\s+in\s+June\s+{_YEAR}|\bBonn\s+in\s+(?:June\s+)?{_YEAR}"
    rf"|{_YEAR}\s*年\s*(?:6|六)?\s*月?\s*(?:的\s*)?波恩\s*(?:气候(?:变化)?)?(?:大会|会议)",
    re.IGNORECASE,
)


def sb_in_june(year: int) -> int | None:
    """The subsidiary bodies' session held in Bonn in June of `year`: two sessions a year since 1997 (SB 6 in June),
    none in June 2020 or 2021 (2021's met as one, SB 52–55), and two a year again from 2022 (SB 56 in June)."""
    sb = 2 * (year - 1994) if 1997 <= year <= 2019 else 56 + 2 * (year - 2022) if year >= 2022 else 0
    return sb if 0 < sb <= MAX_SESSION["SB"] else None


def sessions_held_with(cop: int) -> list[str]:
    """The sessions held with a COP: the CMP's from COP 11, the CMA's from COP 24 (its first session's third part)."""
    held = [f"COP {cop}"] + [f"CMP {cop - 10}"] * (cop >= 11)
    return held + ([f"CMA {max(cop - 23, 1)}"] if cop >= 24 else [])


# A COP of another convention (CBD, UNCCD) named just before: "《生物多样性公约》第16次缔约方大会（COP16）".
_OTHER_CONVENTION_RE = re.compile(r"生物多样性公约|荒漠化公约|Biological Diversity|Desertification|Ramsar|CITES")
_OTHER_CONVENTION_WINDOW = 30
# Bodies outside the Convention that hold numbered sessions too: "SBSTA 注意到气专委在第六十届会议上…" is the IPCC's.
_OTHER_BODY_RE = re.compile(
    rf"{_OTHER_CONVENTION_RE.pattern}|IPCC|气专委|政府间气候变化专门委员会|Intergovernmental Panel"
    r"|UNEA|环境大会|Environment Assembly|General Assembly|联合国大会|Board|理事会", re.IGNORECASE)


def body_code(name: str) -> str | None:
    """The body code for a name or code: "附属履行机构" -> "SBI", "cma" -> "CMA"."""
    return _BODY_KEYS_LOWER.get(name.strip().lower())


def body_of_session(session: str) -> str:
    """ "CMA 5" -> "CMA"; ValueError naming it for anything else."""
    m = re.fullmatch(rf"({BODY_CODE}) ([1-9]\d*)", session)
    if m is None:
        raise ValueError(f"unknown session {session!r} (expected e.g. CMA 5, COP 23, SBI 64)")
    return m[1]


def _session_numbers(nums: str, to_int) -> list[int]:
    """ "第四届和第五届" -> [4, 5]; "第五届至第七届" -> [5, 6, 7]; "62 和 63" -> [62, 63]; "3-5" -> [3, 4, 5]."""
    tokens = re.findall(rf"(?:{CN_NUMERAL}|{EN_ORDINAL}|\d+)|至|to|-|–", nums, re.IGNORECASE)
    out: list[int] = []
    pending_range = False
    for tok in tokens:
        if tok.lower() in ("至", "to", "-", "–"):
            pending_range = True
            continue
        n = to_int(tok)
        if pending_range and out and 0 < n - out[-1] <= _MAX_RANGE:
            out.extend(range(out[-1] + 1, n))
        pending_range = False
        out.append(n)
    return out


def _en_ordinal(word: str) -> int:
    n = en_ordinal(word)
    if n is None:
        raise ValueError(f"not an English ordinal: {word!r}")
    return n


def en_ordinal(word: str) -> int | None:
    """ "sixtieth" -> 60, "twenty-ninth" -> 29, "60th" -> 60; None for anything else."""
    word = visible(word).lower()
    if re.fullmatch(_DIGIT_ORDINAL, word):
        return int(word[:-2])
    return _EN_ORDINALS.get(word)


_ORDINAL_WORDS = {n: word for word, n in _EN_ORDINALS.items()}


def ordinal_word(n: int) -> str | None:
    """en_ordinal's inverse: 60 -> "sixtieth", 29 -> "twenty-ninth"; None beyond the ordinals read."""
    return _ORDINAL_WORDS.get(n)


# "the first session of the Subsidiary Body for Implementation each year", "at its first session held after the end of
# the reporting period", "at its first session of 2028": a year's first (or second) session, whose number the text
# does not give.
_IN_YEAR_RE = re.compile(
    r"\s+held\s+after\b|\s+(?:(?:of|in)\s+)?(?:each|every|the)\s+year\b|\s+(?:of|in)\s+(?:19|20)\d\d\b")


def counted_in_year(ordinal: int, text: str, end: int) -> bool:
    """Whether the session of `ordinal` whose words end at text[end] is counted within a year or from an event
    ("its first session of each year"), not from the body's first."""
    return ordinal <= 2 and _IN_YEAR_RE.match(text, end) is not None


def iter_sessions(text: str):
    """(session, start, end) for every session named in `text`, in order of appearance."""
    text = visible(text)
    hits = []
    for regex, to_int in (
        (_ZH_SESSION_RE, cn_to_int),
        (_CODE_SESSION_RE, int),
        (_NUMBER_FIRST_RE, cn_to_int),
        (_EN_SESSION_RE, _en_ordinal),
        (_ITS_SESSION_RE, _en_ordinal),
    ):
        for m in regex.finditer(text):
            if _OTHER_CONVENTION_RE.search(text, max(0, m.start() - _OTHER_CONVENTION_WINDOW), m.start()):
                continue
            sessions = _numbered_sessions(body_code(m["body"]), m["nums"], to_int, text, m.end())
            hits += [(session, m.start(), m.end()) for session in sessions]
    for m in _VENUE_RE.finditer(text):
        hits += [(session, m.start(), m.end()) for session in sessions_held_with(_COP_AT[m["city"].lower()])]
    for m in _YEAR_CONFERENCE_RE.finditer(text):
        if cop := cop_in_year(int(m["year"])):
            hits += [(session, m.start(), m.end()) for session in sessions_held_with(cop)]
    for m in _BONN_RE.finditer(text):
        if sb := sb_in_june(int(next(year for year in m.groups() if year))):
            hits.append((f"SB {sb}", m.start(), m.end()))
    return sorted(hits, key=lambda h: h[1])


# A session written without its body, as a question writes it after naming the body: "What did the CMA request at
# its fifth session?", "科技咨询机构在其第六十届会议上…", "附属科学技术咨询机构主席在第六十届会议上". Not "第3次会议",
# a meeting. In a decision, "its" is as often the issuing body's as the last one named (the parser's deadlines weigh
# which); a question names the body it asks about.
_BODILESS_SESSION_RE = re.compile(
    rf"{_ASCII_EDGE_L}(?:at|in|during)\s+(?P<s>(?:its|their|the)\s+(?P<en>{_EN_SESSION_NUMS})\s+sessions?){_ASCII_EDGE_R}"
    rf"|[在于]\s*(?P<zh_s>其?\s*第\s*(?P<zh>{_ZH_SESSION_NUMS})\s*(?:会议|会|届会))",
    re.IGNORECASE,
)


def iter_sessions_of_body_named(text: str):
    """(session, start, end) for every session `text` writes without its body, each the session of the body named
    last before it (if its number is one that body's sessions can have, and no body outside the Convention is named
    between them). The span leaves out the preposition before it ("at", 在), which a rendering keeps."""
    text = visible(text)
    hits = []
    for m in _BODILESS_SESSION_RE.finditer(text):
        bodies = iter_bodies(text[: m.start()])
        if not bodies or _OTHER_BODY_RE.search(text, bodies[-1][2], m.start()):
            continue
        sessions = _numbered_sessions(bodies[-1][0], m["en"] or m["zh"], _en_ordinal if m["en"] else cn_to_int, text,
                                      m.end())
        span = "s" if m["en"] else "zh_s"
        hits += [(session, m.start(span), m.end(span)) for session in sessions]
    return hits


# A decision by its number and the session that adopted it, as a question may name one: "CMA 5 decision 1", "decision
# 1 of CMA 5", "decision 10 adopted at COP 29", "CMA 5 第1号决定", "缔约方会议第二十九届会议的第10号决定".
_NUMBER_AFTER_SESSION_RE = re.compile(
    r"\s*(?:的\s*)?(?:第\s*(?P<zh>\d{1,3})\s*号决定|decision\s+(?P<en>\d{1,3})\b)", re.IGNORECASE)
_NUMBER_BEFORE_SESSION_RE = re.compile(
    r"\bdecision\s+(?P<en>\d{1,3})\s+(?:of|from|adopted\s+(?:at|by))\s+(?:the\s+)?$", re.IGNORECASE)


def iter_decisions_by_session(text: str) -> list[tuple[str, int, int, tuple[str, ...]]]:
    """(symbol, start, end, paragraphs) for each decision `text` names by its number and the session that adopted it
    (a session of the COP, the CMP or the CMA, alone in its mention: the Baku conference's decision 1 is three
    decisions), with the paragraphs asked for after it: "CMA 5 decision 1, paragraph 193", "CMA 5 第1号决定第193段"."""
    text = visible(text)
    mentions = iter_sessions(text)
    spans = [(start, end) for _session, start, end in mentions]
    found = []
    for session, start, end in mentions:
        body, number = session.split()
        if body not in DECISION_SUFFIX_TO_BODY.values() or spans.count((start, end)) > 1:
            continue
        if after := _NUMBER_AFTER_SESSION_RE.match(text, end):
            n, end = after["zh"] or after["en"], after.end()
        elif before := _NUMBER_BEFORE_SESSION_RE.search(text, max(0, start - 40), start):
            n, start = before["en"], before.start()
        else:
            continue
        if int(n) > 0:
            paragraphs: tuple[str, ...] = ()
            if tail := EN_TAIL_RE.match(text, end) or ZH_PARAS_RE.match(text, end):
                paragraphs, end = split_paragraphs(tail["paras"]), tail.end()
            found.append((f"{int(n)}/{_SUFFIX.get(body, body)}.{number}", start, end, paragraphs))
    return found


def _numbered_sessions(body: str | None, nums: str, to_int, text: str, end: int) -> list[str]:
    """The sessions of `body` that `nums` (ending at text[end]) numbers, each read by `to_int`: none for a year's first
    session ("at its first session of 2028"), nor a number the body's sessions cannot have."""
    numbers = _session_numbers(nums, to_int)
    if not body or (to_int is _en_ordinal and len(numbers) == 1 and counted_in_year(numbers[0], text, end)):
        return []
    return [f"{body} {n}" for n in numbers if 0 < n <= MAX_SESSION[body]]


def find_sessions(text: str) -> list[str]:
    """Canonical sessions named in `text`, first mention first: ["COP 23", "CMA 5"]."""
    return list(dict.fromkeys(session for session, _s, _e in iter_sessions(text)))


_BODY_MENTION_RE = re.compile(rf"{_ASCII_EDGE_L}(?:{_BODY_NAME_ALT}){_ASCII_EDGE_R}", re.IGNORECASE)


def iter_bodies(text: str) -> list[tuple[str, int, int]]:
    """(body code, start, end) for every body named in `text`, with or without a session."""
    text = visible(text)
    return [(code, m.start(), m.end()) for m in _BODY_MENTION_RE.finditer(text) if (code := body_code(m[0]))]


def find_bodies(text: str) -> list[str]:
    """Body codes named in `text` (with or without a session), first mention first."""
    return list(dict.fromkeys(code for code, _s, _e in iter_bodies(text)))


# ---------------------------------------------------------------- treaty articles

# An article of a treaty (the Convention's, the Paris Agreement's) and its paragraph and item, as the decisions write
# it, "Article 2, paragraph 1(c)", and as the Chinese reports do, "第二条第一款第(三)项": the item's letter is a number
# in Chinese. Which treaty is a word of the question's own (《巴黎协定》, "of the Convention").
# As people type them too: "Art 6.4", "Article 6(4)", "Article 6 paragraph 4", "Art. 2.1c", 6.4条, 第6条4款; and several
# at once, "Articles 6.2 and 6.4", "Article 6, paragraphs 2 and 4", 第六条第二款和第四款 (_ARTICLE_MORE_RE).
_EN_ARTICLE_RE = re.compile(
    r"\bArt(?:icles?|s?\.?)\s*(?P<article>\d{1,3})"
    r"(?:\s*\.\s*(?P<dotted>\d{1,2})|\s*\(\s*(?P<paren>\d{1,2})\s*\)"
    r"|\s*,?\s*(?:paragraphs?|paras?\.?)\s*(?P<paragraph>\d{1,2}))?"
    r"(?:\s*\((?P<item>[a-z])\)|(?P<letter>[a-z])(?![a-z]))?(?![\d.]\d)", re.IGNORECASE)
_ZH_ARTICLE_RE = re.compile(
    rf"(?:第\s*(?P<article>{CN_NUMERAL}|\d{{1,3}})|(?P<bare>\d{{1,3}})(?=\s*\.\s*\d))\s*(?:\.\s*(?P<dotted>\d{{1,2}})\s*)?条"
    rf"(?:\s*第?\s*(?P<paragraph>{CN_NUMERAL}|\d{{1,2}})\s*款"
    rf"(?:\s*第?\s*[(（]\s*(?P<item>{CN_NUMERAL}|[a-z])\s*[)）]\s*项?)?)?")
# The next article or paragraph of a list: "… 6.2 and 6.4", "… paragraphs 2 and 4", "… 第二款和第四款", "… 和第九条".
_ARTICLE_MORE_RE = re.compile(
    rf"\s*(?:,|and|&|or|和|及|、|与|或)\s*(?P<ref>(?P<article>\d{{1,3}})\s*\.\s*(?P<dotted>\d{{1,2}})(?![\d.]\d)"
    rf"|第\s*(?P<zh>{CN_NUMERAL}|\d{{1,3}})\s*(?:(?P<paragraph_only>款)|条(?:\s*第?\s*(?P<zh_paragraph>{CN_NUMERAL}|\d{{1,2}})\s*款)?)"
    rf"|(?P<number>\d{{1,3}})(?![\d.]))", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """Article 2, paragraph 1, item 3: "Article 2, paragraph 1(c)", "第二条第一款第(三)项"."""

    article: int
    paragraph: int | None = None
    item: int | None = None

    @property
    def en(self) -> str:
        paragraph = f", paragraph {self.paragraph}" if self.paragraph else ""
        item = f"({chr(ord('a') + self.item - 1)})" if self.paragraph and self.item else ""
        return f"Article {self.article}{paragraph}{item}"

    @property
    def zh(self) -> str:
        return self._zh(int_to_cn)

    @property
    def zh_forms(self) -> tuple[str, ...]:
        """As the Chinese reports write it, and with Arabic digits, as some Chinese texts do: "第2条第1款第(3)项"."""
        return self.zh, self._zh(str)

    @property
    def en_forms(self) -> tuple[str, ...]:
        return (self.en,)

    def _zh(self, number) -> str:
        paragraph = f"第{number(self.paragraph)}款" if self.paragraph else ""
        item = f"第({number(self.item)})项" if self.paragraph and self.item else ""
        return f"第{number(self.article)}条{paragraph}{item}"


def _number(written: str | None) -> int | None:
    """A paragraph's or item's number as written: digits, a Chinese numeral, or an item's letter ("c" is 3)."""
    if not written:
        return None
    return ord(written.lower()) - ord("a") + 1 if written.isascii() and written.isalpha() else cn_to_int(written)


def iter_articles(text: str) -> list[tuple[Article, int, int]]:
    """(article, start, end) for every treaty article named in `text`, in order of appearance."""
    text = visible(text)
    return with_lists(text, readings(text, (_EN_ARTICLE_RE, _ZH_ARTICLE_RE), _article), _ARTICLE_MORE_RE, "ref",
                      _next_article)


def _article(m: re.Match[str]) -> Article:
    named = m.groupdict()
    paragraph = named["paragraph"] or named["dotted"] or named.get("paren")
    return Article(cn_to_int(named["article"] or named["bare"]), _number(paragraph),
                   _number(named["item"] or named.get("letter")))


def _next_article(before: Article, m: re.Match[str]) -> Article:
    """The article or paragraph after `before` in a list: "6.4" is an article's paragraph, 第四款 a paragraph of the
    same article, and a bare number one too where `before` is a paragraph, else an article ("Articles 4 and 6")."""
    if m["dotted"]:
        return Article(int(m["article"]), int(m["dotted"]))
    if m["zh"]:
        if m["paragraph_only"]:
            return Article(before.article, cn_to_int(m["zh"]))
        return Article(cn_to_int(m["zh"]), _number(m["zh_paragraph"]))
    n = int(m["number"])
    return Article(before.article, n) if before.paragraph else Article(n)


# ---------------------------------------------------------------- agenda items

# An agenda item of a session, as a report's section titles write it, "(Agenda item 5)", "(Agenda sub-item 5(a))",
# "（议程项目 5）", and as a question may: "agenda item 5", "SBI agenda items 12", "item 4 of the SBSTA agenda",
# 议程项目5, 议程分项目5(a), 议程第4项; and several, "agenda items 4 and 5", 议程项目4和5 (_AGENDA_MORE_RE), "items 4, 6
# and 9 of the agenda".
_ITEM = r"\d{1,2}(?:\s*[(（][a-z][)）])?(?!\d)"
_AGENDA_ITEM_RE = re.compile(
    rf"\bagenda\s+(?:sub-?\s?)?items?\s+(?P<en>{_ITEM})"
    rf"|\b(?:sub-?)?items?\s+(?P<of>{_ITEM}(?:\s*(?:,|and)\s*{_ITEM})*)\s+of\s+the\s+"
    rf"(?:[A-Z]+\s+)?agenda\b|议程(?:分)?项目\s*第?\s*(?P<zh>{_ITEM})(?:\s*项)?|议程第\s*(?P<nth>{_ITEM})\s*项",
    re.IGNORECASE)
# The next item of a list: "agenda items 4 and 5", 议程项目4和5.
_AGENDA_MORE_RE = re.compile(rf"\s*(?:,|and|和|及|、)\s*第?\s*(?P<more>{_ITEM})(?:\s*项)?", re.IGNORECASE)


@dataclass(frozen=True)
class AgendaItem:
    """ "5", "5(a)": which item of a session's agenda; its section in the session's report says its number."""

    number: str

    @property
    def zh_forms(self) -> tuple[str, ...]:
        return (f"议程项目{self.number}",)

    @property
    def en_forms(self) -> tuple[str, ...]:
        return (f"agenda item {self.number}",)


def iter_agenda_items(text: str) -> list[tuple[AgendaItem, int, int]]:
    """(agenda item, start, end) for every agenda item named in `text`, in order; each of a list its own."""
    text = visible(text)
    matches = list(_AGENDA_ITEM_RE.finditer(text))
    found = with_lists(text, [(_agenda_item(m["en"] or m["zh"] or m["nth"]), m.start(), m.end())
                              for m in matches if not m["of"]],
                       _AGENDA_MORE_RE, "more", lambda _before, m: _agenda_item(m["more"]))
    for m in (m for m in matches if m["of"]):  # "items 4 and 6 of the agenda": from "items" to "agenda"
        items = list(re.finditer(_ITEM, m["of"]))
        found += [(_agenda_item(item[0]), m.start() if i == 0 else m.start("of") + item.start(),
                   m.end() if i == len(items) - 1 else m.start("of") + item.end()) for i, item in enumerate(items)]
    return sorted(found, key=lambda hit: hit[1])


def _agenda_item(written: str) -> AgendaItem:
    return AgendaItem(re.sub(r"\s+", "", written.lower()).replace("（", "(").replace("）", ")"))


# ---------------------------------------------------------------- document symbols

# UNFCCC document symbols: FCCC/SBI/2026/7, FCCC/PA/CMA/2025/8, FCCC/SBSTA/2023/INF.1, …/Add.1.
DOC_SYMBOL_RE = re.compile(
    r"FCCC/(?:[A-Z]+/)+\d{4}/(?:\d+|(?:L|INF|MISC|TP)\.\d+)(?:/(?:Add|Rev|Corr)\.\d+)*"
)
# A symbol as a search box gets it, in lower case ("fccc/sbsta/2024/7") or all capitals ("…/ADD.1"): read in its own.
_ANY_CASE_SYMBOL_RE = re.compile(r"(?<![A-Za-z])fccc/[a-z0-9/.]+", re.IGNORECASE)
_SUFFIX_CASE_RE = re.compile(r"/(ADD|REV|CORR)\.")
# "FCCC/SBI/2026/7 和 Add.1", "FCCC/SBI/2026/7 and Add.1-2": addenda named after the symbol.
_ADDENDA_RE = re.compile(r"\s*(?:和|及|and|,)\s*(?P<kind>Add|Rev|Corr)\.(?P<n>\d+)(?:\s*[-–]\s*(?P<m>\d+))?",
                         re.IGNORECASE)


# The paragraphs of a document a question asks for: "FCCC/SBSTA/2024/7, paragraph 12" (EN_TAIL_RE), "paragraph 12 of
# document FCCC/SBSTA/2024/7", "FCCC/SBSTA/2024/7 号文件第 12 段".
_DOC_HEAD_RE = re.compile(rf"{_PARAS_OF}(?:(?:the\s+)?document\s+)?$", re.IGNORECASE)
_DOC_ZH_TAIL_RE = re.compile(rf"\s*(?:号\s*)?(?:文件)?\s*[，,]?\s*(?:中?的)?\s*第\s*(?P<paras>{_PARA_LIST})\s*段")


def find_document_citations(text: str) -> list[DocumentCitation]:
    """Document symbols cited in `text`, addenda spelled out ("FCCC/SBI/2026/7 和 Add.1" -> both), each with the
    paragraphs written with it."""
    out: list[DocumentCitation] = []
    written, text = text, visible(text)
    text = _ANY_CASE_SYMBOL_RE.sub(lambda m: _SUFFIX_CASE_RE.sub(lambda s: f"/{s[1].title()}.", m[0].upper()), text)
    for m in DOC_SYMBOL_RE.finditer(text):
        start, end, paras = m.start(), m.end(), ""
        addenda: list[str] = []
        while add := _ADDENDA_RE.match(text, end):
            last, kind = int(add["m"] or add["n"]), add["kind"].title()
            # "…/11/Add.1 and Add.2": the second addendum is the document's, not the first's
            base = re.sub(rf"/{kind}\.\d+$", "", m[0])
            addenda += [f"{base}/{kind}.{n}" for n in range(int(add["n"]), last + 1)]
            end = add.end()
        if not addenda and (tail := EN_TAIL_RE.match(text, end) or _DOC_ZH_TAIL_RE.match(text, end)):
            paras, end = tail["paras"], tail.end()
        elif not addenda and (head := _DOC_HEAD_RE.search(text, max(0, start - 80), start)):
            paras, start = head["paras"], head.start()
        out.append(DocumentCitation(m[0], split_paragraphs(paras) if paras else (), written[start:end].strip()))
        out += [DocumentCitation(symbol) for symbol in addenda]
    return out


def find_doc_symbols(text: str) -> list[str]:
    """Document symbols cited in `text`, addenda spelled out: "FCCC/SBI/2026/7 和 Add.1" -> both."""
    return list(dict.fromkeys(c.symbol for c in find_document_citations(text)))
