from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, title_line
from jdfix.engine.rules.wording import duties_name, suggested, wording_of
from jdfix.engine.title_quality import corrected

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class JargonTitle(Rule):
    """The title uses jargon instead of the job's name: ninja, rockstar, guru, wizard, hero, evangelist.

    What it flags:
    A word such as ninja, rockstar, guru, wizard, hero, unicorn, jedi or evangelist in the part of
    the title that names the job ("Rockstar Developer", "Python Ninja", "Data Wizard", "Developer
    Evangelist"). A company or team name outside the job's name ("Ninja Van Tech Lab - Software
    Engineering Manager") and other words that only contain one ("Data Wizardry Team Lead": the
    role is Team Lead) are not flagged.

    Why it matters:
    Candidates and job boards search for job names: nobody searches for "ninja". Joblint flags
    these words; they also read as a young, male-coded culture and put experienced applicants off.

    Example:
    # Python Ninja

    Use instead:
    # Software Engineer
    When the jargon word only decorates a real job name ("Rockstar Developer") it is dropped
    ("Developer"); when it is the job's name, the role the duties support takes its place. With no
    such role there is no automatic fix.
    """

    code = "JD402"
    name = "jargon-title"
    severity = "warning"
    about_title = True
    judges_fit = False

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        wording = wording_of(analysis)
        if wording is None or not wording.jargon:
            return
        fixed = corrected(wording, {"jargon"}, name=duties_name(analysis))
        words = ", ".join(f'"{w}"' for w in dict.fromkeys(wording.jargon))
        yield self.finding(f"jargon in the job title: {words} is not a job's name; candidates and job boards "
                           f"search for the role; {suggested(fixed, wording.text)}", title_line(analysis))
