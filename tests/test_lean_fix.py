"""The lean entry for `jdfix FILE` (jdfix.cli.lean, no click) and the click command give the same runs.

Each command line of the table runs twice in a real subprocess, each time in a fresh copy of the
same folder: through `jdfix` (the lean entry where it reads the line, click otherwise) and through
the click group alone. stdout, stderr, the exit code and the postings left in the folder must be
the same, byte for byte. LLM answers come from the recorded cache (fixtures/llm-cache, a dead
endpoint) or from a loopback server (tests/fake_llm.py), fresh or already in the cache.
"""

from __future__ import annotations

import inspect
import os
import shutil
import site
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jdfix.cli.fixing import run_fix
from jdfix.cli.lean import FIX_OPTIONS, parse
from tests.conftest import DRAFTS, FIXTURES, ROOT
from tests.fake_llm import FakeLLM

DRAFT = str(DRAFTS / "product-owner-pricing.md")
FITS = str(DRAFTS / "scrum-master.md")
DEAD = "http://127.0.0.1:9/v1"  # nothing listens: any request would fail the run
REPLAY = ["--base-url", DEAD, "--model", "recorded-model", "--cache", "replay", "--cache-dir",
          str(FIXTURES / "llm-cache")]
# A loopback server; each run has its own empty response cache ({tmp}/cache).
FAKE = ["--base-url", "{llm}", "--model", "fake-model", "--cache-dir", "{tmp}/cache"]
CLICK_ONLY = "import sys; from jdfix.cli.group import main; sys.argv[0] = 'jdfix'; main()"

# (command line, whether the lean entry reads it). {tmp} is a folder with a copy of the draft
# (draft.md), a binary file and a package.json (a note in a folder walk); {llm} the server's URL.
# A line that may write names the copy, never a fixture.
TABLE: list[tuple[list[str], bool]] = [
    ([DRAFT], True),  # no endpoint: the rule engine's suggestion
    (["fix", DRAFT, "--format", "json"], True),
    ([FITS], True),
    ([DRAFT, *REPLAY], True),  # the recorded answer, from the cache
    ([DRAFT, *REPLAY, "--format=json"], True),
    (["--cache=replay", "--model=recorded-model", "--base-url", DEAD, "--cache-dir", str(FIXTURES / "llm-cache"),
      DRAFT, "-v"], True),
    ([DRAFT, *REPLAY, "--diff"], True),
    ([DRAFT, *REPLAY, "--keep-title"], True),  # not recorded: a miss in replay, exit 2
    ([DRAFT, *REPLAY, "--timeout", "5", "--fail-level", "error"], True),
    (["{tmp}/draft.md", *REPLAY, "-w"], True),
    (["{tmp}/draft.md", "--write", "--no-llm", "--force"], True),
    (["{tmp}/draft.md", *FAKE], True),  # a request to the server
    (["{tmp}/draft.md", *FAKE, "--format", "json", "--jobs", "2", FITS], True),
    ([DRAFT, "--select", "JD1", "--select", "JD4,JD2", "--ignore=JD407"], True),
    ([DRAFT, "--color"], True),  # click.echo drops the codes on a pipe
    ([DRAFT, "--no-color", "-j", "2", FITS], True),
    (["{tmp}"], True),
    (["-"], True),
    (["{tmp}/missing.md"], True),
    (["-", "-w"], True),  # errors of usage found by run_fix: click's words, exit 2
    ([DRAFT, "--cache", "replay"], True),
    ([DRAFT, "--cache", "replay", "--no-llm", "--base-url", DEAD], True),
    (["{tmp}/draft.md", "--diff", "--write"], True),
    ([DRAFT, "--diff", "--format", "json"], True),
    (["fix"], False),
    ([DRAFT, "--bogus"], False),
    ([DRAFT, "--format", "xml"], False),
    ([DRAFT, "--jobs", "0"], False),
    ([DRAFT, "--timeout", "0.01"], False),
    ([DRAFT, "--timeout", "nan"], False),  # FloatRange lets nan and inf through; a timeout must be a number
    ([DRAFT, "--timeout", "inf"], False),
    ([DRAFT, "--cache-dir", "{tmp}/binary.md", "--base-url", DEAD], False),
    ([DRAFT, "--model"], False),
    ([DRAFT, "--model", "-x"], False),
    (["{tmp}/draft.md", "--write", "--write"], False),
    (["{tmp}/draft.md", "--write=1"], False),
    (["{tmp}/draft.md", "-wv"], False),
    ([DRAFT, "-j=2"], False),  # click: -j with the value "=2", not a number
    ([DRAFT, "--color", "--no-color"], False),
    ([DRAFT, "-o", "{tmp}/out.md"], False),
    (["{tmp}/draft.md", "--interactive"], False),
    ([DRAFT, "--", "-x"], False),
    ([DRAFT, "--help"], False),
    (["--debug", "{tmp}/missing.md"], False),
    (["rules"], False),
]


@pytest.fixture(scope="module")
def llm() -> Iterator[FakeLLM]:
    with FakeLLM() as server:
        yield server


