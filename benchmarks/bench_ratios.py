#!/usr/bin/env python3
"""Side-by-side ratios for issue 14: jdfix against a floor, start-up, cached rewrite, --jobs.

Prints ratios; asserts nothing. Usage:
    python benchmarks/bench_ratios.py [--files 2000] [--repeat 5] [--corpus DIR ...] [--installed]
                                      [--rows abcde]

Each pair of commands is run in turns (A B A B ...), so a busy machine slows both alike, and each
figure is the median ratio of the pairs, with the median times. CPU is user + system time of the
child processes (rusage), which a loaded machine disturbs far less than wall time.

(a) `jdfix check --format json` over N generated real-sized postings (benchmarks/postings.py),
    and over the real postings of every --corpus DIR given (gathered into one folder: one run over
    all of them, each folder's README.md left out), against benchmarks/floor.py (read every file,
    one trie-shaped regex of ~500 duty phrases, JSON out): wall and CPU. Goal: <= 3x the floor's wall.
(b) `jdfix check FILE` against `python -c pass`, whole process. Goal: <= 3x.
(c) `jdfix FILE` answered from the recorded cache (fixtures/llm-cache, `--cache replay`, a dead
    endpoint, as tests/test_fix.py runs it) against `jdfix check FILE`. Goal: <= 1.2x.
(d) `jdfix FILE... --jobs 8`, 24 distinct postings, a loopback server (tests/fake_llm.py) answering
    each request in 0.4 s, against the ideal: the start-up of a one-posting run against a server
    that answers at once (whole process: the SDK import, the client, one request), plus
    ceil(24 / 8) x 0.4 s. Efficiency = ideal / measured. Goal: >= 80%.
(e) the same 24 postings, a server answering at once: `--jobs 8` against `--jobs 1`. Goal: <= 1x
    (never slower than serial).

--installed measures a non-editable install (what `pip install` leaves, byte-compiled) in a
temporary virtual environment that borrows this one's dependencies: an editable install loads its
import finder in every process, `python -c pass` included. It installs with a current pip (its
console script, unlike those of pip before 25.2, does not import `re`), or with the bundled pip
when the package index cannot be reached, and prints which.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.postings import generate  # noqa: E402  (the repository root is on the path only now)

FLOOR = ROOT / "benchmarks" / "floor.py"
RECORDED = ROOT / "fixtures" / "llm-cache"
RECORDED_DRAFT = ROOT / "fixtures" / "drafts" / "product-owner-pricing.md"
DEAD_ENDPOINT = "http://127.0.0.1:9/v1"
WORK = tempfile.gettempdir()


def run(cmd: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, cpu) seconds of one whole-process run of `cmd`; exits on a status other than 0/1.
    Runs in a folder of its own, as a user's would be: from the repository, jdfix would read its
    pyproject.toml looking for a [tool.jdfix] table (about 15 ms of TOML)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                          env=env, cwd=WORK)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd[:4])}... exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def side_by_side(a: Sequence[str], b: Sequence[str], repeat: int,
                 env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `a` and `b` in turns (after one warm-up each); median times and median ratios a/b."""
    run(a, env)
    run(b, env)
    pairs = []
    for i in range(repeat):
        # Alternate which goes first, so neither always follows the other's cache effects.
        if i % 2:
            rb, ra = run(b, env), run(a, env)
        else:
            ra, rb = run(a, env), run(b, env)
        pairs.append((ra, rb))
    med = statistics.median
    return {
        "pairs": [(p[0][0], p[1][0]) for p in pairs],
        "a_wall": med(p[0][0] for p in pairs), "b_wall": med(p[1][0] for p in pairs),
        "a_cpu": med(p[0][1] for p in pairs), "b_cpu": med(p[1][1] for p in pairs),
        "wall": med(p[0][0] / p[1][0] for p in pairs),
        "cpu": med(p[0][1] / max(p[1][1], 1e-9) for p in pairs),
    }


def verdict(ratio: float, goal: float) -> str:
    return f"goal <= {goal:g}x: {'met' if ratio <= goal else 'not met'}"


