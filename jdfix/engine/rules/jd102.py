from __future__ import annotations

from jdfix.engine.analysis import MIN_EVIDENCE, Analysis
from jdfix.engine.rules.base import Finding, Rule, family_name, quotes, title_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator


class DutiesSplitBetweenFamilies(Rule):
    """The duties are split between two role families of similar weight: a hybrid posting.

    What it flags:
    A posting whose duties carry strong evidence for two families at once, for example half
    project planning (schedule, budget, RAID log) and half product discovery and roadmap.

    Why it matters:
    Hybrid roles are hard to fill: few people are strong at both jobs, and each half is judged by
    a different kind of candidate. Often it is two jobs, or one job with the other's chores.

    Example:
    # Product Manager
    - Own the product roadmap and run customer discovery
    - Maintain the project schedule, budget and RAID log

    Work a job's postings carry by their nature is not a split: an Engineering Manager's duties
    name the engineers' work, a Tech Lead's their own coding (the role book's `includes`).

    Use instead:
    Decide which job it is and move the other half to the person who does it, or name both in
    the title ("Product and Project Manager") so candidates know.
    """

    code = "JD102"
    name = "duties-split-between-families"
    severity = "info"
    options = {"min_share": 0.6}

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        ranked = analysis.ranked()
        if analysis.inferred_family is None or len(ranked) < 2:
            return
        first, top = ranked[0]
        # Work one family's postings carry (an Engineering Manager's engineers', a Tech Lead's own
        # coding: `includes`) is that job, not a second one: the runner-up is the best family outside it.
        families = analysis.book.families
        related = {first, *families[first].includes} | {f for f, fam in families.items() if first in fam.includes}
        second, runner_up = next(((f, v) for f, v in ranked[1:] if f not in related), (None, 0.0))
        if second is None:
            return
        if runner_up < MIN_EVIDENCE or runner_up < self.opts["min_share"] * top:
            return
        yield self.finding(
            f"duties are split between {family_name(analysis, first)} ({top:.0f} points: {quotes(analysis, first, 1)}) "
            f"and {family_name(analysis, second)} ({runner_up:.0f} points: {quotes(analysis, second, 1)})",
            title_line(analysis),
        )
