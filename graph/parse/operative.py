"""Mandates in a decision's own words: what its operative paragraphs request, invite, urge, encourage or decide.

    193. Invites Parties and non-Party stakeholders to submit via the submission portal by 1 March 2024 information
         on experience and lessons learned …, and requests the secretariat to prepare a synthesis report on the
         submissions in time to inform the refinement …;

gives three mandates, one per (verb, addressee): invitations to Parties and to non-Party stakeholders due 2024-03-01,
and a request to the secretariat due "in time to inform the refinement". A verb opens a clause at the start of the
paragraph or after "and" or ";" ("并请", "；" in Chinese); its addressees run to the infinitive "to" (or to the ":"
before a list of sub-paragraphs); its action runs to the next verb. "Requests that the actions of the secretariat …
be undertaken" has no addressee as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Document, Mandate, Passage
from graph.parse.addressees import ABBREVIATION_RE, ZH_ADDRESSEE_RE, addressee_term, english_names
from graph.parse.deadlines import DEADLINE_RE, find_deadline
from graph.symbols import BODIES, body_of_session, session_of_decision, visible

KINDS = {
    "request": "request", "urge": "request", "mandate": "request", "call upon": "request", "call on": "request",
    "invite": "invitation", "encourage": "encouragement", "decide": "decision",
    "请": "request", "要求": "request", "敦促": "request", "吁请": "request",
    "邀请": "invitation", "鼓励": "encouragement", "决定": "decision",
}
_ADVERBS_EN = r"(?:(?:also|further|furthermore|strongly|again|once again|kindly|therefore|hereby|urgently)\s+)*"
# Singular or plural: joint COP/CMA decisions write "Request", "Invite", "Decide".
_VERBS_EN = (r"requests?|invites?|urges?|encourages?|decides?|mandates?|calls?\s+(?:up)?on"
             r"|reiterates\s+its\s+(?:request|invitation|call)\s+(?:to|for|upon)")
_VERB_EN_RE = re.compile(rf"\b{_ADVERBS_EN}(?P<verb>{_VERBS_EN})\b", re.IGNORECASE)
_VERB_ZH_RE = re.compile(r"(?:并|还|又|也|进一步|再次)*(?P<verb>邀请|鼓励|敦促|吁请|要求|决定|请)(?![的案草])")
# What may stand before a verb that opens a clause: nothing, "and", ";" (and, in Chinese, "，并").
_CLAUSE_OPEN_EN_RE = re.compile(r"(?:^|;|\band|:)\s*$", re.IGNORECASE)
_CLAUSE_OPEN_ZH_RE = re.compile(r"(?:^|[；;。]|[，,])\s*$")
# The infinitive that ends the addressees: "to prepare"; not "to the Convention", "to do so" or "to it".
_INFINITIVE_RE = re.compile(
    r"\bto\s+(?!do so\b|(?:the|an?|its|their|this|that|these|those|such|all|any|each|it|them|non-Party|Parties|in|on|"
    r"at|by|for|with|from|under|within|paragraphs?|decisions?|articles?|annex|chapter|section)\b)"
    r"(?=[a-z])"
)
_THAT_RE = re.compile(r"\s*(?:,[^;]*?,\s*)?that\b")  # "Requests, recalling …, that such scenarios be presented"
# A phrase after the addressees that is no part of them: ", at its sixtieth session,", ", pursuant to decision …,".
_INTERJECTION_RE = re.compile(
    r",\s*(?=(?:at|by|in|pursuant|subject|as|with|through|taking|on|where|if|when|inter alia|no later than|before|"
    r"prior|starting|beginning|within|building|consistent|under|via|bearing|recalling|noting|among|for|after|upon|"
    r"following|during|together)\b)",
    re.IGNORECASE,
)
# Between two addressees: ", ", ", and ", and " and " before a name, "the…", "all…", a capital (not inside brackets
# or a name, which are masked first): "the relevant work programmes and constituted bodies under …" is one.
_LIST_SEPARATOR_RE = re.compile(
    r",\s*and\s+|(?<=\x00)\s+and\s+|\s+and\s+(?=\x00|(?:the|all|other|relevant)\b|[A-Z])"
    r"|,\s*(?!including|in particular|especially|as appropriate)"
)
# Addressees are named in a few words ("the Subsidiary Body for Scientific and Technological Advice", "expert
# organizations, constituted bodies under the Convention and non-Party stakeholders"); a longer span is what is asked.
MAX_ADDRESSEE_WORDS = 15
_SECRETARIAT_RE = re.compile(r"\bsecretariat\b|Executive Secretary|秘书处|执行秘书")
_END_PUNCTUATION = " ;；,，.。:：\n"


@dataclass(frozen=True)
class _Clause:
    kind: str
    start: int  # of the verb
    end: int  # of the clause
    body_start: int  # after the verb: addressees and action


def find_decision_mandates(doc: Document, raw: dict[str, str]) -> list[Mandate]:
    """The mandates of every decision's operative paragraphs (its body; not its preamble, not its annexes)."""
    abbreviations = {a.name: a.abbreviation for a in doc.acronyms}
    mandates: list[Mandate] = []
    for passage in doc.passages:
        if passage.decision and passage.kind in ("paragraph", "block") and not passage.in_annex:
            mandates += paragraph_mandates(passage, abbreviations)
    return mandates


