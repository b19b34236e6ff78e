#!/usr/bin/env python3
"""The floor for `jdfix check --format json`: the least a Python tool reading postings can do.

Reads every file given (folders: their *.md, *.txt and *.html, sorted), runs one compiled regex,
a trie-shaped alternation of about 500 duty phrases, over each text and prints, as JSON, each
file's matched phrases with their line numbers. No parsing, no model, no rules: `bench_ratios.py`
compares jdfix against this process. Imports only the standard library, never jdfix.

Usage: python benchmarks/floor.py PATH... > out.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PHRASE_COUNT = 500
SUFFIXES = (".md", ".txt", ".html")


def duty_phrases(count: int = PHRASE_COUNT) -> list[str]:
    """`count` distinct lower-case phrases of 2-3 words from the generator's duty pools: every
    window of the duty texts that holds no placeholder, first-seen order."""
    sys.path.insert(0, str(HERE.parent))
    from benchmarks.postings import FAMILIES  # the generator's pools; data only

    seen: dict[str, None] = {}
    for size in (3, 2):
        for family in FAMILIES:
            for duty in family.duties:
                words = re.findall(r"[a-z][a-z'-]*|\{[a-z_0-9]+\}", duty.lower())
                for i in range(len(words) - size + 1):
                    window = words[i:i + size]
                    if not any(w.startswith("{") for w in window):
                        seen.setdefault(" ".join(window))
                    if len(seen) >= count:
                        return list(seen)
    return list(seen)


def trie_pattern(phrases: list[str]) -> str:
    """One regex alternation over `phrases`, shared prefixes factored out (a trie), so the engine
    tries each first word once per position rather than once per phrase."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return r"\b" + emit(trie) + r"\b"


def files_of(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in SUFFIXES))
        else:
            out.append(path)
    return out


def main(argv: list[str]) -> int:
    regex = re.compile(trie_pattern(duty_phrases()), re.IGNORECASE)
    results = []
    for path in files_of(argv):
        text = path.read_text(encoding="utf-8", errors="replace")
        matches = []
        line, last = 1, 0
        for m in regex.finditer(text):
            line += text.count("\n", last, m.start())
            last = m.start()
            matches.append({"line": line, "phrase": m.group(0).lower()})
        results.append({"path": str(path), "matches": matches})
    json.dump({"version": 1, "results": results}, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
