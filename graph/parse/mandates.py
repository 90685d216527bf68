"""Mandates: a body at a session requests / invites / encourages / decides that an addressee act,
resting on decision paragraphs (usually given in a footnote).

Two kinds of statement are found:
- explicit: "缔约方会议第二十三届会议(COP 23)请秘书处编写一份年度报告…" — a body (with or without
  its session) right before a mandate verb, then the addressee and the action;
- basis cited: work done "根据第 7/CP.29 号决定，第 13 段" (in a footnote or inline) — the decision
  paragraph is the basis, the addressee is not stated.
"""

from __future__ import annotations

import re

from graph.model import DecisionCitation, Document, Footnote, Mandate, Passage
from graph.parse.addressees import ADDRESSEES, OTHER, ZH_ADDRESSEE_RE, addressee_term
from graph.parse.deadlines import find_deadline
from graph.parse.footnotes import markers, strip_markers
from graph.parse.markup import clean_inline
from graph.parse.operative import english_addressees_and_action
from graph.symbols import (
    body_of_session,
    find_bodies,
    find_decision_citations,
    iter_bodies,
    iter_sessions,
    session_of_decision,
)

VERBS: dict[str, str] = {
    "请": "request", "要求": "request", "责成": "request", "吁请": "request", "敦促": "request",
    "邀请": "invitation", "鼓励": "encouragement", "决定": "decision", "商定": "decision",
    "requests": "request", "requested": "request", "urges": "request", "urged": "request",
    "invites": "invitation", "invited": "invitation", "encourages": "encouragement",
    "encouraged": "encouragement", "decides": "decision", "decided": "decision",
}
_VERB_ALT = "|".join(sorted(VERBS, key=len, reverse=True))
# Not a verb: "CMA 决定的…", "CMA 决定案文" use 决定 as a noun ("the CMA decision").
_NOT_VERB = r"(?![a-z的案草和或/、中])"
# After the body: an optional "(COP 23)" gloss, an adverb ("还", "further"), then the verb.
_VERB_AFTER_SUBJECT_RE = re.compile(
    rf"\s*(?:[(（][^()（）]{{1,20}}[)）])?\s*(?:还|又|并|也|further|also)?\s*(?P<verb>{_VERB_ALT}){_NOT_VERB}"
)
# A further mandate by the same body in the same sentence: "，并请秘书处…".
_CHAINED_VERB_RE = re.compile(
    rf"(?:[，,；;]\s*(?:并|还|又|同时|and)?|\s+and(?:\s+also)?)\s*(?P<verb>{_VERB_ALT}){_NOT_VERB}"
)
_SENTENCE_END_RE = re.compile(r"[。；;!?！？]|\.(?:\s|$)")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_OWN_CHAIRS_RE = re.compile(r"^(?:its|their)\s+(?P<chair>chairs?|co-chairs)$", re.IGNORECASE)

# English addressees are read by graph.parse.operative; these are written at the start of a Chinese clause.
_ADDRESSEE_RE = re.compile("|".join(re.escape(a) for a in sorted(ADDRESSEES, key=len, reverse=True) if a.isascii())
                           + "|" + ZH_ADDRESSEE_RE.pattern)
# Work done on the basis of a decision paragraph: "根据第 7/CP.29 号决定，第 13 段".
_BASIS_RE = re.compile(r"(?:根据|依照|按照|依据|遵照|pursuant to|in accordance with|as per)\s*$", re.IGNORECASE)
_PREPARE_RE = re.compile(r"编写|编制|起草|提交|prepare", re.IGNORECASE)


def find_mandates(doc: Document, raw: dict[str, str], report_kind: str | None) -> list[Mandate]:
    """Every mandate stated in the document's passages."""
    notes = {f.number: f for f in doc.footnotes}
    known = set(notes)
    abbreviations = {a.name: a.abbreviation for a in doc.acronyms}
    found: list[Mandate] = []
    for passage in doc.passages:
        text = raw.get(passage.key, passage.text)
        passage_notes = [notes[n] for n in passage.footnotes if n in notes]
        explicit = _explicit(passage, text, passage_notes, known, abbreviations)
        for mandate in explicit:
            mandate.fulfilled_by_this_report = _fulfilled(mandate, doc.author, report_kind, doc.title)
        used = {m.decision for m in explicit}
        for mandate in explicit:
            mandate.session = mandate.session or _this_session(mandate.body, doc.sessions)
        found += explicit
        found += _basis_in_footnotes(passage, text, passage_notes, known, used)
        found += _basis_inline(passage, used)
    return [m for m in found if m.action and m.quote]  # a verb with nothing after it states no mandate


