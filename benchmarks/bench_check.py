#!/usr/bin/env python3
"""Benchmark `jdfix check`: throughput over many postings and one-file start-up, whole process.

Prints figures; asserts nothing. Usage:
    python benchmarks/bench_check.py [--files 2000] [--repeat 5]

Two batches of distinct postings:
- realistic: `benchmarks/postings.py` writes postings of published size (4-7 KB, mean 5.3 KB)
  in the layouts seen in the wild; this is the figure that matters;
- small: the bundled drafts in fixtures/drafts (0.6 KB), each made distinct by a reference line.

Byte code: jdfix is byte-compiled before timing, as `pip install` does for an installed package.
An editable install run with PYTHONDONTWRITEBYTECODE=1 never writes byte code and compiles every
module on every start; the one-file figure is printed for that case too.

This VM's timings vary by 20-30% from minute to minute: each figure is the median of the runs,
with the range.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "fixtures" / "drafts"
sys.path.insert(0, str(ROOT))

from benchmarks.postings import generate  # noqa: E402  (the repository root is on the path only now)


def timed(cmd: list[str], repeat: int, env: dict[str, str] | None = None) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            sys.exit(f"bench: {' '.join(cmd[:4])}... exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return times


def spread(times: list[float], scale: float = 1.0, fmt: str = "{:.0f}") -> str:
    """median (min-max) of `times` * scale."""
    values = sorted(t * scale for t in times)
    return f"{fmt.format(statistics.median(values))} ({fmt.format(values[0])}-{fmt.format(values[-1])})"


def rate(n: int, times: list[float]) -> str:
    """Postings per second: median (slowest-fastest run)."""
    rates = sorted(n / t for t in times)
    return f"{statistics.median(rates):.0f}/s ({rates[0]:.0f}-{rates[-1]:.0f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    jdfix = shutil.which("jdfix") or str(Path(sys.executable).parent / "jdfix")
    import jdfix as package

    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)
    drafts = sorted(p for p in DRAFTS.iterdir() if p.suffix in (".md", ".txt"))
    texts = [p.read_text(encoding="utf-8") for p in drafts]
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small"
        real = Path(tmp) / "realistic"
        small.mkdir()
        real.mkdir()
        small_bytes = real_bytes = 0
        for i in range(args.files):
            src = drafts[i % len(drafts)]
            text = texts[i % len(texts)] + f"\nPosting reference {i}: team {i % 37}, office {i % 11}.\n"
            (small / f"posting-{i:05d}{src.suffix}").write_text(text, encoding="utf-8")
            small_bytes += len(text.encode())
        for name, text in generate(args.files, seed=0):
            (real / name).write_text(text, encoding="utf-8")
            real_bytes += len(text.encode())
        one = sorted(small.iterdir())[0]

        base = timed([sys.executable, "-c", "pass"], args.repeat)
        single = timed([jdfix, "check", "--format", "json", str(one)], args.repeat)
        # jdfix with no byte code (a copy of its source), as an editable install run with
        # PYTHONDONTWRITEBYTECODE=1 is: every jdfix module is compiled at each start.
        src = Path(tmp) / "src"
        shutil.copytree(Path(package.__file__).parent, src / "jdfix", ignore=shutil.ignore_patterns("__pycache__"))
        cold_env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(src))
        single_cold = timed([sys.executable, "-m", "jdfix", "check", "--format", "json", str(one)], args.repeat,
                            cold_env)
        runs = max(3, args.repeat // 2 + 1)
        batch_real = timed([jdfix, "check", "--format", "json", str(real)], runs)
        batch_small = timed([jdfix, "check", "--format", "json", str(small)], runs)
        serial_real = timed([jdfix, "check", "--jobs", "1", "--format", "json", str(real)], 1)
        # Peak memory of one process checking the whole realistic batch (ru_maxrss: KiB on Linux).
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        timed([jdfix, "check", "--jobs", "1", "--format", "json", str(real)], 1)
        peak_kib = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        imports = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import jdfix.cli, jdfix.engine.checker, jdfix.io.report"],
            capture_output=True, text=True).stderr
        heavy = [m for m in ("openai", "jinja2", "tenacity", "pydantic") if f" {m}\n" in imports or f"| {m}\n" in imports]

    b = statistics.median(base)
    n = args.files
    print(f"python -c pass                  {spread(base, 1000)} ms")
    print(f"check, one file                 {spread(single, 1000)} ms "
          f"({statistics.median(single) / b:.1f}x python -c pass; goal <= 150 ms)")
    print(f"check, one file, no byte code   {spread(single_cold, 1000)} ms "
          "(jdfix compiled at each start: editable install + PYTHONDONTWRITEBYTECODE=1)")
    print(f"check, {n} realistic postings  {rate(n, batch_real)} "
          f"(avg {real_bytes / n / 1000:.1f} KB; goal >= 1000/s; {n / serial_real[0]:.0f}/s with --jobs 1)")
    print(f"check, {n} small drafts        {rate(n, batch_small)} (avg {small_bytes / n / 1000:.1f} KB)")
    print(f"peak memory                     {peak_kib / 1024:.1f} MiB (one process, --jobs 1, "
          f"the {n} realistic postings)")
    print(f"heavy modules imported          {', '.join(heavy) or 'none'} "
          "(openai, jinja2, tenacity, pydantic must be none)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
