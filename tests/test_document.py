from __future__ import annotations

import pytest

from jdfix.engine.document import classify_heading, parse
from tests.conftest import DRAFTS


@pytest.mark.parametrize(
    ("text", "title", "line", "origin"),
    [
        ("---\ntitle: 'Data Scientist'\nteam: x\n---\n# Ignored\n", "Data Scientist", 2, "front-matter"),
        ("Intro line\n\n# Product Owner\n\n- Order the backlog\n", "Product Owner", 3, "h1"),
        ("Product Owner\n=============\n\n- Order the backlog\n", "Product Owner", 1, "h1"),
        ("Department: IT\nJob title: Business Analyst\n", "Business Analyst", 2, "label"),
        ("**Position:** Scrum Master\n\nText.\n", "Scrum Master", 1, "label"),
        ("## Tech Lead\n\nSome words here.\n", "Tech Lead", 1, "first-line"),
        ("Senior Data Engineer\n\nWe build pipelines.\n", "Senior Data Engineer", 1, "first-line"),
    ],
)
def test_title_comes_from_the_first_source_that_has_one(text: str, title: str, line: int, origin: str) -> None:
    doc = parse(text)
    assert doc.title is not None
    assert (doc.title.text, doc.title.line, doc.title.origin) == (title, line, origin)
    raw = text.split("\n")[line - 1]
    assert raw[doc.title.start : doc.title.end] == title


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Responsibilities", "duties"),
        ("What you'll do", "duties"),
        ("What you’ll do", "duties"),
        ("Key objectives", "duties"),
        ("In this role you will", "duties"),
        ("Your day to day", "duties"),
        ("Major duties", "duties"),
        ("Essential Duties and Responsibilities", "duties"),
        ("Essential Functions", "duties"),
        ("Key functions", "duties"),
        ("Essential skills", "requirements"),
        ("Requirements", "requirements"),
        ("Qualifications", "requirements"),
        ("What you bring", "requirements"),
        ("Nice to have", "requirements"),
        ("What you'll need", "requirements"),
        ("About us", "other"),
        ("Benefits", "other"),
        ("How to apply", "other"),
        ("About the role", "overview"),
        ("Strategy", "unknown"),
        # A manager's areas of work, not a section about the department
        ("Team and Department Management", "duties"),
        ("Line management", "duties"),
        ("People management", "duties"),
        ("About the department", "other"),
        ("The Directorate", "other"),
        ("Experience of line management", "requirements"),
    ],
)
def test_headings_are_classified(heading: str, kind: str) -> None:
    assert classify_heading(heading) == kind


def test_sloppy_headings_numbered_items_and_wrapping() -> None:
    doc = parse((DRAFTS / "sloppy-headings.md").read_text())
    assert doc.title is not None and doc.title.text == "Project Manager" and doc.title.origin == "label"
    assert doc.duty_origin == "section"
    assert len(doc.duties) == 6
    first = doc.duties[0]
    assert first.marker == "1)"
    assert first.text == "Develop and maintain the project plan, covering scope, schedule and funding for the replacement."
    assert (first.line, first.end_line) == (6, 7)
    # the bold "Qualifications" line starts a requirements section: its item is not a duty
    assert all("PRINCE2" not in d.text for d in doc.duties)


def test_crlf_bullets_and_colon_headings() -> None:
    text = (DRAFTS / "business-analyst-crlf.txt").read_bytes().decode("utf-8")
    doc = parse(text)
    assert doc.newline == "\r\n"
    assert doc.title is not None and doc.title.text == "Business Analyst"
    assert [d.marker for d in doc.duties] == ["•"] * 5
    assert doc.duties[0].line == 5
    assert not any(d.text.endswith("\r") for d in doc.duties)


def test_setext_title_and_prose_fallback() -> None:
    doc = parse((DRAFTS / "prose-only.md").read_text())
    assert doc.title is not None and doc.title.text == "UX Designer"
    assert doc.duty_origin == "sentences"
    assert any(d.text.startswith("You will run usability tests") for d in doc.duties)
    assert all(d.line >= 4 for d in doc.duties)


def test_list_fallback_when_no_duty_section() -> None:
    doc = parse("# Delivery Manager\n\nIntro.\n\n- Remove blockers for the team\n- Run retrospectives\n\n"
                "## Requirements\n- Five years\n")
    assert doc.duty_origin == "list"
    assert [d.text for d in doc.duties] == ["Remove blockers for the team", "Run retrospectives"]


