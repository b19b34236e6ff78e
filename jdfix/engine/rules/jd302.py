from __future__ import annotations

from collections.abc import Iterator

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules.base import Finding, Rule, family_name


class TitleNotRecognised(Rule):
    """The title names no role family of the role book (or there is no title).

    What it flags:
    A title such as "Analyst", "Rockstar Ninja" or "Pastry Chef" that matches no alias of any
    family, or a posting with no title line at all.

    Why it matters:
    Nothing can be said about whether the duties fit a title jdfix cannot read. Vague titles also
    do badly in job-board search.

    Example:
    # Analyst

    Use instead:
    Name the role: "Business Analyst", "Data Analyst". If it is a role outside the role book,
    add your own family profile (see README, "Your own roles").
    """

    code = "JD302"
    name = "title-not-recognised"
    severity = "info"

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        doc_title = analysis.document.title
        if doc_title is None:
            yield self.finding("no title found (front matter title:, a # heading or a 'Job title:' line)", None)
            return
        if analysis.title is not None and analysis.title.family is None:
            hint = (f"; the duties read as {family_name(analysis, analysis.inferred_family)} work"
                    if analysis.inferred_family else "")
            yield self.finding(f'title "{doc_title.text}" names no known role family{hint}', doc_title.line)
