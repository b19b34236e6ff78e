from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, title_line
from jdfix.engine.rules.wording import suggested, wording_of
from jdfix.engine.title_quality import corrected

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class InternalCodeInTitle(Rule):
    """The title carries an internal level or requisition code: "Engineer II", "L5", "IC3", "Req #1234".

    What it flags:
    Level codes (a Roman numeral at the end of the job's name, L5, IC3, E5, P4, Grade 7, Band B)
    and requisition or reference numbers (Req #1234, (REQ-88), a leading "25164 -") in the title.
    US federal GS grades ("Product Manager GS15") are a public pay plan, not an internal code, and
    are not flagged.

    Why it matters:
    Google's JobPosting guidelines ask that the title hold the job's name only, no job codes.
    Candidates outside the company cannot read its ladder, so "II" or "P4" says nothing to them,
    and the code keeps the posting out of searches for the plain name.

    Example:
    # Software Engineer L5 (REQ-88)

    Use instead:
    # Senior Software Engineer
    The level in words where the code implies one (I: Junior, III: Senior, L5/E5/IC4/P3: Senior,
    L6/IC5/P4: Staff, L7/IC6/P5: Principal), else the code is removed; the requisition number
    belongs in the posting's reference field.
    """

    code = "JD403"
    name = "internal-code-in-title"
    severity = "warning"
    about_title = True
    judges_fit = False

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        wording = wording_of(analysis)
        if wording is None or not wording.codes:
            return
        fixed = corrected(wording, {"codes"})
        codes = ", ".join(f'"{c}"' + (f" (= {w})" if w else "") for c, w in wording.codes)
        yield self.finding(f"internal code in the job title: {codes}; candidates cannot read a company's "
                           f"ladder or requisition numbers; {suggested(fixed, wording.text)}", title_line(analysis))
