from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, title_line
from jdfix.engine.rules.seniority import UPWARD_LEVELS, cue_quotes

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class SeniorTitleWithoutSeniorDuties(Rule):
    """A senior, lead, principal or head-of title over duties done under guidance.

    What it flags:
    A title that says Senior, Lead, Staff, Principal, Head of or Director while the duties
    describe supervised, well-defined work: "with guidance from a senior colleague", "support the
    lead", "learn the tools", and nothing that owns, sets direction, mentors or manages. A Staff,
    Principal, Head-of, Director or executive title is flagged too when nothing in the duties
    reads above mid level at all: no senior, lead, people or director work named (option
    `min_upward`, the weighed cue points the top titles need).

    Why it matters:
    Title inflation: experienced candidates apply and leave when they see the work, and the
    grade no longer means anything inside the organisation.

    Example:
    # Principal Business Analyst
    - Support senior analysts with requirements documentation
    - Work on well-defined tasks with guidance from your manager

    Use instead:
    Lower the title to the level of the work (Junior, Associate), or add what the level really
    carries: owning complex problems, setting direction, mentoring others.
    """

    code = "JD202"
    name = "senior-title-without-senior-duties"
    severity = "warning"
    about_title = True
    options = {"min_upward": 2.0}
    TOP_LEVELS = ("staff", "principal", "director", "executive")

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        title = analysis.title
        if title is None or title.seniority is None or not title.seniority_explicit:
            return
        levels = analysis.book.levels
        if levels[title.seniority] < levels["senior"]:
            return
        if analysis.inferred_seniority == "junior":
            yield self.finding(
                f"{title.seniority} title but the duties read as junior level ({cue_quotes(analysis, ('junior',))})",
                title_line(analysis),
            )
        elif (title.seniority in self.TOP_LEVELS and title.family and analysis.inferred_seniority == "mid"
              and analysis.inferred_family is not None):  # duties enough to judge (not JD301/JD303)
            # (Only for a role the role book knows: a "Staff Nurse" is no staff-level engineer.)
            cues = analysis.cue_scores
            upward = sum(cues.get(level, 0.0) for level in UPWARD_LEVELS)
            if upward < self.opts["min_upward"]:
                yield self.finding(
                    f"{title.seniority} title but nothing in the duties reads above mid level "
                    "(no senior, lead, people or director work is named)",
                    title_line(analysis),
                )
