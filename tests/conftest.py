from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DRAFTS = FIXTURES / "drafts"

# Importing jdfix compiles its patterns through jdfix.engine.regexes, which keeps them in the cache
# folder (read on import, written at exit): never the user's, from the first import on. Each test
# then gets a folder of its own (below).
_SESSION_CACHE = tempfile.mkdtemp(prefix="jdfix-test-cache-")
os.environ["JDFIX_CACHE_DIR"] = _SESSION_CACHE
atexit.register(shutil.rmtree, _SESSION_CACHE, True)  # after jdfix's own exit handlers (last in, first out)


def pytest_configure(config: pytest.Config) -> None:
    """Byte-compile jdfix once, in the controlling process, before any test starts a CLI process.

    With PYTHONDONTWRITEBYTECODE set (this sandbox sets it, and so may CI), Python never writes
    the byte code of a source it imports, so every `python -m jdfix` of the suite (several hundred)
    compiled all of jdfix's modules again: two thirds of a one-file check's CPU. A user's install
    is byte-compiled by pip; this makes the source tree the tests run behave alike. Reading byte
    code is still allowed; compileall writes it explicitly (into __pycache__/, which git ignores)."""
    if hasattr(config, "workerinput"):  # an xdist worker: the controller has done it
        return
    import compileall

    compileall.compile_dir(str(ROOT / "jdfix"), quiet=1)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Two workers per core for `-n auto`: most tests wait on a CLI subprocess or a loopback server,
    so one worker per core leaves the cores idle a third of the run (99 s -> 77 s on two cores)."""
    return 2 * (os.cpu_count() or 1)


@pytest.fixture(scope="session")
def _compiled_role_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in role book compiled once per session, as the CLI keeps it in its cache."""
    cache = tmp_path_factory.mktemp("rolebook-cache")
    env = {**os.environ, "JDFIX_CACHE_DIR": str(cache), "XDG_CACHE_HOME": str(cache)}
    subprocess.run([sys.executable, "-m", "jdfix", "rules"], env=env, stdin=subprocess.DEVNULL,
                   capture_output=True, check=True)
    subprocess.run([sys.executable, "-m", "jdfix", "check", str(DRAFTS / "scrum-master.md")], env=env,
                   stdin=subprocess.DEVNULL, capture_output=True)
    return cache / "rolebook"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _compiled_role_book: Path) -> None:
    """Never touch the user's cache or config, never colour, never reach a real endpoint."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("JDFIX_CACHE_DIR", str(tmp_path / "jdfix-cache"))
    # Each test has its own cache folder; a copy of the compiled role book spares every CLI run
    # in it the ~0.1 s compile (a test that needs a cold cache points JDFIX_CACHE_DIR elsewhere).
    if _compiled_role_book.is_dir():
        shutil.copytree(_compiled_role_book, tmp_path / "jdfix-cache" / "rolebook")
    # ... and of the compiled patterns (jdfix.engine.regexes), which would cost each run ~50 ms.
    if (_compiled_role_book.parent / "regex").is_dir():
        shutil.copytree(_compiled_role_book.parent / "regex", tmp_path / "jdfix-cache" / "regex")
    monkeypatch.setenv("NO_COLOR", "1")
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "JDFIX_MODEL", "JDFIX_DEBUG", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)


def run_jdfix(*args: str, input: bytes | None = None, cwd: Path | None = None,
              env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess, as a user would."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "jdfix", *args],
        input=input,
        # CI may run with no standard input at all: give the child an empty one, never an inherited fd
        stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True,
        cwd=cwd,
        env=full_env,
        timeout=timeout,
    )
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))
