from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, family_name, title_line
from jdfix.engine.rules.seniority import MIN_YEARS_ABOVE_JUNIOR, UPWARD_LEVELS, cue_quotes, years_asked
from jdfix.engine.titles import names_entry_level

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class JuniorTitleWithSeniorDuties(Rule):
    """A junior, associate or graduate title over senior, lead or people-manager duties.

    What it flags:
    A title that says Junior, Graduate or Trainee while the duties set strategy, lead teams,
    mentor others or manage people, or are the work of a role whose name is itself a level (a
    Tech Lead's); an Associate or Assistant title (grades that reach mid level
    in many organisations) when the duties manage people or a department; and any junior title
    whose posting asks for five or more years of experience (option `min_years`).

    Why it matters:
    The ad will draw people who cannot do the job, and the people who can will not apply to a
    junior grade (or will be paid as one). It is also how under-levelling happens.

    Example:
    # Junior Data Analyst
    - Line manage the analytics team and run their performance reviews
    - Set the organisation's data strategy

    Use instead:
    Raise the title to the level of the duties (Senior, Lead, Manager), or cut the duties down
    to what a junior does: well-defined analysis with guidance from a senior colleague.
    """

    code = "JD201"
    name = "junior-title-with-senior-duties"
    severity = "warning"
    about_title = True
    options = {"min_years": MIN_YEARS_ABOVE_JUNIOR}

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        title = analysis.title
        if title is None or title.seniority != "junior" or not title.seniority_explicit:
            return
        levels = analysis.book.levels
        inferred = analysis.inferred_seniority or "mid"
        # "Associate" and "Assistant" grades reach up to mid level in many organisations: such a
        # title is flagged only under manager- or director-level duties; "Junior", "Graduate" and
        # the like under senior ones.
        entry = names_entry_level(title.text)
        floor = "senior" if entry else "manager"
        manages = analysis.cue_scores.get("people", 0.0) > 0.0 and any(
            analysis.book.families[f].people_manager_title for f in title.families)
        if manages and entry:
            # "Junior Engineering Manager" over duties that manage people: no junior manages a team.
            yield self.finding(
                f"junior title for a role that manages people ({cue_quotes(analysis, ('people',))})",
                title_line(analysis),
            )
            return
        named = analysis.book.families[analysis.inferred_family].level if analysis.inferred_family else ""
        if entry and named and levels[named] >= levels["senior"]:
            # The duties are a Tech Lead's: the role's name is a level no junior holds (ROLES 17.2).
            yield self.finding(
                f"junior title but the duties are {family_name(analysis, analysis.inferred_family)} work, "
                f"which is {named} level",
                title_line(analysis),
            )
            return
        if levels[inferred] >= levels[floor]:
            yield self.finding(
                f"junior title but the duties read as {inferred} level "
                f"({cue_quotes(analysis, UPWARD_LEVELS)})",
                title_line(analysis),
            )
            return
        asked = years_asked(analysis.document.text)
        if asked is not None and asked[0] >= self.opts["min_years"]:
            yield self.finding(
                f'junior title but the posting asks for {asked[0]}+ years of experience ("{asked[1]}")',
                title_line(analysis),
            )
