"""The matcher on texts that repeat a word, and the stemmer's every ending: the paths a text of
distinct words, or a word with no ending, never takes."""

from __future__ import annotations

import pytest

from jdfix.engine.phrases import PhraseIndex, content_words, stem


def _find(pattern: str, text: str) -> list[str]:
    index = PhraseIndex()
    index.add(0, pattern)
    words = content_words(text)
    return [words.quote(first, last) for _, first, last in index.find(words.stems)]


@pytest.mark.parametrize(
    ("pattern", "text", "quotes"),
    [
        # the other word nearest the anchor, not the first one in the text
        ("order backlog", "Order lunch, then order the backlog", ["order the backlog"]),
        # equally near on both sides: the earlier word
        ("review code", "Review code review", ["Review code"]),
        # a word of the text fills one slot only
        ("data data", "data platform", []),
        ("data data", "data and more data", ["data and more data"]),
        # in order, where the words also stand the other way round
        ("^plan sprint", "sprint plan, plan the sprint", ["plan the sprint"]),
    ],
)
def test_a_text_that_repeats_a_word(pattern: str, text: str, quotes: list[str]) -> None:
    assert _find(pattern, text) == quotes


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("pies", "pie"), ("stories", "story"), ("classes", "class"), ("watches", "watch"), ("wishes", "wish"),
        ("boxes", "box"), ("glass", "glass"), ("status", "status"), ("days", "days"), ("cases", "cas"),
        ("organisation", "organiz"), ("organizations", "organiz"), ("organisers", "organiz"),
        ("minimise", "minimiz"), ("realizing", "realiz"), ("prioritised", "prioritiz"), ("sizes", "siz"),
        ("runs", "run"), ("planning", "plan"), ("stopped", "stop"), ("filled", "fill"), ("buzzing", "buzz"),
        ("free", "free"), ("agree", "agree"), ("make", "mak"), ("this", "this"), ("analysis", "analyz"),
    ],
)
def test_each_ending_is_stemmed(word: str, expected: str) -> None:
    assert stem(word) == expected
    assert content_words(word).stems == ((expected,) if word != "this" else ())
