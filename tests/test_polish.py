"""Issue 13: what a new user tripped over, and what ruff users expect. Each test runs the real CLI."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import DRAFTS, run_jdfix
from tests.fake_llm import FakeLLM

SECRET = "sk-polish-secret-0123456789"
PRICING = DRAFTS / "product-owner-pricing.md"


def _draft(tmp_path: Path, name: str = "product-owner-pricing.md") -> Path:
    target = tmp_path / name
    target.write_bytes((DRAFTS / name).read_bytes())
    return target


# --debug and -v: the LLM exchange on stderr


def test_debug_is_accepted_after_the_subcommand_and_shows_the_exchange(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    with FakeLLM() as llm:
        llm.push(status=503, headers={"Retry-After": "0"})
        env = {"OPENAI_API_KEY": SECRET}
        proc = run_jdfix(str(draft), "--base-url", llm.url, "--model", "m", "--debug", env=env)
        assert proc.returncode == 1, proc.stderr
        err = proc.stderr
        assert "request: POST" in err and "model=m" in err
        assert "HTTP 503" in err and "retrying in" in err and "HTTP 200" in err
        assert "cache key" in err and "cache miss" in err
        assert SECRET not in err and SECRET not in proc.stdout
        again = run_jdfix("fix", str(draft), "--debug", "--base-url", llm.url, "--model", "m", env=env)
        assert "cache hit" in again.stderr


def test_verbose_shows_retries_hits_and_timings_but_not_the_requests(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    with FakeLLM() as llm:
        llm.push(status=429, headers={"Retry-After": "0"})
        proc = run_jdfix(str(draft), "-v", "--base-url", llm.url, "--model", "m")
        assert proc.returncode == 1, proc.stderr
        assert "HTTP 429; retrying in 0.0s (attempt 2 of" in proc.stderr
        assert "cache miss" in proc.stderr and "answer from m in" in proc.stderr
        assert "request: POST" not in proc.stderr
    quiet = run_jdfix(str(draft), "--no-llm")
    assert "jdfix: llm:" not in quiet.stderr


# Folders: .gitignore, hidden and vendored folders, --exclude / exclude / extend-exclude


def _folder(tmp_path: Path) -> Path:
    top = tmp_path / "repo"
    (top / "postings").mkdir(parents=True)
    (top / ".git").mkdir()
    (top / "postings" / "scrum-master.md").write_bytes((DRAFTS / "scrum-master.md").read_bytes())
    (top / "postings" / "README.md").write_text("# How we write postings\n\nKeep them short.\n")
    (top / "node_modules" / "x").mkdir(parents=True)
    (top / "node_modules" / "x" / "package.json").write_text('{"name": "x", "version": "1.0.0"}\n')
    (top / "postings" / "old").mkdir()
    (top / "postings" / "old" / "draft.md").write_bytes(PRICING.read_bytes())
    (top / ".gitignore").write_text("# drafts we keep out of git\npostings/old/\n*.tmp.md\n")
    (top / "postings" / "scratch.tmp.md").write_bytes(PRICING.read_bytes())
    (top / "postings" / "ats.json").write_text('{"settings": true}\n')
    return top


def test_a_folder_walk_skips_ignored_vendored_and_repository_files(tmp_path: Path) -> None:
    top = _folder(tmp_path)
    proc = run_jdfix("check", ".", "--format", "jsonl", cwd=top)
    assert proc.returncode == 0, proc.stderr
    import json

    paths = [json.loads(line)["path"] for line in proc.stdout.splitlines()]
    assert paths == ["./postings/scrum-master.md"]
    assert "ats.json: skipped: " in proc.stderr and "error" not in proc.stderr
    named = run_jdfix("check", "postings/ats.json", "node_modules/x/package.json", cwd=top)
    assert named.returncode == 2 and "package.json: " in named.stderr and "not a posting" in named.stderr


def test_exclude_and_extend_exclude_from_flags_and_config(tmp_path: Path) -> None:
    top = _folder(tmp_path)
    (top / "postings" / "product-owner.md").write_bytes(PRICING.read_bytes())
    assert run_jdfix("check", ".", cwd=top).returncode == 1
    assert run_jdfix("check", ".", "--extend-exclude", "product-*.md", cwd=top).returncode == 0
    (top / "jdfix.toml").write_text('extend-exclude = ["postings/product-owner.md"]\n')
    assert run_jdfix("check", ".", cwd=top).returncode == 0
    # --exclude replaces the default list: README.md is read again (and fails: no duties)
    (top / "jdfix.toml").write_text('exclude = ["node_modules", "*.json", "product-*"]\n')
    proc = run_jdfix("check", ".", "--format", "jsonl", cwd=top)
    assert "README.md" in proc.stdout and "postings/product-owner.md" not in proc.stdout


# Configuration: the nearest to each file wins; --select/--ignore take comma lists


def test_each_posting_uses_the_configuration_nearest_to_it(tmp_path: Path) -> None:
    for team in ("sales", "product"):
        (tmp_path / team).mkdir()
        _draft(tmp_path / team)
    (tmp_path / "sales" / "jdfix.toml").write_text('ignore = ["JD101"]\n')
    (tmp_path / "product" / "pyproject.toml").write_text('[tool.jdfix]\nselect = ["JD3"]\n')
    (tmp_path / "jdfix.toml").write_text('fail_level = "warning"\n')
    proc = run_jdfix("check", "sales", "product", "--format", "jsonl", cwd=tmp_path)
    import json

    codes = {json.loads(x)["path"]: [f["code"] for f in json.loads(x)["findings"]] for x in proc.stdout.splitlines()}
    assert "JD101" not in codes["sales/product-owner-pricing.md"]
    assert codes["product/product-owner-pricing.md"] == []
    assert proc.returncode == 0, proc.stdout
    # --config applies one file to every posting
    forced = run_jdfix("check", "sales", "product", "--config", "jdfix.toml", cwd=tmp_path)
    assert forced.returncode == 1 and forced.stdout.count("JD101") == 2


def test_select_and_ignore_take_comma_lists(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    proc = run_jdfix("check", str(draft), "--ignore", "JD101,JD102", "--format", "jsonl")
    assert "JD101" not in proc.stdout and proc.returncode == 0, proc.stdout + proc.stderr
    only = run_jdfix("check", str(draft), "--select", "JD3,JD101")
    assert "JD101" in only.stdout and only.returncode == 1


# Suppression comments: the next line, or the file


def _with_comment(tmp_path: Path, before_line: int, comment: str) -> Path:
    lines = (DRAFTS / "data-scientist-dashboards.md").read_text().splitlines(keepends=True)
    # Line 12 made plainly a data engineer's duty (JD103): SQL extraction reads as the analyst's own.
    assert lines[11].startswith("- Write SQL queries")
    lines[11] = "- Design and run the nightly ETL pipelines that load meter readings into the data warehouse\n"
    lines.insert(before_line - 1, comment + "\n")
    target = tmp_path / "posting.md"
    target.write_text("".join(lines))
    return target


def test_ignore_covers_the_next_line_only(tmp_path: Path) -> None:
    # line 12 is the data-pipeline duty (JD103)
    on_it = run_jdfix("check", str(_with_comment(tmp_path, 12, "<!-- jdfix: ignore JD103 -->")))
    assert "JD103" not in on_it.stdout and "JD101" in on_it.stdout
    one_off = run_jdfix("check", str(_with_comment(tmp_path, 11, "<!-- jdfix: ignore JD103 -->")))
    assert ":13: JD103" in one_off.stdout
    assert ":11: JD001 unused-suppression suppression of JD103 suppresses nothing" in one_off.stdout


def test_ignore_file_covers_the_whole_file(tmp_path: Path) -> None:
    target = _with_comment(tmp_path, 20, "<!-- jdfix: ignore-file JD103 JD101 -->")
    proc = run_jdfix("check", str(target))
    assert "JD103" not in proc.stdout and "JD101" not in proc.stdout and proc.returncode == 0


def test_a_suppressed_title_is_not_reported_as_fitting(tmp_path: Path) -> None:
    target = tmp_path / "posting.md"
    target.write_text("<!-- jdfix: ignore JD101 -->\n" + PRICING.read_text())  # the old, documented place
    proc = run_jdfix(str(target), "--no-llm")
    assert proc.returncode == 0 and "title-family-differs" not in proc.stdout
    assert "title fits" not in proc.stdout and "JD101 suppressed by a jdfix: ignore comment" in proc.stdout


# check: -q, --exit-zero, --statistics, --output-file, --format sarif

# No SARIF 2.1.0 schema ships in any package we can install offline (sarif-om, jschema-to-python
# and sarif-tools were checked: none carries it), so this is the spec's required structure
# (OASIS SARIF 2.1.0, sections 3.13 sarifLog, 3.14 run, 3.18 tool, 3.19 toolComponent, 3.27 result,
# 3.11 message, 3.28 location, 3.29 physicalLocation, 3.4 artifactLocation, 3.30 region,
# 3.49 reportingDescriptor, 3.20 invocation, 3.58 notification) written as a JSON Schema.
_MESSAGE = {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
            "properties": {"text": {"type": "string"}}}
_LOCATION = {"type": "object", "properties": {"physicalLocation": {
    "type": "object", "anyOf": [{"required": ["artifactLocation"]}, {"required": ["address"]}],
    "properties": {"artifactLocation": {"type": "object", "properties": {"uri": {"type": "string", "format": "uri-reference"}}},
                   "region": {"type": "object", "properties": {"startLine": {"type": "integer", "minimum": 1}}}}}}}
SARIF_STRUCTURE = {
    "type": "object", "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"}, "$schema": {"type": "string", "format": "uri"},
        "runs": {"type": ["array", "null"], "items": {
            "type": "object", "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name"],
                    "properties": {"name": {"type": "string"}, "version": {"type": "string"},
                                   "rules": {"type": "array", "items": {
                                       "type": "object", "required": ["id"],
                                       "properties": {"id": {"type": "string"}, "shortDescription": _MESSAGE,
                                                      "fullDescription": _MESSAGE, "defaultConfiguration": {
                                                          "type": "object", "properties": {"level": {
                                                              "enum": ["none", "note", "warning", "error"]}}}}}}}}}},
                "invocations": {"type": "array", "items": {
                    "type": "object", "required": ["executionSuccessful"],
                    "properties": {"executionSuccessful": {"type": "boolean"},
                                   "toolExecutionNotifications": {"type": "array", "items": {
                                       "type": "object", "required": ["message"],
                                       "properties": {"message": _MESSAGE, "locations": {"type": "array", "items": _LOCATION},
                                                      "level": {"enum": ["none", "note", "warning", "error"]}}}}}}},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["message"],
                    "properties": {"ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1},
                                   "level": {"enum": ["none", "note", "warning", "error"]}, "message": _MESSAGE,
                                   "locations": {"type": "array", "items": _LOCATION}}}},
            }}},
    },
}


def test_sarif_report_has_the_structure_sarif_2_1_0_requires(tmp_path: Path) -> None:
    import json

    import jsonschema

    draft = _draft(tmp_path)
    missing = tmp_path / "missing.md"
    proc = run_jdfix("check", str(draft), str(DRAFTS / "scrum-master.md"), str(missing), "--format", "sarif")
    assert proc.returncode == 2
    log = json.loads(proc.stdout)
    jsonschema.validate(log, SARIF_STRUCTURE, format_checker=jsonschema.FormatChecker())
    run = log["runs"][0]
    assert run["results"][0]["ruleId"] == "JD101" and run["results"][0]["level"] == "error"
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    rules = run["tool"]["driver"]["rules"]
    assert rules[run["results"][0]["ruleIndex"]]["id"] == "JD101"
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "missing.md" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_quiet_exit_zero_statistics_and_output_file(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    fits = DRAFTS / "scrum-master.md"
    quiet = run_jdfix("check", str(draft), str(fits), "-q")
    assert quiet.returncode == 1 and "checked" not in quiet.stdout and "JD101" in quiet.stdout
    assert run_jdfix("check", str(draft), "--exit-zero").returncode == 0
    stats = run_jdfix("check", str(draft), str(draft), "--statistics")
    assert stats.stdout.splitlines() == ["2  JD101  title-family-differs-from-duties",
                                         "2  JD407  no-pay-information"], stats.stdout
    report = tmp_path / "report.json"
    written = run_jdfix("check", str(draft), "--format", "json", "--output-file", str(report))
    assert written.returncode == 1 and written.stdout == ""
    import json

    assert json.loads(report.read_text())["results"][0]["mismatch"] is True


def test_config_format_json(tmp_path: Path) -> None:
    import json

    (tmp_path / "jdfix.toml").write_text('model = "local-model"\nignore = ["JD103"]\n')
    proc = run_jdfix("config", "--format", "json", cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert data["config_file"] == str(tmp_path / "jdfix.toml")
    assert data["settings"]["ignore"] == {"value": ["JD103"], "source": str(tmp_path / "jdfix.toml")}
    assert data["settings"]["select"]["source"] == "default"


def test_batch_prepare_takes_the_live_paths_options(tmp_path: Path) -> None:
    import json
    import shutil

    from tests.conftest import ROOT

    draft = _draft(tmp_path)
    base = ["--base-url", "http://127.0.0.1:9/v1", "--model", "m"]

    def keys(*extra: str) -> list[str]:
        out = tmp_path / "requests.jsonl"
        out.unlink(missing_ok=True)
        proc = run_jdfix("batch", "prepare", str(draft), "-o", str(out), *base, *extra)
        assert proc.returncode == 0, proc.stderr
        return [json.loads(x)["custom_id"] for x in out.read_text().splitlines()] if out.exists() else []

    default = keys()
    prompts = tmp_path / "my-prompts"
    shutil.copytree(ROOT / "prompts", prompts)
    system = prompts / "system.j2"
    system.write_text(system.read_text() + "\nBe brief.\n")
    assert len(default) == 1 and keys("--prompts", str(prompts)) != default
    assert keys("--select", "JD3,JD103") == []  # no title rule selected: nothing to rewrite
    assert keys("--input-format", "markdown", "--ignore", "JD102,JD103") != []


# Words: whole-word quotes, units, plurals, Ctrl-D, empty stdin, HTML diffs, replay, citations

DROPS_ONE = ("# Product Owner\n\n## Responsibilities\n- Set pricing and packaging for the subscription plans\n"
             "- Own the go-to-market plan with marketing and sales\n"
             "- Conduct market research and size the market for new segments\n"
             "- Define the product vision and strategy for the next two years\n"
             "- Write production code in Python and review pull requests for the payments service\n")


def test_quotes_end_on_a_whole_word_and_evidence_has_a_unit(tmp_path: Path) -> None:
    posting = tmp_path / "po.md"
    posting.write_text("# Product Owner\n\n## Duties\n- Run the daily stand-up for the team\n"
                       "- Facilitate retrospectives\n- Remove impediments for the team\n")
    proc = run_jdfix("check", str(posting), "--format", "json")
    import json

    phrases = [e["phrase"] for d in json.loads(proc.stdout)["results"][0]["duties"] for e in d["evidence"]]
    assert any(p.endswith("stand-up") for p in phrases), phrases
    assert not any(p.endswith("stand") for p in phrases)
    text = run_jdfix("check", str(DRAFTS / "product-owner-pricing.md"))
    assert re.search(r"\(evidence \d+ points vs \d+ for Product Owner: ", text.stdout), text.stdout


def test_plurals_are_words(tmp_path: Path) -> None:
    posting = tmp_path / "po.md"
    posting.write_text(DROPS_ONE)
    proc = run_jdfix(str(posting), "--no-llm")
    assert "dropped 1 duty that belongs to another role" in proc.stdout
    (tmp_path / "fits").mkdir()
    prep = run_jdfix("batch", "prepare", str(DRAFTS / "scrum-master.md"), "-o", str(tmp_path / "r.jsonl"),
                     "--base-url", "http://127.0.0.1:9/v1")
    assert "0 requests in no file; 1 posting needs no rewrite" in prep.stdout


def test_empty_stdin_is_called_standard_input() -> None:
    proc = run_jdfix("check", "-", input=b"")
    assert proc.returncode == 2 and "standard input is empty" in proc.stderr and "empty file" not in proc.stderr


def test_ctrl_d_at_the_prompt_ends_the_line(tmp_path: Path) -> None:
    import os
    import sys

    import pexpect

    draft = _draft(tmp_path)
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("EDITOR", None)
    env.pop("VISUAL", None)
    child = pexpect.spawn(sys.executable, ["-m", "jdfix", "-i", draft.name], cwd=str(tmp_path), env=env,
                          encoding="utf-8", timeout=30, dimensions=(50, 200))
    child.expect(r"Apply this change \[y,n,e,a,d,q,\?\]\? ")
    child.sendeof()
    child.expect(pexpect.EOF)
    after = child.before or ""
    child.close()
    # what follows the prompt starts on a line of its own
    assert after.startswith("\r\n") or after.startswith("\n"), repr(after[:80])


def test_html_fix_and_diff_agree(tmp_path: Path) -> None:
    from tests.conftest import FIXTURES

    page = FIXTURES / "ats" / "product-owner-pricing.html"
    shown = run_jdfix(str(page), "--no-llm")
    assert "--- a/" not in shown.stdout and "No diff: " in shown.stdout and "-o FILE" in shown.stdout
    diff = run_jdfix(str(page), "--diff", "--no-llm")
    assert diff.returncode == 2 and "use -o FILE" in diff.stderr


def test_replay_without_an_endpoint_is_refused(tmp_path: Path) -> None:
    proc = run_jdfix(str(_draft(tmp_path)), "--cache", "replay")
    assert proc.returncode == 2 and "--cache replay needs an endpoint" in proc.stderr
    assert proc.stdout == ""


def test_rule_docs_cite_what_ships() -> None:
    proc = run_jdfix("rules", "JD203")
    assert proc.returncode == 0 and "ROLES.md" not in proc.stdout
    from tests.conftest import ROOT

    assert "ROLES.md" not in (ROOT / "README.md").read_text()
    assert "ROLES.md" not in (ROOT / "jdfix" / "schema" / "report.schema.json").read_text()
