from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.regexes import ASCII_TWINS, IGNORECASE, lowered_unless_twins, regex
from jdfix.engine.rules.base import Finding, Rule
from jdfix.engine.rules.wording import wording_of
from jdfix.engine.title_quality import PAY_AMOUNT_RE
from jdfix.errors import ConfigError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator

_PAY_CONTEXT_RE = regex(
    r"\b(?:salary|salaries|pay|paid|wage|wages|compensation|remuneration|ote|gross|per\s+(?:year|annum|"
    r"month|hour|day)|an?\s+(?:year|hour|month)|p\.?a\.?|annual(?:ly)?|hourly|up\s?to|upto|gehalt|vergütung)\b"
    r"|/\s?(?:yr|year|hr|hour|month)\b",
    IGNORECASE,
)
_CURRENCY_AMOUNT_RE = regex(
    r"(?:[$€£¥₹₫]|\b(?:usd|eur|gbp|chf|cad|aud|sgd|vnd|inr|jpy|sek|nok|dkk|pln)\b)\s?\d[\d,.]*\s?(?:k\b)?"
    r"|\b\d[\d,.]*\s?k?\s?(?:[$€£¥₹₫]|\b(?:usd|eur|gbp|chf|cad|aud|sgd|vnd|inr|jpy)\b)",
    IGNORECASE,
)
_WINDOW = 60  # characters either side of an amount in which a pay word makes it pay
_RANGE_RE = regex(rf"(?:{_CURRENCY_AMOUNT_RE.pattern})\s*(?:-|–|—|to|bis)\s*(?:{_CURRENCY_AMOUNT_RE.pattern}|\d[\d,.]*\s?k\b)",
                       IGNORECASE)
_PAY_SCALE_RE = regex(
    # Every alternative starts with one of the look-ahead's letters: one test rules out most
    # positions of the text, where trying the eight alternatives took a third of the rule's time.
    r"(?=[gpstce])(?:"
    r"\bGS[- ]?\d{1,2}\b|\b(?:pay|salary)\s+(?:grade|band|scale|range)\b|\bTV-?L\b|\bTVöD\b|\bTV-?H\b|"
    r"\bcollective (?:labour |labor )?agreement\b|\bTarif(?:vertrag)?\b|\bEntgeltgruppe\b)",
    IGNORECASE,
)
_DIGIT_RE = regex(r"\d")
_ASCII_DIGIT_RE = regex(r"[0-9]")  # on an ASCII line: a class tested several times faster than \d's category
# An amount in millions ("57mil", "30 triệu") is pay when its line says gross, net or salary.
_MILLION_RE = regex(r"mil|triệu", IGNORECASE)
_GROSS_OR_NET_RE = regex(r"\b(?:gross|net|salary|lương)\b", IGNORECASE)
# The ASCII signs and codes of _CURRENCY_AMOUNT_RE and PAY_AMOUNT_RE (an amount in "mil" or
# "million" without them: _MIL_AMOUNT_RE).
_MONEY_WORDS = ("$", "usd", "eur", "gbp", "chf", "cad", "aud", "sgd", "vnd", "inr", "jpy", "sek", "nok", "dkk",
                "pln")
# ... and the rest of them, for a line with other characters.
_MONEY_WORDS_ANY = (*_MONEY_WORDS, "€", "£", "¥", "₹", "₫", "triệu")
# What _PAY_SCALE_RE's alternatives need, in the text's UTF-8 bytes with ASCII letters lowercased,
# read back one character a byte (tested first: the pattern itself tries most positions of a
# text, and most texts name no pay scale). Not str.lower(): most postings hold a character outside
# ASCII (a curly quote, a bullet), which makes lowering a per-character Unicode lookup and the
# searches wider. Such a character becomes characters \x80-\xff, so each class below also takes
# those where the pattern takes a character outside ASCII: a Unicode digit for \d, a Unicode space
# for \s.
_GS_RE = regex(r"gs[- ]?[0-9\x80-\xff]")
_PAY_WORD_SCALE_RE = regex(r"pay[\s\x80-\xff]+(?:grade|band|scale|range)")  # each led by its own word: a faster scan
_SALARY_SCALE_RE = regex(r"salary[\s\x80-\xff]+(?:grade|band|scale|range)")
# "mil" is money only after a number ("57mil", "2 million"): "similar" and "family" are not.
_MIL_AMOUNT_RE = regex(r"\d\s?mil")
JURISDICTIONS = {
    "any": ("a pay amount, range or pay scale", "job boards rank and candidates filter postings by pay"),
    "eu": ("the pay or pay range (or the pay scale) before the interview",
           "EU Pay Transparency Directive 2023/970 Art. 5 (national law from June 2026)"),
    "us": ("a pay range (minimum to maximum)",
           "US state and city pay-transparency laws (CA, CO, NY, WA, IL and others) require it in the posting"),
}


