"""jdfix.linediff against difflib: the same edit steps and the same unified diff text."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdfix.linediff import opcodes, unified_diff

# Few distinct lines, so runs repeat and ties (which run is the longest, which comes first) are common.
LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n", "\n", "- x\n", "é\n"]), max_size=40)
# Long enough for autojunk (200 lines of `b`), with some lines common and some rare.
LONG = st.lists(st.sampled_from(["a\n", "b\n", "\n"] * 40 + [f"rare {i}\n" for i in range(300)]), min_size=190, max_size=320)


@settings(max_examples=400, deadline=None)
@given(LINES, LINES)
def test_the_edit_steps_are_difflib_s(a: list[str], b: list[str]) -> None:
    assert opcodes(a, b) == difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()


@settings(max_examples=400, deadline=None)
@given(LINES, LINES, st.integers(min_value=0, max_value=4))
def test_the_unified_diff_is_difflib_s(a: list[str], b: list[str], context: int) -> None:
    ours = "".join(unified_diff(a, b, "a/x.md", "b/x.md", context))
    assert ours == "".join(difflib.unified_diff(a, b, "a/x.md", "b/x.md", n=context))


@settings(max_examples=50, deadline=None)
@given(LONG, LONG)
def test_long_sequences_diff_as_difflib_s(a: list[str], b: list[str]) -> None:
    assert opcodes(a, b) == difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    assert "".join(unified_diff(a, b, "a", "b")) == "".join(difflib.unified_diff(a, b, "a", "b"))


def test_long_postings_with_many_repeated_lines_diff_as_difflib() -> None:
    # From 200 lines of `b` on, difflib's default (autojunk, which unified_diff keeps) sets aside
    # lines that make up more than 1% of it; the edit steps jdfix asks for turn that off.
    a = [f"line {i % 7}\n" if i % 3 else "\n" for i in range(450)]
    b = a[:100] + ["new\n"] + a[130:300] + a[310:] + ["\n"]
    assert opcodes(a, b) == difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    assert "".join(unified_diff(a, b, "a", "b")) == "".join(difflib.unified_diff(a, b, "a", "b"))


def test_no_change_is_no_diff() -> None:
    assert list(unified_diff([], [], "a", "b")) == [] == list(unified_diff(["x\n"], ["x\n"], "a", "b"))
    assert opcodes([], []) == []


@pytest.mark.slow
@settings(max_examples=5000, deadline=None)
@given(LINES, LINES, st.integers(min_value=0, max_value=4))
def test_many_more_sequences_diff_as_difflib_s(a: list[str], b: list[str], context: int) -> None:
    assert opcodes(a, b) == difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    ours = "".join(unified_diff(a, b, "a/x.md", "b/x.md", context))
    assert ours == "".join(difflib.unified_diff(a, b, "a/x.md", "b/x.md", n=context))
