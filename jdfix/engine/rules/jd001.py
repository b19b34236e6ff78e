from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule

SUPPRESSION_RE = re.compile(r"<!--\s*jdfix:\s*ignore\b(?P<codes>[^>]*?)-->", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Suppression:
    """`<!-- jdfix: ignore CODE ... -->` in a posting: the codes it names and its line."""

    line: int
    token: str


def suppressions(text: str) -> list[Suppression]:
    """Every suppression comment in `text`, one entry per code it names."""
    found: list[Suppression] = []
    if "jdfix" not in text.lower():
        return found
    for m in SUPPRESSION_RE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        for token in re.split(r"[\s,]+", m.group("codes").strip()):
            if token:
                found.append(Suppression(line, token))
    return found


class UnusedSuppression(Rule):
    """An inline suppression that suppresses nothing.

    What it flags:
    A comment `<!-- jdfix: ignore JD101 -->` in a posting when JD101 does not fire on it (any
    more), or when it names a rule that does not exist.

    Why it matters:
    A stale suppression hides the next real finding of that rule without anyone noticing, and a
    misspelt one suppresses nothing while looking as if it did.

    Example:
    <!-- jdfix: ignore JD101 -->
    # Product Manager   (the title fits now: JD101 no longer fires)

    Use instead:
    Delete the comment, or correct the code it names (see `jdfix rules`).
    """

    code = "JD001"
    name = "unused-suppression"
    severity = "info"

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        return iter(())  # runs after the other rules: see check_unused

    def check_unused(self, unused: list[tuple[Suppression, str]]) -> Iterator[Finding]:
        for sup, why in unused:
            yield self.finding(f"suppression of {sup.token} {why}", sup.line)
