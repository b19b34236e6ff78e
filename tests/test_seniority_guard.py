"""The corrected title's level (issue 10): no jump of two levels on one phrase, and the level in the
rationale agrees with the level in the title.

The drafts in fixtures/seniority/ are hand-written for these cases.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import jdfix
from jdfix.engine.retitle import choose_level
from tests.conftest import DRAFTS, FIXTURES, run_jdfix

SENIORITY = FIXTURES / "seniority"
RANK = {"junior": 0, "mid": 1, "senior": 2, "staff": 3, "principal": 3, "lead": 3, "manager": 3, "director": 4,
        "executive": 5}


def _level(title: str) -> str:
    """The level a title carries, as jdfix reads it ("mid" when it names none)."""
    info = jdfix.check(f"# {title}\n\n- Build dashboards\n").title
    return info.seniority if info and info.seniority_explicit and info.seniority else "mid"


def _said_level(rationale: str) -> str:
    """The level the rationale says the title carries."""
    m = re.search(r"carry (\w+)-level work|support (\w+) level|level stays (\w+)", rationale)
    assert m, rationale
    return next(g for g in m.groups() if g)


@pytest.mark.parametrize(
    ("draft", "title", "why"),
    [
        # one phrase ("executive team", with the department budget in the same duty) above junior
        ("junior-one-phrase.md", "Data Analyst", 'support mid level (no level word): only one duty ("executive team") '
                                                 "points higher, too few for a senior title"),
        # one phrase ("under the guidance") below senior
        ("senior-one-phrase.md", "Data Analyst", 'only one duty ("under the guidance") points lower, too few for a '
                                                 "junior title"),
        # two duties carry two levels, not four: Senior, not Lead / Head of
        ("junior-two-duties.md", "Senior Data Analyst", "2 duties, too few for a director title"),
        # several independent senior duties: the two-level move is carried
        ("junior-senior-duties.md", "Senior Data Analyst", 'carry senior-level work ("Mentor junior analysts"'),
        # a clear majority of duties done under supervision: Principal becomes Junior
        ("principal-junior-work.md", "Junior Data Analyst", 'carry junior-level work ("under close supervision"'),
        # one phrase cannot move a title three levels, and one level down still claims too much: kept
        ("principal-one-phrase.md", "Principal Data Analyst",
         'level stays principal: only one duty ("under the guidance") points lower'),
    ],
)
def test_suggested_level_needs_evidence_for_each_level_it_moves(draft: str, title: str, why: str) -> None:
    proc = run_jdfix(str(SENIORITY / draft))
    assert proc.returncode == 1, proc.stderr
    assert f"Suggested title: {title}  [rules]" in proc.stdout
    assert why in proc.stdout


def test_a_title_kept_for_want_of_evidence_is_not_verified() -> None:
    proc = run_jdfix(str(SENIORITY / "principal-one-phrase.md"), "--format", "json")
    sug = json.loads(proc.stdout)["results"][0]["suggestion"]
    assert sug["title"] == "Principal Data Analyst" and sug["verified"] is False
    assert "no safe automatic change" in sug["rationale"]


def test_check_and_the_suggestion_agree_on_the_title() -> None:
    paths = [str(p) for p in sorted(SENIORITY.glob("*.md"))]
    check = json.loads(run_jdfix("check", "--format", "json", *paths).stdout)["results"]
    fix = json.loads(run_jdfix("--format", "json", *paths).stdout)["results"]
    assert [r["inferred"]["title"] for r in check] == [r["suggestion"]["title"] for r in fix]


@pytest.mark.parametrize("path", [*sorted(SENIORITY.glob("*.md")), DRAFTS / "junior-analyst-manages-team.md"],
                         ids=lambda p: p.name)
def test_the_rationale_names_the_level_the_title_carries(path: Path) -> None:
    fix = jdfix.rewrite(path.read_text(encoding="utf-8"), path=str(path))
    assert fix.suggestion is not None
    said = _said_level(fix.suggestion.rationale)
    assert RANK[said] == RANK[_level(fix.suggestion.title)], (fix.suggestion.title, fix.suggestion.rationale)
    # a level turned down is named as a title, never as the duties' level ("no level word" aside)
    own = fix.suggestion.rationale.split("; no safe automatic change")[0]
    named = re.findall(r"\b(" + "|".join(RANK) + r")[ -]level\b|level stays (\w+)", own)
    assert {a or b for a, b in named} == {said}, own


NEUTRAL = ["Build weekly dashboards for the sales team", "Clean and join data from the CRM with SQL",
           "Answer ad-hoc data questions from account managers", "Document data definitions in the wiki"]
# One duty with one cue, of every group the role book knows (seniority.toml).
ONE_PHRASE = ["Report to the executive team every quarter", "Own the department budget for analytics tools",
              "Mentor junior analysts", "Work under the guidance of the head of analytics",
              "Hire analysts as the team grows", "Present the company wide strategy to the board",
              "Learn new tools and techniques"]


@pytest.mark.parametrize("title", ["Junior Data Analyst", "Senior Data Analyst", "Principal Data Analyst",
                                   "Lead Data Analyst", "Data Analyst"])
@pytest.mark.parametrize("phrase", ONE_PHRASE)
def test_one_phrase_never_moves_a_title_two_levels(title: str, phrase: str) -> None:
    lines = NEUTRAL[:2] + [phrase] + NEUTRAL[2:]
    text = f"# {title}\n\n## Responsibilities\n\n" + "".join(f"- {line}\n" for line in lines)
    fix = jdfix.rewrite(text)
    new = fix.suggestion.title if fix.suggestion else title
    assert abs(RANK[_level(new)] - RANK[_level(title)]) <= 1, (title, phrase, new)


def test_choose_level_counts_independent_duties_not_phrases() -> None:
    one = jdfix.check((SENIORITY / "junior-one-phrase.md").read_text(encoding="utf-8"))
    two = jdfix.check((SENIORITY / "junior-two-duties.md").read_text(encoding="utf-8"))
    assert one.analysis is not None and two.analysis is not None
    a, b = choose_level(one.analysis), choose_level(two.analysis)
    assert (a.title_level, a.level, a.units, a.capped) == ("junior", "mid", 1, True)
    assert (b.title_level, b.inferred, b.level, b.units, b.capped) == ("junior", "director", "senior", 2, True)


def test_the_llm_is_told_the_level_the_rules_would_give(tmp_path: Path) -> None:
    from tests.fake_llm import FakeLLM

    answer = {"title": "Data Analyst", "duties": ["Build SQL models and dashboards for revenue and churn"],
              "rationale": "Mid level: one phrase is not enough for a junior title."}
    with FakeLLM(answer=answer) as llm:
        run_jdfix(str(SENIORITY / "senior-one-phrase.md"), "--format", "json",
                  env={"OPENAI_BASE_URL": llm.url, "JDFIX_CACHE_DIR": str(tmp_path / "cache")})
        (request,) = llm.chat_requests
    user = request.body["messages"][1]["content"]
    assert "Suggested title from the rules: Data Analyst\n" in user
    assert 'Level: the duties support mid level (no level word): only one duty ("under the guidance")' in user
