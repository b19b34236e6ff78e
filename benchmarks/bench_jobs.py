#!/usr/bin/env python3
"""Benchmark `jdfix FILE... --jobs N` against a loopback server that answers in a fixed time.

Prints figures; asserts nothing. Usage: python benchmarks/bench_jobs.py [--postings 24] [--latency 0.4]

24 distinct drafts (so 24 distinct cache keys, with the cache off) go to a local HTTP server that
speaks the chat completions API and sleeps `latency` seconds per answer. The efficiency is the
ideal time (serial time / jobs) over the measured time.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_llm import FakeLLM  # noqa: E402  (the test suite's loopback server)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--postings", type=int, default=24)
    ap.add_argument("--latency", type=float, default=0.4)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 4, 8])
    args = ap.parse_args()
    draft = (ROOT / "fixtures" / "drafts" / "product-owner-pricing.md").read_text()
    with tempfile.TemporaryDirectory() as tmp, FakeLLM() as llm:
        files = []
        for i in range(args.postings):
            p = Path(tmp) / f"draft-{i:03d}.md"
            p.write_text(draft.replace("Northwind Freight", f"Northwind Freight {i}"))
            files.append(str(p))
        serial = None
        for jobs in args.jobs:
            llm.script.clear()
            for _ in range(args.postings):
                llm.push(delay=args.latency)
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "jdfix", *files, "--cache", "off", "--jobs", str(jobs),
                                   "--base-url", llm.url], capture_output=True, text=True, cwd=ROOT)
            elapsed = time.perf_counter() - start
            if proc.returncode not in (0, 1):
                sys.exit(f"bench: exit {proc.returncode}: {proc.stderr.strip()[:300]}")
            serial = serial or elapsed
            ideal = serial / jobs
            print(f"--jobs {jobs:2d}  {elapsed:6.2f} s   speed-up {serial / elapsed:4.1f}x   "
                  f"efficiency {ideal / elapsed:5.0%} of ideal ({args.postings} postings, {args.latency}s each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
