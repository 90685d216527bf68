"""Question forms: each eval question that names a session or a decision paragraph, asked again with it written
another way, and scored. Figures, no verdicts.

    .venv/bin/python bench/question_forms.py [QUERIES.jsonl ...]

Against the configured Neo4j (NEO4J_URI), as `climate-kg eval` is. A question names a session or a decision
paragraph the way its writer did ("COP 29", "CMA 第一届会议", "paragraph 193 of decision 1/CMA.5"); a user may write
any other: a session with the number first as the Chinese press does ("第二十九届缔约方大会", "第一届《巴黎协定》缔约方
会议"), in the English session's words ("the twenty-ninth session of the COP"), as people type these ("the 29th
session of the COP", "第一届巴黎协定缔约方会议" without title marks), as the conference by its city ("巴库大会", "the
Baku Climate Change Conference") or its year ("the 2024 UN Climate Change Conference"), by its sessions held
together ("COP 29/CMP 19/CMA 6"), as the body's ("the CMA's fifth session", "CMA的第五届会议"); a paragraph with a
pilcrow ("1/CMA.5 ¶193") or after a bare symbol ("决定1/CMA.5第193段"), or before it ("¶193 of 1/CMA.5"), as an
operative paragraph ("OP 193 of 1/CMA.5") or each with its 段 ("决定1/CMA.5的第192段和第193段") or in Chinese numerals
("第1/CMA.5号决定第一百九十三段"); a session as a decision symbol writes it ("CMA.5"), a subsidiary body's June session
by the conference in Bonn ("the Bonn Climate Change Conference, June 2024"). Each rewriting is a question set of its
own, scored like the originals (nDCG@10 over the questions it could rewrite): the same answers should come back. On both
dev sets, before and after the changes that came with them (docs/search.md, steps 10, 12 and 13): the 8 questions
naming a session as written 0.821 → 0.827, number first / in words 0.671 → 0.831, as typed 0.787 → 0.831; the 4
naming a session held at a known city, by city 0.760 → 0.845, held together 0.847 → 0.855; the 6 naming a decision
paragraph as written 0.931, with a pilcrow or after a bare symbol 0.684 → 0.925. On 4 December (docs/search.md,
step 12): the 8 naming a session, as a symbol writes it 0.799 → 0.845; the 2 naming a paragraph in English, before the
bare symbol 0.447 → 0.945 (q042 0 → 1.00; q049, whose "paragraph 37 of 19/CMA.1" now names ¶37, joins them at 1.00).
On 5 December (step 20), the session's first commit (d9b7c3f) → its last, on one index: the 4 naming a session held
with a COP, by the conference's year ("the 2024 UN Climate Change Conference", 2024年联合国气候变化大会) 0.763 → 0.896;
the 8 naming a session, as the body's ("the CMA's first session", CMA的第一届会议) 0.732 → 0.849; the 7 naming a
decision paragraph, as "OP 193 of 1/CMA.5" or with each paragraph's 段 (决定1/CMA.5的第192段和第193段) 0.761 → 0.941;
the other forms as before or within 0.01 (by city 0.887 → 0.896). Later that day (step 21), c8ac9f5 → a1005af on one
index: the 4 Chinese questions naming a decision paragraph, in Chinese numerals (第1/CMA.5号决定第一百九十二段)
0.794 → 0.919 (as written 0.909); the one naming a subsidiary body's June session, by the conference in Bonn
(2024年6月波恩气候变化大会) 0.776 → 0.770, as written 0.785 → 0.770 (e018: "SB 60" now scopes the SBSTA's and
the SBI's reports too, and their passages take places on its first page). On 5 December (step 26), d4715df → c684f16:
the 7 questions naming a decision paragraph, by the decision's number and session ("CMA 5 decision 1, paragraph 193",
"CMA 5 第1号决定第192段") 0.772 → 0.928, as people type it without 第 or with the section sign ("第1/CMA.5号决定192段",
"19/CMA.1 §7") 0.785 → 0.935 (as written 0.935).
"""

from __future__ import annotations

import argparse
import functools
import statistics
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from embed.embedder import Embedder
from graph import symbols
from graph.config import Settings
from graph.model import DecisionCitation
from graph.store.client import Neo4jClient
from search_api.evaluate import EvalQuery, load_queries, score_query
from search_api.search import Searcher
from search_api.startup import start_up

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
K = 10
_ZH_AFTER_NUMBER = {"COP": "缔约方大会", "CMA": "《巴黎协定》缔约方会议", "CMP": "《京都议定书》缔约方会议",
                    "SB": "附属机构会议"}


