"""Read a job title: its role family (or families), seniority and qualifiers.

Handles what real titles look like: "Sr. Technical Product Owner", "Product Manager/Project
Manager", "Head of Product", "Login.gov: Product Manager GS15", "Lead developer - management",
"Engineering Supervisor".
"""

from __future__ import annotations

from jdfix.engine.phrases import stems_of
from jdfix.engine.regexes import IGNORECASE, regex
from jdfix.engine.rolebook import TITLE_WORD_RE as _WORD_RE
from jdfix.engine.rolebook import RoleBook, leader_titles
from jdfix.records import dataclass

_GS_RE = regex(r"\bgs[- ]?(\d{1,2})\b", IGNORECASE)
_SEGMENT_RE = regex(r"\s+[-–—|]\s+|\s*[(),]\s*|\s+[–—]|[–—]\s+")
_HEAD_OF_RE = regex(r"\b(?:head|director|vp|vice president|chief|manager)\s+of\s+(.+)$")
# "Director, Data Science", "Manager, Analytics": the leader's word first, then what is led.
_LEADER_FIRST_RE = regex(r"^(?:(?:senior|sr\.?|associate|assistant)\s+)?(?:head|director|vp|manager|lead)\s*,\s*(.+)$")
_LEAD_RE = regex(r"\b(lead|leader|management|manager)\b")
_MANAGEMENT_QUALIFIERS = frozenset({"management", "manager", "people management", "people manager", "managerial"})
_ROMAN_OR_DIGIT = frozenset({"i", "ii", "iii", "iv", "1", "2", "3", "4"})
_LEADING_WORDS = frozenset({"the", "a", "an", "as", "our", "this", "your", "each", "every"})


_LEADERSHIP_WORD_RE = regex(r"\b(?:director|head|vp|vice president|chief|manager|supervisor)\b", IGNORECASE)
_ENGINEERING_WORD_RE = regex(r"\bengineering\b", IGNORECASE)


def _leads_engineering(title: str) -> bool:
    """A leadership word and the word "engineering" in one title (two linear searches, not one
    regex with `.*` between them, which is quadratic on a long line of repeated words)."""
    return _LEADERSHIP_WORD_RE.search(title) is not None and _ENGINEERING_WORD_RE.search(title) is not None


_LEAD_WORD_RE = regex(r"\blead", IGNORECASE)
_EM_NAME_RE = regex(r"\bengineering manager\b", IGNORECASE)
_COLON_SPLIT_RE = regex(r":\s+|\s*:\s*(?=[A-Z])")
_JUNIOR_WORD_RE = regex(r"\b(?:junior|jr|graduate|entry[ -]level|trainee|apprentice|intern)\b", IGNORECASE)


@dataclass(frozen=True, slots=True)
class TitleInfo:
    """What a title says: family (first named), every family named, seniority and qualifiers."""

    text: str
    family: str | None
    families: tuple[str, ...]
    seniority: str | None
    seniority_explicit: bool  # the title says it in words, not only by its family
    qualifiers: tuple[str, ...]
    alias: str | None


def names_entry_level(title: str) -> bool:
    """Whether a title names an entry level in words (Junior, Graduate, Trainee, ...), beyond the
    Associate and Assistant grades that reach mid level in many organisations."""
    return _JUNIOR_WORD_RE.search(title) is not None


