"""The title the rule engine would write: family and level corrected, as the findings ask.

`Result.inferred.title` and the rule engine's own suggestion (`jdfix.rewriter.suggestion`) both
use it, so the JSON report and the offline rewrite never disagree on the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jdfix.engine.analysis import SENIORITY_WORD, Analysis, UnitAnalysis, suggest_title
from jdfix.engine.regexes import regex
from jdfix.engine.rules import Finding
from jdfix.engine.rules.jd405 import chosen_role, reader, roles_named
from jdfix.engine.rules.wording import duties_name, duties_pick, wording_of
from jdfix.engine.title_quality import corrected, one_role, read_wording

_SENIORITY_RE = regex(
    r"^(?:(?:junior|jr\.?|associate|assistant|graduate|trainee|entry[- ]level|senior|sr\.?|lead|"
    r"principal|staff|head of|director of)\s+)+",
    re.IGNORECASE,
)
FAMILY_CODES = ("JD101",)
SENIORITY_CODES = ("JD201", "JD202")
# The title-wording rules and the fix each asks for (title_quality.corrected).
WORDING_FIXES = {"JD401": "gendered", "JD402": "jargon", "JD403": "codes", "JD404": "stuffing",
                 "JD406": "abbreviations"}
SEVERAL_ROLES_CODE = "JD405"
WORDING_REASONS = {
    "JD401": "a gender-neutral title", "JD402": "the role's name instead of jargon",
    "JD403": "no internal codes in the title", "JD404": "the title holds the job's name only",
    "JD405": "one role, the one the duties support", "JD406": "abbreviations spelled out",
}
# Moved out of the title into a line under it (`details_line`); the other extras are dropped.
DETAILS = (("location", "Location"), ("pay", "Pay"))


@dataclass(frozen=True, slots=True)
class Retitle:
    """A corrected title, the family it names, and why it changed."""

    title: str
    target: str | None  # the family the title names after the change
    family_changed: bool
    reasons: tuple[str, ...]
    details: str | None = None  # "Location: Berlin · Pay: €50k": what moved out of the title, for the body


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
    """The title the findings ask for. None when no title finding asks for a change (or no title).

    The wording fixes (JD401-JD406) come first, then the family (JD101) and the level (JD201,
    JD202) are corrected on the cleaned title, so all of them make one title.
    """
    codes = {f.code for f in findings if f.about_title}
    if not codes or analysis.document.title is None:
        return None
    title = analysis.document.title.text
    target: str | None = analysis.title.family if analysis.title else None
    reasons: list[str] = []
    details: str | None = None
    info = analysis.title
    wording_codes = sorted(c for c in codes if c in WORDING_FIXES or c == SEVERAL_ROLES_CODE)
    wording = wording_of(analysis) if wording_codes else None
    if wording is not None:
        fixes = {WORDING_FIXES[c] for c in wording_codes if c in WORDING_FIXES}
        cleaned = corrected(wording, fixes, duties_pick(analysis), duties_name(analysis))
        if cleaned and SEVERAL_ROLES_CODE in codes:
            families = roles_named(analysis, wording)
            best = chosen_role(analysis, families) if len(families) > 1 else None
            if best:
                cleaned = one_role(read_wording(cleaned), analysis.book.families[best].name)
                target = best
        if cleaned and cleaned != title:
            title = cleaned
            reasons += [WORDING_REASONS[c] for c in wording_codes]
            info = reader(analysis.book).read(title)
            if "stuffing" in fixes:
                details = details_line(wording.moved, analysis.document.text, analysis.document.title.line)
        if info is not None and info.family is None and analysis.inferred_family and codes & {"JD401", "JD402"}:
            # "SALESMAN" over product-owner duties: the neutral word is not the job either.
            name = analysis.book.families[analysis.inferred_family].name
            title = with_seniority(name, info.seniority) if info.seniority_explicit and info.seniority else name
            target = analysis.inferred_family
            reasons.append(f"the duties are {analysis.book.families[target].name} work")
    family_changed = False
    if codes & set(FAMILY_CODES) and analysis.inferred_family:
        new = (suggest_title(analysis.book, info, analysis.inferred_family, analysis.inferred_seniority)
               if title != analysis.document.title.text else analysis.suggested_title)
        if new:
            title = new
            target = analysis.inferred_family
            family_changed = True
            units = [u for u in analysis.duties if u.family == target]
            reasons.append(f"{len(units)} of {len(analysis.duties)} duties are {analysis.book.families[target].name} "
                           f"work{_quoted(_family_phrases(units, target))}")
    if codes & set(SENIORITY_CODES) and analysis.inferred_seniority:
        level = analysis.inferred_seniority
        title = with_seniority(title, level, head_alias(analysis, target))
        # Say the level the title now carries: director-level work under "Lead ..." is lead level.
        said = level if not (level in ("director", "executive", "manager") and title.startswith("Lead ")) else "lead"
        reasons.append(f"the duties carry {said}-level work{_quoted(_cue_phrases(analysis, level))}")
    return Retitle(title, target, family_changed, tuple(reasons), details)


def details_line(moved: tuple[object, ...], text: str, title_line: int) -> str | None:
    """`Location: Berlin · Pay: €50k`: the location and pay taken out of a title, for a line under it.
    None when there are none, or when the posting already says them outside the title."""
    lines = text.split("\n")
    body = "\n".join(line for n, line in enumerate(lines, 1) if n != title_line).lower()
    parts: list[str] = []
    for kind, label in DETAILS:
        values = [getattr(s, "text", "") for s in moved if getattr(s, "kind", "") == kind]
        values = [v.strip(" !*") for v in values if v.strip(" !*") and v.strip(" !*").lower() not in body]
        if values:
            parts.append(f"{label}: {', '.join(values)}")
    return " · ".join(parts) if parts else None


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
