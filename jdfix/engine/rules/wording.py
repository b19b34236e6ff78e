"""Helpers shared by the title-wording rules (JD401-JD406): the title read once per posting."""

from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.engine.title_quality import TitleWording, read_wording, words

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable

# The last analysis asked about and its reading: the seven wording rules and the retitle each ask,
# and each asking rebuilt the posting's body (and hashed all of it for read_wording's cache).
# One tuple, replaced whole, so threads (jdfix FILE --jobs) never see half of it.
_last: tuple[Analysis | None, TitleWording | None] = (None, None)


def wording_of(analysis: Analysis) -> TitleWording | None:
    """The posting's title read for wording (None when it has no title)."""
    global _last
    last = _last
    if last[0] is analysis:
        return last[1]
    doc = analysis.document
    if doc.title is None:
        return None
    lines = doc.text.split("\n")
    at = doc.title.line  # 1-based: every line but this one, joined in C
    body = "\n".join(lines[: at - 1] + lines[at:]) if 1 <= at <= len(lines) else doc.text
    wording = read_wording(doc.title.text, body)
    _last = (analysis, wording)
    return wording


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
