"""The lean entry (`jdfix check` without click) and the click command give the same runs.

Each command line of the table runs twice in a real subprocess: through `jdfix` (the lean entry
where it reads the line, click otherwise) and through the click group alone; stdout, stderr and
the exit code must be the same, byte for byte.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jdfix.cli.checking import run_check
from jdfix.cli.lean import OPTIONS, parse
from tests.conftest import DRAFTS, FIXTURES

DRAFT = str(DRAFTS / "product-owner-pricing.md")
FITS = str(DRAFTS / "scrum-master.md")
CLICK_ONLY = "import sys; from jdfix.cli.group import main; sys.argv[0] = 'jdfix'; main()"

# (command line, whether the lean entry reads it). {tmp} is a folder with a binary file, a
# package.json (a note in a folder walk) and a posting.
TABLE: list[tuple[list[str], bool]] = [
    (["check", DRAFT], True),
    (["check", DRAFT, "--format", "json"], True),
    (["check", "--format=json", DRAFT, FITS], True),
    (["check", DRAFT, "--format", "jsonl"], True),
    (["check", DRAFT, "--format", "github"], True),
    (["check", DRAFT, "--format", "sarif"], True),
    (["check", "-q", DRAFT], True),
    (["check", DRAFT, "--quiet", "--exit-zero"], True),
    (["check", FITS, "--exit-zero", "--format", "json"], True),
    (["check", str(FIXTURES / "ats")], True),
    (["check", "{tmp}"], True),
    (["check", "{tmp}", "--format", "json"], True),
    (["check", "{tmp}/binary.md", DRAFT, "--format", "json"], True),
    (["check", "{tmp}/missing.md"], True),
    (["check", "-"], True),
    (["check", "-", "--format", "json"], True),
    (["check"], False),
    (["check", "--format", "xml", DRAFT], False),
    (["check", "--format", "html", DRAFT], False),
    (["check", DRAFT, "--format"], False),
    (["check", "--format", "json", "--format", "text", DRAFT], False),
    (["check", "--quiet=1", DRAFT], False),
    (["check", "--bogus", DRAFT], False),
    (["check", "--help"], False),
    (["check", DRAFT, "--", "--format"], False),
    (["check", "--debug", "{tmp}/missing.md"], False),
    (["check", "--statistics", DRAFT], False),
    (["check", "-qj", "2", DRAFT], False),
]


def _tmp_folder(tmp: Path) -> Path:
    tmp.mkdir()
    (tmp / "binary.md").write_bytes(b"\x00\x01\x02 not text")
    (tmp / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    (tmp / "posting.md").write_text(Path(DRAFT).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp


def _run(prefix: list[str], args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    proc = subprocess.run([sys.executable, *prefix, *args], input=Path(DRAFT).read_bytes(), capture_output=True,
                          env=env, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


COLOURED = [["check", "{tmp}"], ["check", "{tmp}/missing.md", "--format", "json"]]


@pytest.mark.parametrize(("argv", "lean", "force_color"),
                         [(a, lean, False) for a, lean in TABLE] + [(a, True, True) for a in COLOURED],
                         ids=[" ".join(Path(a).name for a in t[0]) or "-" for t in TABLE]
                         + ["FORCE_COLOR " + " ".join(Path(a).name for a in t) for t in COLOURED])
def test_lean_entry_and_click_give_the_same_run(argv: list[str], lean: bool, force_color: bool,
                                                tmp_path: Path) -> None:
    folder = _tmp_folder(tmp_path / "postings")
    args = [a.replace("{tmp}", str(folder)) for a in argv]
    assert (parse(args) is not None) == lean
    env = dict(os.environ)
    if force_color:  # colour on a pipe: click.echo drops the codes from stderr lines
        env.pop("NO_COLOR", None)
        env["FORCE_COLOR"] = "1"
    via_jdfix = _run(["-m", "jdfix"], args, env)
    via_click = _run(["-c", CLICK_ONLY], args, env)
    assert via_jdfix == via_click


def test_a_lean_run_imports_neither_click_typing_dataclasses_pathlib_nor_pickle(tmp_path: Path) -> None:
    # Each cost a one-file check a twentieth to a third of its time (README, Speed); the role
    # book is kept in marshal form (pickle's C half imports functools and collections; see
    # tests/test_regexes.py for those). The posting is outside the repository, whose
    # pyproject.toml would be read (tomllib imports typing).
    posting = tmp_path / "posting.md"
    posting.write_bytes(Path(DRAFT).read_bytes())
    # pathlib and pickle are blocked (an import of any fails the run): an editable install's
    # finder has imported pathlib before jdfix starts, so looking in sys.modules would not tell.
    code = ("import sys\nsys.modules['pathlib'] = sys.modules['pickle'] = sys.modules['_pickle'] = None\n"
            "sys.argv = ['jdfix', 'check', '--format', 'json', sys.argv[1]]\nfrom jdfix.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nsys.stderr.write(str(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('click', 'typing', 'dataclasses', 'inspect'))))\n")
    for _ in range(2):  # the first run fills the cache folder (title words, learned model) from TOML and JSON
        proc = subprocess.run([sys.executable, "-c", code, str(posting)], capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL, cwd=tmp_path)
    assert proc.stderr == "[]"
    assert '"version": 1' in proc.stdout


def test_lean_options_are_the_click_commands_own() -> None:
    from jdfix.cli.check import check

    params = {p.name: p for p in check.params}
    for flag, (name, kind) in OPTIONS.items():
        param = params[name]
        assert flag in param.opts
        assert not param.multiple
        if kind == "on":
            assert getattr(param, "is_flag", False) and not param.secondary_opts
        else:
            assert isinstance(kind, tuple)
            assert set(kind) <= set(getattr(param.type, "choices", ()))
    # run_check's defaults are what click gives a command line that names only a path.
    defaults = check.make_context("check", ["posting.md"]).params
    signature = inspect.signature(run_check).parameters
    assert set(defaults) == set(signature) - {"echo"}
    for name, value in defaults.items():
        if name != "paths":
            assert signature[name].default == value, name


def test_main_leaves_a_calling_programs_collector_as_it_was() -> None:
    # main() tunes the collector for a jdfix process. A program that calls it and catches
    # SystemExit gets its own threshold back, and its objects are frozen (never collected again)
    # only as it exits: an exit handler it registered before calling main() runs after that.
    code = ("import atexit, gc, sys\ngc.set_threshold(700, 10, 10)\n"
            "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
            "sys.argv = ['jdfix', 'check', sys.argv[1]]\nfrom jdfix.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint(gc.get_threshold(), gc.get_freeze_count())\n")
    proc = subprocess.run([sys.executable, "-c", code, FITS], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert proc.stdout.splitlines()[-2:] == ["(700, 10, 10) 0", "frozen at exit: True"], proc.stderr


def test_main_keeps_a_calling_programs_frozen_objects_frozen() -> None:
    # A program that froze its objects (gc.freeze before forking workers, as servers do) and then
    # calls main() still has them frozen afterwards: main() must not unfreeze what it did not freeze.
    code = ("import gc, sys\nkept = [[i] for i in range(1000)]\ngc.freeze()\nbefore = gc.get_freeze_count()\n"
            "sys.argv = ['jdfix', 'check', sys.argv[1]]\nfrom jdfix.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint(gc.get_freeze_count() > before // 2 > 0)\n")
    proc = subprocess.run([sys.executable, "-c", code, FITS], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert proc.stdout.splitlines()[-1:] == ["True"], (proc.stdout, proc.stderr)
