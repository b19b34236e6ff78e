"""Issue 10's first bar, on the postings kept back for measurement (../shared/corpus*, read where
they are, never copied into the repository): `jdfix --write` offline leaves every section other
than the title and the duty list byte-identical, changes every place the title stands, drops no
duty whose own evidence is the target family, and the result passes `jdfix check`. A suggestion
that fails a check is not written at all.

Skipped when ../shared is not there (a checkout of jdfix alone).
"""

from __future__ import annotations

import csv
import difflib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, run_jdfix

SHARED = ROOT.parent / "shared"


def _postings() -> list[Path]:
    folders = [SHARED / "corpus", *sorted((SHARED / "corpus-dev").glob("*"))]
    found: list[Path] = []
    for folder in folders:
        labels = folder / "labels.tsv"
        if labels.is_file():
            with labels.open(encoding="utf-8", newline="") as fh:
                found += [folder / row["file"] for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                          if (folder / row["file"]).is_file()]
    return found


def _title_places(text: str, title: str) -> list[int]:
    """The lines where `title` stands as the posting's title: front matter, H1, a `Job title:` line."""
    pattern = re.compile(r"^(?:title:\s*|#\s+|job title:\s*)[\"']?" + re.escape(title) + r"[\"']?\s*$", re.IGNORECASE)
    return [n for n, line in enumerate(text.splitlines()) if pattern.match(line.strip())]


def _allowed_lines(result: dict[str, Any], before: str) -> set[int]:
    """0-based lines of `before` a rewrite may change: the title's places and the duty list."""
    lines = set(_title_places(before, result["title"]["text"]))
    lines.add(result["title"]["line"] - 1)
    old = result["title"]["text"].lower()
    lines |= {n for n, line in enumerate(before.splitlines()) if old in line.lower()}  # mentions in the body
    for duty in result["duties"]:
        if duty["listed"]:
            lines |= set(range(duty["line"] - 1, duty["end_line"]))
    return lines


def _changed_outside(before: str, after: str, allowed: set[int]) -> list[str]:
    """Lines of `before` changed, deleted or followed by new lines, outside `allowed`."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    bad: list[str] = []
    for op, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            bad += [a[i] for i in range(i1, i2) if i not in allowed]
        elif op == "insert" and not ({i1 - 1, i1} & allowed or any(not line.strip() for line in a[i1 - 1:i1 + 1])):
            bad.append(f"(inserted before line {i1 + 1})")
    return bad


@pytest.mark.slow  # every shared posting rewritten and written: the slow tier (`.ci/run` runs it)
@pytest.mark.skipif(not (SHARED / "corpus" / "labels.tsv").is_file(), reason="../shared/corpus is not here")
def test_offline_write_on_measurement_postings(tmp_path: Path) -> None:
    copies: list[Path] = []
    for n, source in enumerate(_postings()):
        copy = tmp_path / f"p{n:04d}-{source.name}"
        shutil.copyfile(source, copy)
        copies.append(copy)
    originals = {c: c.read_bytes() for c in copies}
    planned = {r["path"]: r for r in json.loads(run_jdfix("--no-llm", "--format", "json", *map(str, copies),
                                                          timeout=300).stdout)["results"]}
    wrote = run_jdfix("--no-llm", "--write", *map(str, copies), timeout=300)
    assert wrote.returncode in (0, 1), wrote.stderr
    assert "Traceback" not in wrote.stderr
    rechecked = {r["path"]: r for r in json.loads(run_jdfix("check", "--format", "json", *map(str, copies),
                                                            timeout=300).stdout)["results"]}
    written = 0
    for copy in copies:
        plan, before, after = planned[str(copy)], originals[copy].decode("utf-8-sig"), copy.read_text("utf-8-sig")
        sug = plan.get("suggestion")
        if not sug or not sug["verified"] or not plan["diff"]:
            assert copy.read_bytes() == originals[copy], f"{copy.name}: written, but not a verified suggestion"
            continue
        written += 1
        old, new = plan["title"]["text"], sug["title"]
        assert after != before, copy.name
        # every section but the title and the duty list, byte for byte
        assert _changed_outside(before, after, _allowed_lines(plan, before)) == [], copy.name
        # every place the title stood now carries the new one
        if old.lower() != new.lower():
            assert _title_places(after, old) == [], f"{copy.name}: {old!r} still stands as the title"
        # nothing dropped that reads as the new title's own family
        target = rechecked[str(copy)]["title"]["family"]
        families = {d["text"]: d["family"] for d in plan["duties"] if d["listed"]}
        assert [d["duty"] for d in sug["drops"] if target and families.get(d["duty"]) == target] == [], copy.name
        # and the result passes jdfix check
        assert rechecked[str(copy)]["mismatch"] is False, (copy.name, rechecked[str(copy)]["findings"])
    assert written >= 10, f"only {written} postings rewritten: the bar was hardly tried"
