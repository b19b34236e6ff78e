#!/usr/bin/env python3
"""Benchmark LLM rewrites on a labelled set of postings: how often a model's answer is usable,
faithful and right. Prints figures; asserts nothing.

    python benchmarks/bench_rewrite.py --base-url http://localhost:8080/v1 --model NAME [--model NAME2]
                                       [--corpus ../shared/corpus] [--limit 30] [--keep-title]

The corpus is a folder of postings with a `labels.tsv` (`file`, `family`: the family the posting's
work is, as careful readers labelled it). Only postings jdfix finds mismatched are rewritten. Each
model gets a fresh cache, so every answer is the model's own. Per model it prints:

- valid: answers that parsed and validated (else the LLM error; the offline suggestion is not counted)
- faithful: suggestions that passed every check (title-fits, no-invented-duty, no-unexplained-drop,
  other-sections-untouched), and how often each check failed
- family ok: rewritten titles whose family (as jdfix reads the new title) is the labelled family
- duties kept / added / dropped: totals over the valid answers (added = not grounded in the draft)
- tokens and seconds per posting: prompt tokens estimated as characters / 4 of the request,
  completion tokens as the server reported them; wall-clock seconds per rewrite
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_labels(corpus: Path) -> dict[str, str]:
    with (corpus / "labels.tsv").open(encoding="utf-8") as fh:
        return {row["file"]: (row.get("family") or "").strip() for row in csv.DictReader(fh, delimiter="\t")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--model", action="append", required=True, help="repeatable: one row per model")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--limit", type=int, default=0, help="at most this many mismatched postings (0: all)")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--keep-title", action="store_true", help="benchmark the keep-title direction")
    args = ap.parse_args()

    from jdfix.engine.checker import CheckOptions
    from jdfix.io.sources import read_path
    from jdfix.pipeline import check_source, rewrite_source
    from jdfix.rewriter.context import LLMContext
    from jdfix.rewriter.llm.settings import LLMSettings
    from jdfix.rewriter.llm.suggest import build_request

    corpus = Path(args.corpus)
    labels = load_labels(corpus)
    options = CheckOptions()
    sources = []
    for name in sorted(labels):
        path = corpus / name
        if not path.is_file():
            continue
        source = read_path(str(path))
        if check_source(source, options).mismatch:
            sources.append((name, source))
    if args.limit:
        sources = sources[: args.limit]
    if not sources:
        sys.exit(f"bench: no mismatched posting in {corpus}")
    direction = "keep-title" if args.keep_title else "retitle"
    print(f"{len(sources)} mismatched postings of {len(labels)} in {corpus}; direction {direction}")
    header = (f"{'model':<28} {'valid':>7} {'faithful':>9} {'family ok':>10} {'kept':>5} {'added':>6} "
              f"{'dropped':>8} {'tok in':>7} {'tok out':>8} {'s/post':>7}  failed checks")
    print(header)
    for model in args.model:
        with tempfile.TemporaryDirectory() as cache:
            settings = LLMSettings(base_url=args.base_url, model=model, cache_dir=Path(cache), cache_mode="use",
                                   timeout=args.timeout, deadline=max(50.0, args.timeout * 3))
            llm = LLMContext(settings)
            valid = faithful = family_ok = kept = added = dropped = 0
            tok_in = tok_out = 0
            failed: Counter[str] = Counter()
            seconds = 0.0
            for name, source in sources:
                result = check_source(source, options)
                assert result.analysis is not None
                request, key = build_request(result.analysis, result.findings, settings, direction=direction)
                tok_in += len(json.dumps(request["messages"])) // 4
                start = time.perf_counter()
                rw = rewrite_source(source, options, llm, args.keep_title)
                seconds += time.perf_counter() - start
                if rw.llm_error is not None or rw.faith is None:
                    continue
                valid += 1
                faithful += rw.faith.ok and bool(rw.verified)
                failed.update(c.name for c in rw.faith.failed)
                after = rw.after.analysis if rw.after else None
                family_ok += bool(after and after.title and after.title.family == labels[name])
                added += len(rw.faith.added)
                dropped += len(rw.faith.dropped)
                kept += len(result.analysis.duties) - len(rw.faith.dropped)
                entry = Path(cache) / key[:2] / f"{key}.json"
                if entry.is_file():
                    tok_out += int(json.loads(entry.read_text()).get("usage", {}).get("completion_tokens", 0))
            n = len(sources)
            print(f"{model:<28} {valid:>3}/{n:<3} {faithful:>5}/{n:<3} {family_ok:>6}/{n:<3} {kept:>5} {added:>6} "
                  f"{dropped:>8} {tok_in // n:>7} {tok_out // max(valid, 1):>8} {seconds / n:>7.1f}  "
                  + (", ".join(f"{k} {v}" for k, v in failed.most_common()) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
