"""The `jdfix` command's quick exit (jdfix.cli.program): everything an ordinary exit does that a
user can see, without the interpreter's teardown."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jdfix.cli import _leave
from tests.conftest import DRAFTS

ORDINARY = "import sys\nfrom jdfix.cli import main\nsys.argv[0] = 'jdfix'\nmain()\n"  # the exit of every release before


def _run(how: str, args: list[str], env: dict[str, str], **kw: object) -> subprocess.CompletedProcess[bytes]:
    cmd = [sys.executable, "-m", "jdfix", *args] if how == "program" else [sys.executable, "-c", ORDINARY, *args]
    return subprocess.run(cmd, capture_output=True, env=env, stdin=subprocess.DEVNULL, timeout=120, **kw)  # type: ignore[call-overload,no-any-return]


def test_the_output_exit_code_and_the_caches_written_at_exit_are_an_ordinary_exit_s(tmp_path: Path) -> None:
    drafts = sorted(str(p) for p in DRAFTS.glob("*.md"))
    seen = {}
    for how in ("program", "ordinary"):
        env = {**os.environ, "JDFIX_CACHE_DIR": str(tmp_path / how)}
        runs = [_run(how, ["check", "--format", "json", *drafts], env), _run(how, ["check", drafts[0]], env),
                _run(how, ["rules"], env), _run(how, ["check", "--format", "bogus", drafts[0]], env)]
        seen[how] = [(p.returncode, p.stdout, p.stderr) for p in runs]
        # The patterns and the records' code, kept by exit handlers, are in the cache folder.
        assert list((tmp_path / how / "regex").glob("*.marshal")), how
        assert list((tmp_path / how / "records").glob("*.marshal")), how
    assert seen["program"] == seen["ordinary"]
    assert [code for code, _, _ in seen["program"]] == [1, 1, 0, 2]


def test_a_reader_that_goes_away_ends_the_run_as_before(tmp_path: Path) -> None:
    # `jdfix check ... | head -1`: the reader closes the pipe after one line.
    drafts = sorted(str(p) for p in DRAFTS.glob("*.md")) * 40
    results = {}
    for how in ("program", "ordinary"):
        cmd = [sys.executable, "-m", "jdfix"] if how == "program" else [sys.executable, "-c", ORDINARY]
        env = {**os.environ, "JDFIX_CACHE_DIR": str(tmp_path / how)}
        with subprocess.Popen([*cmd, "check", "--format", "jsonl", *drafts], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env) as proc:
            assert proc.stdout is not None and proc.stderr is not None
            first = proc.stdout.readline()
            proc.stdout.close()
            err = proc.stderr.read()
            results[how] = (proc.wait(timeout=120), first[:1], err)
    assert results["program"] == results["ordinary"]
    assert b"Traceback" not in results["program"][2]


def test_with_a_thread_still_running_the_exit_is_the_ordinary_one() -> None:
    # Python's exit waits for such a thread; so must this one, so _leave hands over to sys.exit.
    release = threading.Event()
    worker = threading.Thread(target=release.wait, daemon=False)
    worker.start()
    try:
        with pytest.raises(SystemExit) as exc:
            _leave(1)
        assert exc.value.code == 1
    finally:
        release.set()
        worker.join()


@pytest.mark.parametrize("code", ["a message", 256, -1, True])
def test_an_exit_that_is_not_a_plain_status_is_the_ordinary_one(code: str | int) -> None:
    with pytest.raises(SystemExit) as exc:
        _leave(code)
    assert exc.value.code == code


def test_the_command_ends_without_the_interpreter_s_teardown() -> None:
    # The teardown's last collection frees a cycle made by an exit handler (after jdfix's own
    # handler froze what was alive); after program() there is no teardown to free it.
    code = ("import atexit, os, sys\nclass Noisy:\n    def __del__(self):\n        os.write(2, b'torn down\\n')\n"
            "def late():\n    n = Noisy()\n    n.me = n\natexit.register(late)\nsys.argv = ['jdfix', 'rules']\n"
            "from jdfix.cli import {call}\n{call}()\n")
    quick, ordinary = (subprocess.run([sys.executable, "-c", code.format(call=call)], capture_output=True, text=True,
                                      stdin=subprocess.DEVNULL, timeout=60) for call in ("program", "main"))
    assert (quick.returncode, ordinary.returncode) == (0, 0)
    assert quick.stdout == ordinary.stdout and "JD101" in quick.stdout
    assert "torn down" in ordinary.stderr and "torn down" not in quick.stderr
