"""The title the rule engine would write: family and level corrected, as the findings ask.

`Result.inferred.title` and the rule engine's own suggestion (`jdfix.rewriter.suggestion`) both
use it, so the JSON report and the offline rewrite never disagree on the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jdfix.engine.analysis import SENIORITY_WORD, Analysis, UnitAnalysis
from jdfix.engine.rules import Finding

_SENIORITY_RE = re.compile(
    r"^(?:(?:junior|jr\.?|associate|assistant|graduate|trainee|entry[- ]level|senior|sr\.?|lead|"
    r"principal|staff|head of|director of)\s+)+",
    re.IGNORECASE,
)
FAMILY_CODES = ("JD101",)
SENIORITY_CODES = ("JD201", "JD202")


@dataclass(frozen=True, slots=True)
class Retitle:
    """A corrected title, the family it names, and why it changed."""

    title: str
    target: str | None  # the family the title names after the change
    family_changed: bool
    reasons: tuple[str, ...]


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


def retitle(analysis: Analysis, findings: list[Finding] | tuple[Finding, ...]) -> Retitle | None:
    """The title the findings ask for. None when no title finding asks for a change (or no title)."""
    codes = {f.code for f in findings if f.about_title}
    if not codes or analysis.document.title is None:
        return None
    title = analysis.document.title.text
    target: str | None = analysis.title.family if analysis.title else None
    reasons: list[str] = []
    if codes & set(FAMILY_CODES) and analysis.suggested_title and analysis.inferred_family:
        title = analysis.suggested_title
        target = analysis.inferred_family
        units = [u for u in analysis.duties if u.family == target]
        reasons.append(f"{len(units)} of {len(analysis.duties)} duties are {analysis.book.families[target].name} "
                       f"work{_quoted(_family_phrases(units, target))}")
    if codes & set(SENIORITY_CODES) and analysis.inferred_seniority:
        level = analysis.inferred_seniority
        title = with_seniority(title, level, head_alias(analysis, target))
        # Say the level the title now carries: director-level work under "Lead ..." is lead level.
        said = level if not (level in ("director", "executive", "manager") and title.startswith("Lead ")) else "lead"
        reasons.append(f"the duties carry {said}-level work{_quoted(_cue_phrases(analysis, level))}")
    return Retitle(title, target, bool(codes & set(FAMILY_CODES)), tuple(reasons))


def _quoted(phrases: list[str]) -> str:
    return " (" + ", ".join(f'"{p}"' for p in phrases) + ")" if phrases else ""


def _family_phrases(units: list[UnitAnalysis], family: str, limit: int = 3) -> list[str]:
    """The role-book phrases (before the learned layer's single words) that made duties `family`'s."""
    found: list[tuple[int, str]] = []
    for u in units:
        for e in u.evidence:
            if e.family == family:
                quote = " ".join(e.quote.split())
                if quote and quote not in (q for _, q in found):
                    found.append((0 if e.weight != "L" else 1, quote))
    return [q for _, q in sorted(found, key=lambda f: f[0])[:limit]]


def _cue_phrases(analysis: Analysis, level: str, limit: int = 3) -> list[str]:
    """The words of the duties that carry `level`."""
    found: list[str] = []
    for u in analysis.units:
        for c in u.cues:
            quote = " ".join(c.quote.split())
            if c.level == level and quote and quote not in found:
                found.append(quote)
    return found[:limit]
