"""Review and apply: --write, -o, --diff, --interactive (in a real pseudo-terminal), --yes, --force."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from tests.conftest import DRAFTS, FIXTURES, run_jdfix
from tests.fake_llm import FakeLLM

GOLDEN = FIXTURES / "golden"


def _copy(tmp_path: Path, name: str) -> Path:
    dest = tmp_path / name
    dest.write_bytes((DRAFTS / name).read_bytes())
    return dest


def _untouched_outside(before: str, after: str, changed_lines: set[int]) -> None:
    """Every line but the changed ones is identical, in the same order."""
    b = before.splitlines(keepends=True)
    a = after.splitlines(keepends=True)
    assert len(a) == len(b)
    for i, (x, y) in enumerate(zip(b, a), 1):
        if i not in changed_lines:
            assert x == y, f"line {i} changed: {x!r} -> {y!r}"


def test_output_file_never_touches_the_input(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "product-owner-pricing.md")
    before = draft.read_bytes()
    out = tmp_path / "fixed.md"
    proc = run_jdfix(str(draft), "-o", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert draft.read_bytes() == before
    assert out.read_text() == (GOLDEN / "product-owner-pricing.md").read_text()
    assert f"wrote {out}" in proc.stdout and "now passes jdfix check" in proc.stdout


def test_write_front_matter_title_and_keep_every_other_line(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "data-scientist-dashboards.md")
    before = draft.read_text()
    proc = run_jdfix("--write", str(draft))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = draft.read_text()
    assert after == (GOLDEN / "data-scientist-dashboards.md").read_text()
    _untouched_outside(before, after, {2})
    assert after.splitlines()[1] == 'title: "Data Analyst"'
    check = run_jdfix("check", str(draft))
    assert check.returncode == 0, check.stdout


def test_second_write_is_a_no_op(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "product-owner-pricing.md")
    run_jdfix("--write", str(draft))
    once = draft.read_bytes()
    stat = draft.stat()
    proc = run_jdfix("--write", str(draft))
    assert proc.returncode == 0
    assert draft.read_bytes() == once
    assert draft.stat().st_mtime_ns == stat.st_mtime_ns
    assert "title fits the duties (Product Manager)" in proc.stdout


def test_dropped_duty_leaves_its_neighbours_byte_for_byte(tmp_path: Path) -> None:
    draft = tmp_path / "po.md"
    draft.write_text("# Product Owner\n\n## Responsibilities\n\n- Order the **product backlog** by value\n"
                     "- Facilitate sprint retrospectives and coach the team on Scrum\n"
                     "- Set pricing and packaging for the product\n- Conduct market research and size the market\n"
                     "- Own the product vision and the yearly product strategy\n"
                     "- Build the business case for the new add-on\n- Own the go-to-market plan\n")
    out = tmp_path / "out.md"
    proc = run_jdfix(str(draft), "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    text = out.read_text()
    assert "- Order the **product backlog** by value\n" in text  # untouched bytes, markup kept
    assert "retrospectives" not in text  # a Scrum Master duty, dropped
    assert text.startswith("# Product Manager\n")


def test_crlf_and_bom_survive_a_write(tmp_path: Path) -> None:
    draft = tmp_path / "ba.txt"
    raw = b"\xef\xbb\xbf" + (DRAFTS / "business-analyst-crlf.txt").read_bytes().replace(
        b"Job title: Business Analyst", b"Job title: Scrum Master")
    draft.write_bytes(raw)
    proc = run_jdfix("--write", str(draft))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = draft.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfJob title: Business Analyst\r\n")
    assert data.count(b"\r\n") == raw.count(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")


def test_write_keeps_permissions_and_symlinks(tmp_path: Path) -> None:
    real = _copy(tmp_path, "product-owner-pricing.md")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    proc = run_jdfix("--write", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink()
    assert real.read_text().startswith("# Product Manager")
    assert (real.stat().st_mode & 0o777) == 0o640


@contextlib.contextmanager
def read_only_folder(folder: Path, files: dict[str, bytes]) -> Iterator[Path]:
    """`folder` holding `files`, then made unwritable: by mode bits, or for root (whom mode bits
    do not stop) as a tmpfs mounted read-only. Skips where neither is possible."""
    folder.mkdir()
    if os.geteuid() != 0:
        for name, data in files.items():
            (folder / name).write_bytes(data)
        folder.chmod(0o500)
        try:
            yield folder
        finally:
            folder.chmod(0o700)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("root here cannot mount a tmpfs to make a read-only folder")
    try:
        for name, data in files.items():
            (folder / name).write_bytes(data)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_unwritable_folder_is_an_error_and_the_original_stays(tmp_path: Path) -> None:
    original = (DRAFTS / "product-owner-pricing.md").read_bytes()
    with read_only_folder(tmp_path / "ro", {"po.md": original}) as folder:
        proc = run_jdfix("--write", str(folder / "po.md"))
        assert proc.returncode == 2
        assert "cannot write" in proc.stderr and "Traceback" not in proc.stderr
        assert proc.stderr.count("\n") == 1
        assert (folder / "po.md").read_bytes() == original
        assert sorted(p.name for p in folder.iterdir()) == ["po.md"]  # no temporary file left


def test_output_into_an_unwritable_folder_is_an_error_and_the_input_stays(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "product-owner-pricing.md")
    before = draft.read_bytes()
    with read_only_folder(tmp_path / "ro", {}) as folder:
        proc = run_jdfix(str(draft), "-o", str(folder / "out.md"))
        assert proc.returncode == 2
        assert "cannot write" in proc.stderr and "Traceback" not in proc.stderr
        assert list(folder.iterdir()) == []
    assert draft.read_bytes() == before


def test_read_only_cache_folder_still_gives_a_result(tmp_path: Path) -> None:
    # The compiled role book cannot be kept: that costs speed, never the run.
    with read_only_folder(tmp_path / "cache", {}) as cache:
        proc = run_jdfix("check", "--format", "json", str(DRAFTS / "product-owner-pricing.md"),
                         env={"JDFIX_CACHE_DIR": str(cache)})
        assert proc.returncode == 1, proc.stderr
        assert json.loads(proc.stdout)["results"][0]["mismatch"] is True
        assert proc.stderr == ""


def test_output_into_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "product-owner-pricing.md")
    proc = run_jdfix(str(draft), "-o", str(tmp_path / "no" / "such" / "dir" / "out.md"))
    assert proc.returncode == 2
    assert "cannot write" in proc.stderr and "Traceback" not in proc.stderr
    assert not list(tmp_path.rglob("*.jdfix-tmp"))


def test_diff_pipes_into_patch(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "product-owner-functional-specs.md")
    proc = run_jdfix("--diff", "product-owner-functional-specs.md", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("--- a/product-owner-functional-specs.md\n")
    subprocess.run(["patch", "-p1", "--quiet"], input=proc.stdout.encode(), cwd=tmp_path, check=True)
    assert draft.read_text().startswith("# Business Analyst\n")
    again = run_jdfix("--diff", "product-owner-functional-specs.md", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout == ""


def test_llm_duties_into_a_numbered_list_stay_numbered(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "product-owner-functional-specs.md")
    answer = {"title": "Business Analyst", "rationale": "Requirements work.",
              "duties": ["Elicit requirements from claims handlers in interviews and workshops",
                         "Write functional specifications for each module",
                         "Model the claims processes in BPMN",
                         "Carry out gap analysis between the current system and the new platform",
                         "Maintain the requirements traceability matrix",
                         "Support user acceptance testing with test scenarios",
                         "Document non-functional requirements for the platform"]}
    with FakeLLM(answer=answer) as llm:
        proc = run_jdfix("--write", str(draft), env={"OPENAI_BASE_URL": llm.url,
                                                     "JDFIX_CACHE_DIR": str(tmp_path / "c")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = draft.read_text().splitlines()
    numbered = [ln for ln in lines if ln[:1].isdigit()]
    assert [ln.split(" ", 1)[0] for ln in numbered] == [f"{i}." for i in range(1, 8)]
    assert numbered[-1] == "7. Document non-functional requirements for the platform"


def test_unverified_suggestion_is_not_written_without_force(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "product-owner-pricing.md")
    before = draft.read_bytes()
    stubborn = {"title": "Product Owner", "duties": ["Set pricing and packaging for the plans",
                                                     "Own the go-to-market plan",
                                                     "Define the product vision and strategy"],
                "rationale": "Kept the title."}
    env_base = {"JDFIX_CACHE_DIR": str(tmp_path / "c")}
    with FakeLLM(answer=stubborn) as llm:
        env = {**env_base, "OPENAI_BASE_URL": llm.url}
        proc = run_jdfix("--write", str(draft), env=env)
        assert proc.returncode == 1
        assert "not written" in proc.stdout and "--force" in proc.stdout
        assert draft.read_bytes() == before
        forced = run_jdfix("--write", "--force", str(draft), env=env)
        assert forced.returncode == 1
        assert "still mismatched" in forced.stdout
        assert draft.read_bytes() != before


def test_interactive_without_a_terminal_writes_nothing(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "product-owner-pricing.md")
    before = draft.read_bytes()
    proc = run_jdfix("--interactive", str(draft), input=b"y\ny\ny\n")
    assert proc.returncode == 2
    assert "needs a terminal" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert draft.read_bytes() == before


def _spawn(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> pexpect.spawn:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("EDITOR", None)
    full_env.pop("VISUAL", None)
    full_env.update(env or {})
    return pexpect.spawn(sys.executable, ["-m", "jdfix", *args], cwd=str(cwd), env=full_env,
                         encoding="utf-8", timeout=30, dimensions=(50, 200))


PROMPT = r"Apply this change \[y,n,e,a,d,q,\?\]\? "


def test_interactive_accepts_change_by_change_in_a_real_terminal(tmp_path: Path) -> None:
    draft = tmp_path / "po.md"
    draft.write_text("# Product Owner\n\n## Responsibilities\n\n- Order the product backlog by value\n"
                     "- Facilitate sprint retrospectives and coach the team on Scrum\n"
                     "- Set pricing and packaging for the product\n- Conduct market research and size the market\n"
                     "- Own the product vision and the yearly product strategy\n"
                     "- Build the business case for the new add-on\n- Own the go-to-market plan\n")
    child = _spawn(["-i", "po.md"], tmp_path)
    child.expect(r"change 1/2, the title \(line 1\)")
    child.expect("why: JD101")
    child.expect(PROMPT)
    child.sendline("?")
    child.expect("e - edit the new text")
    child.expect(PROMPT)
    child.sendline("e")
    child.expect("New text")
    child.sendline("Senior Product Manager")
    child.expect(r"change 2/2, a duty removed \(line 6\)")
    child.expect("why: reads as Scrum Master work")
    child.expect(PROMPT)
    child.sendline("n")
    child.expect(r"wrote po.md: 1 of 2 changes \(skipped: remove line 6\)")
    child.expect(pexpect.EOF)
    child.close()
    text = draft.read_text()
    assert text.startswith("# Senior Product Manager\n")
    assert "retrospectives" in text  # the skipped removal was not applied


def test_interactive_quit_writes_only_what_was_accepted(tmp_path: Path) -> None:
    a = _copy(tmp_path, "product-owner-pricing.md")
    b = _copy(tmp_path, "senior-product-manager-backlog.md")
    before_b = b.read_bytes()
    child = _spawn(["-i", a.name, b.name], tmp_path)
    child.expect(PROMPT)
    child.sendline("y")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert a.read_text().startswith("# Product Manager")
    assert b.read_bytes() == before_b


def test_yes_accepts_everything(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "senior-product-manager-backlog.md")
    proc = run_jdfix("--yes", str(draft))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert draft.read_text().startswith("# Senior Product Owner\n")  # the level is not in question


def test_json_report_of_a_write(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "product-owner-pricing.md")
    proc = run_jdfix("--write", "--format", "json", str(draft))
    assert proc.returncode == 0
    report = json.loads(proc.stdout)
    assert "wrote" in proc.stderr
    assert report["results"][0]["suggestion"]["title"] == "Product Manager"


@pytest.mark.parametrize(
    "args",
    [["--interactive", "--yes", "x.md"], ["--diff", "--write", "x.md"], ["-o", "out.md", "a.md", "b.md"]],
)
def test_conflicting_flags_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    for name in ("x.md", "a.md", "b.md"):
        (tmp_path / name).write_bytes((DRAFTS / "product-owner-pricing.md").read_bytes())
    proc = run_jdfix(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.md").exists()


def test_interactive_edit_uses_the_editor(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "senior-product-manager-backlog.md")
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nprintf 'Lead Product Owner\\n' > \"$1\"\n")
    editor.chmod(0o755)
    child = _spawn(["-i", draft.name], tmp_path, env={"EDITOR": str(editor)})
    child.expect(PROMPT)
    child.sendline("e")
    child.expect(r"wrote senior-product-manager-backlog.md: 1 of 1 change")
    child.expect(pexpect.EOF)
    child.close()
    assert draft.read_text().startswith("# Lead Product Owner\n")