def paragraph_mandates(passage: Passage, abbreviations: dict[str, str]) -> list[Mandate]:
    """The mandates one operative paragraph of decision `passage.decision` gives, one per (verb, addressee)."""
    text = passage.text
    assert passage.decision is not None  # the caller passes a decision's paragraphs
    session = session_of_decision(passage.decision)
    key = passage.key.rsplit(".", 1)[0] if passage.part > 1 else passage.key  # the paragraph itself, not its part
    number = passage.number if passage.kind == "paragraph" else None  # a block has none
    found: dict[tuple[str, str | None], Mandate] = {}
    clauses = _clauses(text)
    for n, clause in enumerate(clauses):
        addressed = _addressees_and_action(text, clause, abbreviations)
        action = addressed.action
        if not action and clause.kind != "decision":
            action = _shared_action(text, clauses[n + 1 :], abbreviations)  # "invites X and requests Y: (a) …"
        if not action:
            continue
        for written, term in addressed.addressees:
            # "Requests the SBI and the SBSTA to … at their sixtieth sessions": each at its own.
            deadline = find_deadline(text, clause.body_start, clause.end, _referent(term, session), session,
                                     mentions_from=addressed.action_at)
            mandate = found.get((clause.kind, written))
            if mandate is not None:  # "invites the IPCC to … and also invites the IPCC to …": one mandate
                mandate.action = f"{mandate.action}; {action}"
                continue
            found[(clause.kind, written)] = Mandate(
                passage=key, kind=clause.kind, action=action, quote=_strip(text[clause.start : clause.end]),
                body=body_of_session(session), session=session, decision=passage.decision,
                decision_paragraphs=(number,) if number is not None else (), addressee=term, addressee_text=written,
                deadline=deadline.text if deadline else None, deadline_date=deadline.date if deadline else None,
                deadline_session=deadline.session if deadline else None,
            )
    return list(found.values())


def _clauses(text: str) -> list[_Clause]:
    """The clauses of a paragraph that open with a mandate verb, in order."""
    seen = visible(text)
    zh = bool(re.search(r"[\u4e00-\u9fff]", seen))
    verb_re, open_re = (_VERB_ZH_RE, _CLAUSE_OPEN_ZH_RE) if zh else (_VERB_EN_RE, _CLAUSE_OPEN_EN_RE)
    starts = [m for m in verb_re.finditer(seen) if open_re.search(seen[: m.start()])]
    ends = [m.start() for m in starts[1:]] + [len(text)]
    # Not strict: with no start, `ends` still holds the text's end.
    return [_Clause(_kind(m["verb"]), m.start(), end, m.end()) for m, end in zip(starts, ends, strict=False)]


def _kind(verb: str) -> str:
    word = " ".join(verb.lower().split())
    if word.startswith("reiterates its"):
        word = {"request": "request", "invitation": "invite", "call": "call upon"}[word.split()[2]]
    return KINDS.get(word) or KINDS.get(word.rstrip("s")) or KINDS[re.sub(r"s(?= )", "", word)]


@dataclass(frozen=True)
class Addressed:
    """Who a mandate verb addresses, as written and as a term ((None, None) when nobody is written), and what it
    asks."""

    addressees: list[tuple[str | None, str | None]]
    action: str  # "" when there is none
    action_at: int  # where the action starts in the text


def _addressees_and_action(text: str, clause: _Clause, abbreviations: dict[str, str]) -> Addressed:
    seen = visible(text)
    start, end = clause.body_start, clause.end
    if clause.kind == "decision":
        return Addressed([(None, None)], _strip(text[start:end]), start)
    if re.search(r"[\u4e00-\u9fff]", seen[start:end]):
        m = ZH_ADDRESSEE_RE.match(seen, start)
        if m is None:
            return Addressed([(None, _implied(seen, start, end))], _strip(text[start:end]), start)
        written = text[m.start() : m.end()]
        return Addressed([(written, addressee_term(written, abbreviations))], _strip(text[m.end() : end]), m.end())
    return english_addressees_and_action(text, start, end, abbreviations)


