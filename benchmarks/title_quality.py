#!/usr/bin/env python3
"""Measure the title rules (JD401-JD407) on hand-written postings kept back from tuning them.

fixtures/title-quality/ holds one posting per rule and clean controls; expected.toml says which
JD4xx codes each should get. Prints, per rule, the postings it fired on where it should (hits),
where it should not (false alarms) and where it missed; asserts nothing. Usage:

    python benchmarks/title_quality.py [FOLDER ...]

Given folders of real postings (for example ../shared/corpus), it also prints how many findings
each JD4xx rule gives there, with the title, to read for false alarms.
"""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jdfix import check  # noqa: E402

HELD_OUT = Path(__file__).resolve().parent.parent / "fixtures" / "title-quality"
CODES = ("JD401", "JD402", "JD403", "JD404", "JD405", "JD406", "JD407")


def held_out() -> dict[str, Counter[str]]:
    expect: dict[str, list[str]] = tomllib.loads((HELD_OUT / "expected.toml").read_text())["expect"]
    tally: dict[str, Counter[str]] = {code: Counter() for code in CODES}
    for name, codes in sorted(expect.items()):
        result = check((HELD_OUT / name).read_text(encoding="utf-8"), path=name)
        fired = {f.code for f in result.findings if f.code in CODES}
        for code in CODES:
            if code in fired and code in codes:
                tally[code]["hits"] += 1
            elif code in fired:
                tally[code]["false alarms"] += 1
                print(f"false alarm  {code} {name}")
            elif code in codes:
                tally[code]["misses"] += 1
                print(f"miss         {code} {name}")
    return tally


def real(folders: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    files = sorted(p for folder in folders for p in Path(folder).rglob("*.md") if p.name != "README.md")
    for path in files:
        result = check(path.read_text(encoding="utf-8"), path=str(path))
        for f in result.findings:
            if f.code in CODES:
                counts[f.code] += 1
                if f.code != "JD407":
                    title = result.analysis.document.title.text if result.analysis and result.analysis.document.title else ""
                    print(f"{f.code} {f.severity:7} {title}")
    print(f"{len(files)} postings")
    return counts


def main() -> int:
    tally = held_out()
    print(f"{'rule':6} {'hits':>5} {'false alarms':>13} {'misses':>7}   (held-out postings: {HELD_OUT.name}/)")
    for code in CODES:
        t = tally[code]
        print(f"{code:6} {t['hits']:5} {t['false alarms']:13} {t['misses']:7}")
    if len(sys.argv) > 1:
        counts = real(sys.argv[1:])
        print("findings per rule:", ", ".join(f"{code} {counts[code]}" for code in CODES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
