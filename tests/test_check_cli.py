"""`jdfix check` through real subprocess runs: the JSON contract, exit codes, bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import DRAFTS, run_jdfix


def _report(*args: str, **kw: object) -> tuple[int, dict[str, object], str]:
    proc = run_jdfix("check", "--format", "json", *args, **kw)  # type: ignore[arg-type]
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def test_json_contract_on_a_mismatch() -> None:
    code, report, _ = _report(str(DRAFTS / "product-owner-pricing.md"))
    assert code == 1
    assert report["version"] == 1
    (result,) = report["results"]
    assert result["mismatch"] is True
    assert result["title"]["text"] == "Product Owner" and result["title"]["line"] == 1
    assert result["title"]["family"] == "product-owner"
    assert result["inferred"]["family"] == "product-manager"
    assert result["inferred"]["title"] == "Product Manager"
    assert 0 < result["inferred"]["confidence"] <= 1
    assert {"line", "text", "family", "listed", "evidence"} <= set(result["duties"][0])
    listed = [d for d in result["duties"] if d["listed"]]
    assert listed[0]["line"] == 8
    # Duty sentences outside the list (the overview) are reported too, not as part of the list.
    assert [d["line"] for d in result["duties"] if not d["listed"]] == [3, 3]
    codes = [f["code"] for f in result["findings"]]
    assert "JD101" in codes
    for f in result["findings"]:
        assert {"code", "name", "severity", "message", "line"} <= set(f)


def test_fitting_posting_exits_0() -> None:
    code, report, _ = _report(str(DRAFTS / "scrum-master.md"))
    assert code == 0
    assert report["results"][0]["mismatch"] is False


@pytest.mark.parametrize(
    ("draft", "title_family", "inferred"),
    [
        ("senior-product-manager-backlog.md", "product-manager", "product-owner"),
        ("product-owner-functional-specs.md", "product-owner", "business-analyst"),
        ("data-scientist-dashboards.md", "data-scientist", "data-analyst"),
        ("engineering-manager-no-reports.md", "engineering-manager", "tech-lead"),
    ],
)
def test_bundled_mismatches(draft: str, title_family: str, inferred: str) -> None:
    code, report, _ = _report(str(DRAFTS / draft))
    (result,) = report["results"]
    assert code == 1 and result["mismatch"] is True
    assert result["title"]["family"] == title_family
    assert result["inferred"]["family"] == inferred


def test_junior_title_with_manager_duties() -> None:
    code, report, _ = _report(str(DRAFTS / "junior-analyst-manages-team.md"))
    (result,) = report["results"]
    assert code == 1 and result["mismatch"] is True
    assert "JD201" in [f["code"] for f in result["findings"]]


def test_outside_role_book_is_info_and_no_mismatch() -> None:
    code, report, _ = _report(str(DRAFTS / "pastry-chef.md"))
    (result,) = report["results"]
    assert code == 0 and result["mismatch"] is False
    assert result["inferred"]["family"] is None
    assert {f["code"]: f["severity"] for f in result["findings"]} == {"JD302": "info", "JD303": "info",
                                                                       "JD407": "info"}


def test_folder_is_walked_and_text_output_is_linter_like() -> None:
    proc = run_jdfix("check", str(DRAFTS))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert any(line.startswith(f"{DRAFTS}/product-owner-pricing.md:1: JD101 ") for line in lines)
    assert "postings checked" in lines[-1]
    assert "\x1b[" not in proc.stdout  # NO_COLOR is set by the test environment


def test_stdin() -> None:
    proc = run_jdfix("check", "--format", "json", "-", input=(DRAFTS / "scrum-master.md").read_bytes())
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["results"][0]["path"] == "-"


def test_fail_level_error_ignores_warnings(tmp_path: Path) -> None:
    # a junior title over manager duties is a warning, not an error
    code, report, _ = _report("--fail-level", "error", str(DRAFTS / "junior-analyst-manages-team.md"))
    assert code == 0
    assert report["results"][0]["mismatch"] is False


def test_ignore_removes_the_finding() -> None:
    code, report, _ = _report("--ignore", "JD101", "--ignore", "JD103", str(DRAFTS / "product-owner-pricing.md"))
    codes = [f["code"] for f in report["results"][0]["findings"]]
    assert "JD101" not in codes


def _bad_inputs(tmp: Path) -> dict[str, str]:
    (tmp / "empty.md").write_bytes(b"")
    (tmp / "blank.md").write_bytes(b"  \n\t\n")
    (tmp / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp / "latin1.md").write_bytes("# Product Owner\n\n- G\xe9rer le backlog\n".encode("latin-1"))
    (tmp / "huge.md").write_bytes(b"# Product Owner\n\n" + b"- Order the product backlog\n" * 650_000)
    os.symlink(tmp / "nowhere.md", tmp / "dangling.md")
    return {
        "empty.md": "empty file",
        "blank.md": "empty file",
        "binary.md": "binary file",
        "latin1.md": "not UTF-8",
        "huge.md": "too large",
        "dangling.md": "dangling symbolic link",
        "missing.md": "no such file",
    }


def test_bad_inputs_give_one_line_each_and_exit_2_while_others_are_reported(tmp_path: Path) -> None:
    expected = _bad_inputs(tmp_path)
    good = DRAFTS / "scrum-master.md"
    args = [str(tmp_path / name) for name in expected] + [str(good)]
    proc = run_jdfix("check", "--format", "json", *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    err_lines = proc.stderr.strip().splitlines()
    assert len(err_lines) == len(expected)
    for name, reason in expected.items():
        assert any(name in line and reason in line for line in err_lines), (name, proc.stderr)
    results = json.loads(proc.stdout)["results"]
    assert {Path(r["path"]).name: ("error" in r) for r in results} == {**{n: True for n in expected},
                                                                        "scrum-master.md": False}


def test_no_duties_is_a_finding_not_an_error(tmp_path: Path) -> None:
    p = tmp_path / "no-duties.md"
    p.write_text("# Product Owner\n\n## Requirements\n\n- Five years in product roles\n")
    code, report, _ = _report(str(p))
    assert code == 1
    assert [f["code"] for f in report["results"][0]["findings"]] == ["JD301", "JD407"]


def test_deep_list_is_fine(tmp_path: Path) -> None:
    p = tmp_path / "deep.md"
    p.write_text("# Developer\n\n## Responsibilities\n" + "".join("  " * i + "- write code\n" for i in range(300)))
    code, report, _ = _report(str(p))
    assert code in (0, 1)
    assert len(report["results"][0]["duties"]) == 300


@pytest.mark.parametrize(
    "args",
    [["check", "--format", "xml", "x.md"], ["check"], ["check", "--fail-level", "info", "x.md"], ["nonsense-flag", "--x"]],
)
def test_usage_errors_are_one_line_exit_2(args: list[str]) -> None:
    proc = run_jdfix(*args)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("jdfix: error:")


def test_version_and_module_entry_point() -> None:
    proc = run_jdfix("--version")
    assert proc.returncode == 0 and "jdfix" in proc.stdout


def test_rules_and_roles_commands() -> None:
    rules = run_jdfix("rules")
    assert rules.returncode == 0
    assert "JD101 title-family-differs-from-duties" in rules.stdout and "Why it matters:" in rules.stdout
    roles = run_jdfix("roles", "--format", "json")
    ids = [r["id"] for r in json.loads(roles.stdout)]
    assert len(ids) == 16 and "product-owner" in ids
    # The text lists what the JSON does: a discipline's leaders and the words that make a title another job's.
    text = run_jdfix("roles").stdout
    assert "leads of: data science" in text and "another job after: marketing, sales" in text


def test_broken_team_profile_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "chef.toml"
    bad.write_text('id = "chef"\nname = "Chef"\ncolour = "blue"\n')
    proc = run_jdfix("check", "--roles", str(bad), str(DRAFTS / "pastry-chef.md"))
    assert proc.returncode == 2
    assert "unknown key 'colour'" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_team_profile_takes_part_in_inference(tmp_path: Path) -> None:
    chef = tmp_path / "pastry-chef.toml"
    chef.write_text(
        'id = "pastry-chef"\nname = "Pastry Chef"\nsummary = "Makes pastry."\naliases = ["pastry chef", "patissier"]\n'
        '[[signal]]\nweight = "S"\nmatch = ["laminated dough|doughs", "croissant|croissants"]\n'
        '[[signal]]\nweight = "S"\nmatch = ["celebration|wedding cake|cakes", "seasonal dessert|desserts"]\n'
        '[[signal]]\nweight = "M"\nmatch = ["pastry section|kitchen"]\n'
    )
    check = run_jdfix("roles", "--check", str(chef))
    assert check.returncode == 0, check.stderr
    code, report, err = _report("--roles", str(chef), str(DRAFTS / "pastry-chef.md"))
    assert code == 0, err
    result = report["results"][0]
    assert result["title"]["family"] == "pastry-chef"
    assert result["inferred"]["family"] == "pastry-chef"


@pytest.mark.slow  # the slow tier: `pytest -m slow` (.ci/run runs it)
def test_parallel_check_matches_serial(tmp_path: Path) -> None:
    for i in range(6):
        for draft in DRAFTS.iterdir():
            (tmp_path / f"{i}-{draft.name}").write_bytes(draft.read_bytes())
    serial = run_jdfix("check", "--format", "json", "--jobs", "1", str(tmp_path))
    parallel = run_jdfix("check", "--format", "json", "--jobs", "2", str(tmp_path))
    assert serial.returncode == parallel.returncode == 1
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    lines = run_jdfix("check", "--format", "jsonl", "--jobs", "2", str(tmp_path)).stdout.splitlines()
    assert [json.loads(line)["path"] for line in lines] == [r["path"] for r in json.loads(serial.stdout)["results"]]


def test_rule_engine_imports_neither_the_cli_nor_the_llm_side() -> None:
    import subprocess
    import sys

    code = (
        "import sys, jdfix, jdfix.engine.checker, jdfix.engine.analysis, jdfix.engine.document, jdfix.engine.rules, jdfix.io.report, "
        "jdfix.io.parallel, jdfix.io.config, jdfix.io.formats\n"
        "jdfix.check(open(sys.argv[1]).read())\n"
        "heavy = [m for m in ('click', 'openai', 'jinja2', 'tenacity', 'pydantic', 'jdfix.cli', 'jdfix.rewriter.llm') "
        "if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(DRAFTS / "product-owner-pricing.md")],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_output_file_is_replaced_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    out = tmp_path / "reports" / "report.json"
    out.write_text("an earlier report\n")
    out.chmod(0o640)
    done = run_jdfix("check", "--format", "json", "-o", str(out), str(DRAFTS))
    assert done.returncode == 1 and done.stdout == ""
    assert len(json.loads(out.read_text())["results"]) == len(list(DRAFTS.glob("*.*")))
    assert oct(out.stat().st_mode & 0o777) == oct(0o640)  # the file's permissions are kept
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.json"]
    # A folder that takes no file stops the run at once: one line, exit 2, the old report untouched.
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "report.json").write_text("kept\n")
    locked.chmod(0o500)
    try:
        refused = run_jdfix("check", "-o", str(locked / "report.json"), str(DRAFTS))
        if os.geteuid() != 0:  # root writes anywhere
            assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "cannot write" in refused.stderr
        assert (locked / "report.json").read_text() == "kept\n" or os.geteuid() == 0
    finally:
        locked.chmod(0o700)