def number_first(session: str, chinese: bool) -> str:
    body, n = session.split()
    if not chinese:
        return f"the {symbols.ordinal_word(int(n))} session of the {body}"
    number = symbols.int_to_cn(int(n))
    if body in _ZH_AFTER_NUMBER:
        return f"第{number}届{_ZH_AFTER_NUMBER[body]}"
    return f"{symbols.BODIES[body]['zh']}第{number}届会议"


def as_typed(session: str, chinese: bool) -> str:
    """The session with its number first as people type it: in digits in English, without title marks in Chinese."""
    body, n = session.split()
    if chinese:
        return number_first(session, chinese).replace("《", "").replace("》", "")
    suffix = "th" if int(n) % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(int(n) % 10, "th")
    return f"the {n}{suffix} session of the {body}"


def conference(session: str) -> int | None:
    """The COP the session was held with, if we know where it met; not for CMA 1, which met in three parts, at three
    COPs."""
    if session == "CMA 1":
        return None
    return next((cop for cop in symbols.VENUES if session in symbols.sessions_held_with(cop)), None)


def by_city(session: str, chinese: bool) -> str | None:
    if (cop := conference(session)) is None:
        return None
    cities = symbols.VENUES[cop]
    return f"{cities[-1]}大会" if chinese else f"the {cities[0]} Climate Change Conference"


def by_year(session: str, chinese: bool) -> str | None:
    """The conference the session was held at by its year, as the press names it: "the 2024 UN Climate Change
    Conference", "2024年联合国气候变化大会"."""
    if (cop := conference(session)) is None:
        return None
    year = cop + 1994 if cop <= 25 else cop + 1995  # none met in 2020
    return f"{year}年联合国气候变化大会" if chinese else f"the {year} UN Climate Change Conference"


def possessive(session: str, chinese: bool) -> str:
    """The body's session, as a question may write it: "the CMA's fifth session", "CMA的第五届会议"."""
    body, n = session.split()
    if chinese:
        return f"{body}的第{symbols.int_to_cn(int(n))}届会议"
    return f"the {body}'s {symbols.ordinal_word(int(n))} session"


def in_bonn(session: str, chinese: bool) -> str | None:
    """A subsidiary body's June session by the conference in Bonn, as its name goes: "the Bonn Climate Change
    Conference, June 2024", "2024年6月波恩气候变化大会" (the June sessions are the even ones, none in 2020 and 2021)."""
    body, n = session.split()
    number = int(n)
    if body not in ("SB", "SBSTA", "SBI") or number % 2 or 50 < number < 56:
        return None
    year = 1994 + number // 2 if number <= 50 else 2022 + (number - 56) // 2
    return f"{year}年6月波恩气候变化大会" if chinese else f"the Bonn Climate Change Conference, June {year}"


def held_together(session: str, chinese: bool) -> str | None:
    """The session with those held with it, as the SBI's reports write them: "COP 29/CMP 19/CMA 6"."""
    if (cop := conference(session)) is None:
        return None
    return "/".join(symbols.sessions_held_with(cop))


def sessions_written(form: Callable[[str, bool], str | None]) -> Callable[[str, bool], str | None]:
    """A question's text with each session it names written in `form`; None when it names none or one has no such
    form."""
    def rewrite(text: str, chinese: bool) -> str | None:
        mentions = list({(start, end): session for session, start, end in symbols.iter_sessions(text)}.items())
        for (start, end), session in reversed(mentions):
            written = form(session, chinese)
            if written is None:
                return None
            text = text[:start] + written + text[end:]
        return text if mentions else None

    return rewrite


def as_symbol(session: str, chinese: bool) -> str:
    """The session as a decision symbol writes it: "CMA.5"."""
    return session.replace(" ", ".")


def paragraphs_written(form: Callable[[DecisionCitation, bool], str | None]) -> Callable[[str, bool], str | None]:
    """A question's text with each decision paragraph it names written in `form`; None when it names none or one has
    no such form."""
    def rewrite(text: str, chinese: bool) -> str | None:
        cited = [c for c in symbols.find_decision_citations(text) if c.paragraphs]
        for c in cited:
            written = form(c, chinese)
            if written is None:
                return None
            text = text.replace(c.quote, written)
        return text if cited else None

    return rewrite


def pilcrow_or_bare(cite: DecisionCitation, chinese: bool) -> str:
    """After the bare symbol, "决定1/CMA.5第193段", or with a pilcrow, "1/CMA.5 ¶193"."""
    if chinese:
        return f"决定{cite.symbol}第{'、'.join(cite.paragraphs)}段"
    return f"{cite.symbol} ¶{' and '.join(cite.paragraphs)}"


