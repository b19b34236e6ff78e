from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.regexes import IGNORECASE, regex
from jdfix.engine.rolebook import RoleBook
from jdfix.engine.rules.base import Finding, Rule, family_name, title_line
from jdfix.engine.rules.wording import duties_pick, wording_of
from jdfix.engine.title_quality import TitleWording, one_role, spelled_out
from jdfix.engine.titles import TitleReader
from jdfix.memo import memo

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator

_JOINER_RE = regex(r"/|&|\+|\band\b|\bor\b|\s[-–—|]\s", IGNORECASE)


@memo(maxsize=8)
def reader(book: RoleBook) -> TitleReader:
    return TitleReader(book)


def roles_named(analysis: Analysis, wording: TitleWording) -> list[str]:
    """The families the title's job name joins with "/", "&", "and", "or" (abbreviations spelled out)."""
    text = " / ".join(spelled_out(s.text, duties_pick(analysis)) for s in wording.roles)
    if len(wording.roles) < 2 and not _JOINER_RE.search(text):
        return []
    return list(reader(analysis.book).read(text).families)


def chosen_role(analysis: Analysis, families: list[str]) -> str | None:
    """Of the roles a title names, the one the duties support (None when they support none)."""
    best = max(families, key=analysis.score)
    return best if analysis.score(best) > 0 else None


class SeveralRolesInTitle(Rule):
    """The title names several roles at once: "Product Owner / Business Analyst", "PM/PO".

    What it flags:
    A job name that joins two role families of the role book with "/", "&", "+", "and", "or" or a
    dash: "Scrum Master & Project Manager", "PM/PO" (abbreviations are spelled out first). Synonyms
    of one family ("Programmer / Software Engineer / Full Stack Developer") are one role and pass.

    Why it matters:
    A posting is one job. A title naming two is either two jobs in one (hard to fill: few are good
    at both) or one job with a vague name; either way candidates of both kinds misjudge it.
    JD102 reports when the duties themselves are split between the two.

    Example:
    # Scrum Master & Project Manager

    Use instead:
    # Project Manager
    The role the duties support more; the other role's duties go to the person who does them. With
    no duty evidence for any of the roles named there is no automatic fix.
    """

    code = "JD405"
    name = "several-roles-in-title"
    severity = "warning"
    about_title = True
    judges_fit = False

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        wording = wording_of(analysis)
        if wording is None:
            return
        families = roles_named(analysis, wording)
        if len(families) < 2:
            return
        names = " and ".join(family_name(analysis, f) for f in families)
        evidence = ", ".join(f"{family_name(analysis, f)} {analysis.score(f):.0f}" for f in families)
        best = chosen_role(analysis, families)
        fix = (f"the duties support {family_name(analysis, best)} ({evidence}); suggested title: "
               f"{one_role(wording, family_name(analysis, best))}" if best
               else f"the duties support none of them ({evidence}): name the one job")
        yield self.finding(f"the job title names several roles: {names}; {fix}", title_line(analysis))