def english_addressees_and_action(text: str, start: int, end: int, abbreviations: dict[str, str]) -> Addressed:
    """The addressees and the action of the English words text[start:end] after a mandate verb: "the Subsidiary
    Body for Implementation, at its sixtieth session, to hold an expert dialogue …" (a report's "requested the
    secretariat to …" too). No action, when there is no "to", ":" or "that" to start one."""
    seen = visible(text)
    if that := _THAT_RE.match(seen, start):
        at = that.end() - len("that")
        return Addressed([(None, _implied(seen, start, end))], _strip(text[at:end]), at)
    stops = [m.start() for m in (_INFINITIVE_RE.search(seen, start, end),) if m]
    colon = seen.find(":", start, end)
    stops += [colon] if colon >= 0 else []
    if not stops:
        return Addressed([], "", end)
    stop = min(stops)
    action_start = stop + 1 if stop == colon else stop  # "to prepare a synthesis report …", as written
    span_end = stop
    for cut in (_INTERJECTION_RE.search(seen, start, stop), DEADLINE_RE.search(seen, start, stop)):
        span_end = min(span_end, cut.start()) if cut else span_end  # ", at its sixtieth session," is no addressee
    closing = seen.find(",", span_end + 1, stop)
    if span_end < stop and closing >= 0 and seen[closing + 1 : stop].strip():
        # "Invites Parties and, as appropriate, intergovernmental organizations to …": the aside is left out, the
        # addressees go on after it
        text = text[:span_end] + " " * (closing + 1 - span_end) + text[closing + 1 :]
        span_end = stop
    if len(_masked(visible(text[start:span_end]), abbreviations).split()) > MAX_ADDRESSEE_WORDS:
        # "Encourages the implementation of integrated, multi-sectoral solutions, such as …": a thing, not a person
        return Addressed([(None, None)], _strip(text[start:end]), start)
    items = _split(text, start, span_end, abbreviations)
    return Addressed([(item, addressee_term(item, abbreviations)) for item in items], _strip(text[action_start:end]),
                     action_start)


def _split(text: str, start: int, end: int, abbreviations: dict[str, str]) -> list[str]:
    """The addressees in text[start:end] ("Parties and non-Party stakeholders" -> two); known names such as the
    Climate Technology Centre and Network and bracketed phrases are never cut."""
    masked = _masked(visible(text[start:end]), abbreviations)
    items, pos = [], 0
    for sep in _LIST_SEPARATOR_RE.finditer(masked):
        items.append(text[start + pos : start + sep.start()])
        pos = sep.end()
    items.append(text[start + pos : end])
    # "requested the secretariat to:" ⏎ "(a) …": the "to" of the list, not of the addressee
    return [re.sub(r"\s+to$", "", " ".join(_strip(item).split())) for item in items if _strip(item)]


def _masked(span: str, abbreviations: dict[str, str]) -> str:
    """`span` with the names of the vocabulary, bracketed phrases and what follows ", including" blanked out (NULs, one
    for one), so that no list separator is seen inside them."""
    for name in english_names(abbreviations):
        span = re.sub(rf"\b{re.escape(name)}\b", lambda m: "\x00" * len(m[0]), span)
    return re.sub(r"\([^()]*\)|in a position to do so|, including\b.*$", lambda m: "\x00" * len(m[0]), span)


def _shared_action(text: str, later: list[_Clause], abbreviations: dict[str, str]) -> str:
    """The action of the next clause that states one: "Further invites X and requests Y, in organizing …: (a) …"."""
    for clause in later:
        if action := _addressees_and_action(text, clause, abbreviations).action:
            return action
    return ""


def _referent(term: str | None, session: str) -> str | None:
    """Whose session "its session" is, when the action names no body before it: the addressee's, if it is a body
    of the Convention ("SBSTA Chair" -> SBSTA); none, if it is another institution (IPCC, UNGA); else the issuer's."""
    code = term.split()[0] if term else None
    if code in BODIES:
        return code
    if code and ABBREVIATION_RE.fullmatch(code) and term not in ("Parties",):
        return None
    return body_of_session(session)


def _implied(seen: str, start: int, end: int) -> str | None:
    """The addressee of "Requests that …" with none written: the secretariat when the clause speaks of it."""
    return "secretariat" if _SECRETARIAT_RE.search(seen, start, end) else None


def _strip(text: str) -> str:
    return text.strip(_END_PUNCTUATION).strip()
