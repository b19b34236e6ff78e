"""Issue 10: a suggestion is shown as a fix only when it is faithful to the draft, and the findings
survive an LLM that fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DRAFTS, FIXTURES, run_jdfix
from tests.fake_llm import FakeLLM

RECORDED = FIXTURES / "llm-cache"
FAITHFUL = FIXTURES / "faithful"


def _copy(tmp_path: Path, source: Path) -> Path:
    dest = tmp_path / source.name
    dest.write_bytes(source.read_bytes())
    return dest


def _replay(*args: str) -> list[str]:
    return [*args, "--base-url", "http://127.0.0.1:9/v1", "--model", "recorded-model", "--cache", "replay",
            "--cache-dir", str(RECORDED)]


def _checks(suggestion: dict[str, object]) -> dict[str, bool]:
    return {c["name"]: c["ok"] for c in suggestion["checks"]}  # type: ignore[attr-defined,index]


def test_llm_500s_keep_the_findings_and_offline_suggestion_exit_2_write_nothing(tmp_path: Path) -> None:
    draft = _copy(tmp_path, DRAFTS / "product-owner-pricing.md")
    before = draft.read_bytes()
    with FakeLLM() as llm:
        for _ in range(8):
            llm.push(status=500)
        proc = run_jdfix(str(draft), "--write", env={"OPENAI_BASE_URL": llm.url,
                                                     "JDFIX_CACHE_DIR": str(tmp_path / "cache")})
        assert llm.chat_requests, "the LLM was asked"
    assert proc.returncode == 2
    assert "JD101 title-family-differs-from-duties" in proc.stdout
    assert "Suggested title: Product Manager  [rules]" in proc.stdout
    assert "+# Product Manager" in proc.stdout
    assert proc.stderr.count("\n") == 1 and "HTTP 500" in proc.stderr and "nothing written" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert draft.read_bytes() == before


def test_llm_garbage_in_json_reports_the_error_beside_the_findings(tmp_path: Path) -> None:
    draft = _copy(tmp_path, DRAFTS / "product-owner-pricing.md")
    with FakeLLM() as llm:
        llm.push(content="not json").push(content="still not json")
        proc = run_jdfix(str(draft), "--format", "json", env={"OPENAI_BASE_URL": llm.url,
                                                              "JDFIX_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 2
    result = json.loads(proc.stdout)["results"][0]
    assert "unusable answer" in result["llm_error"]
    assert [f["code"] for f in result["findings"] if f["code"] != "JD407"] == ["JD101"]  # JD407: no pay stated
    assert result["suggestion"]["source"] == "rules" and result["suggestion"]["title"] == "Product Manager"
    assert "unusable answer" in proc.stderr and proc.stderr.count("\n") == 1


def test_offline_suggestion_passes_every_check() -> None:
    proc = run_jdfix(str(DRAFTS / "product-owner-pricing.md"), "--format", "json")
    sug = json.loads(proc.stdout)["results"][0]["suggestion"]
    assert _checks(sug) == {"title-fits": True, "no-invented-duty": True, "no-unexplained-drop": True,
                            "other-sections-untouched": True}
    assert sug["verified"] is True and sug["dropped"] == [] and sug["added"] == []


def test_recorded_answer_that_invents_duties_is_not_written(tmp_path: Path) -> None:
    draft = _copy(tmp_path, FAITHFUL / "product-owner-invented.md")
    before = draft.read_bytes()
    proc = run_jdfix(*_replay(str(draft), "--write", "--format", "json"))
    assert proc.returncode == 1, proc.stderr
    sug = json.loads(proc.stdout)["results"][0]["suggestion"]
    checks = _checks(sug)
    assert checks["no-invented-duty"] is False and checks["title-fits"] is True
    assert sug["verified"] is False
    invented = [a["duty"] for a in sug["added"] if not a["explained"]]
    assert invented == ["Build machine learning models that predict which operators will churn",
                        "Mentor two junior engineers on the booking team"]
    assert "not written: the suggestion failed no-invented-duty" in proc.stderr
    assert draft.read_bytes() == before


def test_force_writes_an_unfaithful_suggestion(tmp_path: Path) -> None:
    draft = _copy(tmp_path, FAITHFUL / "product-owner-invented.md")
    proc = run_jdfix(*_replay(str(draft), "--write", "--force"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "- Mentor two junior engineers on the booking team" in draft.read_text()


def test_recorded_answer_that_drops_most_duties_says_which(tmp_path: Path) -> None:
    draft = _copy(tmp_path, FAITHFUL / "product-owner-drops-most.md")
    proc = run_jdfix(*_replay(str(draft), "--write"))
    assert proc.returncode == 1
    assert "Not verified: no-unexplained-drop: 3 of 6 duties dropped without a reason" in proc.stdout
    assert "Set pricing and packaging" in proc.stdout
    assert "not written" in proc.stdout + proc.stderr
    assert draft.read_bytes() == (FAITHFUL / draft.name).read_bytes()


def test_recorded_answer_that_drops_most_duties_is_not_written_and_json_says_which_check(tmp_path: Path) -> None:
    draft = _copy(tmp_path, FAITHFUL / "product-owner-drops-most.md")
    proc = run_jdfix(*_replay(str(draft), "--write", "--format", "json"))
    assert proc.returncode == 1, proc.stderr
    sug = json.loads(proc.stdout)["results"][0]["suggestion"]
    assert sug["verified"] is False
    assert {name for name, ok in _checks(sug).items() if not ok} == {"no-unexplained-drop"}
    assert len([d for d in sug["drops"] if not d["explained"]]) == 3
    assert "not written: the suggestion failed no-unexplained-drop" in proc.stderr
    assert draft.read_bytes() == (FAITHFUL / draft.name).read_bytes()


@pytest.mark.parametrize("draft", ["product-owner-invented.md", "product-owner-drops-most.md"])
def test_unfaithful_json_validates_against_the_schema(draft: str) -> None:
    import jsonschema

    proc = run_jdfix(*_replay(str(FAITHFUL / draft), "--format", "json"))
    schema = json.loads(run_jdfix("schema").stdout)
    jsonschema.validate(json.loads(proc.stdout), schema)


def test_an_edit_outside_title_and_duties_fails_other_sections_untouched() -> None:
    import jdfix
    from jdfix.rewriter.faithful import judge

    text = (DRAFTS / "product-owner-pricing.md").read_text()
    analysis = jdfix.check(text).analysis
    assert analysis is not None
    duties = tuple(u.duty.text for u in analysis.duties)
    edited = text.replace("30 days of holiday", "25 days of holiday")
    faith = judge(analysis, duties, edited, None, [])
    failed = {c.name: c.detail for c in faith.failed}
    line = text.splitlines().index("- 30 days of holiday and a yearly learning budget") + 1
    assert failed == {"other-sections-untouched": f"lines outside the title and the duty list changed: {line}"}
    assert judge(analysis, duties, text, None, []).ok


TITLE_EVERYWHERE = FAITHFUL / "product-owner-title-everywhere.md"


def test_every_place_the_title_stands_changes_together(tmp_path: Path) -> None:
    draft = _copy(tmp_path, TITLE_EVERYWHERE)
    proc = run_jdfix(str(draft), "--diff")
    assert proc.returncode == 1, proc.stderr
    for line in ("+title: Product Manager", "+# Product Manager", "+Job title: Product Manager",
                 "+Northwind is hiring a Product Manager to own where the product goes next. "
                 "As a Product Manager you will"):
        assert line in proc.stdout.splitlines()
    wrote = run_jdfix(str(draft), "--write")
    assert wrote.returncode == 0, wrote.stdout + wrote.stderr
    text = draft.read_text()
    # the only "product owner" left names a colleague
    assert text.lower().count("product owner") == 1
    assert "work with the product owner of the billing team" in text
    assert run_jdfix("check", str(draft)).returncode == 0


def test_a_mention_gets_the_article_of_its_new_title() -> None:
    from jdfix.edit.apply import apply
    from jdfix.engine.document import parse

    doc = parse("# Product Owner\n\nWe are looking for a product owner. Join us as a Product Owner!\n\n"
                "## Duties\n\n- Work with the Product Owner on the backlog\n")
    text = apply(doc, "Engineering Manager", None).text
    assert text.splitlines()[2] == "We are looking for an engineering manager. Join us as an Engineering Manager!"
    assert text.splitlines()[-1] == "- Work with the Product Owner on the backlog"


KEEP_TITLE = FAITHFUL / "product-owner-keep-title.md"


def test_keep_title_offline_lists_what_belongs_elsewhere_and_a_checklist(tmp_path: Path) -> None:
    draft = _copy(tmp_path, KEEP_TITLE)
    proc = run_jdfix(str(draft), "--keep-title", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    result = json.loads(proc.stdout)["results"][0]
    sug = result["suggestion"]
    assert (sug["direction"], sug["title"], sug["source"]) == ("keep-title", "Product Owner", "rules")
    assert "Define and own the product vision and the yearly product strategy" in sug["elsewhere"]
    assert "order / prioritise / rank the product backlog" in sug["checklist"]
    assert sug["added"] == [] and sug["dropped"] == [] and result["diff"] == ""  # nothing invented
    text = run_jdfix(str(draft), "--keep-title", "--write")
    assert "Kept title: Product Owner  [rules]" in text.stdout
    assert "Checklist: typical Product Owner duties" in text.stdout
    assert draft.read_bytes() == KEEP_TITLE.read_bytes()


def test_keep_title_with_the_llm_rewrites_the_duties_for_the_title(tmp_path: Path) -> None:
    draft = _copy(tmp_path, KEEP_TITLE)
    proc = run_jdfix(*_replay(str(draft), "--keep-title", "--format", "json"))
    assert proc.returncode == 1, proc.stderr
    result = json.loads(proc.stdout)["results"][0]
    sug = result["suggestion"]
    assert (sug["direction"], sug["title"], sug["source"], sug["verified"]) == ("keep-title", "Product Owner",
                                                                                "llm", True)
    assert all(_checks(sug).values())
    assert "+- Order the product backlog for the booking plans so the most valuable work comes first" in \
        result["diff"].splitlines()
    assert all(a["explained"] and a["reason"].startswith("added: a standard Product Owner duty") for a in sug["added"])
    assert "-# Product Owner" not in result["diff"]
    wrote = run_jdfix(*_replay(str(draft), "--keep-title", "--write"))
    assert wrote.returncode == 0, wrote.stdout + wrote.stderr
    assert run_jdfix("check", str(draft)).returncode == 0


def test_retitle_is_the_default_direction() -> None:
    proc = run_jdfix(*_replay(str(DRAFTS / "product-owner-pricing.md"), "--format", "json"))
    assert json.loads(proc.stdout)["results"][0]["suggestion"]["direction"] == "retitle"


@pytest.mark.parametrize(
    ("draft", "title", "why"),
    [
        ("product-owner-pricing.md", "Product Manager",
         'Why: 5 of 6 duties are Product Manager work ("pricing and packaging", "business case"'),
        # director-level cues under a "Lead" title: the rationale says the level the title carries
        ("junior-analyst-manages-team.md", "Lead Data Analyst", "Why: The duties carry lead-level work (\""),
    ],
)
def test_rationale_quotes_what_decided_it_and_agrees_with_the_title(draft: str, title: str, why: str) -> None:
    proc = run_jdfix(str(DRAFTS / draft))
    assert f"Suggested title: {title}  [rules]" in proc.stdout
    assert why in proc.stdout
    assert "director level" not in proc.stdout.split("Suggested title:")[1]