def _may_name_pay_scale(text: str) -> bool:
    """False only where _PAY_SCALE_RE cannot match: its words are missing from the text (its ASCII
    letters lowercased)."""
    if not text.isascii() and any(c in text for c in ASCII_TWINS):  # see regexes.ASCII_TWINS
        return True
    # bytes.lower() lowercases only ASCII letters; latin-1 reads any byte back (see _GS_RE).
    low = text.encode("utf-8", "surrogatepass").lower().decode("latin-1")
    return ("tv" in low or "collective" in low or "tarif" in low or "entgeltgruppe" in low
            or ("gs" in low and _GS_RE.search(low) is not None)
            or ("pay" in low and _PAY_WORD_SCALE_RE.search(low) is not None)
            or ("salary" in low and _SALARY_SCALE_RE.search(low) is not None))


def states_pay(text: str, jurisdiction: str) -> bool:
    """Whether `text` states pay as `jurisdiction` asks: a range for "us"; an amount with pay words,
    a range or a public pay scale otherwise."""
    # The lines first: most postings that state pay give an amount, found before the end of the
    # text, and the pay scale's search reads all of it.
    return _pay_line(text, jurisdiction) or (_may_name_pay_scale(text) and _PAY_SCALE_RE.search(text) is not None)


def _lines_with_digits(text: str) -> Iterator[str]:
    """The lines of `text` (as str.splitlines gives them) that hold a digit (\\d), in order."""
    for line in text.splitlines():
        if (_ASCII_DIGIT_RE if line.isascii() else _DIGIT_RE).search(line):
            yield line


def _pay_line(text: str, jurisdiction: str) -> bool:
    """Whether a line of `text` states a pay amount or range (see states_pay)."""
    # Every amount and range below has a digit: most lines have none, and are skipped.
    for line in _lines_with_digits(text):
        # ... and each needs a currency sign or code, or "mil": in the lowered line (where ignoring
        # case is plain lowercasing: regexes.lowered_unless_twins) a few substring tests rule out
        # most of the rest.
        low = lowered_unless_twins(line)
        if low is not None:
            words = _MONEY_WORDS if line.isascii() else _MONEY_WORDS_ANY
            if not any(word in low for word in words) and not _MIL_AMOUNT_RE.search(low):
                continue
        # A line that gets here is often a long paragraph, where each pattern costs: a range starts
        # with an amount, so the range's pattern is tried only on a line with one; an amount in
        # millions is sought only on a line that says gross, net or salary.
        amounts = list(_CURRENCY_AMOUNT_RE.finditer(line))
        if amounts and _RANGE_RE.search(line):
            return True
        if jurisdiction == "us":
            continue
        for m in amounts:
            after = line[m.end() : m.end() + 12].lower()
            if after.lstrip().startswith(("million", "billion", "bn", "m ", "mil ")):
                continue  # funding or turnover, not pay
            if _PAY_CONTEXT_RE.search(line[max(0, m.start() - _WINDOW) : m.end() + _WINDOW]):
                return True
        if _GROSS_OR_NET_RE.search(line) and any(_MILLION_RE.search(m.group()) for m in PAY_AMOUNT_RE.finditer(line)):
            return True  # "57mil Gross"
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
        wording = wording_of(analysis)
        if wording is not None and any(s.kind == "pay" for s in wording.moved) and jurisdiction != "us":
            return  # stated, in the title: JD404 moves it out
        if states_pay(analysis.document.text, jurisdiction):
            return
        what, why = JURISDICTIONS[jurisdiction]
        yield self.finding(f"the posting states no pay: give {what} ({why})", None)
