"""Suggestions: a corrected title and duty list, and the rule engine's own (offline) suggestion."""

from __future__ import annotations

from dataclasses import dataclass

from jdfix.engine.analysis import Analysis
from jdfix.engine.retitle import head_alias, retitle, with_seniority
from jdfix.engine.rules import Finding

__all__ = ["Suggestion", "head_alias", "rules_suggestion", "with_seniority"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed title and duty list, where it came from, and whether it passed the re-check."""

    title: str
    duties: tuple[str, ...]
    rationale: str
    source: str  # "rules" | "llm"
    model: str | None = None
    cached: bool = False
    dropped: tuple[str, ...] = ()
    details: str | None = None  # a line for under the title: what moved out of it (location, pay)

    def to_dict(self) -> dict[str, object]:
        return {"title": self.title, "duties": list(self.duties), "rationale": self.rationale,
                "source": self.source, "model": self.model, "cached": self.cached}


def rules_suggestion(analysis: Analysis, findings: list[Finding] | tuple[Finding, ...]) -> Suggestion | None:
    """The rule engine's own fix: family and seniority corrected in the title, stray duties dropped.

    Returns None when no title finding asks for a change.
    """
    new = retitle(analysis, findings)
    if new is None or analysis.document.title is None:
        return None
    title, target, reasons = new.title, new.target, list(new.reasons)
    # A duty goes only when it belongs to another group of roles: a Product Manager posting may
    # keep backlog duties (a neighbour's, ROLES.md §1.4) but not Scrum facilitation or coding.
    kept: list[str] = []
    dropped: list[str] = []
    families = analysis.book.families
    for unit in analysis.duties:
        fam = unit.family
        if (new.family_changed and target and fam and fam != target and not unit.scores.get(target)
                and families[fam].group != families[target].group):
            dropped.append(unit.duty.text)
        else:
            kept.append(unit.duty.text)
    if not kept:
        kept, dropped = [u.duty.text for u in analysis.duties], []
    if dropped:
        reasons.append(f"dropped {len(dropped)} dut{'y that belongs' if len(dropped) == 1 else 'ies that belong'} to another role")
    if new.details:
        reasons.append(f"moved out of the title into a line under it: {new.details}")
    if title == analysis.document.title.text and not dropped:
        other = [f.message for f in findings if f.about_title]
        reasons.append("no safe automatic change: " + "; ".join(other))
    rationale = "; ".join(reasons)
    rationale = rationale[:1].upper() + rationale[1:] + "."
    return Suggestion(title, tuple(kept), rationale, "rules", dropped=tuple(dropped), details=new.details)
