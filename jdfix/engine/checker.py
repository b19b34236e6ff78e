"""Check postings: parse, analyse, run the rules, decide `mismatch`. The library's front door."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jdfix.engine.analysis import Analyser, Analysis
from jdfix.engine.document import parse
from jdfix.errors import InputError
from jdfix.engine.rolebook import load_role_book
from jdfix.engine.rules import SEVERITY_RANK, Finding, RuleSet
from jdfix.io.sources import Source


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
        """True when a finding about the title (family or seniority) is at or above the fail level."""
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
        if self.mismatch:
            # The title the rule engine would write: family and level both corrected.
            from jdfix.rewriter.suggestion import rules_suggestion

            suggestion = rules_suggestion(a, self.findings)
            title = suggestion.title if suggestion else title
        return Inferred(a.inferred_family, a.inferred_seniority, title, a.confidence)

    def to_dict(self) -> dict[str, object]:
        """The JSON form of this result (report version 1)."""
        from jdfix.io.report import result_to_dict

        return result_to_dict(self)


@lru_cache(maxsize=8)
def _engine(roles: tuple[str, ...]) -> Analyser:
    return Analyser(load_role_book(roles))


@lru_cache(maxsize=32)
def _rules(options: CheckOptions) -> RuleSet:
    return RuleSet(
        select=options.select,
        ignore=options.ignore,
        severity=dict(options.severity),
        options={code: dict(values) for code, values in options.rule_options},
    )


def check_source(source: Source, options: CheckOptions = CheckOptions()) -> Result:
    """Check the text of one posting. Raises RoleBookError or ConfigError for a broken setup."""
    analysis = _engine(options.roles).analyse(parse(source.text, source.path))
    findings = _rules(options).check(analysis)
    return Result(source.path, analysis, tuple(findings), options.fail_level, line_map=source.line_map)


def check(text: str, *, path: str | None = None, config: Any = None, options: CheckOptions | None = None) -> Result:
    """Check the text of one posting and return its Result (`.mismatch`, `.title`, `.inferred.family`,
    `.findings`, `.to_dict()` equal to the JSON result).

    `config` is a `jdfix.io.config.Config` (e.g. `load_config()`) or a dict of the same keys as
    jdfix.toml; `options` (CheckOptions) wins over it. Raises TypeError unless `text` is a str
    (decode bytes first: postings must be UTF-8), ConfigError for a bad configuration.
    """
    if not isinstance(text, str):
        raise TypeError(f"jdfix.check takes the posting as str, not {type(text).__name__}")
    if options is None:
        from jdfix.io.config import check_options

        options = check_options(config)
    from jdfix.io.formats import detect, postings_in

    name = path or "<text>"
    fmt = detect(name, text) if options.input_format == "auto" else options.input_format
    if fmt != "markdown":
        postings = postings_in(name, text, fmt)
        if len(postings) != 1:
            raise InputError(name, f"{len(postings)} postings in one text: check them one by one "
                                   "(jdfix.io.sources.read_postings splits them)")
        return check_source(Source(postings[0][0], postings[0][1], False, fmt, postings[0][2]), options)
    return check_source(Source(name, text), options)
