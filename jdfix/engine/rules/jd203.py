from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, family_name, title_line
from jdfix.engine.rules.seniority import NOT_PEOPLE_MANAGER_FAMILIES

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class ManagerTitleWithoutPeopleDuties(Rule):
    """A people-manager title (Engineering Manager, Supervisor) with no people duties at all.

    What it flags:
    A title whose "Manager" or "Supervisor" means line management, over duties with no direct
    reports, hiring, 1:1s, performance reviews or career development. Product Manager and
    Project Manager are not people-manager titles and are never flagged: their "Manager" names
    what they manage, a product or a project (see `jdfix roles`).

    Why it matters:
    Managers apply for a management job and find an individual-contributor one, or the duties
    quietly leave out the half of the job that takes the most time.

    Example:
    # Engineering Manager
    - Write and review code for the payments service
    - Own the service's architecture and on-call rota

    Use instead:
    Call it what it is (Tech Lead, Senior Engineer), or write the people duties down: "Line
    manage five engineers: 1:1s, performance reviews, hiring".
    """

    code = "JD203"
    name = "manager-title-without-people-duties"
    severity = "warning"
    about_title = True

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        title = analysis.title
        if title is None or title.family is None or title.family in NOT_PEOPLE_MANAGER_FAMILIES:
            return
        fam = analysis.book.families[title.family]
        if not (fam.people_manager_title or title.seniority == "manager"):
            return
        if not analysis.duties:
            return
        if analysis.cue_scores.get("people", 0.0) + analysis.cue_scores.get("director", 0.0) > 0.0:
            return
        if fam.people_manager_title and any(u.family == fam.id for u in analysis.units if u.weight > 0.0):
            return  # a duty reads as this family's own work, which is managing people (ROLES.md §9)
        yield self.finding(
            f"{family_name(analysis, title.family)} title but no duty manages people "
            "(no reports, hiring, 1:1s or performance reviews)",
            title_line(analysis),
        )
