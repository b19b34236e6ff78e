"""Check one posting's text: parse, analyse, run the rules, decide `mismatch`; and the result's JSON form."""

from __future__ import annotations

from jdfix.engine.analysis import Analyser, Analysis
from jdfix.engine.document import DUTIES, OVERVIEW, UNKNOWN, parse
from jdfix.engine.retitle import retitle
from jdfix.engine.rolebook import load_role_book
from jdfix.engine.rules import SEVERITY_RANK, Finding, RuleSet
from jdfix.memo import memo
from jdfix.records import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

REPORT_VERSION = 1
MAX_EVIDENCE = 4


@dataclass(frozen=True)
class CheckOptions:
    """What shapes a check: rule selection, severities, the fail level and extra role profiles."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    rule_options: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()
    fail_level: str = "warning"
    roles: tuple[str, ...] = ()
    input_format: str = "auto"  # auto | markdown | html | json


@dataclass(frozen=True, slots=True)
class Inferred:
    """What the duties say: their family and level, the title they call for, how sure."""

    family: str | None
    seniority: str | None
    title: str | None
    confidence: float

    def to_dict(self) -> dict[str, object]:
        return {"family": self.family, "seniority": self.seniority, "title": self.title,
                "confidence": self.confidence}


@dataclass(frozen=True)
class Result:
    """The verdict on one posting, or the error that stopped it from being read."""

    path: str
    analysis: Analysis | None = None
    findings: tuple[Finding, ...] = ()
    fail_level: str = "warning"
    error: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
    # Lines of a posting converted from HTML, in the original file (see Source.line_map)
    line_map: tuple[int, ...] | None = field(default=None, repr=False, compare=False)

    def source_line(self, line: int | None) -> int | None:
        """A line of the checked text as a line of the file it was read from."""
        if line is None or self.line_map is None or not 1 <= line <= len(self.line_map):
            return line
        return self.line_map[line - 1]

    @property
    def failing(self) -> tuple[Finding, ...]:
        """Findings at or above the fail level (info never fails)."""
        floor = max(SEVERITY_RANK[self.fail_level], SEVERITY_RANK["warning"])
        return tuple(f for f in self.findings if SEVERITY_RANK[f.severity] >= floor)

    @property
    def mismatch(self) -> bool:
        """True when a finding that the title does not fit the duties (family or seniority) is at or
        above the fail level. The title-wording findings (JD4xx) never make a mismatch."""
        return any(f.about_title and f.judges_fit for f in self.failing)

    @property
    def title_to_fix(self) -> bool:
        """True when any finding about the title (fit or wording) is at or above the fail level:
        the posting gets a corrected title."""
        return any(f.about_title for f in self.failing)

    @property
    def title(self):  # type: ignore[no-untyped-def]
        return self.analysis.title if self.analysis else None

    @property
    def inferred(self) -> Inferred:
        a = self.analysis
        if a is None:
            return Inferred(None, None, None, 0.0)
        title = a.suggested_title
        if self.title_to_fix:
            # The title the rule engine would write: family and level both corrected.
            new = retitle(a, self.findings)
            title = new.title if new else title
        return Inferred(a.inferred_family, a.inferred_seniority, title, a.confidence)

    def to_dict(self) -> dict[str, object]:
        """The JSON form of this result (report version 1). Fields keep their meaning across releases."""
        return result_to_dict(self)


# Besides the duty list, the duty sentences of these sections are reported (with `listed` false):
# overview prose and text under headings that say nothing often carry the work too.
REPORTED_KINDS = (DUTIES, OVERVIEW, UNKNOWN)


def result_to_dict(result: Result) -> dict[str, Any]:
    """One result in the report's JSON form. Fields keep their meaning across releases."""
    if result.error is not None:
        return {"path": result.path, "error": result.error}
    a = result.analysis
    assert a is not None
    doc = a.document
    t = a.title
    title: dict[str, Any] = {
        "text": doc.title.text if doc.title else None,
        "line": result.source_line(doc.title.line) if doc.title else None,
        "origin": doc.title.origin if doc.title else None,
        "family": t.family if t else None,
        "families": list(t.families) if t else [],
        "seniority": t.seniority if t else None,
        "qualifiers": list(t.qualifiers) if t else [],
    }
    ranked = a.ranked()
    inferred = result.inferred.to_dict()
    inferred["scores"] = {fam: round(score, 1) for fam, score in ranked[:4]}
    return {
        "path": result.path,
        "mismatch": result.mismatch,
        "title": title,
        "inferred": inferred,
        "duty_source": doc.duty_origin,
        "duties": _duty_dicts(result, a),
        "findings": [{**f.to_dict(), "line": result.source_line(f.line)} for f in result.findings],
        **result.extra,
    }


def _duty_dicts(result: Result, a: Analysis) -> list[dict[str, Any]]:
    """The reported units of `a` in the report's JSON form, in order."""
    work = {id(d) for d in a.document.work_items}
    # Per duty, only the steps its JSON needs: lines mapped only for a converted file, scores
    # sorted only when there are two or more, and no comprehension run for the many duties with
    # no score or no evidence (in Python 3.11 each comprehension is a call of its own).
    mapped = result.line_map is not None
    source_line = result.source_line
    out = []
    for u in a.units:
        duty = u.duty
        if not (u.in_duty_list or u.kind in REPORTED_KINDS or id(duty) in work):
            continue
        scores = u.scores
        evidence = u.evidence
        out.append({
            "line": source_line(duty.line) if mapped else duty.line,
            "end_line": source_line(duty.end_line) if mapped else duty.end_line,
            "text": duty.text,
            "family": u.family,
            "listed": u.in_duty_list,
            "scores": {fam: round(pts, 2) for fam, pts in (
                sorted(scores.items(), key=_by_score) if len(scores) > 1 else scores.items())} if scores else {},
            # Words.quote directly: the same text as Evidence.quote, one call fewer per quote.
            "evidence": [
                {"family": e.family, "phrase": " ".join(e.words.quote(e.first, e.last).split()),
                 "weight": e.weight, "signal": e.note}
                for e in evidence[:MAX_EVIDENCE]
            ] if evidence else [],
        })
    return out


def _by_score(kv: tuple[str, float]) -> tuple[float, str]:
    return (-kv[1], kv[0])


@memo(maxsize=8)
def _engine(roles: tuple[str, ...]) -> Analyser:
    from jdfix.engine.learned import load_model

    return Analyser(load_role_book(roles), load_model())


@memo(maxsize=32)
def _rules(options: CheckOptions) -> RuleSet:
    return RuleSet(
        select=options.select,
        ignore=options.ignore,
        severity=dict(options.severity),
        options={code: dict(values) for code, values in options.rule_options},
    )


def check_text(text: str, path: str, options: CheckOptions = CheckOptions(),
               line_map: tuple[int, ...] | None = None) -> Result:
    """Check the Markdown text of one posting. Raises RoleBookError or ConfigError for a broken setup.

    `line_map` gives each line's line in the file it was converted from (HTML), for the report.
    """
    analysis = _engine(options.roles).analyse(parse(text, path))
    findings = _rules(options).check(analysis)
    return Result(path, analysis, tuple(findings), options.fail_level, line_map=line_map)