def test_nested_items_and_subheadings_inherit_the_section_kind() -> None:
    text = ("# Developer\n\n## Main duties\n\n### Strategy\n\n- Build services\n  - with tests\n"
            "    - and reviews\n\n## Criteria\n\n### Knowledge\n\n- Knows Python\n")
    doc = parse(text)
    assert [(d.text, d.depth) for d in doc.duties] == [("Build services", 0), ("with tests", 1), ("and reviews", 2)]
    kinds = {s.heading: s.kind for s in doc.sections}
    assert kinds["Strategy"] == "duties"
    assert kinds["Knowledge"] == "requirements"


def test_loose_item_continuation_after_blank_line() -> None:
    doc = parse("# Tech Lead\n\n## Responsibilities\n\n- Own the architecture\n\n  of the billing service\n- Review code\n")
    assert [d.text for d in doc.duties] == ["Own the architecture of the billing service", "Review code"]
    assert (doc.duties[0].line, doc.duties[0].end_line) == (5, 7)


def test_code_fences_are_not_parsed() -> None:
    doc = parse("# Tech Lead\n\n## Responsibilities\n\n```\n- not a duty\n# not a heading\n```\n- Review code\n")
    assert [d.text for d in doc.duties] == ["Review code"]


def test_deep_nesting_does_not_recurse() -> None:
    text = "# Developer\n\n## Responsibilities\n" + "".join("  " * i + "- level\n" for i in range(300))
    doc = parse(text)
    assert len(doc.duties) == 300
    assert doc.duties[-1].depth == 299


def test_no_duties() -> None:
    doc = parse("# Product Owner\n\n## Requirements\n\n- Five years of experience\n")
    assert doc.duties == ()
    assert doc.duty_origin == "none"


def test_plain_text_headings_without_a_colon_open_sections() -> None:
    text = ("Product Owner\n\nResponsibilities\n- Order the backlog\n- Write user stories\n\n"
            "Requirements\n- Three years as a product owner\n\nWhat we offer\n- A pension\n")
    doc = parse(text)
    assert [s.heading for s in doc.sections if s.heading] == ["Responsibilities", "Requirements", "What we offer"]
    assert [d.text for d in doc.duties] == ["Order the backlog", "Write user stories"]
    assert doc.duty_origin == "section"


@pytest.mark.parametrize("line", ["Experience with SQL is a plus.", "We are a small team", "Our skills matter to us"])
def test_a_short_sentence_is_not_taken_for_a_heading(line: str) -> None:
    doc = parse(f"# Data Analyst\n\n{line}\n\n- Build dashboards\n")
    assert all(s.heading != line for s in doc.sections)


def test_a_markdown_table_of_duties_is_a_duty_list() -> None:
    text = ("# Engineering Manager\n\n## What you'll do\n\n| Area | What you do |\n| --- | :---: |\n"
            "| People | Run one-to-ones with seven engineers |\n| Hiring | Hire two backend engineers |\n\n"
            "## About you\n- You have managed engineers\n")
    doc = parse(text)
    assert [(d.text, d.line, d.marker) for d in doc.duties] == [
        ("People: Run one-to-ones with seven engineers", 7, "|"), ("Hiring: Hire two backend engineers", 8, "|")]
    assert doc.duty_origin == "section"


def test_a_table_row_is_rewritten_as_a_row() -> None:
    from jdfix.edit.apply import apply

    text = "# Job\n\n## Duties\n\n| Area | What |\n| --- | --- |\n| A | Do one thing |\n| B | Do another |\n"
    doc = parse(text)
    out = apply(doc, None, ["A: Do one thing", "Do a new thing"]).text
    assert out.splitlines()[-3:] == ["| --- | --- |", "| A | Do one thing |", "|  | Do a new thing |"]


def test_prose_about_the_employer_is_no_duty() -> None:
    doc = parse("# Data Analyst\n\nAcme is a great place to work. We value kindness and curiosity.\n")
    assert doc.duties == () and doc.duty_origin == "none"
    doc = parse("# Data Analyst\n\nAcme makes sensors. In this role you will build the dashboards we use.\n")
    assert [d.text for d in doc.duties] == ["In this role you will build the dashboards we use."]


