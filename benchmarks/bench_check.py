#!/usr/bin/env python3
"""Benchmark `jdfix check`: throughput over many postings and one-file start-up, whole process.

Prints figures; asserts nothing. Usage:
    python benchmarks/bench_check.py [--files 2000] [--repeat 5]

The postings are the bundled drafts in fixtures/drafts, copied with varied company lines so no
two files are identical (the engine keeps no per-text cache, but this keeps the test honest).
"""

from __future__ import annotations

import argparse
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
    texts = [p.read_text(encoding="utf-8") for p in drafts]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "postings"
        large = Path(tmp) / "large"
        folder.mkdir()
        large.mkdir()
        total_bytes = large_bytes = 0
        for i in range(args.files):
            src = drafts[i % len(drafts)]
            text = texts[i % len(texts)] + f"\nPosting reference {i}: team {i % 37}, office {i % 11}.\n"
            dest = folder / f"posting-{i:05d}{src.suffix}"
            dest.write_text(text, encoding="utf-8")
            total_bytes += len(text.encode())
            # A realistic size (about 5 KB, like published postings): five drafts under one title.
            joined = "\n\n".join(texts[(i + k) % len(texts)] for k in range(5)) + f"\nReference {i}.\n"
            (large / f"posting-{i:05d}.md").write_text(joined, encoding="utf-8")
            large_bytes += len(joined.encode())
        one = sorted(folder.iterdir())[0]

        base = timed([sys.executable, "-c", "pass"], args.repeat)
        single = timed([jdfix, "check", "--format", "json", str(one)], args.repeat)
        batch = timed([jdfix, "check", "--format", "json", str(folder)], max(2, args.repeat // 2))
        batch_large = timed([jdfix, "check", "--format", "json", str(large)], max(2, args.repeat // 2))
        serial_large = timed([jdfix, "check", "--jobs", "1", "--format", "json", str(large)], 1)
        # Peak memory of one process checking the whole large batch (ru_maxrss: KiB on Linux).
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        timed([jdfix, "check", "--jobs", "1", "--format", "json", str(large)], 1)
        peak_kib = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        imports = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import jdfix.cli, jdfix.checker, jdfix.report"],
            capture_output=True, text=True).stderr
        heavy = [m for m in ("openai", "jinja2", "tenacity", "pydantic") if f" {m}\n" in imports or f"| {m}\n" in imports]

    b, s, t = statistics.median(base), statistics.median(single), statistics.median(batch)
    tl, sl = statistics.median(batch_large), statistics.median(serial_large)
    print(f"python -c pass          {b * 1000:8.1f} ms")
    print(f"check, one file         {s * 1000:8.1f} ms   ({s / b:.1f}x python -c pass; goal <= 150 ms)")
    print(f"check, {args.files} files      {t:8.2f} s    {args.files / t:8.0f} postings/s "
          f"(avg {total_bytes / args.files / 1024:.1f} KB; goal >= 1000 postings/s)")
    print(f"check, {args.files} x5 drafts  {tl:8.2f} s    {args.files / tl:8.0f} postings/s "
          f"(avg {large_bytes / args.files / 1024:.1f} KB; {args.files / sl:.0f}/s with --jobs 1)")
    print(f"peak memory             {peak_kib / 1024:8.1f} MiB  (largest single process so far, --jobs 1 over "
          f"the {args.files} larger postings)")
    print(f"heavy modules imported  {', '.join(heavy) or 'none'} (openai, jinja2, tenacity, pydantic must be none)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
