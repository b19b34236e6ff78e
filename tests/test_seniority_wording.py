"""Seniority cues of this release that misfired on a junior's ordinary duties (postings written
for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_jdfix

POSTING = """# Junior Data Analyst

## What you will do

- Build weekly dashboards in Looker for the marketing team
- Write SQL queries to pull campaign results from the warehouse
{duty}
- Clean and join survey data in Python
"""


@pytest.mark.parametrize("duty", [
    "- Present event attendance figures to the team each Monday",  # not a conference talk
    "- Train managers to read the new sales dashboard",  # showing a tool, not coaching leaders
])
def test_a_juniors_ordinary_duty_is_no_senior_cue(tmp_path: Path, duty: str) -> None:
    posting = tmp_path / "junior.md"
    posting.write_text(POSTING.format(duty=duty), encoding="utf-8")
    proc = run_jdfix("check", str(posting), env={"JDFIX_CACHE_DIR": str(tmp_path / "cache")})
    assert "JD201" not in proc.stdout, proc.stdout


@pytest.mark.parametrize("duty", [
    "- Speak at conferences and meetups about our data platform",
    "- Coach the leadership team on agile ways of working",
])
def test_senior_influence_is_still_read(tmp_path: Path, duty: str) -> None:
    posting = tmp_path / "junior.md"
    posting.write_text(POSTING.format(duty=duty), encoding="utf-8")
    proc = run_jdfix("check", str(posting), env={"JDFIX_CACHE_DIR": str(tmp_path / "cache")})
    assert "JD201" in proc.stdout, proc.stdout
