#!/usr/bin/env python3
"""Side-by-side ratios for issue 14: jdfix against a floor, start-up, cached rewrite.

Prints ratios; asserts nothing. Usage:
    python benchmarks/bench_ratios.py [--files 300] [--repeat 5] [--corpus DIR] [--jdfix PATH]

Each pair of commands is run in turns (A B A B ...), so a busy machine slows both alike, and each
figure is the median ratio of the pairs, with the median times. CPU is user + system time of the
child processes (rusage), which a loaded machine disturbs far less than wall time.

(a) `jdfix check --format json` over N generated real-sized postings (benchmarks/postings.py),
    and over --corpus DIR if given, against benchmarks/floor.py (read every file, one trie-shaped
    regex of ~500 duty phrases, JSON out): wall and CPU. Goal: <= 3x the floor's wall.
(b) `jdfix check FILE` against `python -c pass`, whole process. Goal: <= 3x.
(c) `jdfix FILE` answered from the recorded cache (fixtures/llm-cache, `--cache replay`, a dead
    endpoint, as tests/test_fix.py runs it) against `jdfix check FILE`. Goal: <= 1.2x.
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
                 env: dict[str, str] | None = None) -> dict[str, float]:
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
        "a_wall": med(p[0][0] for p in pairs), "b_wall": med(p[1][0] for p in pairs),
        "a_cpu": med(p[0][1] for p in pairs), "b_cpu": med(p[1][1] for p in pairs),
        "wall": med(p[0][0] / p[1][0] for p in pairs),
        "cpu": med(p[0][1] / max(p[1][1], 1e-9) for p in pairs),
    }


def verdict(ratio: float, goal: float) -> str:
    return f"goal <= {goal:g}x: {'met' if ratio <= goal else 'not met'}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=300, help="generated postings for (a) (default 300)")
    ap.add_argument("--repeat", type=int, default=5, help="pairs of runs per figure (default 5)")
    ap.add_argument("--corpus", type=Path, help="a folder of real postings, also compared in (a)")
    ap.add_argument("--jdfix", help="the jdfix executable (default: the one beside this Python)")
    args = ap.parse_args()
    jdfix = args.jdfix or shutil.which("jdfix", path=str(Path(sys.executable).parent)) or "jdfix"
    import jdfix as package

    # Byte code, as `pip install` leaves it; a no-op on an installed package.
    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)
    py = sys.executable
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        gen = Path(tmp) / "generated"
        gen.mkdir()
        size = 0
        for name, text in generate(args.files, seed=0):
            (gen / name).write_text(text, encoding="utf-8")
            size += len(text.encode())
        sets = [(f"{args.files} generated postings ({size / args.files / 1000:.1f} KB)", gen)]
        if args.corpus:
            n = sum(1 for p in args.corpus.iterdir() if p.suffix in (".md", ".txt", ".html"))
            sets.append((f"{n} postings of {args.corpus.name}", args.corpus))
        for label, folder in sets:
            r = side_by_side([jdfix, "check", "--format", "json", str(folder)], [py, str(FLOOR), str(folder)],
                             args.repeat)
            rows.append(f"(a) check --format json, {label}: wall {r['wall']:.2f}x floor "
                        f"({r['a_wall']:.2f} s vs {r['b_wall']:.2f} s), {verdict(r['wall'], 3)}; "
                        f"CPU {r['cpu']:.2f}x ({r['a_cpu']:.2f} s vs {r['b_cpu']:.2f} s)")
        one = sorted(gen.iterdir())[0]
        r = side_by_side([jdfix, "check", str(one)], [py, "-c", "pass"], args.repeat * 2)
        rows.append(f"(b) check FILE, whole process: wall {r['wall']:.2f}x python -c pass "
                    f"({r['a_wall'] * 1000:.0f} ms vs {r['b_wall'] * 1000:.0f} ms), {verdict(r['wall'], 3)}; "
                    f"CPU {r['cpu']:.2f}x")
        # The recorded answer, a dead endpoint: any request would fail the run (exit 2).
        env = dict(os.environ, OPENAI_BASE_URL=DEAD_ENDPOINT, JDFIX_CACHE_DIR=str(Path(tmp) / "cache"))
        fix = [jdfix, str(RECORDED_DRAFT), "--base-url", DEAD_ENDPOINT, "--model", "recorded-model",
               "--cache", "replay", "--cache-dir", str(RECORDED)]
        r = side_by_side(fix, [jdfix, "check", str(RECORDED_DRAFT)], args.repeat * 2, env)
        rows.append(f"(c) jdfix FILE, answer cached: wall {r['wall']:.2f}x check FILE "
                    f"({r['a_wall'] * 1000:.0f} ms vs {r['b_wall'] * 1000:.0f} ms), {verdict(r['wall'], 1.2)}; "
                    f"CPU {r['cpu']:.2f}x")
    for row in rows:
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
