#!/usr/bin/env python3
"""Benchmark `jdfix check`: throughput over many postings and one-file start-up, whole process.

Prints figures; asserts nothing. Usage:
    python benchmarks/bench_check.py [--files 2000] [--repeat 5]

The postings are the bundled drafts in fixtures/drafts, copied with varied company lines so no
two files are identical (the engine keeps no per-text cache, but this keeps the test honest).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "fixtures" / "drafts"


def timed(cmd: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            sys.exit(f"bench: {' '.join(cmd[:4])}... exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    jdfix = shutil.which("jdfix") or str(Path(sys.executable).parent / "jdfix")
    drafts = sorted(p for p in DRAFTS.iterdir() if p.suffix in (".md", ".txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "postings"
        folder.mkdir()
        total_bytes = 0
        for i in range(args.files):
            src = drafts[i % len(drafts)]
            text = src.read_text(encoding="utf-8")
            text += f"\nPosting reference {i}: team {i % 37}, office {i % 11}.\n"
            dest = folder / f"posting-{i:05d}{src.suffix}"
            dest.write_text(text, encoding="utf-8")
            total_bytes += len(text.encode())
        one = folder / "posting-00000.md"

        base = timed([sys.executable, "-c", "pass"], args.repeat)
        single = timed([jdfix, "check", "--format", "json", str(one)], args.repeat)
        batch = timed([jdfix, "check", "--format", "json", str(folder)], max(2, args.repeat // 2))
        imports = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import jdfix.cli, jdfix.checker, jdfix.report"],
            capture_output=True, text=True).stderr
        heavy = [m for m in ("openai", "jinja2", "tenacity", "pydantic") if f" {m}\n" in imports or f"| {m}\n" in imports]

    b, s, t = statistics.median(base), statistics.median(single), statistics.median(batch)
    print(f"python -c pass          {b * 1000:8.1f} ms")
    print(f"check, one file         {s * 1000:8.1f} ms   ({s / b:.1f}x python -c pass; goal <= 150 ms)")
    print(f"check, {args.files} files      {t:8.2f} s    {args.files / t:8.0f} postings/s "
          f"({total_bytes / t / 1e6:.1f} MB/s; goal >= 1000 postings/s)")
    print(f"heavy modules imported  {', '.join(heavy) or 'none'} (openai, jinja2, tenacity, pydantic must be none)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
