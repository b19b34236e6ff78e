from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, title_line
from jdfix.engine.rules.wording import duties_pick, suggested, wording_of
from jdfix.engine.title_quality import corrected

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class UnexplainedAbbreviation(Rule):
    """The title abbreviates the job's name: "Sr. PM", "TPM", "BA", "SWE".

    What it flags:
    Abbreviated role names (PM, TPM, PO, BA, SM, EM, SWE, SDE, PMM, DS, in capitals) and
    abbreviated words (Sr., Jr., Snr, Mgr, Eng, Dev, Exec, Assoc, Dir) in the job's name, unless
    the title spells them out too ("Technical Program Manager (TPM)"). Acronyms that are the usual
    name (UX, QA, SRE, VP) are not flagged.

    Why it matters:
    Candidates and job boards search for the spelled-out name; "PM" is a product, project or
    program manager depending on who reads it.

    Example:
    # Sr. PM

    Use instead:
    # Senior Product Manager
    An abbreviation that names several roles ("PM", "TPM") is spelled out as the one the duties
    support.
    """

    code = "JD406"
    name = "unexplained-abbreviation"
    severity = "info"
    about_title = True
    judges_fit = False

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        wording = wording_of(analysis)
        if wording is None or not wording.abbreviations:
            return
        pick = duties_pick(analysis)
        fixed = corrected(wording, {"abbreviations"}, pick)
        words = ", ".join(f'"{a}"' for a, _ in wording.abbreviations)
        yield self.finding(f"abbreviation in the job title: {words}; candidates search for the full name; "
                           f"{suggested(fixed, wording.text)}", title_line(analysis))
