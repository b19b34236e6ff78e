from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.regexes import IGNORECASE, regex
from jdfix.engine.rules.base import Finding, Rule
from jdfix.records import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator

_CODES_SEP_RE = regex(r"[\s,]+")  # between the codes of a suppression comment
SUPPRESSION_RE = regex(r"<!--\s*jdfix:\s*(?P<kind>ignore-file|ignore)\b(?P<codes>[^>]*?)-->", IGNORECASE)
_COMMENT_LINE_RE = regex(r"\s*(?:<!--.*?-->\s*)*")


@dataclass(frozen=True, slots=True)
class Suppression:
    """A suppression comment in a posting: one code it names, its line, and what it covers.

    `<!-- jdfix: ignore CODE -->` covers its own line and the next one, as `noqa` users expect;
    `<!-- jdfix: ignore-file CODE -->` covers the file. An `ignore` at the top of the posting,
    before any text (front matter aside), keeps the file-wide meaning it always had there.
    """

    line: int
    token: str
    file_wide: bool = False

    def covers(self, line: int | None) -> bool:
        return self.file_wide or (line is not None and self.line <= line <= self.line + 1)


def _header_end(lines: list[str]) -> int:
    """The number of lines before the posting's first text: front matter, blank and comment lines."""
    n = 0
    if lines and lines[0].strip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        n = close + 1 if close is not None else 0
    while n < len(lines) and _COMMENT_LINE_RE.fullmatch(lines[n]):
        n += 1
    return n


def suppressions(text: str) -> list[Suppression]:
    """Every suppression comment in `text`, one entry per code it names."""
    found: list[Suppression] = []
    if "jdfix" not in text.lower():
        return found
    header = _header_end(text.lstrip("\ufeff").splitlines())
    for m in SUPPRESSION_RE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        file_wide = m.group("kind").lower() == "ignore-file" or line <= header
        for token in _CODES_SEP_RE.split(m.group("codes").strip()):
            if token:
                found.append(Suppression(line, token, file_wide))
    return found


class UnusedSuppression(Rule):
    """An inline suppression that suppresses nothing.

    What it flags:
    A comment `<!-- jdfix: ignore JD101 -->` in a posting when JD101 does not fire on the line it
    covers (any more), or when it names a rule that does not exist. `ignore` covers its own line
    and the next (at the top of the posting, before any text, the whole file);
    `<!-- jdfix: ignore-file JD101 -->` covers the whole file.

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