# ---------------------------------------------------------------- explicit mandates


def _subjects(text: str) -> list[tuple[str, str | None, int, re.Match]]:
    """(body, session, start of the subject, the verb after it) for bodies or sessions followed by a verb."""
    mentions = [(body_of_session(s), s, a, b) for s, a, b in iter_sessions(text)]
    mentions += [(code, None, a, b) for code, a, b in iter_bodies(text)]
    out, seen_verbs = [], set()
    for body, session, start, end in sorted(mentions, key=lambda m: (m[2], m[1] is None)):
        verb = _VERB_AFTER_SUBJECT_RE.match(text, end)
        if verb and verb.start("verb") not in seen_verbs:
            seen_verbs.add(verb.start("verb"))
            out.append((body, session, start, verb))
    return out


def _explicit(
    passage: Passage, text: str, notes: list[Footnote], known: set[str], abbreviations: dict[str, str]
) -> list[Mandate]:
    mandates = []
    verb: re.Match | None  # the subject's verb, then each verb chained to it
    quote_start: int | None
    for body, session, start, verb in _subjects(text):
        quote_start = start
        while verb is not None:
            kind = VERBS[verb["verb"]]
            sentence_end = _sentence_end(text, verb.end("verb"))
            chained = _CHAINED_VERB_RE.search(text, verb.end("verb"), sentence_end)
            action_end = chained.start() if chained else sentence_end
            for addressee, term, action in _addressed(text, start, verb, action_end, kind, abbreviations):
                deadline = find_deadline(text, verb.end("verb"), action_end, body, session)
                mandate = Mandate(
                    passage=passage.key, kind=kind, action=_clean(action, known),
                    quote=_clean(text[quote_start:action_end], known),
                    body=body, session=session, addressee=term, addressee_text=addressee,
                    deadline=deadline.text if deadline else None, deadline_date=deadline.date if deadline else None,
                    deadline_session=deadline.session if deadline else None,
                )
                _attach_decision(mandate, text, start, action_end, notes, known)
                mandates.append(mandate)
            verb = chained  # the same subject's next verb: its mandate is quoted from that verb on
            quote_start = chained.start("verb") if chained else None
    return mandates


def _addressed(text: str, subject_at: int, verb: re.Match, end: int, kind: str,
               abbreviations: dict[str, str]) -> list[tuple[str | None, str | None, str]]:
    """(addressee as written, its term, the action) for each addressee of the verb; one with no addressee for a
    decision, or when none is written."""
    if kind != "decision" and not _CJK_RE.search(text[verb.end("verb") : end]):
        addressed = english_addressees_and_action(text, verb.end("verb"), end, abbreviations)
        sentence_at = max((m.end() for m in _SENTENCE_END_RE.finditer(text, 0, subject_at)), default=0)
        subject = text[sentence_at : verb.start()]  # "The SBSTA and the SBI": all the bodies that speak
        return [(written, _own_chairs(written, subject) or term, addressed.action)
                for written, term in addressed.addressees]
    action_start, addressee = _addressee(text, verb.end("verb"), kind)
    return [(addressee, addressee and addressee_term(addressee, abbreviations), text[action_start:end])]


def _own_chairs(written: str | None, subject: str) -> str | None:
    """ "The SBSTA and the SBI requested their Chairs": the subject's Chairs (two bodies: the SB Chairs)."""
    if written is None or not (m := _OWN_CHAIRS_RE.match(written)):
        return None
    bodies = find_bodies(subject)
    if not bodies:
        return None
    return "SB Chairs" if len(bodies) > 1 else f"{bodies[0]} {m['chair'].capitalize()}"


def _this_session(body: str | None, sessions: list[str]) -> str | None:
    """ "The SBSTA requested …" in the report of SBSTA 60 was said at SBSTA 60 (and the SBI, meeting with it, at
    SBI 60): the session of the subsidiary bodies that the report is for."""
    subsidiary = ("SBSTA", "SBI", "SB")
    numbers = [s.split()[1] for s in sessions if body_of_session(s) in subsidiary]
    return f"{body} {numbers[0]}" if body in subsidiary and numbers else None


def _clean(text: str, known: set[str]) -> str:
    return clean_inline(strip_markers(text, known)).strip(" ，,\n")


