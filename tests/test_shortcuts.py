"""The check path's shortcuts give what the plain form they skip gives: each is compared with that
form on generated text, blanks, markup and non-ASCII characters of every kind included."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from jdfix.engine.document import _INLINE_MARKUP_RE, _LINK_RE, _TAG_RE, plain, squeeze

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
