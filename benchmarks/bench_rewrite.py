#!/usr/bin/env python3
"""Benchmark LLM rewrites on a labelled set of postings: how often a model's answer is usable,
faithful and right. Prints figures; asserts nothing.

    python benchmarks/bench_rewrite.py --base-url http://localhost:8080/v1 --model NAME [--model NAME2]
                                       [--corpus ../shared/corpus] [--limit 30] [--keep-title] [--retitled]

The corpus is a folder of postings with a `labels.tsv` (`file`, `family`: the family the posting's
work is, as careful readers labelled it). Only postings jdfix finds mismatched are rewritten; a
corpus of postings whose titles mostly fit has few, and `--retitled` adds copies of the fitting
ones retitled as the neighbour role their duties come closest to. Each model gets a fresh cache,
so every answer is the model's own. A llama.cpp server needs a context for the prompts (about
2,000-3,500 tokens with the answer): start it with `--n_ctx 8192`. Per model it prints:

- valid: answers that parsed and validated (else the LLM error, counted by kind on a line below the
  row; the offline suggestion is not counted)
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_labels(corpus: Path) -> dict[str, dict[str, str]]:
    """labels.tsv's rows by file name (QUOTE_NONE: a quote in a note is text, not a field's start)."""
    with (corpus / "labels.tsv").open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}


def families(label: dict[str, str]) -> set[str]:
    """The labelled family, or the alternatives a careful reader accepts ("ux-designer|ui-designer")."""
    return {f.strip() for f in (label.get("family") or "").split("|") if f.strip()}


def retitled_copy(source: Any, label: dict[str, str], options: Any) -> tuple[Any, str] | None:
    """A posting whose title fits (title_fits=yes), retitled with the neighbour (same role-book
    group) its duties come closest to: a mismatch whose right answer the label knows."""
    from jdfix.io.sources import Source
    from jdfix.pipeline import check_source

    analysis = check_source(source, options).analysis
    own = sorted(families(label))
    if label.get("title_fits") != "yes" or analysis is None or not own or own[0] not in analysis.book.families:
        return None
    book = analysis.book
    group = book.families[own[0]].group
    ranked = [f for f, _ in analysis.ranked()] + sorted(book.families)
    neighbour = next((f for f in ranked if f in book.families and f not in own and book.families[f].group == group),
                     None)
    if neighbour is None:
        return None
    name = book.families[neighbour].name
    lines = source.text.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    text = "".join(lines[:at] + [f"# {name}\n"] + lines[at + 1:]) if at is not None else f"# {name}\n\n{source.text}"
    return Source(f"{source.path} as {name}", text), name


def error_kind(error: str) -> str:
    """An LLM error's gist, to count alike failures together."""
    for kind in ("timed out", "unusable answer", "maximum context length", "HTTP 5", "HTTP 4", "connect"):
        if kind in error:
            return kind
    return error.split(";")[0][-60:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--model", action="append", required=True, help="repeatable: one row per model")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--limit", type=int, default=0, help="at most this many mismatched postings (0: all)")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--keep-title", action="store_true", help="benchmark the keep-title direction")
    ap.add_argument("--retitled", action="store_true",
                    help="also rewrite copies of the fitting postings retitled as a neighbour role (after the "
                         "mismatched originals; --limit counts both)")
    args = ap.parse_args()

    from jdfix.engine.checker import CheckOptions
    from jdfix.io.sources import read_path
    from jdfix.pipeline import check_source, rewrite_source
    from jdfix.rewriter.context import LLMContext
    from jdfix.rewriter.llm.settings import LLMSettings
    from jdfix.rewriter.llm.suggest import build_request

    corpus = Path(args.corpus)
    if not (corpus / "labels.tsv").is_file():
        print(f"bench: {corpus} has no labels.tsv (a folder of postings with their labels)", file=sys.stderr)
        return 2
    labels = load_labels(corpus)
    options = CheckOptions()
    sources = []
    fitting = []
    for name in sorted(labels):
        path = corpus / name
        if not path.is_file():
            continue
        source = read_path(str(path))
        if check_source(source, options).mismatch:
            sources.append((name, source))
        elif args.retitled:
            fitting.append((name, source))
    originals = len(sources)
    for name, source in fitting:
        copy = retitled_copy(source, labels[name], options)
        if copy is not None and check_source(copy[0], options).mismatch:
            sources.append((name, copy[0]))
    if args.limit:
        sources = sources[: args.limit]
    if not sources:
        print(f"bench: no mismatched posting in {corpus}", file=sys.stderr)
        return 2
    direction = "keep-title" if args.keep_title else "retitle"
    retitled = len(sources) - min(originals, len(sources))
    print(f"{len(sources)} mismatched postings of {len(labels)} in {corpus}"
          + (f" ({retitled} of them fitting postings retitled as a neighbour role)" if retitled else "")
          + f"; direction {direction}")
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
            errors: Counter[str] = Counter()
            seconds = 0.0
            for name, source in sources:
                result = check_source(source, options)
                assert result.analysis is not None
                request, key = build_request(result.analysis, result.findings, settings, direction=direction)
                tok_in += len(json.dumps(request["messages"])) // 4
                start = time.perf_counter()
                rw = rewrite_source(source, options, llm, args.keep_title)
                seconds += time.perf_counter() - start
                if rw.llm_error is not None:
                    errors[error_kind(rw.llm_error)] += 1
                    continue
                if rw.faith is None:
                    continue
                valid += 1
                faithful += rw.faith.ok and bool(rw.verified)
                failed.update(c.name for c in rw.faith.failed)
                after = rw.after.analysis if rw.after else None
                family_ok += bool(after and after.title and after.title.family in families(labels[name]))
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
            if errors:
                print(f"{'':<28} LLM errors: " + ", ".join(f"{k} {v}" for k, v in errors.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
