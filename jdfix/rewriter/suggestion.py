"""Suggestions: a corrected title and duty list, and the rule engine's own (offline) suggestion."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jdfix.engine.analysis import SENIORITY_WORD, Analysis
from jdfix.engine.rules import Finding

_SENIORITY_RE = re.compile(
    r"^(?:(?:junior|jr\.?|associate|assistant|graduate|trainee|entry[- ]level|senior|sr\.?|lead|"
    r"principal|staff|head of|director of)\s+)+",
    re.IGNORECASE,
)
_FAMILY_CODES = ("JD101",)
_SENIORITY_CODES = ("JD201", "JD202")


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

    def to_dict(self) -> dict[str, object]:
        return {"title": self.title, "duties": list(self.duties), "rationale": self.rationale,
                "source": self.source, "model": self.model, "cached": self.cached}


def with_seniority(title: str, level: str, head_alias: str | None = None) -> str:
    """`title` with its leading seniority words replaced by the word for `level` (none for mid).

    A director-level title uses the family's own "head of" name when it has one ("Head of
    Product"); otherwise, like a manager level, it becomes "Lead ...": "Head of Data Analyst" is
    not a title anyone uses.
    """
    rest = _SENIORITY_RE.sub("", title.strip())
    if level in ("director", "executive") and head_alias:
        return " ".join(w if w in ("of", "and") else w[:1].upper() + w[1:] for w in head_alias.split())
    word = SENIORITY_WORD.get(level, "")
    if level in ("director", "executive", "manager"):
        word = "Lead"
    return f"{word} {rest}".strip() if word else rest


def head_alias(analysis: Analysis, family: str | None) -> str | None:
    """The family's "head of ..." title, if the role book has one."""
    if not family or family not in analysis.book.families:
        return None
    return next((a for a in analysis.book.families[family].aliases if a.startswith("head of ")), None)


def rules_suggestion(analysis: Analysis, findings: list[Finding] | tuple[Finding, ...]) -> Suggestion | None:
    """The rule engine's own fix: family and seniority corrected in the title, stray duties dropped.

    Returns None when no title finding asks for a change.
    """
    codes = {f.code for f in findings if f.about_title}
    if not codes or analysis.document.title is None:
        return None
    title = analysis.document.title.text
    target: str | None = analysis.title.family if analysis.title else None
    reasons: list[str] = []
    if codes & set(_FAMILY_CODES) and analysis.suggested_title and analysis.inferred_family:
        title = analysis.suggested_title
        target = analysis.inferred_family
        reasons.append(f"the duties are {analysis.book.families[target].name} work")
    if codes & set(_SENIORITY_CODES) and analysis.inferred_seniority:
        title = with_seniority(title, analysis.inferred_seniority, head_alias(analysis, target))
        reasons.append(f"the duties read as {analysis.inferred_seniority} level")
    # A duty goes only when it belongs to another group of roles: a Product Manager posting may
    # keep backlog duties (a neighbour's, ROLES.md §1.4) but not Scrum facilitation or coding.
    kept: list[str] = []
    dropped: list[str] = []
    families = analysis.book.families
    family_changed = bool(codes & set(_FAMILY_CODES))
    for unit in analysis.duties:
        fam = unit.family
        if (family_changed and target and fam and fam != target and not unit.scores.get(target)
                and families[fam].group != families[target].group):
            dropped.append(unit.duty.text)
        else:
            kept.append(unit.duty.text)
    if not kept:
        kept, dropped = [u.duty.text for u in analysis.duties], []
    if dropped:
        reasons.append(f"dropped {len(dropped)} dut{'y' if len(dropped) == 1 else 'ies'} that belong to another role")
    if title == analysis.document.title.text and not dropped:
        other = [f.message for f in findings if f.about_title]
        reasons.append("no safe automatic change: " + "; ".join(other))
    rationale = "; ".join(reasons)
    rationale = rationale[:1].upper() + rationale[1:] + "."
    return Suggestion(title, tuple(kept), rationale, "rules", dropped=tuple(dropped))
