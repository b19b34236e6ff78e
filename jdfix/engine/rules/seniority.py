"""Helpers shared by the seniority rules."""

from __future__ import annotations

from jdfix.engine.analysis import Analysis

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