def _fresh_folder(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / "draft.md").write_bytes(Path(DRAFT).read_bytes())
    (folder / "binary.md").write_bytes(b"\x00\x01\x02 not text")
    (folder / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    return folder


def _run(prefix: list[str], args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    proc = subprocess.run([sys.executable, *prefix, *args], input=Path(DRAFT).read_bytes(), capture_output=True,
                          env=env, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


def _both(argv: list[str], folder: Path, llm: FakeLLM, env: dict[str, str],
          prefill: bool = False) -> list[tuple[int, bytes, bytes, dict[str, bytes]]]:
    """Each path's (exit code, stdout, stderr, the postings in the folder afterwards)."""
    runs = []
    for prefix in (["-m", "jdfix"], ["-c", CLICK_ONLY]):
        _fresh_folder(folder)
        args = [a.replace("{tmp}", str(folder)).replace("{llm}", llm.url) for a in argv]
        if prefill:  # the answer recorded by an earlier run
            assert _run(["-c", CLICK_ONLY], args, env)[0] == 1
        code, out, err = _run(prefix, args, env)
        runs.append((code, out, err, {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}))
    return runs


@pytest.mark.parametrize(("argv", "lean"), TABLE, ids=[" ".join(Path(a).name for a in t[0]) or "-" for t in TABLE])
def test_lean_fix_and_click_give_the_same_run(argv: list[str], lean: bool, tmp_path: Path, llm: FakeLLM) -> None:
    folder = _fresh_folder(tmp_path / "postings")  # parse looks at what --cache-dir names
    args = [a.replace("{tmp}", str(folder)).replace("{llm}", llm.url) for a in argv]
    parsed = parse(args)
    assert (parsed is not None and parsed[0] == "fix") == lean
    via_jdfix, via_click = _both(argv, folder, llm, dict(os.environ))
    assert via_jdfix == via_click


def test_an_answer_already_in_the_cache_gives_the_same_run(tmp_path: Path, llm: FakeLLM) -> None:
    before = len(llm.chat_requests)
    via_jdfix, via_click = _both(["{tmp}/draft.md", *FAKE, "--format", "json"], tmp_path / "postings", llm,
                                 dict(os.environ), prefill=True)
    assert via_jdfix == via_click
    assert len(llm.chat_requests) == before + 2  # the two prefills; the runs compared were answered by the cache
    assert b'"cached": true' in via_jdfix[1]


def test_colour_forced_on_a_pipe_gives_the_same_run(tmp_path: Path, llm: FakeLLM) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["FORCE_COLOR"] = "1"
    via_jdfix, via_click = _both([DRAFT, *REPLAY], tmp_path / "postings", llm, env)
    assert via_jdfix == via_click


@pytest.mark.parametrize("argv", [["{tmp}/missing.md"], [DRAFT, "--bogus"], [DRAFT, "--cache", "replay"],
                                  [DRAFT, "--jobs", "0"]], ids=["missing file", "unknown option",
                                                                "replay without endpoint", "bad value"])
def test_errors_are_one_line_and_exit_2(argv: list[str], tmp_path: Path, llm: FakeLLM) -> None:
    via_jdfix, via_click = _both(argv, tmp_path / "postings", llm, dict(os.environ))
    assert via_jdfix == via_click
    code, _, err, _ = via_jdfix
    assert code == 2
    assert err.count(b"\n") == 1 and err.startswith(b"jdfix: error: ")
    assert b"Traceback" not in err


def test_a_cached_rewrite_imports_neither_click_the_sdk_jinja2_json_re_difflib_nor_pathlib(tmp_path: Path) -> None:
    # A posting outside the repository, whose pyproject.toml would be read (tomllib imports typing).
    posting = tmp_path / "posting.md"
    posting.write_bytes(Path(DRAFT).read_bytes())
    # pathlib (with urllib.parse and ipaddress, a third of the rewrite's cost beyond a check) is
    # blocked, so an import of it fails the run. The Python is started without site (-S), whose .pth
    # files (an editable install's finder among them) import re, functools and pathlib themselves.
    code = ("import sys\nsys.modules['pathlib'] = None\nsys.argv = ['jdfix', *sys.argv[1:]]\n"
            "from jdfix.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nsys.stderr.write(str(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('click', 'openai', 'jinja2', 'tenacity', 'typing', 'dataclasses', 'inspect', "
            "'logging', 'json', 're', 'enum', 'difflib', 'functools', 'collections', '_pickle'))))\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *site.getsitepackages()])}
    # The first run remembers the rendered prompt (rendering imports jinja2), the request's key and
    # the cache entry read (json), and the patterns compiled (re).
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-S", "-c", code, str(posting), *REPLAY], capture_output=True,
                              text=True, timeout=60, stdin=subprocess.DEVNULL, cwd=tmp_path, env=env)
    assert proc.stderr == "[]"
    assert "[llm, recorded-model, cached]" in proc.stdout


def test_lean_fix_options_are_the_click_commands_own() -> None:
    from jdfix.cli.fix import fix

    params = {p.name: p for p in fix.params}
    for flag, (name, kind) in FIX_OPTIONS.items():
        param = params[name]
        assert not param.multiple or kind == "texts", flag
        if kind in ("on", "off"):  # --color/--no-color: the off form is click's secondary option
            assert getattr(param, "is_flag", False), flag
            assert flag in (param.opts if kind == "on" else param.secondary_opts), flag
        else:
            assert flag in param.opts, flag
            assert not getattr(param, "is_flag", False), flag
        if isinstance(kind, tuple):
            assert set(kind) == set(getattr(param.type, "choices", ())), flag
        elif kind == "texts":
            assert param.multiple, flag
        elif kind == "seconds":
            assert (param.type.min, param.type.min_open, param.type.max) == (0.1, False, None), flag
        elif kind == "count":
            assert (param.type.min, param.type.min_open, param.type.max) == (1, False, None), flag
        elif kind == "folder":
            assert (param.type.file_okay, param.type.dir_okay, param.type.exists) == (False, True, False), flag
    # run_fix's defaults are what click gives a command line that names only a path.
    defaults = fix.make_context("fix", ["posting.md"]).params
    signature = inspect.signature(run_fix).parameters
    assert set(defaults) == set(signature) - {"echo"}
    for name, value in defaults.items():
        if name != "paths":
            assert signature[name].default == value, name
