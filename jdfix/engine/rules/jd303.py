from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, title_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class DutiesOutsideRoleBook(Rule):
    """The duties carry too little evidence for any role family to judge the title.

    What it flags:
    A posting whose duties match few or no signals of the role book: a pastry chef, a nurse, or
    a digital-team posting written in words the role book does not know.

    Why it matters:
    jdfix claims no mismatch on weak evidence. This finding says so plainly instead of guessing.

    Example:
    # Pastry Chef
    - Prepare laminated doughs and seasonal desserts

    Use instead:
    Nothing to fix if the role is outside the role book. For your own role families, add a
    profile (see README, "Your own roles").
    """

    code = "JD303"
    name = "duties-outside-role-book"
    severity = "info"

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        if analysis.document.duties and analysis.inferred_family is None:
            yield self.finding("the duties carry too little role evidence to judge the title; no mismatch claimed",
                               title_line(analysis))
