"""Helpers shared by the seniority rules."""

from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.regexes import IGNORECASE, regex

# The cue levels that speak for a level above the middle.
UPWARD_LEVELS = ("senior", "people", "director", "executive")

# ROLES.md §17.3: Product Manager and Project Manager are not people-manager titles.
NOT_PEOPLE_MANAGER_FAMILIES = frozenset({"product-manager", "project-manager"})


def cue_quotes(analysis: Analysis, levels: tuple[str, ...], limit: int = 2) -> str:
    """The first few phrases that carried the given seniority cues, quoted."""
    seen: list[str] = []
    for unit in analysis.units:
        for cue in unit.cues:
            if cue.level not in levels:
                continue
            q = " ".join(cue.quote.split())
            if q.lower() not in (s.lower() for s in seen):
                seen.append(q)
        if len(seen) >= limit:
            break
    return ", ".join(f'"{q}"' for q in seen[:limit]) or "no evidence quoted"


MIN_YEARS_ABOVE_JUNIOR = 5  # years of experience asked that no junior post asks for (JD201)

# "5+ years of experience", "at least 5 years' experience", "experience: 5-10 years": the
# smallest number of a range is what is asked.
_YEARS_RE = regex(r"(?<![\d.,$£€])(\d{1,2})\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*\+?\s*)?years?\b", IGNORECASE)


def years_asked(text: str) -> tuple[int, str] | None:
    """The most years of experience a line of the posting asks for, and the words; None if none.
    Only lines that speak of experience count ("founded 20 years ago" asks nothing)."""
    best: tuple[int, str] | None = None
    for line in text.splitlines():
        if "experienc" not in line.lower():
            continue
        line = " ".join(line.split())  # one blank between words: no run for the blanks' \s* to split
        low = line.lower()
        for m in _YEARS_RE.finditer(line):
            # "5+ years of experience", "experience: 5 years", "5 years' relevant experience":
            # the word within a few words of the number ("founded 20 years ago ... experience" no).
            before = low[max(0, m.start() - 25) : m.start()].rsplit(". ", 1)[-1]
            after = low[m.end() : m.end() + 45].split(". ", 1)[0]
            if ("experienc" not in before and "experienc" not in after) or after.startswith((" ago", " old")):
                continue  # "founded 20 years ago ... customer experience" asks nothing
            n = int(m.group(1))
            if n <= 20 and (best is None or n > best[0]):
                best = (n, " ".join(m.group(0).split()))
    return best
