from __future__ import annotations

from jdfix.engine.analysis import Analysis, carries_decisive
from jdfix.engine.rules.base import Finding, Rule, family_name, quotes, title_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class TitleFamilyDiffersFromDuties(Rule):
    """The title names one role family but the duties clearly belong to another.

    What it flags:
    A posting whose title is, say, Product Owner while its duties are pricing, go-to-market and
    market research: the evidence for another family outweighs the title's own by a clear margin.

    Why it matters:
    Candidates search and self-select by title. A Product Manager will skip a "Product Owner" ad,
    and the Product Owners who apply will be judged on work they were never told about.

    Example:
    # Product Owner
    - Set pricing and packaging for the product line
    - Own the go-to-market plan and the annual roadmap

    Use instead:
    # Product Manager
    (or keep the title and rewrite the duties to the backlog, stories and sprint reviews)
    """

    code = "JD101"
    name = "title-family-differs-from-duties"
    severity = "error"
    about_title = True
    options = {"min_ratio": 1.8, "min_gap": 5.0, "group_ratio": 2.0, "min_group": 8.0, "group_own_share": 0.8}

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        title, inferred = analysis.title, analysis.inferred_family
        if title is None or title.family is None or inferred is None or inferred in title.families:
            return
        book = analysis.book
        if any(inferred in book.families[f].includes for f in title.families):
            return  # a Tech Lead's duties are largely engineering: that is the job, not a mismatch
        top = analysis.score(inferred)
        # Duties read as a Product Owner's for want of a product manager's decisive work weigh the
        # PM's other work (discovery, requirements, metrics) for the PO (ROLES.md 1.4), and so no
        # longer for a Product Manager title: counted once, on the side the reading puts it.
        moved = {n for n in book.families[inferred].needs_decisive
                 if not carries_decisive(book, analysis.units, inferred, n)}
        reading = top + sum(analysis.score(n) for n in moved)
        own = max(0.0 if f in moved else analysis.score(f) for f in title.families)
        clear_over_family = reading >= self.opts["min_ratio"] * own and reading - own >= self.opts["min_gap"]
        # Across groups (an engineering posting titled Business Analyst) the whole neighbourhood
        # of the duties outweighs the title's, even when a stray duty or two speaks for the title.
        other_group = book.families[inferred].group != book.families[title.family].group
        duties_group = analysis.group_score(inferred)
        title_group = max(analysis.group_score(f) for f in title.families)
        clear_over_group = (
            other_group
            and duties_group >= self.opts["min_group"]
            and duties_group >= self.opts["group_ratio"] * title_group
            and own < self.opts["group_own_share"] * top
        )
        if not (clear_over_family or clear_over_group):
            return
        evidence = quotes(analysis, inferred)
        yield self.finding(
            f"title says {family_name(analysis, title.family)} but the duties are "
            f"{family_name(analysis, inferred)} work (evidence {reading:.0f} points vs {own:.0f} for "
            f"{family_name(analysis, title.family)}"
            + (f": {evidence}" if evidence else "")
            + "".join(f"; {family_name(analysis, n)}'s {_points(analysis.score(n))} carry none of its "
                      "decisive work, so they count for the reading" for n in sorted(moved) if round(analysis.score(n)) >= 1)
            + f"); suggested title: {analysis.suggested_title}",
            title_line(analysis),
        )


def _points(value: float) -> str:
    return "1 point" if round(value) == 1 else f"{value:.0f} points"
