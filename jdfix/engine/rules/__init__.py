"""The rule registry: `{code: rule class}`, and running the selected rules over an analysis."""

from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import SEVERITIES, SEVERITY_RANK, Finding, Rule
from jdfix.engine.rules.jd001 import UnusedSuppression, suppressions
from jdfix.engine.rules.jd101 import TitleFamilyDiffersFromDuties
from jdfix.engine.rules.jd102 import DutiesSplitBetweenFamilies
from jdfix.engine.rules.jd103 import DutyFromAnotherFamily
from jdfix.engine.rules.jd201 import JuniorTitleWithSeniorDuties
from jdfix.engine.rules.jd202 import SeniorTitleWithoutSeniorDuties
from jdfix.engine.rules.jd203 import ManagerTitleWithoutPeopleDuties
from jdfix.engine.rules.jd204 import PeopleDutiesUnderIndividualTitle
from jdfix.engine.rules.jd301 import NoDutiesFound
from jdfix.engine.rules.jd302 import TitleNotRecognised
from jdfix.engine.rules.jd303 import DutiesOutsideRoleBook
from jdfix.engine.rules.jd401 import GenderedTitle
from jdfix.engine.rules.jd402 import JargonTitle
from jdfix.engine.rules.jd403 import InternalCodeInTitle
from jdfix.engine.rules.jd404 import StuffedTitle
from jdfix.engine.rules.jd405 import SeveralRolesInTitle
from jdfix.engine.rules.jd406 import UnexplainedAbbreviation
from jdfix.engine.rules.jd407 import NoPayInformation
from jdfix.errors import ConfigError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any

REGISTRY: dict[str, type[Rule]] = {
    cls.code: cls
    for cls in (
        UnusedSuppression,
        TitleFamilyDiffersFromDuties,
        DutiesSplitBetweenFamilies,
        DutyFromAnotherFamily,
        JuniorTitleWithSeniorDuties,
        SeniorTitleWithoutSeniorDuties,
        ManagerTitleWithoutPeopleDuties,
        PeopleDutiesUnderIndividualTitle,
        NoDutiesFound,
        TitleNotRecognised,
        DutiesOutsideRoleBook,
        GenderedTitle,
        JargonTitle,
        InternalCodeInTitle,
        StuffedTitle,
        SeveralRolesInTitle,
        UnexplainedAbbreviation,
        NoPayInformation,
    )
}
BY_NAME = {cls.name: cls for cls in REGISTRY.values()}

__all__ = ["REGISTRY", "SEVERITIES", "SEVERITY_RANK", "Finding", "Rule", "RuleSet", "describe", "resolve_code"]


def resolve_code(token: str) -> list[str]:
    """Codes named by a code (JD101), a prefix (JD1, JD), a rule name, or ALL. Raises ConfigError."""
    t = token.strip()
    if t.upper() == "ALL":
        return list(REGISTRY)
    if t in BY_NAME:
        return [BY_NAME[t].code]
    codes = [c for c in REGISTRY if c.startswith(t.upper())]
    if not codes:
        raise ConfigError(f"unknown rule {token!r} (see `jdfix rules`)")
    return codes


class RuleSet:
    """The rules a run uses: selection, ignores, severity overrides and per-rule options."""

    def __init__(
        self,
        select: Iterable[str] = ("ALL",),
        ignore: Iterable[str] = (),
        severity: Mapping[str, str] | None = None,
        options: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        chosen: list[str] = []
        for token in select:
            chosen += [c for c in resolve_code(token) if c not in chosen]
        ignored = {c for token in ignore for c in resolve_code(token)}
        overrides: dict[str, str] = {}
        for token, sev in (severity or {}).items():
            for code in resolve_code(token):
                overrides[code] = sev
        opts: dict[str, Mapping[str, Any]] = {}
        for token, values in (options or {}).items():
            for code in resolve_code(token):
                opts[code] = values
        self.rules: list[Rule] = [
            REGISTRY[c](overrides.get(c), **opts.get(c, {})) for c in REGISTRY if c in chosen and c not in ignored
        ]

    def check(self, analysis: Analysis) -> list[Finding]:
        """The findings of every selected rule, less those a posting's inline comments suppress."""
        findings = [f for rule in self.rules for f in rule.check(analysis)]
        sups = suppressions(analysis.document.text)
        if sups:
            active = {r.code for r in self.rules}
            findings, unused = _apply_suppressions(findings, sups, active)
            meta = next((r for r in self.rules if isinstance(r, UnusedSuppression)), None)
            if meta is not None:
                findings += list(meta.check_unused(unused))
        # By line; findings about the whole posting (no line, such as JD407) after the rest.
        findings.sort(key=lambda f: (f.line is None, f.line or 0, -SEVERITY_RANK[f.severity], f.code))
        return findings


def describe(tokens: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The rules the tokens name (codes, prefixes or names; all when none) as records: code, name,
    severity, about_title, options and the four-part doc. Raises ConfigError for an unknown token."""
    wanted = [c for token in tokens for c in resolve_code(token)] or list(REGISTRY)
    return [{"code": code, "name": REGISTRY[code].name, "severity": REGISTRY[code].severity,
             "about_title": REGISTRY[code].about_title, "options": dict(REGISTRY[code].options),
             "doc": REGISTRY[code].doc()} for code in wanted]


def _apply_suppressions(findings: list[Finding], sups: list[Any],
                        active: set[str]) -> tuple[list[Finding], list[tuple[Any, str]]]:
    """Drop suppressed findings; return the rest and the suppressions that suppressed nothing
    (only for rules that ran: a suppression of a rule not selected is not judged)."""
    codes_of: list[tuple[Any, set[str] | None]] = []
    for sup in sups:
        try:
            codes_of.append((sup, set(resolve_code(sup.token))))
        except ConfigError:
            codes_of.append((sup, None))
    used: set[int] = set()
    kept: list[Finding] = []
    for f in findings:
        hit = [i for i, (sup, codes) in enumerate(codes_of) if codes and f.code in codes and sup.covers(f.line)]
        if hit:
            used.update(hit)
        else:
            kept.append(f)
    unused = [(sup, "names no rule" if codes is None else "suppresses nothing")
              for i, (sup, codes) in enumerate(codes_of)
              if i not in used and (codes is None or codes & active)]
    return kept, unused
