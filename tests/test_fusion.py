import pytest

from search_api.fusion import Candidate, Fused, reweigh, rrf
from search_api.search import RANKING


def test_a_passage_found_by_two_signals_outranks_one_found_by_either():
    fused = rrf({
        "lexical": [Candidate("a", 9.0), Candidate("b", 5.0)],
        "dense": [Candidate("c", 0.9), Candidate("b", 0.8)],
    })
    assert fused[0].uid == "b"
    assert fused[0].signals == {"lexical": 2, "dense": 2}
    assert fused[0].score == pytest.approx(2 / 62)


def test_weights_scale_a_signal_and_why_is_kept():
    fused = rrf({"lexical": [Candidate("a", 1.0)], "graph": [Candidate("g", 1.0, why="cites 1/CMA.5")]},
                weights={"graph": 2.0})
    assert [f.uid for f in fused] == ["g", "a"]
    assert fused[0].why == {"graph": "cites 1/CMA.5"}


def test_a_duplicate_within_one_signal_counts_once_at_its_best_rank():
    fused = rrf({"lexical": [Candidate("a", 2.0), Candidate("a", 1.0)]})
    assert fused[0].score == pytest.approx(1 / 61)


def test_at_searchs_k_two_first_ranks_outweigh_four_ranks_far_down():
    # The English side has up to six signals for a Chinese passage's three: many far-down ranks must not add up to
    # more than agreeing first ranks, as they do at the usual k = 60.
    ranked = {signal: [Candidate("first", 1.0)] if signal in ("lexical", "dense")
              else [Candidate(f"{signal}-{n}", 1.0) for n in range(29)] + [Candidate("far", 0.5)]
              for signal in ("lexical", "dense", "english", "dense_en", "structure", "own_text")}
    assert rrf(ranked, k=RANKING.rrf_k)[0].uid == "first"
    assert rrf(ranked, k=60)[0].uid == "far"


def _fused(*scores: float) -> list[Fused]:
    return [Fused(f"p{i}", score) for i, score in enumerate(scores)]


def test_reweigh_scales_the_passages_given_and_reorders():
    fused = reweigh(_fused(0.9, 0.8, 0.5), {"p0": 0.5})
    assert [(f.uid, f.score) for f in fused] == [("p1", 0.8), ("p2", 0.5), ("p0", 0.45)]
