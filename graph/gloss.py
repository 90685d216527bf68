"""A passage not in English, glossed in English words for English questions (document translation).

An English question reaches a Chinese passage through its own rendering in Chinese, word by word, and a dictionary
chooses badly out of context ("Great Green Wall" -> 重大青墙). Glossing the passage the other way gives the question
a second way in, where the passage's own words choose what is looked up (非洲绿色长城 -> "Africa green Great Wall").
The gloss is indexed for the gloss signal (docs/search.md, step 8), never shown.
"""

from __future__ import annotations

from graph.glossary import english_words, load_glossary
from graph.glossary.dictionary import EnglishChineseDictionary, load_dictionary


def english_gloss(text: str) -> str:
    """`text` in English words: its own Latin-script words as written (acronyms, figures, names), the glossary's
    English name and acronyms of each of its terms, and the dictionary's first gloss of each of its other words (of
    the words it is made of, for one the dictionary lacks: 透明性 as 透明, "transparent")."""
    glossary, dictionary = load_glossary(), load_dictionary()
    words, pos = [w.text for w in english_words(text)], 0
    for match in glossary.match_chinese(text):
        words += _glossed(text[pos : match.start], dictionary)
        words += [match.term.name, *match.term.acronyms]
        pos = max(pos, match.end)
    return " ".join(words + _glossed(text[pos:], dictionary))


def _glossed(text: str, dictionary: EnglishChineseDictionary) -> list[str]:
    return [dictionary.english(piece)[0]
            for word in dictionary.words(text) for piece in dictionary.pieces(word.strip())]
