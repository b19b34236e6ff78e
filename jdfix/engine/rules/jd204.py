from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, family_name, title_line
from jdfix.engine.rules.seniority import NOT_PEOPLE_MANAGER_FAMILIES, cue_quotes

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class PeopleDutiesUnderIndividualTitle(Rule):
    """Line-management duties under an individual-contributor title.

    What it flags:
    A title with no management word (Developer, Data Scientist, Senior Analyst) whose duties
    are a manager's: several different people duties such as direct reports, hiring, 1:1s and
    performance reviews.

    Why it matters:
    Candidates for an individual role don't expect to run a team, and managers don't look for
    one under an individual title. The grade and pay are usually wrong too.

    Example:
    # Senior Data Scientist
    - Line manage four data scientists and run their performance reviews
    - Hire and onboard new members of the team

    Use instead:
    Title it as the management job it is ("Data Science Manager", "Lead developer - management"),
    or drop the people duties.
    """

    code = "JD204"
    name = "people-duties-under-individual-title"
    # Info by default: many organisations give senior individual roles a report or two, and ROLES.md
    # §17.3 rates IC-plus-line-management as low confidence. Raise it in config where it matters.
    severity = "info"
    about_title = True
    options = {"min_people": 6.0}

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        title = analysis.title
        if title is None or title.family is None or title.family in NOT_PEOPLE_MANAGER_FAMILIES:
            return
        fam = analysis.book.families[title.family]
        levels = analysis.book.levels
        if fam.people_manager_title or (title.seniority and levels[title.seniority] >= levels["lead"]):
            return
        if analysis.cue_scores.get("people", 0.0) < self.opts["min_people"]:
            return
        yield self.finding(
            f"{family_name(analysis, title.family)} is an individual title but the duties manage people "
            f"({cue_quotes(analysis, ('people',))})",
            title_line(analysis),
        )
