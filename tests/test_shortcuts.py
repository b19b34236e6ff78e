"""The check path's shortcuts give what the plain form they skip gives: each is compared with that
form on generated text, blanks, markup and non-ASCII characters of every kind included."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from jdfix.engine.document import _INLINE_MARKUP_RE, _LINK_RE, _TAG_RE, parse, plain, squeeze
from jdfix.engine.rules.jd407 import (
    _CURRENCY_AMOUNT_RE,
    _GROSS_OR_NET_RE,
    _MILLION_RE,
    _PAY_CONTEXT_RE,
    _PAY_SCALE_RE,
    _RANGE_RE,
    _WINDOW,
    states_pay,
)
from jdfix.engine.title_quality import PAY_AMOUNT_RE

# Every character str.split() splits on, and characters near them that it does not.
BLANKS = "".join(c for c in map(chr, range(0x3100)) if c.isspace()) + "\u200b\u2060\ufeff\u00ad"
MARKUP = "*_`[]()<>/!#|"
SOME_TEXT = st.text(alphabet=st.sampled_from(BLANKS + MARKUP + "aZ9.:-'é") | st.characters(), max_size=40)


def test_every_blank_str_split_splits_on_but_the_space_is_unprintable() -> None:
    # squeeze keeps a printable text with single inner spaces as it is: that holds only while
    # the space is the one printable character str.split() splits on.
    assert [c for c in map(chr, range(0x110000)) if c.isspace() and c.isprintable()] == [" "]


@given(SOME_TEXT)
@example(" a")
@example("a ")
@example("a  b")
@example("a\u00a0b")
@example("a\u2028b")
@example("a\x1cb")
@example("")
def test_squeeze_is_split_and_join(text: str) -> None:
    assert squeeze(text) == " ".join(text.split())


def _plain_in_full(text: str) -> str:
    """plain() with every substitution made, needed or not."""
    text = _INLINE_MARKUP_RE.sub("", _TAG_RE.sub(" ", _LINK_RE.sub(r"\1", text)))
    return " ".join(text.split())


@given(SOME_TEXT)
@example("[a_b](http://x/_y_) **c**")
@example("<b>x</b> _y_")
@example("[x](u_v) plain")
@example("a  `b`\u00a0c")
def test_plain_is_every_substitution_then_squeeze(text: str) -> None:
    assert plain(text) == _plain_in_full(text)


PAY_FRAGMENTS = ["$", "usd", "EUR", "€", "£", "5", "50k", "120,000", "٣", "５", "mil", "Mil", "triệu", "salary",
                 "pay band", "Gross", "net", "GS-13", "TV-L", "Tarif", "per year", "/hr", "to", "-", "aud", "audit",
                 "\n", "\r\n", "\u2028", "\x1c", "\u0130", "\u0131", "\u017f", "ΟΔΟΣ", " ", "\u00a0", "a", "million",
                 "k"]


def _line_states_pay(line: str, jurisdiction: str) -> bool:
    """What _pay_line asks of one line, every pattern tried, in the order it was first written."""
    if _RANGE_RE.search(line):
        return True
    if jurisdiction == "us":
        return False
    for m in _CURRENCY_AMOUNT_RE.finditer(line):
        if line[m.end() : m.end() + 12].lower().lstrip().startswith(("million", "billion", "bn", "m ", "mil ")):
            continue
        if _PAY_CONTEXT_RE.search(line[max(0, m.start() - _WINDOW) : m.end() + _WINDOW]):
            return True
    return any(_MILLION_RE.search(m.group()) and _GROSS_OR_NET_RE.search(line) for m in PAY_AMOUNT_RE.finditer(line))


@given(st.lists(st.sampled_from(PAY_FRAGMENTS), max_size=14).map("".join), st.sampled_from(["any", "eu", "us"]))
@example("Salary: $45k-$50k", "us")
@example("ſalary 5 usd", "any")
@example("57mil Gross", "any")
@example("57 triệu net", "any")
@example("Pay: € 60,000 a year", "eu")
@example("Pay: €٣٠ a year", "eu")
def test_states_pay_is_every_line_read_in_full(text: str, jurisdiction: str) -> None:
    full = any(_line_states_pay(line, jurisdiction) for line in text.splitlines())
    assert states_pay(text, jurisdiction) == (full or _PAY_SCALE_RE.search(text) is not None)


def test_a_sentence_needs_three_words_however_they_are_spaced() -> None:
    doc = parse("# Analyst\n\nExtraordinarily  ambitious. We lead\tthe team. Supporting\u00a0colleagues\u2003daily.\n")
    assert [d.text for d in doc.sentences] == ["We lead the team.", "Supporting colleagues daily."]


@given(st.lists(st.sampled_from(["Lead", "the", "team", "well.", "Plan", "work.", "Extraordinarily", " ", "  ",
                                 "\t", "\u00a0", "\n"]), max_size=30).map(" ".join))
def test_every_sentence_has_three_words_and_twelve_characters(body: str) -> None:
    for d in parse("# Analyst\n\n" + body).sentences:
        assert len(d.text.split()) >= 3 and len(d.text) >= 12