def _addressee(text: str, pos: int, kind: str) -> tuple[int, str | None]:
    """Where the action starts, and who is addressed, as written (none for a decision)."""
    rest = text[pos:].lstrip()
    pos = len(text) - len(rest)
    if kind == "decision":
        return pos + len(rest) - len(rest.lstrip("了")), None
    m = _ADDRESSEE_RE.match(rest)
    return (pos + m.end(), m[0]) if m else (pos, None)


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END_RE.search(text, pos)
    return m.start() if m else len(text)


def _attach_decision(
    mandate: Mandate, text: str, start: int, end: int, notes: list[Footnote], known: set[str]
) -> None:
    """The decision the mandate rests on: cited in the sentence or in the passage's footnotes,
    and adopted by the mandate's body (at its session, when the session is known)."""
    sentence_cites = find_decision_citations(strip_markers(text[start:end], known))
    candidates = [(c, None) for c in sentence_cites] + [(c, note.number) for note in notes for c in note.citations]
    candidates.sort(key=lambda cv: not cv[0].paragraphs)  # a cited paragraph is the better basis
    for cite, via in candidates:
        session = session_of_decision(cite.symbol)
        if session == mandate.session or (mandate.session is None and body_of_session(session) == mandate.body):
            mandate.decision, mandate.session = cite.symbol, session
            mandate.decision_paragraphs = cite.paragraphs
            mandate.via_footnote = via
            return


def _fulfilled(mandate: Mandate, author: str | None, report_kind: str | None, title: str | None) -> bool:
    """The report is the thing asked for: its author is the addressee and the action is to prepare a report of this
    report's kind ("编写一份年度报告" in "秘书处的年度报告") or by its title (a "秘书处的说明" whose title the action
    names: "编写一份关于…的年度技术进展报告")."""
    if not (author and report_kind and mandate.addressee):
        return False
    addressed = addressee_term(author, {}) == mandate.addressee != OTHER
    named = report_kind in mandate.action or bool(title and title.casefold() in mandate.action.casefold())
    return addressed and bool(_PREPARE_RE.search(mandate.action)) and named


# ---------------------------------------------------------------- basis cited


def _basis_in_footnotes(
    passage: Passage, text: str, notes: list[Footnote], known: set[str], used: set[str | None]
) -> list[Mandate]:
    """A footnote "根据第 7/CP.29 号决定，第 13 段。" makes the clause carrying its marker a mandate."""
    offsets = dict(markers(text, known))
    out = []
    for note in notes:
        for cite in note.citations:
            if cite.symbol in used or not cite.paragraphs or not _basis_before(note.text, cite):
                continue
            clause = _clause_before(text, offsets.get(note.number, len(text)), known)
            out.append(_basis(passage, cite, clause, via=note.number))
    return out


def _basis_inline(passage: Passage, used: set[str | None]) -> list[Mandate]:
    """ "根据第 19/CMA.1 号决定第 34(c)段，应…" in the passage text itself."""
    out = []
    for cite in passage.citations:
        if cite.symbol in used or not cite.paragraphs:
            continue
        basis = _basis_before(passage.text, cite)
        if basis is None:
            continue
        after = basis.end() + len(cite.quote)
        end = _sentence_end(passage.text, after)
        mandate = _basis(passage, cite, passage.text[basis.start() : end].strip(), via=None)
        mandate.action = passage.text[after:end].strip(" ，,") or mandate.quote  # "… prepared pursuant to X."
        out.append(mandate)
    return out


def _basis_before(text: str, cite: DecisionCitation) -> re.Match | None:
    """ "根据" (or the like) right before the citation in `text`: the decision is the basis of the work.
    The match ends where the citation's quote starts."""
    at = text.find(cite.quote)
    return _BASIS_RE.search(text, max(0, at - 20), at) if at >= 0 else None


def _clause_before(text: str, offset: int, known: set[str]) -> str:
    """The clause a footnote marker closes: from the previous sentence end up to the marker."""
    head = text[:offset].rstrip()
    head = head[:-1] if _SENTENCE_END_RE.fullmatch(head[-1:] or "x") else head
    start = max((m.end() for m in _SENTENCE_END_RE.finditer(head)), default=0)
    return _clean(head[start:], known)


def _basis(passage: Passage, cite: DecisionCitation, clause: str, via: str | None) -> Mandate:
    session = session_of_decision(cite.symbol)
    return Mandate(
        passage=passage.key, kind="basis_cited", action=clause, quote=clause,
        body=body_of_session(session), session=session, decision=cite.symbol,
        decision_paragraphs=cite.paragraphs, via_footnote=via,
    )