def _names_other_work(text: str, stems: tuple[str, ...], i: int,
                      entries: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of a family's `not_after` entries stands right before the role name at stem
    `i`: "Marketing Program Manager", not "Marketing / Program Manager" or "Marketing and Program
    Manager" (stems_of drops the slash and the "and", so the words' own text decides)."""
    before = next((e for e in entries if i >= len(e) and tuple(stems[i - len(e) : i]) == e), None)
    if before is None:
        return False
    words = text.lower().split()
    # Neighbouring words with nothing but a space between them, as stems.
    return any(a[-1:].isalnum() and b[:1].isalnum() and stems_of(a)[-1:] == (before[-1],)
               and stems_of(b)[:1] == (stems[i],) for a, b in zip(words, words[1:]))


class TitleReader:
    """Compiled alias and seniority tables of a role book."""

    def __init__(self, book: RoleBook) -> None:
        self.book = book
        # Made when the book is compiled (RoleBook.title_tables), and kept with it.
        self._aliases, self._tokens_by_first, self._openers = book.title_tables
        # "Data Science Manager": a manager of the family's own work, so a manager by level.
        self._leader_titles = frozenset(t for fam in book.families.values() for t in leader_titles(fam))
        # The stems of each family's `not_after` entries ("Marketing Program Manager" is no
        # programme manager of the role book's kind).
        self._not_after = {fid: tuple(stems_of(w) for w in fam.not_after)
                           for fid, fam in book.families.items() if fam.not_after}

    def _families_in(self, text: str) -> list[tuple[int, str, str, int]]:
        """(position, family, alias, length) of each non-overlapping alias, longest first."""
        stems = stems_of(text)
        found: list[tuple[int, str, str, int]] = []
        not_after = self._not_after
        i = 0
        while i < len(stems):
            hit = vetoed = 0
            for seq, fid, alias in self._aliases.get(stems[i], ()):
                if hit and len(seq) < hit:
                    break
                if tuple(stems[i : i + len(seq)]) == seq:
                    if i and fid in not_after and _names_other_work(text, stems, i, not_after[fid]):
                        vetoed = max(vetoed, len(seq))  # the whole name: not its shorter aliases
                        continue
                    # An alias two families share ("programme delivery manager") names both.
                    found.append((i, fid, alias, len(seq)))
                    hit = len(seq)
            i += hit or vetoed or 1
        return found

    def _match(self, text: str) -> list[tuple[int, str, str, int]]:
        found = self._families_in(text)
        # "Head of X" / "X Lead" / "X management" name the X manager role.
        t = text.lower()
        m = _HEAD_OF_RE.search(t) or _LEADER_FIRST_RE.search(t)
        if m:
            t = m.group(1) + " manager"
        if found:
            if m:
                # "Head of Product Design" leads design, not product ("head of product"): a
                # discipline's leader title read from the same words is the more specific.
                led = self._families_in(t)
                if led and led[0][2] in self._leader_titles:
                    return led
            return found
        t = _LEAD_RE.sub("manager", t)
        return self._families_in(t) if t != text.lower() else []

    def _seniority(self, text: str) -> str | None:
        words = _WORD_RE.findall(text.lower().replace("sr.", "sr ").replace("jr.", "jr "))
        best: str | None = None
        i = 0
        by_first = self._tokens_by_first
        while i < len(words):
            for seq, level in by_first.get(words[i], ()):
                if tuple(words[i : i + len(seq)]) != seq:
                    continue
                if len(seq) == 1 and seq[0] in _ROMAN_OR_DIGIT and i != len(words) - 1:
                    continue  # "I" or "2" only counts as a grade at the end of the title
                if best is None or self.book.levels[level] > self.book.levels[best]:
                    best = level
                i += len(seq) - 1
                break
            i += 1
        if best == "lead":
            junior = _JUNIOR_WORD_RE.search(text)
            lead = _LEAD_WORD_RE.search(text)
            if junior and lead and junior.start() < lead.start():
                best = "junior"  # "Junior Tech Lead": the lead is the role's name, the level is junior
        gs = _GS_RE.search(text)
        if gs and best is None:
            grade = int(gs.group(1))
            best = "junior" if grade <= 7 else "mid" if grade <= 12 else "senior"
        return best

    def role_at_start(self, text: str) -> tuple[str, str | None, str] | None:
        """A role named at the start of a sentence ("The Senior Programmer will ...", "As a Product
        Lead, you ..."): its family, the level the words give it, and the words. None if there is none."""
        # Most texts open with no role name: the first word past "the/as a/our" tells, cheaply.
        low = text[:120].lower()
        for m in _WORD_RE.finditer(low):
            first = m.group()
            if first not in _LEADING_WORDS:
                if first not in self._openers:
                    return None
                break
        else:
            return None
        words = _WORD_RE.findall(low)[:10]
        i = 0
        while i < len(words) and words[i] in _LEADING_WORDS:
            i += 1
        if i >= len(words) or words[i] not in self._openers:
            return None
        level: str | None = None
        start = i
        for seq, lvl in self._tokens_by_first.get(words[i], ()):
            if tuple(words[i : i + len(seq)]) == seq and not (len(seq) == 1 and seq[0] in _ROMAN_OR_DIGIT):
                level = lvl
                i += len(seq)
                break
        rest = stems_of(" ".join(words[i : i + 6]))
        if not rest:
            return None
        for seq, fid, alias in self._aliases.get(rest[0], ()):
            if tuple(rest[: len(seq)]) == seq:
                return fid, level or self._seniority(alias), " ".join(words[start : i + len(alias.split())])
        return None

    def read(self, title: str) -> TitleInfo:
        """Parse one title. Never raises."""
        clean = " ".join(title.split())
        # Before a colon is usually a team or programme name ("Login.gov: Product Manager");
        # look after it first.
        parts = [p for p in _COLON_SPLIT_RE.split(clean) if p.strip()]
        ordered = parts[1:] + parts[:1] if len(parts) > 1 else parts
        matches: list[tuple[int, str, str, int]] = []
        for part in ordered:
            matches = self._match(part)
            if matches:
                break
        families: list[str] = []
        for _, fid, _, _ in sorted(matches):
            if fid not in families:
                families.append(fid)
        alias = sorted(matches)[0][2] if matches else None
        segments = [s.strip().lower() for s in _SEGMENT_RE.split(clean) if s and s.strip()]
        qualifiers = tuple(s for s in segments[1:] if s)
        if families and families[0] in ("software-engineer", "tech-lead", "data-engineer") and (
            any(q in _MANAGEMENT_QUALIFIERS for q in qualifiers)
            # "Director of Front-end Engineering", "Tech Manager, Software Engineering": one who
            # leads the engineering, not one who does it.
            or (families[0] != "tech-lead" and _leads_engineering(clean))
        ) and "engineering-manager" in self.book.families and "engineering-manager" not in families:
            families.insert(0, "engineering-manager")
        if families[:1] == ["tech-lead"] and "engineering-manager" not in families and _EM_NAME_RE.search(clean):
            families.insert(0, "engineering-manager")  # "Lead Engineering Manager": "lead engineer" read first
        seniority = self._seniority(clean)
        explicit = seniority is not None
        if seniority is None and families:
            fam = self.book.families[families[0]]
            if fam.people_manager_title or alias in self._leader_titles:
                seniority = "manager"
            elif families[0] == "tech-lead":
                seniority = "lead"
        if families and families[0] == "engineering-manager" and seniority in (None, "lead", "senior"):
            seniority = "manager"
        return TitleInfo(
            text=clean,
            family=families[0] if families else None,
            families=tuple(families),
            seniority=seniority,
            seniority_explicit=explicit,
            qualifiers=qualifiers,
            alias=alias,
        )
