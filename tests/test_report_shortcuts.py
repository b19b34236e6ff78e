"""The report's shortcuts must give exactly what their plain forms give:

- Words.quote finds an ASCII text's words without lowercasing it first, and clamps with
  comparisons: the same quotes as lowercasing every text and clamping with min() (the earlier form);
- result_to_dict builds each duty's JSON in a loop that skips empty scores and evidence and calls
  Words.quote directly: the same JSON text, key order and number types included, as the
  comprehension it replaced (below), for plain and for converted (line-mapped) files;
- nothing in a result's JSON is shared with another's or with a second call, so a caller who
  edits one report cannot change the next.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from jdfix.engine.analysis import Analysis
from jdfix.engine.checker import MAX_EVIDENCE, REPORTED_KINDS, Result, check_text
from jdfix.engine.phrases import WORD_RE, Words, content_words

DRAFTS = sorted((Path(__file__).parent.parent / "fixtures" / "drafts").iterdir())


# Upper case, "&", "+" and "#" (words of their own to WORD_RE, not to the ASCII pattern), hyphens and
# apostrophes a quote runs on through, runs of blanks, and letters that lowercase to two characters.
PIECES = ("Lead", "the", "R&D", "team", "C++", "C#", "stand-up", "daily", "Stakeholder", "don't", "don’t",
          "ROADMAP", "of", "and", "İstanbul", "Café", "ﬁnance", "prioritise", "backlog", "-", "—", ",", ".",
          "  ", "\n", "\t", "q3", "OKRs", "data", "with", "sprint", "x", "&", "+", "#")


def plain_spans(text: str) -> list[tuple[int, int]]:
    """Words._content_spans as it was: every text lowercased, then searched."""
    lower = text.lower()
    plain = lower.isascii() and "&" not in lower and "+" not in lower and "#" not in lower
    found = re.finditer(r"[A-Za-z0-9]+" if plain else WORD_RE.pattern, lower)
    tokens = content_words(text)._all_tokens()
    spans = [m.span() for m, t in zip(found, tokens) if t]
    if len(lower) != len(text):
        back = [i for i, c in enumerate(text) for _ in c.lower()]
        spans = [(back[a], back[b - 1] + 1) for a, b in spans]
    return spans


def plain_quote(text: str, first: int, last: int) -> str:
    """Words.quote as it was, clamping with min()."""
    spans = plain_spans(text)
    if not spans:
        return ""
    last = min(last, len(spans) - 1)
    start, end = spans[min(first, last)][0], spans[last][1]
    while end < len(text) and (text[end].isalnum() or (
            text[end] in "-'’" and end + 1 < len(text) and text[end + 1].isalnum())):
        end += 1
    while start > 0 and (text[start - 1].isalnum() or (
            text[start - 1] in "-'’" and start > 1 and text[start - 2].isalnum())):
        start -= 1
    return text[start:end]


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = ["", "the and of", "Lead", "İstanbul office", "R&D lead", "Own the C++ build"]
    for _ in range(n):
        texts.append(" ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14))))
    return texts


@pytest.mark.parametrize("seed", range(3))
def test_quotes_match_lowercasing_every_text(seed: int) -> None:
    rng = random.Random(seed)
    for text in random_texts(500, seed):
        made = content_words(text)
        lazy = Words(text, made.stems)  # tokens worked out on first quote, as for a stored Words
        n = len(made.stems)
        pairs = [(rng.randint(0, n + 1), rng.randint(0, n + 1)) for _ in range(4)] + [(0, n - 1), (n, n + 3)]
        for first, last in pairs:
            want = plain_quote(text, first, last)
            assert made.quote(first, last) == want, (text, first, last)
            assert lazy.quote(first, last) == want, (text, first, last)


def plain_duties(result: Result, a: Analysis) -> list[dict[str, object]]:
    """result_to_dict's duties as they were: one comprehension, each duty's scores and evidence by
    comprehensions of their own."""
    work = {id(d) for d in a.document.work_items}
    return [
        {
            "line": result.source_line(u.duty.line),
            "end_line": result.source_line(u.duty.end_line),
            "text": u.duty.text,
            "family": u.family,
            "listed": u.in_duty_list,
            "scores": {fam: round(pts, 2) for fam, pts in sorted(u.scores.items(), key=lambda kv: (-kv[1], kv[0]))},
            "evidence": [{"family": e.family, "phrase": " ".join(e.quote.split()), "weight": e.weight,
                          "signal": e.note} for e in u.evidence[:MAX_EVIDENCE]],
        }
        for u in a.units
        if u.in_duty_list or u.kind in REPORTED_KINDS or id(u.duty) in work
    ]


def checked(path: Path, mapped: bool) -> Result:
    text = path.read_text(encoding="utf-8", errors="replace")
    line_map = tuple(range(7, 7 + 3 * (text.count("\n") + 1), 3)) if mapped else None
    return check_text(text, str(path), line_map=line_map)


@pytest.mark.parametrize("mapped", [False, True], ids=["plain", "converted"])
@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_duties_json_matches_the_plain_comprehension(path: Path, mapped: bool) -> None:
    got = checked(path, mapped).to_dict()["duties"]  # first, so its quotes are worked out here
    plain = checked(path, mapped)
    assert plain.analysis is not None
    want = plain_duties(plain, plain.analysis)
    # json.dumps, not ==: 1 == 1.0 == True, and == ignores key order
    assert json.dumps(got, ensure_ascii=False) == json.dumps(want, ensure_ascii=False)


def test_the_drafts_reach_every_branch() -> None:
    duties = [d for p in DRAFTS for d in checked(p, False).to_dict().get("duties", [])]
    assert {min(len(d["scores"]), 2) for d in duties} == {0, 1, 2}
    assert {min(len(d["evidence"]), 1) for d in duties} == {0, 1}


def test_report_dicts_are_never_shared() -> None:
    results = [checked(p, False) for p in DRAFTS]
    first = [r.to_dict() for r in results]
    before = json.dumps(first, ensure_ascii=False)
    for d in first:  # a caller editing its report in place
        for duty in d.get("duties", []):
            duty["scores"]["edited"] = 1
            duty["evidence"].append({"edited": True})
            for e in duty["evidence"]:
                e["phrase"] = "edited"
        d.get("findings", []).append({"edited": True})
    assert json.dumps([r.to_dict() for r in results], ensure_ascii=False) == before
