"""The report's shortcuts must give exactly what their plain forms give:

- result_to_dict builds each duty's JSON in a loop that skips empty scores and evidence and calls
  Words.quote directly: the same JSON text, key order and number types included, as the
  comprehension it replaced (below), for plain and for converted (line-mapped) files;
- nothing in a result's JSON is shared with another's or with a second call, so a caller who
  edits one report cannot change the next.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdfix.engine.analysis import Analysis
from jdfix.engine.checker import MAX_EVIDENCE, REPORTED_KINDS, Result, check_text

DRAFTS = sorted((Path(__file__).parent.parent / "fixtures" / "drafts").iterdir())


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
