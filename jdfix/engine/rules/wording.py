"""Helpers shared by the title-wording rules (JD401-JD406): the title read once per posting."""

from __future__ import annotations

from collections.abc import Callable

from jdfix.engine.analysis import Analysis
from jdfix.engine.title_quality import TitleWording, read_wording, words


def wording_of(analysis: Analysis) -> TitleWording | None:
    """The posting's title read for wording (None when it has no title)."""
    doc = analysis.document
    if doc.title is None:
        return None
    lines = doc.text.split("\n")
    body = "\n".join(line for n, line in enumerate(lines, 1) if n != doc.title.line)
    return read_wording(doc.title.text, body)


def duties_pick(analysis: Analysis) -> Callable[[str], str | None]:
    """For an abbreviation that names several roles ("PM"): the one the duties support most."""
    ambiguous = words()["ambiguous"]

    def pick(key: str) -> str | None:
        options = ambiguous.get(key)
        if not options:
            return None
        best = max(options, key=lambda o: analysis.score(o[0]))
        return str(best[1]) if analysis.score(best[0]) > 0 else str(options[0][1])

    return pick


def duties_name(analysis: Analysis) -> str | None:
    """The name of the family the duties support, if they clearly support one."""
    fam = analysis.inferred_family
    return analysis.book.families[fam].name if fam else None


def suggested(title: str | None, original: str) -> str:
    if title is None:
        return "no safe automatic change: name the role"
    if title == original:
        return "no automatic change"
    return f"suggested title: {title}"
