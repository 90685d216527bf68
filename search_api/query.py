"""Query understanding: language, decision symbols, sessions, bodies, acronyms, and the expansion
of a query into Chinese terms for lexical retrieval and a Chinese rendering for dense retrieval.

The corpus is Chinese; negotiators ask in Chinese or English. An English query is translated term by
term: UNFCCC glossary phrases first (longest match), then the general dictionary, keeping the English
words too (the Chinese reports carry English acronyms and names). A Chinese query keeps its words
and gains the glossary's synonyms and acronyms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import groupby
from typing import Protocol, TypeVar

import opencc

from graph import symbols
from graph.glossary import (
    Glossary,
    Term,
    Word,
    bare_acronym,
    english_words,
    is_acronym,
    ize_spelling,
    load_glossary,
)
from graph.glossary.dictionary import EnglishChineseDictionary, load_dictionary
from graph.model import DecisionCitation, DocumentCitation
from graph.parse.dates import Day, iter_dates
from graph.quantities import (
    Amount,
    Percent,
    Temperature,
    iter_amounts,
    iter_counts,
    iter_percentages,
    iter_temperatures,
)

# Weights of the lexical terms: what the query names exactly weighs most, guesses least.
W_EXACT = 1.0  # decision symbols, sessions, glossary terms, the Chinese query's own words
W_VARIANT = 0.7  # other official Chinese forms of a glossary term
W_ACRONYM = 0.5  # an acronym of a glossary term (the Chinese texts keep "CMA", "NDC", "GCA")
W_DICT_FIRST, W_DICT_OTHER = 0.5, 0.3  # dictionary translations, best candidate and the rest
W_ORIGINAL = 0.3  # an English query word as written
W_MEMBER = 0.3  # a name of one of a class the question names: an answer names one or several, seldom the class
# Term kinds that name what the graph knows (a decision, a document, a session, an agenda item: the sections of a
# session's report say it, not their paragraphs) rather than say what is asked.
SYMBOL_KINDS = ("decision", "document", "session", "agenda_item")
MIN_NUMBER_DIGITS = 3  # numbers kept as terms: years, amounts; "4" or "23" alone match everything

_TO_SIMPLIFIED = opencc.OpenCC("t2s")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A stretch of Chinese: characters, the brackets and quotes around names, and spaces inside it.
_ZH_CHARS = "\u3400-\u9fff\uf900-\ufaff《》〈〉「」“”"
_ZH_RUN_RE = re.compile(rf"[{_ZH_CHARS}]+(?:\s+[{_ZH_CHARS}]+)*")
_MASK = "\x00"
# Spans of the query understood so far: start -> (end, Chinese rendering for the dense text).
Spans = dict[int, tuple[int, str]]

EN_STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before being below
    between both but by can could did do does doing done down during each etc few for from further get
    given had has have having he her here hers how i if in into is it its itself just me more most my
    no nor not now of off on once only or other our ours out over own per said same say says she should
    so some such than that the their theirs them then there these they this those through to too under
    until up upon very via was we were what when where which while who whom why will with within would
    you your yours""".split()
) | frozenset("""describe explain list show tell find regarding related concerning according mentioned
    mention mentions document documents text much many""".split())
# The particle of a phrasal verb, a stop word that a dictionary phrase may end with: "set up" is 建立, "carry out"
# 进行, "draw up" 制定, "put forward" 提出, where "set", "carry" or "draw" alone are other words.
_PARTICLES = frozenset("up out off down on in over back forward".split())
ZH_STOP_WORDS = frozenset(
    """的 了 和 与 及 或 在 是 有 对 为 于 以 由 把 被 将 从 到 中 上 下 之 其 该 这 那 这些 那些 哪些 哪个 什么
    如何 怎样 怎么 为何 为什么 是否 吗 呢 吧 啊 关于 有关 方面 情况 提到 提及 说明 介绍 描述 列出 哪 谁 多少 几
    也 都 就 还 而 并 等 等等 以及 各 个 所 即 所述 方面的""".split()
)

# The segmenter joins a question word to its measure or noun ("哪一年", "哪几个", "第几次", "多久"): what asks is in no
# answer, and a Chinese passage judged by it would hold less of the question than an English one (search.coverage).
_ZH_INTERROGATIVE_RE = re.compile(r"哪|什么|怎么|怎样|如何|多少|多久|多长|第几|几[个次项年届种位名]|何[时处种]|为何|谁")

