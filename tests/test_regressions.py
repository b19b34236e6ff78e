"""Regressions found by reviewing the tool as a demanding user would."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

import jdfix
from tests.conftest import DRAFTS, run_jdfix
from tests.fake_llm import FakeLLM

PO = (DRAFTS / "product-owner-pricing.md").read_text()
DUTIES = PO[PO.index("## What you'll do"):]


def test_rewrite_api_stays_callable() -> None:
    first = jdfix.rewrite(PO)
    second = jdfix.rewrite(PO)
    assert first.suggestion and second.suggestion and second.suggestion.title == "Product Manager"


@pytest.mark.parametrize("bad", [None, b"# Product Owner"])
def test_api_refuses_non_text(bad: object) -> None:
    with pytest.raises(TypeError, match="as str"):
        jdfix.check(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "line",
    ["# Product" + " " * 40000 + "Owner", "Job title: Product" + " " * 40000 + "Owner",
     "- x" + " " * 40000 + "y", "**Responsibilities" + " " * 40000 + "x", "x" + " \u2022 " * 20000 + "Y"],
    ids=["atx", "label", "item", "bold", "parts"],
)
def test_long_lines_do_not_backtrack(tmp_path: Path, line: str) -> None:
    p = tmp_path / "long.md"
    p.write_text(line + "\n\n" + DUTIES)
    # A guard, not a timing assertion: a quadratic regex took minutes on these lines.
    proc = run_jdfix("check", "--format", "json", str(p), timeout=60)
    assert proc.returncode in (0, 1), proc.stderr


def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    proc = run_jdfix("check", str(fifo), timeout=30)
    assert proc.returncode == 2 and "not a regular file" in proc.stderr
    (tmp_path / "ok.md").write_text(PO)
    walked = run_jdfix("check", "--format", "json", str(tmp_path), timeout=30)
    assert [Path(r["path"]).name for r in json.loads(walked.stdout)["results"]] == ["ok.md"]


def test_long_title_keeps_its_end_when_written(tmp_path: Path) -> None:
    title = "Product Owner, Route Planning and Fleet Telematics for Regional Hauliers in the Nordic and " \
            "Iberian Markets, Remote-first, Permanent Contract, Full Time (m/f/d)"
    assert len(title) > 150
    p = tmp_path / "long.md"
    p.write_text(f"# {title}\n\n{DUTIES}")
    # Only the family fix here: JD404 (stuffed-title) would shorten it (tests/test_title_quality.py).
    proc = run_jdfix("--write", "--ignore", "JD404", str(p))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert p.read_text().splitlines()[0] == "# " + title.replace("Product Owner", "Product Manager", 1)


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [("#\u00a0Product Owner", "#\u00a0Product Manager"),
     ("**Product Owner**", "**Product Manager**"),
     ("\u200b# Product Owner", "\u200b# Product Manager")],
    ids=["nbsp", "bold", "zero-width"],
)
def test_title_markup_survives_a_rewrite(tmp_path: Path, first_line: str, expected: str) -> None:
    p = tmp_path / "t.md"
    p.write_text(f"{first_line}\n\n{DUTIES}")
    proc = run_jdfix("--write", str(p))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert p.read_text().splitlines()[0] == expected


def test_mixed_line_endings_stay_mixed(tmp_path: Path) -> None:
    p = tmp_path / "mixed.md"
    raw = b"# Product Owner\r\n\r\n" + DUTIES.encode()
    p.write_bytes(raw)
    assert run_jdfix("--write", str(p)).returncode == 0
    assert p.read_bytes() == raw.replace(b"Product Owner", b"Product Manager", 1)


def test_diff_of_a_bom_file_applies(tmp_path: Path) -> None:
    p = tmp_path / "bom.md"
    p.write_bytes(b"\xef\xbb\xbf" + PO.encode())
    diff = run_jdfix("--diff", "bom.md", cwd=tmp_path).stdout
    subprocess.run(["patch", "-p1", "--quiet"], input=diff.encode(), cwd=tmp_path, check=True)
    assert p.read_bytes().startswith(b"\xef\xbb\xbf# Product Manager\n")


def test_new_output_file_gets_the_usual_mode(tmp_path: Path) -> None:
    out = tmp_path / "new.md"
    old = os.umask(0o022)
    try:
        run_jdfix(str(DRAFTS / "product-owner-pricing.md"), "-o", str(out))
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("content", "message"),
    [(b'id = "product-owner"\nname = "X"\n', "already defined"),
     (b'id = "chef"\nname = "Chef"\n[[signal]]\nweight = ["S"]\nmatch = ["bake"]\n', "weight must be"),
     (b'id = "chef"\nname = "Chef"\n[[signal]]\nmatch = ["the and of"]\n', "chef.toml: [[signal]] #1: pattern"),
     (b'id = "chef"\nname = "Chef"\n[[signal]]\nmatch = ["@nosuch bake"]\n', "unknown family 'nosuch'"),
     (b'id = "chef"\nname = "\xff"\n', "not UTF-8"),
     (b'id = "chef"\nname = "Chef"\npeople_manager_title = "no"\n', "true or false"),
     (b'id = "chef"\nname = "Chef"\nsummary = 5\n', "summary must be a string"),
     (b'id = "chef"\nname = "Chef"\nneeds_decisive = ["nosuch"]\n', "unknown family 'nosuch'"),
     (b'id = "chef"\nname = "Chef"\n[[signal]]\nmatch = ["bake"]\ndecisive = "yes"\n', "decisive must be true or false"),
     (b'id = "chef"\nname = "Chef"\ndecides_over = ["nosuch"]\n', "unknown family 'nosuch'"),
     (b'id = "chef"\nname = "Chef"\n[[signal]]\nmatch = ["bake"]\nholds_title = 1\n', "holds_title must be true or false"),
     (b'id = "chef"\nname = "Chef"\nneeds_decisive = ["tech-lead"]\n[[signal]]\nmatch = ["bake"]\n',
      "needs_decisive names 'tech-lead', but no signal of 'tech-lead' is marked decisive"),
     (b'id = "chef"\nname = "Chef"\nlevel = "grand"\n', "level must be one of junior, mid")],
    ids=["duplicate-id", "weight-list", "stop-words", "unknown-role", "not-utf8", "bool", "summary",
         "needs-decisive", "decisive", "decides-over", "holds-title", "needs-decisive-without-decisive-work",
         "level"],
)
def test_broken_role_profiles_are_one_line_naming_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    profile = tmp_path / "chef.toml"
    profile.write_bytes(content)
    for args in (["check", "--roles", str(profile), str(DRAFTS / "pastry-chef.md")], ["roles", "--check", str(profile)]):
        proc = run_jdfix(*args)
        assert proc.returncode == 2, proc.stdout
        assert message in proc.stderr and "chef.toml" in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1


def test_empty_roles_folder_is_an_error(tmp_path: Path) -> None:
    proc = run_jdfix("check", "--roles", str(tmp_path), str(DRAFTS / "pastry-chef.md"))
    assert proc.returncode == 2 and "no role profiles" in proc.stderr


@pytest.mark.parametrize(
    "answer",
    [[], {}, {"title": 5, "duties": ["x"], "rationale": ""},
     {"title": "Product Manager\n\n## Injected", "duties": ["<b>x</b>"], "rationale": ""}],
    ids=["list", "empty", "wrong-type", "injected"],
)
def test_cached_entries_are_validated_when_read(tmp_path: Path, answer: object) -> None:
    cache = tmp_path / "cache"
    draft = tmp_path / "po.md"
    draft.write_text(PO)
    with FakeLLM() as llm:
        env = {"OPENAI_BASE_URL": llm.url, "JDFIX_CACHE_DIR": str(cache), "JDFIX_MODEL": "m"}
        run_jdfix(str(draft), env=env)
        (entry,) = list(cache.rglob("*.json"))
        data = json.loads(entry.read_text())
        data["answer"] = answer
        entry.write_text(json.dumps(data) if answer != [] else "[]")
        replay = run_jdfix(str(draft), "--cache", "replay", env=env)
        if isinstance(answer, dict) and str(answer.get("title", "")).startswith("Product Manager\n"):
            # a valid shape: it is sanitised like a fresh answer, never written as structure
            assert replay.returncode == 1
            assert "+# Product Manager Injected\n" in replay.stdout and "<b>" not in replay.stdout
        else:
            assert replay.returncode == 2
            assert "cache" in replay.stderr and "Traceback" not in replay.stderr
        used = run_jdfix(str(draft), env=env)
        assert used.returncode == 1 and "Traceback" not in used.stderr


def test_unwritable_cache_fails_before_any_request(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    a = tmp_path / "a.md"
    a.write_text(PO)
    with FakeLLM() as llm:
        proc = run_jdfix(str(a), str(a), "--cache-dir", str(blocker / "x"), env={"OPENAI_BASE_URL": llm.url})
        assert proc.returncode == 2 and "cannot write the cache" in proc.stderr
        assert llm.requests == []


def test_no_duties_is_not_called_a_fit(tmp_path: Path) -> None:
    p = tmp_path / "fm.md"
    p.write_text("---\ntitle: Product Owner\n---\n")
    proc = run_jdfix(str(p))
    assert proc.returncode == 1
    assert "title fits" not in proc.stdout and "no duties found" in proc.stdout


def test_seniority_fix_gives_a_real_title() -> None:
    text = ("# Junior Scrum Master\n\n## Responsibilities\n- Line manage a team of four and run their performance "
            "reviews\n- Hire new staff and plan career development\n- Set the organisation's strategy with the "
            "executive team\n- Own the department budget\n- Manage managers across the directorate\n")
    result = jdfix.check(text)
    assert result.inferred.title == "Lead Scrum Master"


def test_diff_with_json_format_is_a_usage_error() -> None:
    proc = run_jdfix("--diff", "--format", "json", str(DRAFTS / "product-owner-pricing.md"))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def test_stdin_twice_is_read_once() -> None:
    proc = run_jdfix("check", "--format", "json", "-", "-", input=PO.encode())
    assert len(json.loads(proc.stdout)["results"]) == 1


def test_utf16_is_named() -> None:
    proc = run_jdfix("check", "-", input="\ufeff# Product Owner\n".encode("utf-16"))
    assert proc.returncode == 2 and "UTF-16" in proc.stderr


def test_compiling_the_role_book_prunes_stale_compiled_copies(tmp_path: Path) -> None:
    # Each upgrade or role-file edit compiles a new role book; old ones must not pile up forever.
    folder = tmp_path / "cold-cache" / "rolebook"
    folder.mkdir(parents=True)
    # (".pickle": the form of the compiled book before jdfix kept it in marshal form)
    old, old_pickle, recent, old_tmp, other = (
        folder / ("0" * 32 + ".marshal"), folder / ("2" * 32 + ".pickle"), folder / ("1" * 32 + ".marshal"),
        folder / ".rolebook-x.tmp", folder / "notes.txt")
    for f in (old, old_pickle, recent, old_tmp, other):
        f.write_bytes(b"x")
    long_ago = time.time() - 40 * 24 * 3600
    for f in (old, old_pickle, old_tmp, other):
        os.utime(f, (long_ago, long_ago))
    proc = run_jdfix("check", str(DRAFTS / "scrum-master.md"), env={"JDFIX_CACHE_DIR": str(tmp_path / "cold-cache")})
    assert proc.returncode == 0, proc.stderr
    left = sorted(p.name for p in folder.iterdir())
    assert old.name not in left and old_pickle.name not in left and old_tmp.name not in left
    assert recent.name in left and other.name in left  # recent copies and foreign files stay
    assert len([n for n in left if n.endswith(".marshal")]) == 2  # the recent one and the new one


def test_a_compiled_role_book_in_use_is_marked_fresh(tmp_path: Path) -> None:
    # Pruning goes by modification time, so loading an old compiled copy must refresh it.
    env = {"JDFIX_CACHE_DIR": str(tmp_path / "c")}
    assert run_jdfix("check", str(DRAFTS / "scrum-master.md"), env=env).returncode == 0
    (compiled,) = (tmp_path / "c" / "rolebook").glob("*.marshal")
    long_ago = time.time() - 40 * 24 * 3600
    os.utime(compiled, (long_ago, long_ago))
    assert run_jdfix("check", str(DRAFTS / "scrum-master.md"), env=env).returncode == 0
    assert time.time() - compiled.stat().st_mtime < 3600


def test_a_role_profile_path_through_a_symlink_is_followed_as_the_system_does(tmp_path: Path) -> None:
    """'link/../chef.toml' names the file beside the link's target, not beside the link: the path
    is opened as given, never folded by string (os.path.normpath would drop 'link/..')."""
    real = tmp_path / "real" / "inner"
    real.mkdir(parents=True)
    (tmp_path / "real" / "chef.toml").write_text('id = "chef"\nname = "Chef"\n[[signal]]\nmatch = ["bake"]\n')
    (tmp_path / "link").symlink_to(real)
    proc = run_jdfix("roles", "--check", str(tmp_path / "link" / ".." / "chef.toml"))
    assert proc.returncode == 0, proc.stderr
    # Folded by string, the same words name tmp_path/chef.toml, which does not exist.
    assert not (tmp_path / "chef.toml").exists()


def test_a_junior_title_is_flagged_over_a_role_named_as_a_level_only_where_the_role_book_says_so(
        tmp_path: Path) -> None:
    """JD201 flags "Junior Tech Lead" over a Tech Lead's work (the name is a level: `level = "lead"`
    in the role book), not a junior title over a Staff Accountant's work, whose "Staff" is no level."""
    profile = tmp_path / "staff-accountant.toml"
    profile.write_text('id = "staff-accountant"\nname = "Staff Accountant"\naliases = ["staff accountant"]\n'
                       '[[signal]]\nweight = "S"\nmatch = ["reconcile account|accounts", "month end close"]\n'
                       '[[signal]]\nweight = "S"\nmatch = ["journal entry|entries", "general ledger"]\n')
    posting = tmp_path / "junior-bookkeeper.md"
    posting.write_text("# Junior Bookkeeper\n\n## What you'll do\n- Reconcile the bank accounts every week\n"
                       "- Post journal entries to the general ledger\n- Help with the month end close\n")
    proc = run_jdfix("check", "--format", "json", "--roles", str(profile), str(posting))
    result = json.loads(proc.stdout)["results"][0]
    assert result["inferred"]["family"] == "staff-accountant", proc.stderr
    assert "JD201" not in [f["code"] for f in result["findings"]]
    lead = tmp_path / "junior-tech-lead.md"
    lead.write_text("# Junior Tech Lead\n\n## What you'll do\n- Own the architecture of the payments platform\n"
                    "- Review pull requests and set the team's coding standards\n"
                    "- Write production code in Go for the payments service\n")
    flagged = json.loads(run_jdfix("check", "--format", "json", str(lead)).stdout)["results"][0]
    assert "JD201" in [f["code"] for f in flagged["findings"]]


