"""JD407's _may_name_pay_scale rules a text out before _PAY_SCALE_RE reads it, from the text's
UTF-8 bytes with ASCII letters lowercased: it may say False only where the pattern finds nothing."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdfix.engine.rules.jd407 import _PAY_SCALE_RE, _may_name_pay_scale, states_pay

# Pieces of each alternative of _PAY_SCALE_RE, and what may stand between or around them: Unicode
# digits and spaces (one and several bytes), the separators \x1c-\x1f, letters that ignoring case
# takes for ASCII ones, characters whose UTF-8 bytes include \x80-\xff, a lone surrogate.
FRAGMENTS = ["gs", "GS", "gS", "-", " ", "1", "13", "٣", "５", "pay", "PAY", "Pay", "salary", "SaLaRy", "ſalary",
             "grade", "GRADE", "band", "scale", "Range", "tv", "TV", "-L", "l", "öD", "ÖD", "-H", "collective",
             "COLLECTIVE ", "labour ", "labor ", "agreement", "AGREEMENT", "Tarif", "TARIFVERTRAG", "vertrag",
             "Entgeltgruppe", "ENTGELTGRUPPE", "\u00a0", "\u2003", "\u3000", "\x1c", "\x1f", "\x85", "\n", "\t",
             "\u0130", "\u0131", "\u212a", "é", "’", "•", "😀", "\ud800", "x", "a", "s", "e"]


@pytest.mark.parametrize("text", [
    "GS-13", "gs 7", "GS-١٣", "GS５", "pay band", "Pay\u00a0Band", "pay\u2003\u3000grade", "PAY\x1cSCALE",
    "salary\x1frange", "SALARY\u0085RANGE", "ſalary band", "TV-L E13", "TVöD", "tv-h", "Tarif", "TARIFVERTRAG",
    "Entgeltgruppe 13", "collective labour agreement", "COLLECTIVE AGREEMENT", "’GS-12’ • pay   scale 😀",
])
def test_a_text_naming_a_pay_scale_is_not_ruled_out(text: str) -> None:
    assert _PAY_SCALE_RE.search(text) is not None  # each case is one the pattern finds...
    assert _may_name_pay_scale(text)  # ... so the pre-check must let it through


@pytest.mark.slow  # a property run of a shortcut against its long form; .ci/run runs the slow tier
@settings(max_examples=3000)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.characters(), max_size=12).map("".join))
@example("GS-١٣")
@example("pay\u2003band")
@example("salary\x1cgrade")
@example("ſalary band")
def test_ruled_out_only_where_the_pattern_finds_nothing(text: str) -> None:
    if not _may_name_pay_scale(text):
        assert _PAY_SCALE_RE.search(text) is None


@settings(max_examples=500)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join))
def test_states_pay_is_the_pattern_where_no_line_states_an_amount(text: str) -> None:
    # No currency sign or code among the fragments: only the pay scale can state pay.
    assert states_pay(text, "eu") == (_PAY_SCALE_RE.search(text) is not None)
