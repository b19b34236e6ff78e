"""Is a suggestion faithful to the draft? The checks every suggestion (LLM or rules) passes before
it is shown as a fix.

- `title-fits`: the edited posting no longer mismatches (the rule engine's re-check).
- `no-invented-duty`: every new or reworded duty rewords a duty of the draft (content-stem
  overlap), or is a standard duty of the family the new title names (a role-book signal of that
  family matches it), and is then listed as added.
- `no-unexplained-drop`: every draft duty the suggestion leaves out reads as another family's work;
  a duty that reads as the target family's work, or as no family's, may not silently go.
- `other-sections-untouched`: the edit changed no line but the title's and the duty list's.

Re-check and edit are done by the pipeline; this module judges their outcome, so it needs neither.
"""

from __future__ import annotations

from jdfix.engine.analysis import Analysis, UnitAnalysis
from jdfix.engine.phrases import stems_of
from jdfix.linediff import opcodes
from jdfix.records import dataclass
from jdfix.rewriter.suggestion import reads_elsewhere

GROUNDED = 0.5  # share of a new duty's content words that must come from one draft duty
GROUNDED_ALL = 0.75  # ... or from the draft's duties together (a duty that merges two)
KEPT = 0.5  # share of a draft duty's content words a new duty must carry to count as keeping it
STANDARD_WEIGHTS = ("S", "M")  # role-book signals that make a new duty a family's standard duty


@dataclass(frozen=True, slots=True)
class Check:
    """One check of a suggestion: its name, whether it passed, and what it found."""

    name: str
    ok: bool
    detail: str

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class DutyNote:
    """A duty the suggestion drops or adds, and why (`explained` False: nothing justifies it)."""

    duty: str
    reason: str
    explained: bool

    def to_dict(self) -> dict[str, object]:
        return {"duty": self.duty, "reason": self.reason, "explained": self.explained}