def test_a_damaged_compiled_role_book_is_compiled_again(tmp_path: Path) -> None:
    """The compiled role book's phrase index is unpacked an anchor at a time, long after the file
    was read: damage inside those pieces (or anywhere) must be found as the file is read (and the
    book compiled again), not as an internal error in every later run."""
    env = {"JDFIX_CACHE_DIR": str(tmp_path / "c")}
    clean = run_jdfix("check", "--format", "json", str(DRAFTS / "product-owner-pricing.md"), env=env)
    (compiled,) = (tmp_path / "c" / "rolebook").glob("*.marshal")
    whole = compiled.read_bytes()
    for damage in (0.5, 0.9, 0.1, "torn"):
        data = bytearray(whole)
        if damage == "torn":
            data = data[: len(data) // 3]
        else:
            at = int(len(data) * damage)
            data[at] ^= 0x55
        compiled.write_bytes(bytes(data))
        for _ in range(2):  # the first run finds the damage and compiles again; the second reads that copy
            proc = run_jdfix("check", "--format", "json", str(DRAFTS / "product-owner-pricing.md"), env=env)
            assert "internal error" not in proc.stderr, proc.stderr
            assert (proc.returncode, proc.stdout) == (clean.returncode, clean.stdout)
        assert compiled.read_bytes() != bytes(data)  # the damaged copy was replaced


def test_an_unknown_title_names_the_duties_family_flatly_only_when_the_reading_is_clear() -> None:
    """An accountant's ledger work that touches on planning leans towards a family without
    reading as it: JD302 says so, with the confidence, rather than 'the duties read as X'."""
    accountant = ("# Accountant\n\n## Responsibilities\n- Prepare the monthly management accounts\n"
                  "- Reconcile bank accounts and the ledgers\n"
                  "- Work with stakeholders across the business on the budget and forecasts\n"
                  "- Improve our reporting process and tools\n")
    engineer = ("# Code Wizard\n\n## Responsibilities\n- Write clean, tested Python code for our payments service\n"
                "- Review pull requests and fix production bugs\n- Improve the build and deploy pipeline\n"
                "- Write unit and integration tests for new features\n")
    weak = [f.message for f in jdfix.check(accountant).findings if f.code == "JD302"]
    clear = [f.message for f in jdfix.check(engineer).findings if f.code == "JD302"]
    assert len(weak) == 1 and "but not clearly (confidence 0." in weak[0] and "read as" not in weak[0]
    assert len(clear) == 1 and clear[0].endswith("the duties read as Software Engineer work")


def test_the_rules_suggestion_drops_a_duty_only_on_the_other_roles_named_work() -> None:
    """A Product Owner joins sprint planning and the review: 'Scrum' alone, a word the learned
    layer leans on, does not make the duty a Scrum Master's to drop from the retitled posting."""
    draft = ("# Senior Product Manager\n\n## What you'll do\n"
             "- Keep the team's backlog in order and write the stories for the next sprints\n"
             "- Decide which items the team picks up next\n"
             "- Join sprint planning and the sprint review with your Scrum team\n"
             "- Answer the developers' questions about the stories during the sprint\n"
             "- Accept finished stories against their acceptance criteria\n")
    suggestion = jdfix.rewrite(draft).suggestion
    assert suggestion is not None and suggestion.title == "Senior Product Owner"
    assert "Join sprint planning and the sprint review with your Scrum team" in suggestion.duties
    assert not suggestion.dropped


def test_a_role_folder_whose_name_is_not_utf8_is_read(tmp_path: Path) -> None:
    """The compiled book's cache key holds each role file's path: a folder name that is not UTF-8
    (bytes a Linux file system allows) gave an internal error where it was encoded."""
    folder = os.path.join(os.fsencode(tmp_path), b"teams-\xff")
    try:
        os.mkdir(folder)
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    with open(os.path.join(folder, b"chef.toml"), "w", encoding="utf-8") as fh:
        fh.write('id = "chef"\nname = "Chef"\n[[signal]]\nmatch = ["bake bread"]\n')
    env = {"JDFIX_CACHE_DIR": str(tmp_path / "c")}
    for _ in range(2):  # compiled, then read from the cache folder
        proc = run_jdfix("check", "--roles", os.fsdecode(folder), str(DRAFTS / "pastry-chef.md"), env=env)
        assert proc.returncode == 0 and "internal error" not in proc.stderr, proc.stderr
    assert len(list((tmp_path / "c" / "rolebook").glob("*.marshal"))) == 1
