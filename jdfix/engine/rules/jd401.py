from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, title_line
from jdfix.engine.rules.wording import suggested, wording_of
from jdfix.engine.title_quality import corrected

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class GenderedTitle(Rule):
    """The title uses a gendered job word: Salesman, Chairman, Foreman, Waitress, Headmistress.

    What it flags:
    A title whose job word names a gender ("Salesman", "Chairwoman", "Cameraman", "Waitress")
    with no gender marker. A German-style marker such as (m/f/d), (m/w/d) or (f/m/x) makes the title
    neutral and is kept; "Chairperson", "Human Resources Manager" (a word containing "man") and
    "Waiter" (the neutral English form) are not flagged. The list is data: title_words.toml.

    Why it matters:
    The EU Pay Transparency Directive (2023/970, Art. 5) requires gender-neutral job titles and
    vacancy notices; national laws apply it from June 2026. Gendered titles also put off applicants
    and are flagged by job boards.

    Example:
    # Salesman

    Use instead:
    # Salesperson
    (or Sales Representative; Chair for Chairman, Supervisor for Foreman, Server for Waitress).
    The fix is safe: only the gendered word changes.
    """

    code = "JD401"
    name = "gendered-title"
    severity = "warning"
    about_title = True
    judges_fit = False

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        wording = wording_of(analysis)
        if wording is None or not wording.gendered or wording.marker:
            return
        words = ", ".join(f'"{w}" (use "{n}")' for w, n in wording.gendered)
        fixed = corrected(wording, {"gendered"})
        yield self.finding(f"gendered job title: {words}; job titles must be gender-neutral (EU Directive "
                           f"2023/970 Art. 5; a marker such as (m/f/d) also makes one neutral); "
                           f"{suggested(fixed, wording.text)}", title_line(analysis))
