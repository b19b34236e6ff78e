from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, family_name

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class DutyFromAnotherFamily(Rule):
    """One duty belongs to a role family other than the title's.

    What it flags:
    A single duty whose evidence is all for another family, with nothing for the title's own:
    "Facilitate the team's retrospectives" in a Product Owner posting. The duty must name work the
    role book gives that family (a strong or moderate signal); words the learned layer leans on
    are not enough to move a duty to another role.

    Why it matters:
    One stray duty does not make a mismatch (small companies merge roles), but each one blurs
    the job, and many of them are how a title drifts away from the work. Duties of the family the
    whole posting reads as are left to JD101.

    Example:
    # Product Owner
    - Facilitate sprint retrospectives and coach the team on Scrum

    Use instead:
    Drop the duty, move it to the role that owns it (here the Scrum Master), or reword it to the
    title's part of the work: "Take part in retrospectives and act on what the team agrees".
    """

    code = "JD103"
    name = "duty-from-another-family"
    severity = "info"
    options = {"min_points": 3.0}

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        title = analysis.title
        if title is None or title.family is None:
            return
        for unit in analysis.duties:
            fam = unit.family
            if fam is None or fam in title.families or any(unit.scores.get(f) for f in title.families):
                continue
            if fam == analysis.inferred_family:
                continue  # the whole posting reads as that family: JD101 says it once, not per duty
            if any(fam in analysis.book.families[f].includes for f in title.families):
                continue  # a Tech Lead codes, an Engineering Manager's team engineers: part of the job
            if unit.scores.get(fam, 0.0) < self.opts["min_points"]:
                continue
            # Saying a duty belongs to another role takes that role's own work named in the role
            # book (a strong or moderate signal), not words the learned layer leans on: on the
            # labelled postings, duties flagged on learned words or a weak signal alone were another
            # family's in 20% of cases, those with a role-book phrase in 44%.
            if not unit.names_work_of(fam):
                continue
            phrase = next((e.quote for e in unit.evidence if e.family == fam), "")
            yield self.finding(
                f'duty reads as {family_name(analysis, fam)} work ("{" ".join(phrase.split())}"), '
                f"not {family_name(analysis, title.family)}",
                unit.duty.line,
            )
