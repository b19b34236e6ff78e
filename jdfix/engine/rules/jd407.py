from __future__ import annotations

import re
from collections.abc import Iterator

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule
from jdfix.engine.title_quality import PAY_AMOUNT_RE
from jdfix.errors import ConfigError

_PAY_CONTEXT_RE = re.compile(
    r"\b(?:salary|salaries|pay|paid|wage|compensation|remuneration|ote|base|gross|net|per\s+(?:year|annum|"
    r"month|hour|day)|p\.?a\.?|/\s?(?:yr|year|hr|hour|month)|annual(?:ly)?|hourly|range|band|up\s?to|upto|"
    r"from|between|rate|package|gehalt|vergütung)\b",
    re.IGNORECASE,
)
_RANGE_RE = re.compile(rf"(?:{PAY_AMOUNT_RE.pattern})\s*(?:-|–|—|to|bis)\s*(?:{PAY_AMOUNT_RE.pattern}|\d[\d,.]*\s?k?)",
                       re.IGNORECASE)
_PAY_SCALE_RE = re.compile(
    r"\bGS[- ]?\d{1,2}\b|\b(?:pay|salary)\s+(?:grade|band|scale|range)\b|\bTV-?L\b|\bTVöD\b|\bTV-?H\b|"
    r"\bcollective (?:labour |labor )?agreement\b|\bTarif(?:vertrag)?\b|\bEntgeltgruppe\b",
    re.IGNORECASE,
)
JURISDICTIONS = {
    "any": ("a pay amount, range or pay scale", "job boards rank and candidates filter postings by pay"),
    "eu": ("the pay or pay range (or the pay scale) before the interview",
           "EU Pay Transparency Directive 2023/970 Art. 5 (national law from June 2026)"),
    "us": ("a pay range (minimum to maximum)",
           "US state and city pay-transparency laws (CA, CO, NY, WA, IL and others) require it in the posting"),
}


def states_pay(text: str, jurisdiction: str) -> bool:
    """Whether `text` states pay as `jurisdiction` asks: a range for "us"; an amount with pay words,
    a range or a public pay scale otherwise."""
    if _PAY_SCALE_RE.search(text):
        return True
    for line in text.splitlines():
        if _RANGE_RE.search(line):
            return True
        if jurisdiction != "us" and PAY_AMOUNT_RE.search(line) and _PAY_CONTEXT_RE.search(line):
            return True
    return False


class NoPayInformation(Rule):
    """The posting states no pay or pay range.

    What it flags:
    A posting with no pay information anywhere: no amount next to a pay word ("Salary: €60,000",
    "$45/hour"), no range ("$120k-$150k"), no public pay scale ("GS-13", "TV-L E13", "pay band").
    "Competitive salary" is not pay information. The `jurisdiction` option sets what counts:
    `any` (default) and `eu` take an amount, range or pay scale; `us` asks for a range.

    Why it matters:
    The EU Pay Transparency Directive (2023/970, Art. 5) requires pay information before the
    interview; US states and cities (California, Colorado, New York, Washington...) require a pay
    range in the posting. Postings with pay get more and better-matched applicants.

    Example:
    # Product Manager
    ... (no salary anywhere)

    Use instead:
    A line such as `Pay: €65,000-€75,000 a year` (or the pay scale and grade). No automatic fix:
    only the employer knows the pay.
    """

    code = "JD407"
    name = "no-pay-information"
    severity = "info"
    options = {"jurisdiction": "any"}

    def __init__(self, severity: str | None = None, **options: object) -> None:
        super().__init__(severity, **options)
        if self.opts["jurisdiction"] not in JURISDICTIONS:
            raise ConfigError(f"rule {self.code}: option 'jurisdiction' must be one of {', '.join(JURISDICTIONS)}")

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        jurisdiction = str(self.opts["jurisdiction"])
        if states_pay(analysis.document.text, jurisdiction):
            return
        what, why = JURISDICTIONS[jurisdiction]
        yield self.finding(f"the posting states no pay: give {what} ({why})", None)
