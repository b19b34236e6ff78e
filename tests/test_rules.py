"""Every rule is complete (code, name, severity, four-part doc, cases) and its cases hold."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from jdfix import CheckOptions, check
from jdfix.engine.rules import REGISTRY, SEVERITIES
from jdfix.engine.rules.base import DOC_SECTIONS

CASES = Path(__file__).parent / "rule_cases"


Options = tuple[tuple[str, tuple[tuple[str, object], ...]], ...]


def _cases() -> list[tuple[str, str, str, str, tuple[str, ...], Options]]:
    out = []
    for path in sorted(CASES.glob("*.toml")):
        for case in tomllib.loads(path.read_text())["case"]:
            select = tuple(case.get("select", [path.stem]))
            options: Options = ((path.stem, tuple(case["options"].items())),) if "options" in case else ()
            out.append((path.stem, case["name"], case["expect"], case["posting"], select, options))
    return out


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_rule_is_complete(code: str) -> None:
    cls = REGISTRY[code]
    assert re.fullmatch(r"JD\d{3}", cls.code) and cls.code == code
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", cls.name)
    assert cls.severity in SEVERITIES
    doc = cls.doc()
    assert list(doc) == list(DOC_SECTIONS), f"{code} docstring needs {DOC_SECTIONS}"
    assert all(doc.values())
    expects = {c[2] for c in _cases() if c[0] == code}
    assert expects == {"pass", "fail"}, f"{code} needs pass and fail cases in tests/rule_cases/{code}.toml"


def test_names_are_unique() -> None:
    names = [cls.name for cls in REGISTRY.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("code", "name", "expect", "posting", "select", "options"), _cases(),
                         ids=[f"{c[0]}-{c[1]}" for c in _cases()])
def test_rule_case(code: str, name: str, expect: str, posting: str, select: tuple[str, ...],
                   options: Options) -> None:
    result = check(posting, options=CheckOptions(select=select, rule_options=options))
    fired = [f for f in result.findings if f.code == code]
    if expect == "fail":
        assert fired, f"{code} should flag: {name}"
    else:
        assert not fired, f"{code} should not flag: {name}: {[f.message for f in fired]}"


@pytest.mark.parametrize(
    ("line", "asked"),
    [("5+ years of experience in data", 5), ("Experience: 5 - 10 years", 5),
     ("At least 5 years' relevant professional experience", 5),
     ("Founded 20 years ago, Acme builds the best customer experience", None),
     ("£40,000 after 5 years. Experience with SQL helps", None), ("We want 3 years of experience", 3)],
)
def test_years_of_experience_asked(line: str, asked: int | None) -> None:
    from jdfix.engine.rules.seniority import years_asked

    got = years_asked(line)
    assert (got[0] if got else None) == asked


def test_people_of_search_finds_what_the_words_alone_find() -> None:
    # The look-ahead on first letters only speeds the search up: the same matches, ignoring case
    # as the words do (ſ is an s, the Kelvin sign a k).
    from jdfix.engine.rolebook import load_role_book

    book = load_role_book(())
    texts = ["Lead the ſoftware team", "SREs and QA", "x\u212a engineers, developers.", "İngineer", "no match here"]
    for rx in book.people_of_re.values():
        plain = re.compile(rx.pattern[rx.pattern.index(r"\b"):], re.IGNORECASE)
        assert rx.pattern.startswith("(?=[")
        for text in texts:
            assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]