def before_bare_symbol(cite: DecisionCitation, chinese: bool) -> str | None:
    """Before the bare symbol, "¶193 of 1/CMA.5", as search's hits write a paragraph: English questions only."""
    return None if chinese else f"¶{' and '.join(cite.paragraphs)} of {cite.symbol}"


def in_chinese_numerals(cite: DecisionCitation, chinese: bool) -> str | None:
    """Chinese questions only: each paragraph in Chinese numerals, "第1/CMA.5号决定第一百九十二段和第一百九十三段"."""
    if not chinese or not all(p.isdigit() for p in cite.paragraphs):
        return None
    return f"第{cite.symbol}号决定" + "和".join(f"第{symbols.int_to_cn(int(p))}段" for p in cite.paragraphs)


def operative_or_each(cite: DecisionCitation, chinese: bool) -> str:
    """As a negotiator writes a paragraph, "OP 193 of 1/CMA.5", or with each paragraph's 段 after 的,
    "决定1/CMA.5的第192段和第193段"."""
    if chinese:
        return f"决定{cite.symbol}的" + "和".join(f"第{p}段" for p in cite.paragraphs)
    return f"OP {' and '.join(cite.paragraphs)} of {cite.symbol}"


def by_number_and_session(cite: DecisionCitation, chinese: bool) -> str:
    """The decision by its number and the session that adopted it, "CMA 5 decision 1, paragraph 193",
    "CMA 5 第1号决定第193段"."""
    number, session = cite.symbol.split("/")[0], symbols.session_of_decision(cite.symbol)
    if chinese:
        return f"{session} 第{number}号决定第{'、'.join(cite.paragraphs)}段"
    return f"{session} decision {number}, paragraph {' and '.join(cite.paragraphs)}"


def without_di_or_with_section_sign(cite: DecisionCitation, chinese: bool) -> str:
    """As people type a paragraph: without its 第, "第1/CMA.5号决定193段", or with the section sign, "1/CMA.5 §193"."""
    if chinese:
        return f"第{cite.symbol}号决定{'、'.join(cite.paragraphs)}段"
    return f"{cite.symbol} §{' and '.join(cite.paragraphs)}"


FORMS: dict[str, Callable[[str, bool], str | None]] = {
    "session: number first / in words": sessions_written(number_first),
    "session: number first, as typed": sessions_written(as_typed),
    "session: by city": sessions_written(by_city),
    "session: held together": sessions_written(held_together),
    "session: by year": sessions_written(by_year),
    "session: the body's / 的": sessions_written(possessive),
    "session: as a decision symbol writes it": sessions_written(as_symbol),
    "session: a subsidiary body's, by the June conference in Bonn": sessions_written(in_bonn),
    "decision paragraph: pilcrow / after a bare symbol": paragraphs_written(pilcrow_or_bare),
    "decision paragraph: before the bare symbol": paragraphs_written(before_bare_symbol),
    "decision paragraph: OP / each with its 段": paragraphs_written(operative_or_each),
    "decision paragraph: in Chinese numerals": paragraphs_written(in_chinese_numerals),
    "decision paragraph: by number and session": paragraphs_written(by_number_and_session),
    "decision paragraph: without 第 / with §": paragraphs_written(without_di_or_with_section_sign),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", type=Path, nargs="*",
                        default=[EVAL / "dev_queries.jsonl", EVAL / "dev_queries_decisions.jsonl"])
    args = parser.parse_args()

    start_up()
    queries = [q for path in args.queries for q in load_queries(path)]
    settings = Settings()
    with Neo4jClient(settings) as client:
        searcher = Searcher(client, Embedder(settings))

        @functools.cache
        def ndcg(query: EvalQuery) -> float:
            return score_query(query, [(h.source, h.text) for h in searcher.search(query.query, k=K).hits], K)["ndcg"]

        for name, form in FORMS.items():
            pairs = [(q, replace(q, query=text)) for q in queries if (text := form(q.query, q.lang == "zh"))]
            if not pairs:
                print(f"\n{name}: no question to rewrite")
                continue
            print(f"\n{name}: {len(pairs)} questions, nDCG@{K} {statistics.fmean(ndcg(r) for _, r in pairs):.3f} "
                  f"(as written {statistics.fmean(ndcg(q) for q, _ in pairs):.3f})")
            for q, r in pairs:
                print(f"  {q.id} {ndcg(q):.2f} -> {ndcg(r):.2f}  {r.query}")

if __name__ == "__main__":
    main()
