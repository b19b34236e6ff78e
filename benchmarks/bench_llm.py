#!/usr/bin/env python3
"""Benchmark the LLM side without a network: the cache-hit path and the prompt size per posting.

Prints figures; asserts nothing. Usage: python benchmarks/bench_llm.py [--repeat 7]

The cache-hit path replays fixtures/llm-cache (recorded answers) against a dead endpoint, so no
request can be sent; the figure is the whole process, the same as `jdfix check` plus the prompt
rendering that computes the cache key. Prompt tokens are estimated as characters / 4.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DRAFTS = ROOT / "fixtures" / "drafts"
RECORDED = ROOT / "fixtures" / "llm-cache"
REPLAY = ["--base-url", "http://127.0.0.1:9/v1", "--model", "recorded-model", "--cache", "replay",
          "--cache-dir", str(RECORDED)]


def timed(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            sys.exit(f"bench: exited {proc.returncode}: {proc.stderr.strip()}")
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    jdfix = str(Path(sys.executable).parent / "jdfix")
    draft = str(DRAFTS / "product-owner-pricing.md")
    base = timed([sys.executable, "-c", "pass"], args.repeat)
    check = timed([jdfix, "check", draft], args.repeat)
    hit = timed([jdfix, draft, *REPLAY], args.repeat)
    imports = subprocess.run([sys.executable, "-X", "importtime", "-m", "jdfix", draft, *REPLAY],
                             capture_output=True, text=True).stderr
    print(f"python -c pass            {base * 1000:7.1f} ms")
    print(f"jdfix check, one file     {check * 1000:7.1f} ms")
    print(f"jdfix FILE, cache hit     {hit * 1000:7.1f} ms   (goal <= 200 ms; openai imported: "
          f"{'yes' if ' openai' in imports else 'no'})")

    from jdfix.engine.checker import CheckOptions
    from jdfix.io.sources import read_path
    from jdfix.pipeline import check_source
    from jdfix.rewriter.llm.settings import LLMSettings
    from jdfix.rewriter.llm.suggest import build_request

    settings = LLMSettings(base_url="http://127.0.0.1:9/v1", model="recorded-model")
    print("prompt per posting (system + user messages):")
    for path in sorted(DRAFTS.iterdir()):
        result = check_source(read_path(str(path)), CheckOptions())
        if not result.mismatch or result.analysis is None:
            continue
        request, _ = build_request(result.analysis, result.findings, settings)
        chars = sum(len(m["content"]) for m in request["messages"])
        posting = len(path.read_text(encoding="utf-8"))
        print(f"  {path.name:40s} {chars:6d} chars  ~{chars // 4:5d} tokens  (posting {posting} chars)")
    schema = len(json.dumps(request["schema"]))
    print(f"  + response schema {schema} chars")
    return 0


if __name__ == "__main__":
    sys.exit(main())
