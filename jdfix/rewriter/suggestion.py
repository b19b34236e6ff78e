"""Suggestions: a corrected title and duty list, and the rule engine's own (offline) suggestion."""

from __future__ import annotations

from jdfix.engine.analysis import Analysis, UnitAnalysis
from jdfix.engine.regexes import regex
from jdfix.engine.retitle import head_alias, retitle, with_seniority
from jdfix.engine.rules import Finding
from jdfix.records import dataclass

__all__ = ["DIRECTIONS", "Suggestion", "head_alias", "keep_title_suggestion", "rules_suggestion", "typical_duties",
           "with_seniority"]

DIRECTIONS = ("retitle", "keep-title")
_SOURCE_TAG_RE = regex(r"\s*\[[A-Z0-9, ]+\]$")


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
    direction: str = "retitle"  # retitle: the title fits the duties; keep-title: the duties fit the title
    elsewhere: tuple[str, ...] = ()  # keep-title: draft duties that belong to another role
    checklist: tuple[str, ...] = ()  # keep-title, offline: the title family's typical duties

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"title": self.title, "duties": list(self.duties), "rationale": self.rationale,
                                   "source": self.source, "model": self.model, "cached": self.cached,
                                   "direction": self.direction}
        if self.direction == "keep-title":
            data["elsewhere"] = list(self.elsewhere)
            data["checklist"] = list(self.checklist)
        return data


def typical_duties(analysis: Analysis, family: str, limit: int = 10) -> list[str]:
    """The role book's typical duties of `family`: the notes of its own strong signals."""
    book = analysis.book
    notes = [s.note for s in book.signals if s.family == family and s.listed_by == family and s.weight == "S"]
    return [_SOURCE_TAG_RE.sub("", note) for note in notes][:limit]  # "[SG]": where the role book has it from


def belongs_elsewhere(analysis: Analysis, family: str | None) -> list[str]:
    """The duties that read as another family's work, which `family`'s role does not carry: work
    the role book names for that family (JD103's test), not words the learned layer leans on."""
    if not family or family not in analysis.book.families:
        return []
    includes = analysis.book.families[family].includes
    return [u.duty.text for u in analysis.duties
            if reads_elsewhere(u, family) and u.family not in includes and u.names_work_of(u.family or "")]


def reads_elsewhere(unit: UnitAnalysis, family: str) -> bool:
    """Whether `unit` reads as another family's work: its own family is another, and `family`'s
    evidence in it is under half of that family's (a pricing duty with a hint of backlog work)."""
    own = unit.family
    return bool(own) and own != family and unit.scores.get(family, 0.0) * 2 < unit.scores.get(own or "", 0.0)


def keep_title_suggestion(analysis: Analysis) -> Suggestion | None:
    """Keep the title, and say which duties belong elsewhere, with the title family's typical
    duties as a checklist to replace them. Nothing is invented: the duty list stays as it is.

    Returns None when the posting has no title.
    """
    doc_title = analysis.document.title
    if doc_title is None:
        return None
    family = analysis.title.family if analysis.title else None
    duties = tuple(u.duty.text for u in analysis.duties)
    if not family:
        return Suggestion(doc_title.text, duties, "The title names no role of the role book, so there is no "
                          "checklist of its duties.", "rules", direction="keep-title")
    name = analysis.book.families[family].name
    elsewhere = belongs_elsewhere(analysis, family)
    others = sorted({analysis.book.families[u.family].name for u in analysis.duties
                     if u.duty.text in elsewhere and u.family})
    rationale = (f"Keeping the title {doc_title.text}: {len(elsewhere)} of {len(duties)} duties read as "
                 f"{', '.join(others) or 'other roles'} work; replace them with {name} duties such as the "
                 "checklist." if elsewhere else f"Keeping the title {doc_title.text}: no duty belongs to another role.")
    return Suggestion(doc_title.text, duties, rationale, "rules", direction="keep-title",
                      elsewhere=tuple(elsewhere), checklist=tuple(typical_duties(analysis, family)))


def rules_suggestion(analysis: Analysis, findings: list[Finding] | tuple[Finding, ...]) -> Suggestion | None:
    """The rule engine's own fix: family and seniority corrected in the title, stray duties dropped.

    Returns None when no title finding asks for a change.
    """
    new = retitle(analysis, findings)
    if new is None or analysis.document.title is None:
        return None
    title, target, reasons = new.title, new.target, list(new.reasons)
    # A duty goes only when it belongs to another group of roles: a Product Manager posting may
    # keep backlog duties (a neighbour's, ROLES.md §1.4) but not Scrum facilitation or coding. And
    # only on that role's work named in the role book (names_work_of), as JD103: of the duties the
    # learned layer alone moved to another group, fewer than half were that group's (labelled postings).
    kept: list[str] = []
    dropped: list[str] = []
    families = analysis.book.families
    for unit in analysis.duties:
        fam = unit.family
        if (new.family_changed and target and fam and fam != target and not unit.scores.get(target)
                and families[fam].group != families[target].group and unit.names_work_of(fam)):
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
