"""An Analyser reads each duty text once and shares the reading (Analyser.analyse_unit): what a
posting gets must not depend on what was read before it."""

from __future__ import annotations

import itertools

import pytest

from jdfix.engine.analysis import Analyser, Analysis
from jdfix.engine.checker import CheckOptions, Result, _rules
from jdfix.engine.document import parse
from jdfix.engine.learned import load_model
from jdfix.engine.rolebook import load_role_book

# Each line below appears in several postings, where its reading must differ:
TITLED = "- Every pipeline builder here writes and tests SQL transformations each week"  # one's own title
PEOPLE = "- Hire, coach and run weekly 1:1s with the people on the team"  # staff named or not
NAMED_LEVEL = "- The Senior Business Analyst will write the functional specifications"  # a level cue, in duties only
PLAIN = "- Keep the list of upcoming work groomed and ready for the team"

POSTINGS = {
    "pipeline-builder.md": f"# Pipeline Builder\n\n## Responsibilities\n\n{TITLED}\n{PLAIN}\n"
                           "- Build and monitor the data warehouse loads\n",
    "data-engineer.md": f"# Data Engineer\n\n## Responsibilities\n\n{TITLED}\n"
                        "- Build and monitor the data warehouse loads\n",
    "engineering-manager.md": f"# Engineering Manager\n\n## What you'll do\n\n{PEOPLE}\n"
                              "- Lead a team of six backend engineers\n- Review designs and code\n",
    "office-manager.md": f"# Office Manager\n\n## What you'll do\n\n{PEOPLE}\n{PLAIN}\n",
    "duties.md": f"# Product Owner\n\n## Duties\n\n{NAMED_LEVEL}\n{PLAIN}\n{PLAIN}\n",
    "requirements.md": f"# Product Owner\n\n## Requirements\n\n{NAMED_LEVEL}\n\n"
                       "## What you'll do\n\n- Prioritise the backlog with stakeholders\n- Write user stories\n",
}


def _units(analysis: Analysis) -> list[object]:
    """Each unit's reading, down to the learned probabilities."""
    return [(u.duty.text, u.duty.line, u.kind, u.scores, u.people_scores, u.family,
             [(e.family, e.weight, e.points, e.note, e.quote) for e in u.evidence],
             [(c.level, c.points, c.note) for c in u.cues],
             None if u.learned is None else u.learned.probs) for u in analysis.units]


def _report(analyser: Analyser, name: str) -> tuple[dict[str, object], list[object]]:
    options = CheckOptions()
    analysis = analyser.analyse(parse(POSTINGS[name], name))
    result = Result(name, analysis, tuple(_rules(options).check(analysis)), options.fail_level)
    return result.to_dict(), _units(analysis)


@pytest.fixture(scope="module")
def fresh() -> dict[str, tuple[dict[str, object], list[object]]]:
    book, model = load_role_book(()), load_model()
    return {name: _report(Analyser(book, model), name) for name in POSTINGS}


@pytest.mark.parametrize("order", list(itertools.permutations(POSTINGS))[::17])
def test_a_posting_reads_the_same_whatever_was_read_before_it(order: tuple[str, ...],
                                                               fresh: dict[str, tuple[dict[str, object], list[object]]]) -> None:
    shared = Analyser(load_role_book(()), load_model())
    for name in order:
        assert _report(shared, name) == fresh[name], name
    # Read again, from the shared readings only.
    for name in reversed(order):
        assert _report(shared, name) == fresh[name], name


def test_the_shared_readings_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import jdfix.engine.analysis as analysis

    monkeypatch.setattr(analysis, "MAX_READ", 3)
    shared = Analyser(load_role_book(()), load_model())
    for name in POSTINGS:
        _report(shared, name)
        assert len(shared._read) <= 3


def test_the_shared_lines_read_differently_where_they_should(fresh: dict[str, tuple[dict[str, object],
                                                                                   list[object]]]) -> None:
    """What the test above guards: each shared line's reading depends on its posting."""
    def reading(name: str, line: str) -> object:
        (found,) = [u[2:] for u in fresh[name][1] if u[0] == line.removeprefix("- ")]  # type: ignore[index]
        return found

    assert reading("pipeline-builder.md", TITLED) != reading("data-engineer.md", TITLED)
    assert reading("engineering-manager.md", PEOPLE) != reading("office-manager.md", PEOPLE)
    assert reading("duties.md", NAMED_LEVEL)[1:] != reading("requirements.md", NAMED_LEVEL)[1:]  # type: ignore[index]
