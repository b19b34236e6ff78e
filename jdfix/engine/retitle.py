"""The title the rule engine would write: family and level corrected, as the findings ask.

`Result.inferred.title` and the rule engine's own suggestion (`jdfix.rewriter.suggestion`) both
use it, so the JSON report and the offline rewrite never disagree on the title.
"""

from __future__ import annotations

from jdfix.engine.analysis import (
    SENIORITY_SECTION_WEIGHT,
    SENIORITY_WORD,
    Analysis,
    UnitAnalysis,
    suggest_title,
)
from jdfix.engine.regexes import IGNORECASE, regex
from jdfix.engine.rules import Finding
from jdfix.engine.rules.jd405 import chosen_role, reader, roles_named
from jdfix.engine.rules.seniority import MIN_YEARS_ABOVE_JUNIOR, UPWARD_LEVELS, years_asked
from jdfix.engine.rules.wording import duties_name, duties_pick, wording_of
from jdfix.engine.title_quality import corrected, one_role, read_wording
from jdfix.records import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Sequence

_SENIORITY_RE = regex(
    r"^(?:(?:junior|jr\.?|associate|assistant|graduate|trainee|entry[- ]level|senior|sr\.?|lead|"
    r"principal|staff|head of|director of)\s+)+",
    IGNORECASE,
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
        title, reason = level_fix(analysis, title, target, codes)
        reasons.append(reason)
    return Retitle(title, target, family_changed, tuple(reasons), details)


def level_fix(analysis: Analysis, title: str, target: str | None,
              codes: frozenset[str] | set[str] = frozenset()) -> tuple[str, str]:
    """`title` at the level the duties support (`choose_level`), and the reason. The reason names
    one level, the one the title now carries; a level it turned down is named only as a title."""
    choice = choose_level(analysis)
    rank = analysis.book.levels
    way = "lower" if rank[choice.inferred] < rank[choice.title_level] else "higher"
    asked = years_asked(analysis.document.text) if "JD201" in codes else None
    if asked and asked[0] >= MIN_YEARS_ABOVE_JUNIOR and choice.title_level == "junior" and choice.level == "junior":
        # The duties read junior, the years asked do not: the title loses "Junior" (one step).
        return (with_seniority(title, "mid", head_alias(analysis, target)),
                f'the posting asks for {asked[0]}+ years of experience ("{asked[1]}"), more than a junior has')
    weak = (f"only {_units(choice.units)}{_quoted(choice.quotes)} {'points' if choice.units == 1 else 'point'} {way}"
            if choice.units else f"no duty names a level {way}")
    if choice.level == choice.title_level:
        return title, f"the level stays {choice.title_level}: {weak}, too few to move the title {choice.steps} levels"
    title = with_seniority(title, choice.level, head_alias(analysis, target))
    # Say the level the title now carries: director-level work under "Lead ..." is lead level.
    said = choice.level
    if choice.level in ("director", "executive", "manager") and title.startswith("Lead "):
        said = "lead"
    if not choice.capped and choice.level == "mid":
        asked = years_asked(analysis.document.text) if "JD201" in codes else None
        if asked and asked[0] >= MIN_YEARS_ABOVE_JUNIOR:
            return title, f'the posting asks for {asked[0]}+ years of experience ("{asked[1]}"), more than a junior has'
        if not choice.quotes:
            return title, "nothing in the duties reads above mid level"
    if not choice.capped:
        return title, f"the duties carry {said}-level work{_quoted(choice.quotes)}"
    turned_down = f"too few for a {choice.inferred} title"
    if choice.inferred == "mid" and not choice.units and choice.level == "senior":
        return title, ("nothing in the duties reads above mid level: one level down, as more needs duties "
                       "that say so")
    if choice.level == "mid":
        return title, f"the duties support mid level (no level word): {weak}, {turned_down}"
    if choice.backing == choice.quotes:  # the same duties, read one level lower
        return title, f"the duties carry {said}-level work{_quoted(choice.quotes)}: {_units(choice.units)}, {turned_down}"
    return title, f"the duties carry {said}-level work{_quoted(choice.backing)}; {weak}, {turned_down}"


def _units(n: int) -> str:
    return "one duty" if n == 1 else f"{n} duties"


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


def _quoted(phrases: Sequence[str]) -> str:
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


# How far the title's level may move on how much evidence. One step (Junior -> plain, Senior ->
# plain) is the finding's own fix. More than one needs independent duties, each with a cue of its
# own (the same phrase twice is one signal): one per step, at most `SEVERAL`, and more of them than
# duties pointing the other way; or a clear majority of the duty list. So one phrase ("under the
# guidance", "executive team") never moves a title two levels. On the labelled postings of
# ../shared this costs some agreement with the labelled level on titles moved two bands away on
# purpose (40 of 67 against 47), where a real senior posting carries one senior cue.
SEVERAL = 3
UPWARD_CUES = UPWARD_LEVELS
# The cue groups (seniority.toml) that speak for each level the analysis can infer. Moving down
# to the middle, the evidence is the junior cues: the work sits below the title's level.
LEVEL_CUES = {"junior": ("junior",), "mid": ("junior",), "senior": UPWARD_CUES,
              "manager": ("people", "director", "executive"), "director": ("director", "executive"),
              "executive": ("executive",)}
# Where a too-weak move falls back to, nearest first: levels that clear the seniority finding.
_UPWARD_FALLBACK = ("executive", "director", "manager", "senior", "mid")
_DOWNWARD_FALLBACK = ("junior", "mid")


@dataclass(frozen=True, slots=True)
class LevelChoice:
    """The level a corrected title carries, and the evidence for it."""

    level: str  # the title's level after the change (the title's own when the evidence is too thin)
    title_level: str  # the title's level before it ("mid" when the title names none)
    inferred: str  # what the duties read as, before the guard
    steps: int  # how many levels apart the title's and the inferred level are
    quotes: tuple[str, ...]  # the phrases that speak for the inferred level
    units: int  # how many independent duties carry them
    capped: bool  # the inferred level was further than the evidence carries
    backing: tuple[str, ...] = ()  # the phrases that speak for the chosen level


def choose_level(analysis: Analysis) -> LevelChoice:
    """The level the title should carry: the inferred one when it is one step from the title's,
    or the evidence for the move is strong (see SEVERAL); else the nearest level on the way that
    the evidence carries and that clears the finding; else the title's own level."""
    info = analysis.title
    have = info.seniority if info and info.seniority_explicit and info.seniority else "mid"
    inferred = analysis.inferred_seniority or "mid"
    rank = analysis.book.levels
    t, i = rank[have], rank[inferred]
    if i > t:
        ladder = [inferred, *(lv for lv in _UPWARD_FALLBACK if t < rank[lv] < i)]
    else:
        # A Staff/Principal/Head-of title over work of no level (JD202) comes down to Senior,
        # which clears that finding; over junior work, Senior would not.
        down = (*_DOWNWARD_FALLBACK, "senior") if inferred == "mid" else _DOWNWARD_FALLBACK
        ladder = [inferred, *(lv for lv in down if i < rank[lv] < t)]
    opposing = len(_signals(analysis, ("junior",) if i > t else UPWARD_CUES)[0])
    units, quotes = _signals(analysis, LEVEL_CUES.get(inferred, UPWARD_CUES))
    chosen, backed = have, quotes
    for level in ladder:
        steps = abs(rank[level] - t)
        backing, backed = _signals(analysis, LEVEL_CUES[level])
        listed = sum(1 for u in backing if u.in_duty_list)
        if (steps <= 1 or (len(backing) >= min(steps, SEVERAL) and len(backing) > opposing)
                or (listed >= 2 and 2 * listed > len(analysis.duties))):
            chosen = level
            break
    return LevelChoice(chosen, have, inferred, abs(i - t), tuple(quotes[:3]), len(units), chosen != inferred,
                       tuple(backed[:3]))


def _signals(analysis: Analysis, kinds: tuple[str, ...]) -> tuple[list[UnitAnalysis], list[str]]:
    """The independent duties (and sentences of sections that count for the level) with a cue of
    `kinds` that no earlier one has said, and their phrases."""
    units: list[UnitAnalysis] = []
    quotes: list[str] = []
    seen: set[str] = set()
    for u in analysis.units:
        if not u.in_duty_list and SENIORITY_SECTION_WEIGHT[u.kind] <= 0.0:
            continue
        fresh = [" ".join(c.quote.split()) for c in u.cues if c.level in kinds]
        fresh = [q for q in dict.fromkeys(fresh) if q and q.lower() not in seen]
        if fresh:
            units.append(u)
            quotes += fresh
            seen.update(q.lower() for q in fresh)
    return units, quotes
