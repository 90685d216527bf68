"""A Chinese word's English sense, chosen by the company it keeps in the English passages.

A Chinese question reaches the English decisions through its words' English glosses, and the dictionary's first
gloss is often not the word the decisions use: 提供 "offer" where they say "provide", 请 "ask" for "invite",
组成部分 "part" for "component". Of a word's glosses, the one found, in the largest share of the English passages
holding it, together with the question's glossary terms is taken for its sense: translation chosen by
co-occurrence (Ballesteros and Croft, 1998), with the corpus as the judge rather than a list kept by hand.
"""

from __future__ import annotations

from dataclasses import replace

from graph.store import queries
from graph.store.client import Neo4jClient
from graph.store.schema import ENGLISH_INDEX
from search_api.query import W_DICT_FIRST, W_DICT_OTHER, QueryAnalysis
from search_api.retrievers import english_clause

# A gloss found in a handful of passages is not taken for its chance company: its share counts as if it were found
# in this many passages more.
PRIOR = 5
# The question's terms that say what it is about, whose company a sense is judged by.
ANCHOR_KINDS = ("glossary", "variant", "acronym")


class SenseChooser:
    def __init__(self, client: Neo4jClient) -> None:
        self.client = client

    def choose(self, analysis: QueryAnalysis) -> None:
        """Weigh, of each Chinese word's English glosses in `analysis`, the one the English passages use with the
        question's glossary terms as its first (W_DICT_FIRST), and the dictionary's first as another
        (W_DICT_OTHER). Nothing changes for a question without glossary terms."""
        anchors = [t.text for t in analysis.english_terms if t.kind in ANCHOR_KINDS]
        glosses = {english_clause(g): g for senses in analysis.senses for g in senses}
        if not anchors or not glosses:
            return
        records = self.client.read(queries.SENSE_COUNTS, {
            "index": ENGLISH_INDEX, "glosses": list(glosses),
            "anchors": " OR ".join(english_clause(a) for a in dict.fromkeys(anchors))})
        counts = {glosses[r["gloss"]]: (r["found"], r["with_anchors"]) for r in records}
        prefer(analysis, [best_sense(senses, counts) for senses in analysis.senses])


def best_sense(senses: tuple[str, ...], counts: dict[str, tuple[int, int]]) -> str:
    """Of `senses`, the one found with the anchors in the largest share of the passages holding it (`counts`: gloss
    -> (passages holding it, those also holding an anchor)); the first unless another's share is larger."""
    def share(gloss: str) -> float:
        found, together = counts.get(gloss, (0, 0))
        # A gloss of stop words alone finds nothing by itself but everything with the anchors.
        return min(found, together) / (found + PRIOR)

    return max(senses, key=lambda gloss: (share(gloss), gloss == senses[0]))


def prefer(analysis: QueryAnalysis, chosen: list[str]) -> None:
    """Make each of `chosen` (one per analysis.senses) its word's first sense in the English terms."""
    moved = [(senses[0], sense) for senses, sense in zip(analysis.senses, chosen, strict=True) if sense != senses[0]]
    # Promotions after demotions: a gloss first for one word and chosen for another weighs as chosen.
    weights = {first: W_DICT_OTHER for first, _ in moved} | {sense: W_DICT_FIRST for _, sense in moved}
    analysis.english_terms = sorted(
        (replace(t, weight=weights[t.text]) if t.kind == "dictionary" and t.text in weights else t
         for t in analysis.english_terms), key=lambda t: -t.weight)
