"""Substring pre-checks and start positions that spare the regex engine a walk over a text: each may
rule a text out (or skip ahead) only where the plain pattern finds nothing there. Each is compared
here with its long form on generated texts, with the characters that ignoring case treats specially
(İ ı ſ and the Kelvin sign), Unicode digits and spaces, and line breaks."""

from __future__ import annotations

import re
import sys
from types import SimpleNamespace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdfix.engine import regexes
from jdfix.engine.analysis import Analyser, _line_span
from jdfix.engine.document import _ANSWER_FOR, _WILL_ANSWER_FOR_RE
from jdfix.engine.rolebook import RoleBook, load_role_book
from jdfix.engine.rules.jd407 import _lines_with_digits

TWINS_AND_SPACES = ["\u0130", "\u0131", "\u017f", "\u212a", "K", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85",
                    "\u2028", "\n", "\r\n", "\t", " ", "٣", "５", "é", "’", "•", "😀", "ß", "Σ", "_", "-"]


@pytest.mark.slow  # 26 passes over all of Unicode (~9 s): a fact about Python's tables, checked in .ci/run
def test_only_the_twins_match_an_ascii_letter_yet_lower_to_something_else() -> None:
    # lowered_unless_twins' premise, over all of Unicode: ignoring case, a character matches an
    # ASCII letter only if it lowercases to it or is one of ASCII_TWINS; only İ lowercases to two.
    for letter in "abcdefghijklmnopqrstuvwxyz":
        pattern = re.compile(letter, re.IGNORECASE)
        odd = [c for c in map(chr, range(sys.maxunicode + 1)) if pattern.fullmatch(c) and c.lower() != letter]
        assert set(odd) <= set(regexes.ASCII_TWINS), (letter, odd)
    assert [i for i in range(sys.maxunicode + 1) if len(chr(i).lower()) != 1] == [0x130]


ANSWER_FRAGMENTS = ["will", "WILL", "would", "Shall", " ", "  ", "be", "BE", "bE", "responsible", "RESPONSIBLE",
                    "re\u017fponsible", "respon\u0131ble", "respons\u0130ble", "accountable", "ACCOUNTABLE", "for",
                    "FOR", "x", ".", *TWINS_AND_SPACES]


@pytest.mark.slow  # a property run of a shortcut against its long form; .ci/run runs the slow tier
@settings(max_examples=3000)
@given(st.lists(st.sampled_from(ANSWER_FRAGMENTS) | st.characters(), max_size=14).map("".join))
@example("You will be responsible for it")
@example("WILL BE ACCOUNTABLE FOR")
@example("will be re\u017fponsible for")
@example("shall be respons\u0130ble for")
def test_may_hold_rules_out_only_texts_the_pattern_misses(text: str) -> None:
    if not regexes.may_hold(text, _ANSWER_FOR):
        assert _WILL_ANSWER_FOR_RE.search(text) is None


@pytest.mark.parametrize("text", ["will be responsible for", "Would Be Accountable For", "shall be re\u017fponsible for",
                                  "will be respons\u0131ble for", "WILL BE RESPONSIBLE FOR x"])
def test_may_hold_lets_through_what_the_pattern_finds(text: str) -> None:
    assert _WILL_ANSWER_FOR_RE.search(text) is not None
    assert regexes.may_hold(text, _ANSWER_FOR)


@pytest.mark.parametrize(("text", "line"), [("a\nb\nc", 2), ("a\nb\nc", 3), ("a\nb", 5), ("abc", 1), ("", 1),
                                            ("a\n", 2), ("\n\n", 2), ("a\nb", 0), ("a\r\nb\u2028c\nd", 2)])
def test_line_span_is_the_line_counted_by_line_feeds(text: str, line: int) -> None:
    start, stop = _line_span(text, line)
    on_line = [i for i in range(len(text) + 1) if text.count("\n", 0, i) + 1 == line and i < len(text)
               and text[i] != "\n"]
    assert text[start:stop] == "".join(text[i] for i in on_line)
    assert "\n" not in text[start:stop]


def people_named_by_every_match(book: RoleBook, text: str, title_line: int) -> frozenset[str]:
    """_people_named's earlier form: every match of the pattern over the whole text, its line counted."""
    named = []
    for fam, rx in book.people_of_re.items():
        for m in rx.finditer(text):
            if text.count("\n", 0, m.start()) + 1 != title_line:
                named.append(fam)
                break
    return frozenset(named)


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser(load_role_book(()))


PEOPLE_FRAGMENTS = ["engineer", "Engineers", "ENGINEERING", "developer", "Developers", "programmer", "software",
                    "devops", "sre", "SREs", "qa", "QA", "sre\u017f", "\u017fre", "so\u017ftware", "eng\u0131neer",
                    "eng\u0130neer", "s", "x", "\n", "\n", "manager", "the", " ", "-", ",", *TWINS_AND_SPACES]


@pytest.mark.slow  # a property run of a shortcut against its long form; .ci/run runs the slow tier
@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PEOPLE_FRAGMENTS) | st.characters(), max_size=16).map("".join),
       st.integers(min_value=-1, max_value=6))
@example("Engineering Manager\nLead the team", 1)
@example("Engineering Manager\nLead the engineers", 1)
@example("Lead the \u017fre team\nEngineering Manager", 2)
@example("title\nmanage devops\n", 1)
def test_people_named_is_every_match_outside_the_title_line(analyser: Analyser, text: str, title_line: int) -> None:
    doc = SimpleNamespace(text=text, title=SimpleNamespace(line=title_line) if title_line >= 0 else None)
    want = people_named_by_every_match(analyser.book, text, title_line if title_line >= 0 else 0)
    assert analyser._people_named(doc) == want  # type: ignore[arg-type]


LINE_FRAGMENTS = ["1", "0", "9", "42", "٣", "５", "𝟘", "Ⅻ", "²", "x", "pay", "$", " ", "€", "\n", "\r", "\r\n", "\x0b",
                  "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", *TWINS_AND_SPACES]


@pytest.mark.slow  # a property run of a shortcut against its long form; .ci/run runs the slow tier
@settings(max_examples=3000)
@given(st.lists(st.sampled_from(LINE_FRAGMENTS) | st.characters(), max_size=20).map("".join))
@example("a\n1\nb\r\n2\u2028٣\n")
@example("12\n\n3")
def test_lines_with_digits_are_the_lines_a_digit_search_finds(text: str) -> None:
    digit = re.compile(r"\d")
    assert list(_lines_with_digits(text)) == [line for line in text.splitlines() if digit.search(line)]
