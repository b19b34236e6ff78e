from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, title_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class NoDutiesFound(Rule):
    """The posting has no duties to check: no duty section, no list, no sentences of work.

    What it flags:
    A readable posting where no duty could be found: only a title and requirements, only
    benefits, or a single line.

    Why it matters:
    Candidates decide from the duties. A posting without them cannot be checked, and it tells
    applicants nothing about the work.

    Example:
    # Product Owner
    ## Requirements
    - 5 years of experience

    Use instead:
    Add a "Responsibilities" section with one verb-first line per duty.
    """

    code = "JD301"
    name = "no-duties-found"
    severity = "warning"

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        if not analysis.document.duties:
            yield self.finding("no duties found: add a Responsibilities section with one duty per line",
                               title_line(analysis))
