from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import SEVERITIES, Finding, Rule, title_line
from jdfix.engine.rules.wording import suggested, wording_of
from jdfix.engine.title_quality import MILD_KINDS, WHERE, corrected, strip_marks
from jdfix.errors import ConfigError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator

_MARKS = {"!": '"!"', "*": '"*"', "emoji": "emoji", "capitals": "capitals (shouting)"}


class StuffedTitle(Rule):
    """The title carries more than the job's name: location, pay, dates, company, "urgent", `!`, capitals.

    What it flags:
    A title segment that is a location or work mode ("Berlin", "Remote", "[HCM]"), pay ("€50k",
    "Upto $3000"), an employment type ("FT", "Permanent"), a company name (a segment before the job's
    name that the posting repeats, or one ending in GmbH, Ltd, Inc...), dates, calls to apply
    ("urgent", "immediate start", "apply/referral"), a slogan around the name ("X is looking for a
    ..."), `!`, a `*` that is not a German gender star, emoji, shouting (two words in capitals, or
    the job's name in capitals) or more than `max_length` characters. A team after the job's name
    ("Senior Data Engineer, Payments") and a gender marker such as (m/f/d) are part of the name and
    stay.

    Why it matters:
    Google's JobPosting guidelines ask that `title` hold the job's name only: no addresses, dates,
    salaries or company names, no `!`/`*`, no capitals for emphasis. Boards drop or demote such
    postings, and the information is lost from the fields candidates filter on.

    Example:
    # SALESMAN – Berlin – €50k!!!

    Use instead:
    # Salesperson
    with `Location: Berlin · Pay: €50k` on a line under the title (what `jdfix --write` adds), and
    the same in the board's location and pay fields. A title whose only extras are a location,
    work mode, employment type or company name is reported at `mild_severity` (info by default),
    so it does not fail a run; pay, dates, calls to apply, slogans, marks, capitals and length
    are reported at the rule's severity.
    """

    code = "JD404"
    name = "stuffed-title"
    severity = "warning"
    about_title = True
    judges_fit = False
    options = {"max_length": 80, "mild_severity": "info"}

    def __init__(self, severity: str | None = None, **options: object) -> None:
        super().__init__(severity, **options)
        if self.opts["mild_severity"] not in SEVERITIES:
            raise ConfigError(f"rule {self.code}: option 'mild_severity' must be one of {', '.join(SEVERITIES)}")

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        wording = wording_of(analysis)
        if wording is None:
            return
        parts = [f'{kind} "{strip_marks(s.text)}" ({WHERE[kind]})'
                 for kind, s in ((s.kind, s) for s in wording.moved)]
        if wording.slogan:
            parts.append(f'a slogan around the name ("{wording.slogan} ..."; {WHERE["slogan"]})')
        parts += [_MARKS[m] for m in wording.marks]
        too_long = len(wording.text) > self.opts["max_length"]
        if too_long:
            parts.append(f"{len(wording.text)} characters (more than {self.opts['max_length']})")
        if not parts:
            return
        fixed = corrected(wording, {"stuffing"})
        mild = not wording.marks and not wording.slogan and not too_long and all(
            s.kind in MILD_KINDS for s in wording.moved)
        finding = self.finding(f"the job title carries more than the job's name: {'; '.join(parts)}; "
                               f"{suggested(fixed, wording.text)}", title_line(analysis))
        if mild and self.effective_severity == self.severity:
            finding = Finding(finding.code, finding.name, self.opts["mild_severity"], finding.message,
                              finding.line, finding.about_title, finding.judges_fit)
        yield finding