# An ordinal: 第十四次 (the fourteenth time), 第3届, 第二轮.
_ZH_ORDINAL_RE = re.compile(rf"第({symbols.CN_NUMERAL}|\d+)[次届轮个项期份]?")

# Question forms, by their words in either language. A mandate question asks who was asked to do what, or by when.
_MANDATE_RE = re.compile(
    r"\b(?:who|whom|which bod(?:y|ies)|ask(?:s|ed)?|request(?:s|ed)?|invit(?:e|es|ed)|encourag(?:e|es|ed)|"
    r"urg(?:e|es|ed)|call(?:s|ed)? (?:up)?on|entrust(?:s|ed)?|mandate[sd]?|task(?:s|ed)?|deadline|by when|due)\b"
    r"|请|要求|邀请|鼓励|敦促|促请|吁请|责成|委托|授权|任务|截止|何时|最晚|哪个机构|哪些机构|谁",
    re.IGNORECASE)
_DEADLINE_RE = re.compile(
    r"\b(?:deadline|by when|when|due|no later than|at the latest|(?:latest|earliest|end|which|what) date|"
    r"how (?:far|long) (?:ahead|before|in advance)|which session|time ?(?:line|frame))\b"
    r"|截止|何时|最晚|多久|什么时候|哪一届|期限|时限|提前多",
    re.IGNORECASE)
# A question about a decision names one, or a session, or says "decision".
DECISION_WORD_RE = re.compile(r"\bdecision|\bdecides?\b|决定|决议", re.IGNORECASE)
# A definition question asks what an abbreviation or a term stands for.
_DEFINITION_RE = re.compile(
    r"\b(?:stands? for|short for|abbreviat\w*|acronyms?|full (?:name|form)|what does \S+ mean)\b|"
    r"全称|缩写|简称|代表什么|指什么|指哪些|什么意思|的含义",
    re.IGNORECASE)
