import pytest

from search_api.fusion import Candidate, Fused, reweigh, rrf


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


def _fused(*scores: float) -> list[Fused]:
    return [Fused(f"p{i}", score) for i, score in enumerate(scores)]


def test_reweigh_scales_the_passages_given_and_reorders():
    fused = reweigh(_fused(0.9, 0.8, 0.5), {"p0": 0.5})
    assert [(f.uid, f.score) for f in fused] == [("p1", 0.8), ("p2", 0.5), ("p0", 0.45)]