def test_a_requirements_list_made_of_work_is_the_duty_list() -> None:
    text = (
        "# Content Designer\n\nWe build services for everyone.\n\n## Skills and experience\n"
        "- Write and edit content for new online services\n- Conduct content audits of existing pages\n"
        "- Identify what users need from each page\n- Deliver content that meets accessibility standards\n"
        "- Three years of content design experience\n\n## Benefits\n- A pension\n"
    )
    doc = parse(text)
    assert doc.duty_origin == "list"
    assert [d.line for d in doc.duties] == [6, 7, 8, 9, 10]


def test_a_requirements_list_of_qualifications_stays_requirements() -> None:
    text = (
        "# Data Analyst\n\nYou will answer questions with data.\n\n## Requirements\n"
        "- Experience with SQL and dashboards\n- Strong communication skills\n"
        "- Build rapport with stakeholders\n- A degree in a numerate subject\n"
    )
    doc = parse(text)
    assert doc.duty_origin == "sentences" and [d.line for d in doc.duties] == [3]


def test_prose_duties_come_before_a_list_of_skills() -> None:
    text = (
        "# Data Analyst\n\n## The role\n\nYou will design the weekly reports and answer the sales team's"
        " questions with data.\n\n## Requirements\n- Testing frameworks such as pytest\n"
        "- Reporting tools such as Looker\n- Writing skills for a general audience\n- Build rapport quickly\n"
    )
    doc = parse(text)
    assert doc.duty_origin == "sentences" and [d.line for d in doc.duties] == [5]


def test_work_in_a_requirements_list_beside_prose_duties_is_reported_as_duties() -> None:
    text = (
        "# Service Designer\n\n## The job\n\nYou will design services that everyone can use.\n\n"
        "## Skills and experience\n- Lead workshops with the people who run the service\n"
        "- Identify user needs and show how the design meets them\n"
        "- Experience of designing public services\n- A portfolio of your work\n"
    )
    doc = parse(text)
    assert doc.duty_origin == "sentences" and [d.line for d in doc.duties] == [5]
    # The work stays out of the duty list (the rewrite's), but it is duties all the same.
    assert [d.line for d in doc.work_items] == [8, 9]


def test_a_you_will_sentence_under_a_requirements_heading_is_work() -> None:
    text = (
        "# UX Designer\n\n## Duties\n- Run usability sessions\n- Map the journeys of our users\n- Test prototypes\n\n"
        "## What we're looking for\n\nYou will lead our design work on the mobile app. You'll also mentor"
        " two junior designers. You will have five years of design experience. You will be comfortable"
        " with ambiguity. In this role, you will need a portfolio. The person in this role would be"
        " responsible for the design system.\n"
    )
    doc = parse(text)
    said = [d.text for d in doc.work_items]
    assert said == ["You will lead our design work on the mobile app.", "You'll also mentor two junior designers.",
                    "The person in this role would be responsible for the design system."]


def test_with_no_duty_anywhere_what_a_requirements_list_asks_beyond_skills_is_work() -> None:
    text = (
        "# Scrum Master\n\n## Requirements\n- At least 2 years as a Scrum Master\n"
        "- Ensuring the team keeps to its definition of done\n- Ability to coach stakeholders\n"
        "- Conflict resolution within the team\n- Facilitate the sprint ceremonies\n"
    )
    doc = parse(text)
    assert doc.duty_origin == "none" and not doc.duties
    assert [d.line for d in doc.work_items] == [8, 5, 7]
    # Beside a duty list the requirements stay requirements (only work verbs count there).
    listed = parse(text.replace("## Requirements", "## Duties\n- Run the retrospectives\n\n## Requirements"))
    assert [d.line for d in listed.work_items] == [11]


@pytest.mark.parametrize(
    ("item", "work"),
    [
        ("Profile and optimise memory use of the runtime", True),
        ("Confidently explain your design decisions", True),  # an adverb before the verb
        ("Project coordination: You will be driving the project timelines", True),  # a label, then the work
        ("Meeting facilitation: You will be coordinating the partner calls", True),
        ("Writing: You will be comfortable writing for a general audience", False),
        ("Strong skills in SQL", False),
        ("Highly motivated self-starter", False),
    ],
)
def test_work_in_a_requirements_list_in_other_words(item: str, work: bool) -> None:
    text = f"# Designer\n\n## Duties\n- Run usability sessions\n\n## Skills and experience\n- {item}\n"
    assert [d.line for d in parse(text).work_items] == ([7] if work else [])