# So does a question that is nothing but "what is" and an acronym: "What is the SCF?", 什么是GST, NDC是什么.
_WHAT_IS_RE = re.compile(
    r"\s*(?:what(?:'s|\s+is|\s+are)\s+(?:the\s+)?(\S+?)|什么是\s*(\S+?)|(\S+?)\s*是什么)\s*[?？]?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class WeightedTerm:
    """A term for the lexical retriever: a word or phrase, its weight, and where it came from."""

    text: str
    weight: float
    kind: str  # decision | session | glossary | variant | acronym | dictionary | query | member
    # What its forms name, when it is one of several: a glossary term's English name for each of its names in either
    # language ("KCI", 卡托维兹委员会), a date's or a sum's usual form for its others. A passage holding three names of
    # one committee holds one thing the question asks about, not three (`search.coverage_shares`). "" for a word.
    concept: str = ""


@dataclass(frozen=True)
class AcronymHit:
    """An acronym the query uses, with what the glossary says it stands for."""

    abbreviation: str
    name_en: str
    names_zh: tuple[str, ...]


@dataclass
class QueryAnalysis:
    query: str  # the question as read: NFKC, in simplified Chinese, its acronyms in capitals
    language: str  # "zh" | "en" | "mixed"
    decisions: list[DecisionCitation] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # UN document symbols: "FCCC/SBI/2026/7"
    document_paragraphs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # those asked for, by document
    preambular_paragraphs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "PP 6 of 2/CMA.5", by decision
    sessions: list[str] = field(default_factory=list)  # canonical: "CMA 5", "COP 23"
    articles: list[symbols.Article] = field(default_factory=list)  # of a treaty: "Article 9, paragraph 5"
    agenda_items: list[symbols.AgendaItem] = field(default_factory=list)  # of a session: 5, 5(a)
    dates: list[Day] = field(default_factory=list)  # days and months: 31 December 2024, June 2034
    amounts: list[Amount] = field(default_factory=list)  # of money, USD 100 billion, or counts, 5 million
    percentages: list[Percent] = field(default_factory=list)  # 43 per cent
    temperatures: list[Temperature] = field(default_factory=list)  # 1.5 °C
    bodies: list[str] = field(default_factory=list)  # body codes: "CMA", "SBI"
    acronyms: list[AcronymHit] = field(default_factory=list)
    terms: list[WeightedTerm] = field(default_factory=list)  # for the lexical retriever, heaviest first
    english_terms: list[WeightedTerm] = field(default_factory=list)  # for the English index, heaviest first
    dense_text: str = ""  # the query in Chinese, for the dense retriever
    coded_text: str = ""  # the query with its sessions as codes ("COP 29"), for the English dense retrievers
    english_coded_text: str = ""  # coded_text with its glossary terms by their English names, for own_text
    unknown_words: list[str] = field(default_factory=list)  # English words neither glossary nor dictionary knew
    # The English glosses of each Chinese word no glossary term covers, when the dictionary gives several: the first
    # weighs most (W_DICT_FIRST) unless the English passages say another is the sense (search_api.senses).
    senses: list[tuple[str, ...]] = field(default_factory=list)
    asks_mandate: bool = False  # who was asked to do what, by when
    asks_deadline: bool = False
    asks_definition: bool = False  # what an abbreviation stands for
    asks_decision: bool = False  # what a decision or a session decided

    @property
    def asked_coded(self) -> str:
        """The question as asked, its sessions written as codes ("COP 29" for "第二十九届缔约方大会" or "the Baku
        Climate Change Conference"): how the English passages are searched by meaning, with one form of a session
        whatever the question's language (asked with "第二十九届缔约方大会", a question found other passages)."""
        return self.coded_text or self.query

    @property
    def asked_in_english(self) -> str:
        """The question as asked, its sessions as codes and its glossary terms by their English names ("第19/CMA.1号
        决定规定 global stocktake 由哪几个组成部分构成"): how a named decision's own English text is ranked by meaning.
        The small multilingual model matches a Chinese question to English paragraphs poorly; the terms in
        English anchor it."""
        return self.english_coded_text or self.asked_coded

    @property
    def decision_symbols(self) -> list[str]:
        return list(dict.fromkeys(c.symbol for c in self.decisions))

    @property
    def named(self) -> list[str]:
        """What the question names whose text the graph holds: decisions, sessions (their decisions'), documents,
        agenda items (their sections in the reports)."""
        return (self.decision_symbols + self.sessions + self.documents
                + [f"agenda item {item.number}" for item in self.agenda_items])


def analyze(
    query: str, glossary: Glossary | None = None, dictionary: EnglishChineseDictionary | None = None
) -> QueryAnalysis:
    """Analyse a search query (Chinese, English or both). The glossary and dictionary default to the
    project's; the dictionary is only loaded when an English word is not in the glossary."""
    glossary = glossary or load_glossary()
    text = simplified(unicodedata.normalize("NFKC", query).strip())
    text = _acronyms_in_capitals(text, glossary, dictionary)
    out = QueryAnalysis(query=text, language=query_language(text),
                        asks_mandate=bool(_MANDATE_RE.search(text)), asks_deadline=bool(_DEADLINE_RE.search(text)),
                        asks_definition=_asks_definition(text))
    spans: Spans = {}
    mentions: list[tuple[int, int, list[str]]] = []  # each session mention: its span, the sessions it says
    terms: list[WeightedTerm] = []

    by_session = [DecisionCitation(symbol, paragraphs, text[start:end])
                  for symbol, start, end, paragraphs in symbols.iter_decisions_by_session(text)]
    for cite in symbols.find_decision_citations(text) + by_session:
        out.decisions.append(cite)
        start = text.find(cite.quote)
        if start >= 0 and not _overlaps(spans, start, start + len(cite.quote)):
            spans[start] = (start + len(cite.quote), _decision_zh(cite))
        terms.append(WeightedTerm(cite.symbol, W_EXACT, "decision"))
        if cite.preambular:
            out.preambular_paragraphs[cite.symbol] = cite.preambular
    # A document by its symbol, with the paragraphs asked for: its words ("FCCC", "PA", "Add.1", "paragraph") are no
    # terms of their own.
    cited = symbols.find_document_citations(text)
    document_spans: Spans = {}
    for document in cited:
        out.documents.append(document.symbol)
        if document.paragraphs:
            out.document_paragraphs[document.symbol] = document.paragraphs
        start = text.find(document.quote) if document.quote else -1
        if start >= 0 and not _overlaps(spans, start, start + len(document.quote)):
            paragraphs = "第" + "、".join(document.paragraphs) + "段" if document.paragraphs else ""
            spans[start] = document_spans[start] = (start + len(document.quote), document.symbol + paragraphs)
        terms.append(WeightedTerm(document.symbol, W_EXACT, "document"))
    # One mention may name several sessions: "CMA 第四届和第五届会议", "the Baku Climate Change Conference". A
    # question may name the body first and its session after: "What did the CMA request at its fifth session?"
    sessions = sorted(symbols.iter_sessions(text) + symbols.iter_sessions_of_body_named(text), key=lambda hit: hit[1])
    for (start, end), mention in groupby(sessions, key=lambda hit: hit[1:]):
        if _overlaps(spans, start, end):
            continue
        mentioned = [session for session, _start, _end in mention]
        # The subsidiary bodies' joint session is the SBSTA's and the SBI's: "SB 60" scopes their reports too.
        mentioned += [f"{body} {s.split()[1]}" for s in mentioned if s.split()[0] == "SB" for body in ("SBSTA", "SBI")]
        out.sessions += [session for session in mentioned if session not in out.sessions]
        # A conference is said by its COP: the CMP's and CMA's sessions held with it scope the graph's signals, but
        # their long names would outweigh the question's words.
        said = [session for session in mentioned if session.split()[0] == mentioned[0].split()[0]]
        for session in said:
            terms.append(WeightedTerm(session_zh(session), W_EXACT, "session"))
            terms.append(WeightedTerm(symbols.body_of_session(session), W_ACRONYM, "acronym"))
        spans[start] = (end, "和".join(session_zh(session) for session in said))
        mentions.append((start, end, said))
    # What each language writes its own way, given to each side in its forms (`written`: the English ones by span): a
    # treaty article, which the decisions cite as "Article 9, paragraph 5" and the reports as 第九条第五款 (a glossary
    # term that holds it says more: "Article 6.4 mechanism"), a date, "31 December 2024" and 2024年12月31日, a sum of
    # money or a count, "USD 100 billion" and 1000亿美元, "5 million" and 500万, a share, "43 per cent" and 43%, and a
    # temperature, "1.5 °C" and 1.5°C (its "C" alone, a word of its own, is the letter of every lettered list).
    written: dict[int, tuple[int, list[WeightedTerm]]] = {}
    articles = [(a, s, e) for a, s, e in symbols.iter_articles(text) if not _within_glossary_term(text, s, e, glossary)]
    out.articles = _add_written(text, articles, "article", spans, terms, written)
    out.agenda_items = _add_written(text, symbols.iter_agenda_items(text), "agenda_item", spans, terms, written)
    out.dates = _add_written(text, iter_dates(text), "date", spans, terms, written)
    out.amounts = _add_written(text, iter_amounts(text), "amount", spans, terms, written)
    # A count's Chinese form is no phrase (below): the segmenter joins 万 to what is counted, 500 万人.
    out.amounts += _add_written(text, iter_counts(text), "count", spans, terms, written)
    out.percentages = _add_written(text, iter_percentages(text), "percent", spans, terms, written)
    out.temperatures = _add_written(text, iter_temperatures(text), "temperature", spans, terms, written)
    named = [symbols.session_of_decision(d.symbol) for d in out.decisions] + out.sessions
    out.asks_decision = bool(out.decisions or out.sessions or DECISION_WORD_RE.search(text))
    # "FCCC/SBSTA/2024/7" is the SBSTA's report: the body is not asked about.
    without_documents = _masked(text, document_spans)
    out.bodies = list(dict.fromkeys([s.split()[0] for s in named] + symbols.find_bodies(without_documents)))

    _expand_english(text, glossary, dictionary, out, terms, spans)
    in_english: Spans = {}  # each Chinese glossary term's span: its English name
    uncovered = _expand_chinese(_masked(text, spans), glossary, dictionary, terms, in_english)

    glosses = _chinese_glosses(uncovered, dictionary)
    out.senses = [senses for senses in glosses if len(senses) > 1]
    english_terms = (_english_terms(text, glossary, out.decisions, cited, mentions, written)
                     + [WeightedTerm(gloss, W_DICT_FIRST if i == 0 else W_DICT_OTHER, "dictionary")
                        for senses in glosses for i, gloss in enumerate(senses)])
    members = _members_named(english_terms, glossary)
    out.terms = _merge_terms(terms + [WeightedTerm(v, W_MEMBER, "member") for m in members for v in m.zh + m.acronyms])
    out.english_terms = _merge_terms(english_terms
                                     + [WeightedTerm(v, W_MEMBER, "member") for m in members for v in m.en])
    out.dense_text = _render(text, spans)
    coded: Spans = {start: (end, " and ".join(said)) for start, end, said in mentions}
    out.coded_text = _render(text, coded)
    out.english_coded_text = _render(text, coded | in_english)
    return out


def _members_named(english_terms: list[WeightedTerm], glossary: Glossary) -> list[Term]:
    """The members of each class the question names, in either language (its glossary terms are among its English
    terms): "which negotiating groups submitted…" is answered by a list of the groups' names (the African Group, AOSIS,
    the LDC Group…), 组成机构 by the committees'."""
    named = dict.fromkeys(t.text for t in english_terms if t.kind in ("glossary", "variant"))
    return list({id(m): m for name in named for m in glossary.members(name)}.values())


def simplified(text: str) -> str:
    """`text` in simplified Chinese, as the documents and the glossary write it, as the UN does: a question typed in
    traditional characters (Taiwan, Hong Kong, Macao), "全球盤點", is read as 全球盘点. OpenCC's t2s leaves simplified
    text as it is (the 72 dev questions, the 2,419 lines of the four Chinese reports)."""
    return _TO_SIMPLIFIED.convert(text)


def _acronyms_in_capitals(text: str, glossary: Glossary, dictionary: EnglishChineseDictionary | None) -> str:
    """`text` with the glossary's acronyms it wrote in lower case ("gst", "ndcs", "Pccb") in capitals, as the
    documents write them: a search box gets them typed so, and the glossary knows a short acronym by its case, so
    that "ace" is not ACE. A word the dictionary knows ("cop", "gap") or a stop word ("who") stays as written."""
    for word in english_words(text):
        if word.text == word.text.upper() or not (word.text.islower() or word.text.istitle()) or _is_stop_word(word):
            continue
        capitals = word.text.upper()
        for written in (capitals, capitals[:-1] + "s") if capitals.endswith("S") else (capitals,):
            matched = glossary.match_english(english_words(written))
            if is_acronym(written) and matched and bare_acronym(written) in matched[0][2].acronyms:
                if not (dictionary or load_dictionary()).lookup_key((word.key,)):
                    text = text[: word.start] + written + text[word.end :]
                break
    return text


def _asks_definition(text: str) -> bool:
    if _DEFINITION_RE.search(text):
        return True
    what_is = _WHAT_IS_RE.fullmatch(text)
    return what_is is not None and is_acronym(next(filter(None, what_is.groups())))


def query_language(text: str) -> str:
    """ "zh" when the query is Chinese (English acronyms and symbols allowed), "en" when it has no Chinese."""
    has_zh = _CJK_RE.search(text) is not None
    masked = symbols.DECISION_RE.sub(" ", text)
    has_en = any(not is_acronym(w.text) and not w.text.isdigit() for w in english_words(masked))
    if has_zh:
        return "mixed" if has_en else "zh"
    return "en"


def session_zh(session: str) -> str:
    """ "CMA 5" -> "作为《巴黎协定》缔约方会议的《公约》缔约方会议第五届会议", as the reports write it."""
    body, number = session.split()
    return f"{symbols.BODIES[body]['zh']}第{symbols.int_to_cn(int(number))}届会议"


def _decision_zh(cite: DecisionCitation) -> str:
    paras = "第" + "、".join(cite.paragraphs) + "段" if cite.paragraphs else ""
    preambular = "序言部分第" + "、".join(cite.preambular) + "段" if cite.preambular else ""
    annex = symbols.roman_to_int(cite.annex) if cite.annex else None
    annexed = (f"附件{symbols.int_to_cn(annex) if annex else ''}第" + "、".join(cite.annex_paragraphs) + "段"
               if cite.annex_paragraphs else "")
    return f"第{cite.symbol}号决定{paras}{preambular}{annexed}"


def _expand_english(text: str, glossary: Glossary, dictionary: EnglishChineseDictionary | None,
                    out: QueryAnalysis, terms: list[WeightedTerm], spans: Spans) -> None:
    words = [w for w in english_words(text) if not _overlaps(spans, w.start, w.end)]
    # Runs of adjacent words (nothing but spaces and hyphens between) are matched as phrases.
    for run in _runs(text, words):
        matched = glossary.match_english(run, chinese=True)
        hit_at = {first: (last, term) for first, last, term in matched}
        i = 0
        while i < len(run):
            if i in hit_at:
                last, term = hit_at[i]
                _add_glossary_hit(run[i:last], term, out, terms, spans)
                i = last
                continue
            i = _add_dictionary_hit(run, i, dictionary, out, terms, spans)


def _add_glossary_hit(words: list[Word], term: Term, out: QueryAnalysis, terms: list[WeightedTerm],
                      spans: Spans) -> None:
    terms.append(WeightedTerm(term.zh[0], W_EXACT, "glossary", term.name))
    terms.extend(WeightedTerm(v, W_VARIANT, "variant", term.name) for v in term.zh[1:])
    terms.extend(WeightedTerm(a, W_ACRONYM, "acronym", term.name) for a in term.acronyms)
    if len(words) == 1 and is_acronym(words[0].text):
        abbr = bare_acronym(words[0].text)
        if abbr not in {a.abbreviation for a in out.acronyms}:
            out.acronyms.append(AcronymHit(abbr, term.name, tuple(term.zh)))
    else:
        terms.extend(WeightedTerm(w.text, W_ORIGINAL, "query") for w in words if not _is_stop_word(w))
    spans[words[0].start] = (words[-1].end, term.zh[0])


def _add_dictionary_hit(run: list[Word], i: int, dictionary: EnglishChineseDictionary | None, out: QueryAnalysis,
                        terms: list[WeightedTerm], spans: Spans) -> int:
    """Translate the longest dictionary phrase starting at run[i]; returns the index after it."""
    word = run[i]
    if word.text.isdigit():
        if len(word.text) >= MIN_NUMBER_DIGITS:
            terms.append(WeightedTerm(word.text, W_VARIANT, "query"))
        return i + 1
    if _is_stop_word(word):
        spans[word.start] = (word.end, "")
        return i + 1
    dictionary = dictionary or load_dictionary()
    for n in range(min(dictionary.max_words, len(run) - i), 0, -1):
        chunk = run[i : i + n]
        if n > 1 and (any(_is_stop_word(w) for w in chunk[:-1])
                      or (_is_stop_word(chunk[-1]) and chunk[-1].key not in _PARTICLES)):
            continue
        candidates = dictionary.lookup_phrase(tuple(w.key for w in chunk))
        if candidates:
            terms.append(WeightedTerm(candidates[0], W_DICT_FIRST, "dictionary"))
            terms.extend(WeightedTerm(c, W_DICT_OTHER, "dictionary") for c in candidates[1:])
            terms.extend(WeightedTerm(w.text, W_ORIGINAL, "query") for w in chunk if not _is_stop_word(w))
            spans[chunk[0].start] = (chunk[-1].end, candidates[0])
            return i + n
    terms.append(WeightedTerm(word.text, W_ORIGINAL, "query"))
    # By its lemma or American spelling, as other senses: their first sense rendered the question worse ("scheduled"
    # as 调度, dispatch; e019 0.76 -> 0.60).
    if other := dictionary.lookup_other_forms(word.key):
        terms.extend(WeightedTerm(c, W_DICT_OTHER, "dictionary") for c in other)
    else:
        out.unknown_words.append(word.text)
    return i + 1


def _english_terms(text: str, glossary: Glossary, decisions: list[DecisionCitation], documents: list[DocumentCitation],
                   sessions: list[tuple[int, int, list[str]]],
                   written: dict[int, tuple[int, list[WeightedTerm]]]) -> list[WeightedTerm]:
    """Terms for the English index (whose analyzer stems and drops stop words itself): the decision and document
    symbols, the query's English words and glossary phrases with their other English forms ("GST" -> "global
    stocktake"), the English names of the glossary terms its Chinese names (全球盘点 -> "global stocktake", "GST"), the
    sessions it names (`sessions`: each mention's span and the sessions it says) by their ordinals, and the articles,
    dates, sums, shares and temperatures it names as the decisions write them (`written`: start -> end, terms)."""
    terms = [WeightedTerm(c.symbol, W_EXACT, "decision") for c in decisions]
    terms += [WeightedTerm(c.symbol, W_EXACT, "document") for c in documents]
    for quote in [c.quote for c in decisions] + [c.quote for c in documents if c.quote]:
        text = text.replace(quote, " " * len(quote))
    for start, (end, forms) in written.items():
        text = text[:start] + " " * (end - start) + text[end:]
        terms += forms
    # A session as the decisions write it ("the seventh session"), however the question wrote it: "COP29" is in no
    # English passage, and the words of "the twenty-ninth session of the COP" are in every one.
    for start, end, said in sessions:
        text = text[:start] + " " * (end - start) + text[end:]
        ordinals = [symbols.ordinal_word(int(session.split()[1])) for session in said]
        terms += [WeightedTerm(f"{ordinal} session", W_EXACT, "session") for ordinal in ordinals if ordinal]
    for run in _runs(text, english_words(text)):
        for first, last, term in glossary.match_english(run):
            terms.append(WeightedTerm(text[run[first].start : run[last - 1].end], W_EXACT, "glossary", term.name))
            terms.extend(WeightedTerm(v, W_VARIANT, "variant", term.name) for v in term.en)
        for w in run:
            if not _is_stop_word(w) and not (w.text.isdigit() and len(w.text) < MIN_NUMBER_DIGITS):
                terms.append(WeightedTerm(w.text, W_EXACT, "query"))
                if ize := ize_spelling(w.text):  # the decisions write "mobilized", which the stemmer keeps apart
                    terms.append(WeightedTerm(ize, W_VARIANT, "variant", w.text))
    for zh_run in _ZH_RUN_RE.finditer(text):
        for m in glossary.match_chinese(zh_run[0]):
            terms.append(WeightedTerm(m.term.preferred, W_EXACT, "glossary", m.term.name))
            terms.extend(WeightedTerm(v, W_VARIANT, "variant", m.term.name) for v in m.term.en)
    return terms


class Written(Protocol):
    """What each language writes its own way: its forms in Chinese and in English, the usual one first."""

    @property
    def zh_forms(self) -> tuple[str, ...]: ...

    @property
    def en_forms(self) -> tuple[str, ...]: ...


W = TypeVar("W", bound=Written)


def _add_written(text: str, found: list[tuple[W, int, int]], kind: str, spans: Spans, terms: list[WeightedTerm],
                 written: dict[int, tuple[int, list[WeightedTerm]]]) -> list[W]:
    """Those of `found` (each with its span in `text`) that nothing understood already covers, their Chinese forms
    added to `terms` and their English ones to `written`, the usual form exact and the others variants. Written in
    Chinese, the question's words render them; else the usual Chinese form."""
    def weighted(forms: tuple[str, ...]) -> list[WeightedTerm]:
        return [WeightedTerm(form, W_EXACT if i == 0 else W_VARIANT, kind, forms[0]) for i, form in enumerate(forms)]

    added = []
    for thing, start, end in found:
        if not _overlaps(spans, start, end):
            added.append(thing)
            spans[start] = (end, text[start:end] if _CJK_RE.search(text[start:end]) else thing.zh_forms[0])
            terms.extend(weighted(thing.zh_forms))
            written[start] = (end, weighted(thing.en_forms))
    return added


def _within_glossary_term(text: str, start: int, end: int, glossary: Glossary) -> bool:
    """Whether a glossary term, English or Chinese, spans text[start:end] and more."""
    matched = [(run[first].start, run[last - 1].end) for run in _runs(text, english_words(text))
               for first, last, _term in glossary.match_english(run)]
    matched += [(run.start() + m.start, run.start() + m.end) for run in _ZH_RUN_RE.finditer(text)
                for m in glossary.match_chinese(run[0])]
    return any(s <= start and end <= e and e - s > end - start for s, e in matched)


def _chinese_glosses(words: list[str], dictionary: EnglishChineseDictionary | None) -> list[tuple[str, ...]]:
    """For the English index: the English glosses of each of the question's Chinese words that no glossary term
    covers ("目的" -> "purpose", "aim", "goal"), to be weighed as the dictionary's translations of English words are.
    A Chinese question about what a decision says otherwise reaches its English text through glossary terms alone."""
    if not words:
        return []
    dictionary = dictionary or load_dictionary()
    return [glosses for word in words for piece in ([word] if _ordinal(word) else dictionary.pieces(word))
            if (glosses := _ordinal(piece) or tuple(dictionary.english(piece)))]


def _ordinal(word: str) -> tuple[str, ...]:
    """A Chinese ordinal's English forms: 第十四次 -> "fourteenth", "14th" (the dictionary has 十四 "fourteen")."""
    m = _ZH_ORDINAL_RE.fullmatch(word)
    n = symbols.cn_to_int(m[1]) if m else 0
    if not (spelled := symbols.ordinal_word(n)):
        return ()
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return spelled, f"{n}{suffix}"


def _is_stop_word(word: Word) -> bool:
    return word.text.lower() in EN_STOP_WORDS


def _expand_chinese(masked: str, glossary: Glossary, dictionary: EnglishChineseDictionary | None,
                    terms: list[WeightedTerm], in_english: Spans) -> list[str]:
    """Add the Chinese text's glossary terms and other words to `terms`, and each term's span with its English name
    to `in_english`; return the other words (no glossary term covers them)."""
    uncovered: list[str] = []
    for run in _ZH_RUN_RE.finditer(masked):
        segment, pos = run[0], 0
        for m in glossary.match_chinese(segment):
            uncovered += _add_chinese_words(segment[pos : m.start], dictionary, terms)
            if m.start >= pos:
                in_english[run.start() + m.start] = (run.start() + m.end, m.term.name)
            pos = max(pos, m.end)
            terms.append(WeightedTerm(m.text, W_EXACT, "glossary", m.term.name))
            terms.extend(WeightedTerm(v, W_VARIANT, "variant", m.term.name)
                         for v in m.term.zh if v != m.text and len(v) > 1)
            terms.extend(WeightedTerm(a, W_ACRONYM, "acronym", m.term.name) for a in m.term.acronyms)
        uncovered += _add_chinese_words(segment[pos:], dictionary, terms)
    return uncovered


def _add_chinese_words(segment: str, dictionary: EnglishChineseDictionary | None,
                       terms: list[WeightedTerm]) -> list[str]:
    """Add the segment's words (not stop words; a name the dictionary knows whole) to `terms`, and return them."""
    words = [w for w in (w.strip() for w in (dictionary or load_dictionary()).words(segment))
             if w and _CJK_RE.search(w) and w not in ZH_STOP_WORDS and not _ZH_INTERROGATIVE_RE.search(w)]
    terms.extend(WeightedTerm(word, W_EXACT, "query") for word in words)
    return words


def _runs(text: str, words: list[Word]) -> list[list[Word]]:
    runs: list[list[Word]] = []
    for w in words:
        if runs and re.fullmatch(r"[\s\-–'’/]*", text[runs[-1][-1].end : w.start]):
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def _merge_terms(terms: list[WeightedTerm]) -> list[WeightedTerm]:
    """One entry per text, at its highest weight; heaviest first, then in query order."""
    best: dict[str, WeightedTerm] = {}
    for t in terms:
        if t.text and (t.text not in best or t.weight > best[t.text].weight):
            best[t.text] = t
    order = {text: i for i, text in enumerate(best)}
    return sorted(best.values(), key=lambda t: (-t.weight, order[t.text]))


def _overlaps(spans: Spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, (e, _r) in spans.items())


def _masked(text: str, spans: Spans) -> str:
    """`text` with the understood spans blanked out, so no Chinese term is matched across them."""
    chars = list(text)
    for start, (end, _r) in spans.items():
        chars[start:end] = _MASK * (end - start)
    return "".join(chars)


def _render(text: str, spans: Spans) -> str:
    """`text` with every understood span replaced by its Chinese rendering, spaces tidied."""
    out, pos = [], 0
    for start in sorted(spans):
        end, rendering = spans[start]
        out += [text[pos:start], " ", rendering, " "]
        pos = end
    out.append(text[pos:])
    rendered = re.sub(r"\s+", " ", "".join(out)).strip()
    # Chinese is written without spaces: drop those between two Chinese characters or punctuation marks.
    return re.sub(rf"(?<=[{_ZH_CHARS}，。、；：？！（）,.;:?!()]) (?=[{_ZH_CHARS}，。、；：？！（）,.;:?!()])", "",
                  rendered)