@dataclass(frozen=True, slots=True)
class Faithfulness:
    """The checks of one suggestion, and the duties it drops and adds."""

    checks: tuple[Check, ...]
    dropped: tuple[DutyNote, ...]
    added: tuple[DutyNote, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    return len(set(a) & set(b))


def _share(part: tuple[str, ...], of: tuple[str, ...]) -> float:
    return _shared(part, of) / len(set(of)) if of else 1.0


def _grounded(new: tuple[str, ...], drafts: list[tuple[str, ...]], everything: set[str]) -> bool:
    if not new:
        return True
    if any(_share(d, new) >= GROUNDED for d in drafts):
        return True
    return len(set(new) & everything) / len(set(new)) >= GROUNDED_ALL


def _kept(old: tuple[str, ...], new: list[tuple[str, ...]]) -> bool:
    if not old:
        return True
    return any(_share(n, old) >= KEPT or (n and _share(old, n) >= KEPT and _shared(old, n) >= 2) for n in new)


def _quote(unit: UnitAnalysis, family: str | None) -> str:
    phrase = next((e.quote for e in unit.evidence if e.family == family), "")
    return " ".join(phrase.split())


def _family_name(analysis: Analysis, family: str | None) -> str:
    return analysis.book.families[family].name if family and family in analysis.book.families else "no role's"


def _drop_note(analysis: Analysis, unit: UnitAnalysis, target: str | None) -> DutyNote:
    """Why a draft duty may go: it reads as another family's work, which the target does not carry."""
    fam = unit.family
    text = unit.duty.text
    if fam is None:
        return DutyNote(text, "not explained: the duty reads as work any role does, so it stays", False)
    name = _family_name(analysis, fam)
    quote = _quote(unit, fam)
    said = f' ("{quote}")' if quote else ""
    if target and (fam == target or not reads_elsewhere(unit, target)):
        return DutyNote(text, f"not explained: it reads as {name} work{said}, which the "
                              f"{_family_name(analysis, target)} title carries", False)
    if target and target in analysis.book.families and fam in analysis.book.families[target].includes:
        return DutyNote(text, f"not explained: {name} work{said} is part of the "
                              f"{_family_name(analysis, target)} role", False)
    return DutyNote(text, f"reads as {name} work{said}", True)


def _added_note(after: Analysis | None, duty: str, target: str | None) -> DutyNote:
    """A new duty no draft duty grounds: a standard duty of the target family, or an invention."""
    unit = None
    if after is not None:
        unit = next((u for u in after.duties if u.duty.text.strip() == duty.strip()), None)
    if unit is not None and target:
        hit = next((e for e in unit.evidence if e.family == target and e.weight in STANDARD_WEIGHTS), None)
        if hit is not None:
            name = _family_name(after, target) if after else target
            return DutyNote(duty, f'added: a standard {name} duty ("{" ".join(hit.quote.split())}")', True)
    return DutyNote(duty, "invented: it rewords no duty of the draft", False)


def _untouched(before: str, after: str, allowed: set[int]) -> list[int]:
    """The lines (1-based, of `before`) the edit changed outside `allowed`."""
    a, b = before.split("\n"), after.split("\n")
    outside: list[int] = []
    for op, i1, i2, _j1, _j2 in opcodes(a, b):
        if op == "equal":
            continue
        if op == "insert":
            # Inserted after line i1 (1-based): fine next to a line the edit may change.
            if i1 not in allowed and i1 + 1 not in allowed:
                outside.append(i1 + 1)
            continue
        outside += [n for n in range(i1 + 1, i2 + 1) if n not in allowed]
    return outside


def judge(analysis: Analysis, duties: tuple[str, ...], edited_text: str, after: Analysis | None,
          remaining: list[str], extra_lines: set[int] | frozenset[int] = frozenset()) -> Faithfulness:
    """Check a suggestion's duty list against the draft it rewrites.

    `after` is the analysis of the edited posting, `remaining` the title findings it still has,
    `extra_lines` further lines the edit may change (other places the title stands).
    """
    doc = analysis.document
    target = (after.title.family if after is not None and after.title else None) or analysis.inferred_family
    draft_units = list(analysis.units)
    draft_stems = [stems_of(u.duty.text) for u in draft_units]
    everything = {s for stems in draft_stems for s in stems}
    old_texts = {u.duty.text.strip() for u in draft_units}
    new_stems = [stems_of(d) for d in duties]

    added: list[DutyNote] = []
    for duty, stems in zip(duties, new_stems):
        if duty.strip() in old_texts or _grounded(stems, draft_stems, everything):
            continue
        added.append(_added_note(after, duty, target))
    invented = [n for n in added if not n.explained]

    dropped = [_drop_note(analysis, u, target) for u in analysis.duties
               if not _kept(stems_of(u.duty.text), new_stems)]
    unexplained = [n for n in dropped if not n.explained]

    allowed = set(extra_lines)
    if doc.title is not None:
        allowed.add(doc.title.line)
    for u in analysis.duties:
        allowed.update(range(u.duty.line, u.duty.end_line + 1))
    outside = _untouched(doc.text, edited_text, allowed)

    checks = (
        Check("title-fits", not remaining,
              "the rewritten posting passes jdfix check" if not remaining
              else "the rewrite still mismatches: " + "; ".join(remaining)),
        Check("no-invented-duty", not invented,
              "every duty rewords a draft duty" + (f" or is a standard duty ({len(added)} added)" if added else "")
              if not invented else "; ".join(f'"{n.duty}" is not in the draft' for n in invented)),
        Check("no-unexplained-drop", not unexplained,
              (f"{len(dropped)} dropped, each reads as another role's work" if dropped else "no duty dropped")
              if not unexplained else f"{len(unexplained)} of {len(analysis.duties)} duties dropped without a "
              "reason: " + "; ".join(f'"{n.duty}" ({n.reason})' for n in unexplained)),
        Check("other-sections-untouched", not outside,
              "only the title and the duty list changed" if not outside
              else "lines outside the title and the duty list changed: " + ", ".join(map(str, outside[:10]))),
    )
    return Faithfulness(checks, tuple(dropped), tuple(added))
