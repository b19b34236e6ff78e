from __future__ import annotations

from collections.abc import Iterator

from jdfix.engine.analysis import MIN_EVIDENCE, Analysis
from jdfix.engine.rules.base import Finding, Rule, family_name, quotes, title_line


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
        (first, top), (second, runner_up) = ranked[0], ranked[1]
        if runner_up < MIN_EVIDENCE or runner_up < self.opts["min_share"] * top:
            return
        yield self.finding(
            f"duties are split between {family_name(analysis, first)} ({top:.0f} points: {quotes(analysis, first, 1)}) "
            f"and {family_name(analysis, second)} ({runner_up:.0f} points: {quotes(analysis, second, 1)})",
            title_line(analysis),
        )
