from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, family_name

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class TitleNotRecognised(Rule):
    """The title names no role family of the role book (or there is no title).

    What it flags:
    A title such as "Analyst", "Rockstar Ninja" or "Pastry Chef" that matches no alias of any
    family, or a posting with no title line at all.

    Why it matters:
    Nothing can be said about whether the duties fit a title jdfix cannot read. Vague titles also
    do badly in job-board search.

    When the duties lean towards a family without a clear reading (confidence under the option
    `clear_confidence`), the message says so instead of naming the family flatly.

    Example:
    # Analyst

    Use instead:
    Name the role: "Business Analyst", "Data Analyst". If it is a role outside the role book,
    add your own family profile (see README, "Your own roles").
    """

    code = "JD302"
    name = "title-not-recognised"
    severity = "info"
    options = {"clear_confidence": 0.5}

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        doc_title = analysis.document.title
        if doc_title is None:
            yield self.finding("no title found (front matter title:, a # heading or a 'Job title:' line)", None)
            return
        if analysis.title is not None and analysis.title.family is None:
            hint = ""
            if analysis.inferred_family:
                name = family_name(analysis, analysis.inferred_family)
                # Below a clear reading (an accountant's reconciliations that touch on planning) the
                # family is the nearest, not a verdict: say so rather than name it flatly.
                hint = (f"; the duties read as {name} work" if analysis.confidence >= self.opts["clear_confidence"]
                        else f"; the duties lean towards {name} work, but not clearly (confidence {analysis.confidence:.2f})")
            yield self.finding(f'title "{doc_title.text}" names no known role family{hint}', doc_title.line)
