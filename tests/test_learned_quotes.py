"""The words a verdict quotes: which features, in which order, for its own class and for another."""

from __future__ import annotations

import pytest

from jdfix.engine.learned import FORMAT, LearnedModel

# Three classes; each feature's weights as [class index, weight, ...]. Ties, a `lex:` feature, pairs
# and words of every strength, a negative weight and one exactly at the floor.
WEIGHTS: dict[str, list[float]] = {
    "plan": [0, 0.9, 1, 0.1],
    "plan sprint": [0, 0.7, 1, 0.5],
    "sprint": [0, 0.4, 1, 0.4],
    "sprint goal": [0, 0.7],
    "goal": [0, 0.9, 1, -0.3],
    "lex:a": [0, 2.0, 1, 2.0],
    "team": [0, 0.39, 1, 0.1],
    "team plan": [0, -0.5, 1, 0.6],
}


@pytest.fixture
def model() -> LearnedModel:
    return LearnedModel({"format": FORMAT, "classes": ["a", "b", "generic"], "bias": [0.0, 0.0, 0.0],
                         "weights": WEIGHTS})


FEATURES = ["team", "plan", "team plan", "sprint", "plan sprint", "goal", "sprint goal", "lex:a"]


def test_quotes_pairs_first_then_words_each_strongest_first_ties_in_feature_order(model: LearnedModel) -> None:
    verdict = model.classify(FEATURES)
    assert verdict is not None and verdict.best == "a"
    # "team" (0.39) is under the floor, "lex:" is quoted by its role-book phrase, "team plan" speaks against.
    assert verdict.quotable(0.4) == [("plan sprint", 0.7), ("sprint goal", 0.7),
                                     ("plan", 0.9), ("goal", 0.9), ("sprint", 0.4)]
    assert verdict.quotable(0.8) == [("plan", 0.9), ("goal", 0.9)]
    assert verdict.quotable(5.0) == []


def test_a_floor_at_or_below_zero_still_quotes_only_what_speaks_for_the_class(model: LearnedModel) -> None:
    verdict = model.classify(FEATURES)
    assert verdict is not None
    assert [f for f, _ in verdict.quotable(-1.0)] == ["plan sprint", "sprint goal", "plan", "goal", "sprint", "team"]


def test_another_class_is_quoted_by_its_own_weights(model: LearnedModel) -> None:
    verdict = model.classify(FEATURES)
    assert verdict is not None
    assert model.quotable_for(verdict, "b", 0.1) == [("team plan", 0.6), ("plan sprint", 0.5),
                                                    ("sprint", 0.4), ("team", 0.1), ("plan", 0.1)]
    assert model.quotable_for(verdict, "generic", 0.0) == []


def test_contributions_are_the_features_that_spoke_for_the_best_class(model: LearnedModel) -> None:
    verdict = model.classify(FEATURES)
    assert verdict is not None
    assert verdict.contributions == (("lex:a", 2.0), ("plan", 0.9), ("goal", 0.9), ("plan sprint", 0.7),
                                     ("sprint goal", 0.7), ("sprint", 0.4), ("team", 0.39))