def installed(tmp: Path) -> tuple[str, str]:
    """(python, jdfix) of a non-editable install of this repository in a new virtual environment
    under `tmp`; the dependencies come from this interpreter's site-packages (a .pth file)."""
    import site
    import venv

    env = tmp / "venv"
    venv.create(env, with_pip=True)
    bin_dir = env / ("Scripts" if os.name == "nt" else "bin")
    py = str(bin_dir / "python")
    purelib = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    # The console script is pip's: before pip 25.2 it imports `re` (~25M instructions, a third of
    # Python's own start-up) before jdfix starts. A user's `pip install` today writes the current
    # one, so the bench brings pip up to date first; offline, it keeps the bundled pip and says so.
    upgraded = subprocess.run([py, "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
                              capture_output=True, text=True).returncode == 0
    subprocess.run([py, "-m", "pip", "install", "--quiet", "--no-deps", str(ROOT)], check=True,
                   env=dict(os.environ, PYTHONDONTWRITEBYTECODE=""))  # pip byte-compiles, as for a user
    script = bin_dir / "jdfix"
    version = subprocess.run([py, "-m", "pip", "--version"], capture_output=True, text=True).stdout.split()[1]
    imports_re = any(line.strip() == "import re" for line in script.read_text().splitlines())
    print(f"installed with pip {version}{'' if upgraded else ' (bundled: could not upgrade)'}; its console "
          f"script {'imports' if imports_re else 'does not import'} re", flush=True)
    return py, str(script)


def rows_check(jdfix: str, py: str, tmp: Path, files: int, corpora: list[Path], repeat: int) -> list[str]:
    """Rows (a) and (b)."""
    rows: list[str] = []
    gen = tmp / "generated"
    gen.mkdir()
    size = 0
    for name, text in generate(files, seed=0):
        (gen / name).write_text(text, encoding="utf-8")
        size += len(text.encode())
    sets = [(f"{files} generated postings ({size / max(files, 1) / 1000:.1f} KB)", gen)]
    if corpora:
        real = tmp / "real"
        real.mkdir()
        for corpus in corpora:
            for p in sorted(corpus.iterdir()):
                if p.suffix in (".md", ".txt", ".html") and p.name.lower() != "readme.md":
                    shutil.copyfile(p, real / f"{corpus.name}--{p.name}")
        postings = list(real.iterdir())
        size = sum(p.stat().st_size for p in postings)
        sets.append((f"{len(postings)} real postings of {', '.join(c.name for c in corpora)} "
                     f"({size / max(len(postings), 1) / 1000:.1f} KB)", real))
    for label, folder in sets:
        r = side_by_side([jdfix, "check", "--format", "json", str(folder)], [py, str(FLOOR), str(folder)], repeat)
        rows.append(f"(a) check --format json, {label}: wall {r['wall']:.2f}x floor "
                    f"({r['a_wall']:.2f} s vs {r['b_wall']:.2f} s; ratios {spread(r)}), {verdict(r['wall'], 3)}; "
                    f"CPU {r['cpu']:.2f}x ({r['a_cpu']:.2f} s vs {r['b_cpu']:.2f} s)")
        if folder is not gen and len(list(folder.iterdir())) > 1:
            rows.append(projected(jdfix, py, folder, r, repeat))
    one = sorted(gen.iterdir())[0]
    r = side_by_side([jdfix, "check", str(one)], [py, "-c", "pass"], repeat * 2)
    rows.append(f"(b) check FILE, whole process: wall {r['wall']:.2f}x python -c pass "
                f"({r['a_wall'] * 1000:.0f} ms vs {r['b_wall'] * 1000:.0f} ms; ratios {spread(r)}), "
                f"{verdict(r['wall'], 3)}; CPU {r['cpu']:.2f}x")
    return rows


def projected(jdfix: str, py: str, folder: Path, whole: dict[str, Any], repeat: int) -> str:
    """(a) at the issue's 2,000 real postings, from the real ones at hand: each side's start-up (its
    run over one posting; jdfix with as many workers as the whole run had, so the pool's start
    counts as start-up) plus 2,000 times its wall time per posting beyond start-up. A few hundred
    postings hide most of jdfix's cost per posting behind the floor's start-up (it compiles its
    regex), and copies of them would not do: jdfix reads a repeated line once per run."""
    postings = sorted(folder.iterdir())
    workers = str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    one = side_by_side([jdfix, "check", "--format", "json", "--jobs", workers, str(postings[0])],
                       [py, str(FLOOR), str(postings[0])], repeat)
    per_a = max(whole["a_wall"] - one["a_wall"], 0.0) / (len(postings) - 1)
    per_b = max(whole["b_wall"] - one["b_wall"], 1e-9) / (len(postings) - 1)
    ratio = (one["a_wall"] + 2000 * per_a) / (one["b_wall"] + 2000 * per_b)
    return (f"(a) projected to 2,000 distinct real postings: wall {ratio:.2f}x floor, {verdict(ratio, 3)} "
            f"(start-up {one['a_wall'] * 1000:.0f} ms vs {one['b_wall'] * 1000:.0f} ms; per posting beyond it "
            f"{per_a * 1000:.2f} ms vs {per_b * 1000:.2f} ms, {per_a / per_b:.1f}x)")


def row_cached(jdfix: str, tmp: Path, repeat: int) -> str:
    """Row (c). The recorded answer, a dead endpoint: any request would fail the run (exit 2)."""
    env = dict(os.environ, OPENAI_BASE_URL=DEAD_ENDPOINT, JDFIX_CACHE_DIR=str(tmp / "cache"))
    fix = [jdfix, str(RECORDED_DRAFT), "--base-url", DEAD_ENDPOINT, "--model", "recorded-model",
           "--cache", "replay", "--cache-dir", str(RECORDED)]
    r = side_by_side(fix, [jdfix, "check", str(RECORDED_DRAFT)], repeat * 2, env)
    return (f"(c) jdfix FILE, answer cached: wall {r['wall']:.2f}x check FILE "
            f"({r['a_wall'] * 1000:.0f} ms vs {r['b_wall'] * 1000:.0f} ms; ratios {spread(r)}), "
            f"{verdict(r['wall'], 1.2)}; CPU {r['cpu']:.2f}x")


def rows_jobs(jdfix: str, tmp: Path, repeat: int, postings: int = 24, jobs: int = 8,
              latency: float = 0.4) -> list[str]:
    """Rows (d) and (e), against loopback servers (the test suite's FakeLLM)."""
    from tests.fake_llm import FakeLLM

    draft = RECORDED_DRAFT.read_text(encoding="utf-8")
    folder = tmp / "jobs"
    folder.mkdir()
    files = []
    for i in range(postings):  # distinct postings: distinct requests, whatever the cache does
        p = folder / f"draft-{i:03d}.md"
        p.write_text(draft.replace("Northwind Freight", f"Northwind Freight {i}"), encoding="utf-8")
        files.append(str(p))
    env = dict(os.environ, JDFIX_CACHE_DIR=str(tmp / "cache"))

    def fix(url: str, n_jobs: int, paths: list[str]) -> list[str]:
        return [jdfix, *paths, "--cache", "off", "--jobs", str(n_jobs), "--base-url", url, "--model", "m"]

    with FakeLLM() as slow, FakeLLM() as fast:
        slow.delay = latency
        r = side_by_side(fix(slow.url, jobs, files), fix(fast.url, 1, files[:1]), repeat, env)
        waves = -(-postings // jobs)
        ideal = r["b_wall"] + waves * latency
        effs = [(b + waves * latency) / a for a, b in r["pairs"]]
        d = (f"(d) jdfix FILE... --jobs {jobs}, {postings} postings, server answering in {latency:g} s: "
             f"{r['a_wall']:.2f} s against an ideal {ideal:.2f} s (start-up {r['b_wall']:.2f} s + {waves} x "
             f"{latency:g} s): efficiency {ideal / r['a_wall']:.0%} (pairs {min(effs):.0%}-{max(effs):.0%}), "
             f"goal >= 80%: {'met' if ideal / r['a_wall'] >= 0.8 else 'not met'}")
        r = side_by_side(fix(fast.url, jobs, files), fix(fast.url, 1, files), repeat, env)
        e = (f"(e) the same, server answering at once: --jobs {jobs} {r['wall']:.2f}x --jobs 1 "
             f"({r['a_wall']:.2f} s vs {r['b_wall']:.2f} s; ratios {spread(r)}), {verdict(r['wall'], 1)}")
    return [d, e]


def spread(r: dict[str, Any]) -> str:
    """The range of the pairs' wall-time ratios."""
    ratios = [a / b for a, b in r["pairs"]]
    return f"{min(ratios):.2f}-{max(ratios):.2f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=2000, help="generated postings for (a) (default 2000)")
    ap.add_argument("--repeat", type=int, default=5, help="pairs of runs per figure (default 5)")
    ap.add_argument("--corpus", type=Path, action="append", default=[],
                    help="a folder of real postings, also compared in (a); repeat it to add folders")
    ap.add_argument("--jdfix", help="the jdfix executable (default: the one beside this Python)")
    ap.add_argument("--installed", action="store_true", help="measure a non-editable install (see above)")
    ap.add_argument("--rows", default="abcde", help="which rows to run (default abcde)")
    args = ap.parse_args()
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if args.installed:
            py, jdfix = installed(tmp)
        else:
            py = sys.executable
            jdfix = args.jdfix or shutil.which("jdfix", path=str(Path(py).parent)) or "jdfix"
            import jdfix as package

            # Byte code, as `pip install` leaves it; a no-op on an installed package.
            compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)
        if "a" in args.rows or "b" in args.rows:
            rows += rows_check(jdfix, py, tmp, args.files, args.corpus, args.repeat)
        if "c" in args.rows:
            rows.append(row_cached(jdfix, tmp, args.repeat))
        if "d" in args.rows or "e" in args.rows:
            rows += rows_jobs(jdfix, tmp, args.repeat)
    for row in rows:
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
