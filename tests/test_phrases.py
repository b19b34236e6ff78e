from __future__ import annotations

import pytest

from jdfix.engine.phrases import PatternError, PhraseIndex, content_words, stem


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("prioritise", "prioritizing"),
        ("prioritisation", "prioritized"),
        ("stories", "story"),
        ("planning", "plan"),
        ("planned", "plans"),
        ("hiring", "hire"),
        ("analyse", "analysis"),
        ("tests", "testing"),
        ("reviews", "reviewed"),
    ],
)
def test_inflections_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(("a", "b"), [("manageable", "manage"), ("competence", "compete"), ("manager", "manage")])
def test_different_words_keep_different_stems(a: str, b: str) -> None:
    assert stem(a) != stem(b)


def _find(pattern: str, text: str) -> list[str]:
    index = PhraseIndex()
    index.add(0, pattern)
    words = content_words(text)
    return [words.quote(first, last) for _, first, last in index.find(words.stems)]


@pytest.mark.parametrize(
    ("pattern", "text", "quote"),
    [
        ("order|prioritise product? backlog", "Prioritising the product backlog weekly", "Prioritising the product backlog"),
        ("order|prioritise product? backlog", "Backlog prioritisation with the team", "Backlog prioritisation"),
        ("order|prioritise product? backlog", "order the backlog", "order the backlog"),
        ("write acceptance criteria", "Write clear, testable acceptance criteria", "Write clear, testable acceptance criteria"),
        ("bpmn", "Model processes in BPMN 2.0", "BPMN"),
    ],
)
def test_pattern_matches(pattern: str, text: str, quote: str) -> None:
    assert _find(pattern, text) == [quote]


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("manage backlog", "keep the backlog manageable"),
        ("compete", "core competence"),
        ("order backlog", "order lunch for the team, then look at the long and winding backlog"),
        ("write acceptance criteria", "write criteria"),
    ],
)
def test_pattern_does_not_match(pattern: str, text: str) -> None:
    assert _find(pattern, text) == []


def test_a_key_matches_once_per_text() -> None:
    index = PhraseIndex()
    index.add(7, "product backlog")
    index.add(7, "backlog refinement")
    words = content_words("Product backlog refinement and product backlog ordering")
    assert [m[0] for m in index.find(words.stems)] == [7]


@pytest.mark.parametrize("pattern", ["", "the and of", "front-end|backend"])
def test_bad_patterns_are_refused(pattern: str) -> None:
    with pytest.raises(PatternError):
        PhraseIndex().add(0, pattern)


def test_ordered_patterns_need_their_order() -> None:
    assert _find("^continuous delivery", "Practise continuous delivery") == ["continuous delivery"]
    assert _find("^continuous delivery", "delivery and continuous improvement") == []
    assert _find("continuous delivery", "delivery and continuous improvement") == ["delivery and continuous"]


def test_optional_slot_keeps_its_place_in_an_ordered_pattern() -> None:
    assert _find("^develop own? skills", "develop your own skills") == ["develop your own skills"]
    assert _find("^develop own? skills", "skills we develop") == []


def test_role_placeholder_in_a_pattern() -> None:
    index = PhraseIndex()
    index.add(0, "coach|mentor @delivery-manager")
    assert [m[0] for m in index.find(("coach", "@delivery-manager"))] == [0]
    assert index.find(("coach", "team")) == []


def test_an_unpickled_index_finds_what_the_compiled_one_finds_unpacking_only_what_a_text_meets() -> None:
    """The compiled role book keeps its phrase index with each anchor's patterns packed on their
    own, unpacked when a text first holds the anchor: the same matches, and it still grows."""
    import pickle

    from jdfix.engine.phrases import stems_of

    index = PhraseIndex()
    for key, pattern in enumerate(["groom|refine backlog", "^write user story|stories", "run retrospective|retros",
                                   "market research", "set price|prices|pricing"]):
        index.add(key, pattern)
    copy = pickle.loads(pickle.dumps(index))
    assert len(copy._by_anchor) == 0 and index.find(stems_of("Groom the backlog"))
    assert copy.find(stems_of("Groom the backlog")) == index.find(stems_of("Groom the backlog"))
    assert list(copy._by_anchor) == ["backlog"]  # only the anchor the text held
    again = pickle.loads(pickle.dumps(copy))  # a partly unpacked copy pickles whole
    texts = ["Refine the product backlog every week", "Write user stories and run the retros",
             "Stories we write", "Do market research and set prices", "Nothing here at all"]
    for text in texts:
        assert copy.find(stems_of(text)) == index.find(stems_of(text))
    assert [again.find(stems_of(t)) for t in texts] == [index.find(stems_of(t)) for t in texts]
    copy.add(9, "sprint review|reviews")
    index.add(9, "sprint review|reviews")
    for text in [*texts, "Hold the sprint review"]:
        assert copy.find(stems_of(text)) == index.find(stems_of(text))


# The matcher on texts that repeat a word, and the stemmer's every ending: the paths a text of
# distinct words, or a word with no ending, never takes.

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
        ("free", "free"), ("agree", "agree"), ("make", "mak"), ("this", "this"),  # a stop word: no content word
        ("analysis", "analyz"),  # from the table of irregular words
    ],
)
def test_each_ending_is_stemmed(word: str, expected: str) -> None:
    assert stem(word) == expected
    assert content_words(word).stems == ((expected,) if word != "this" else ())
