"""A posting in a recruiter's plain words, none of the jargon the role book's phrases key on, is
read as the work it describes: its duties find evidence, and a wrong title is caught (JD101).
Our own postings, one per family, each under another family's title."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import jdfix

POSTINGS = [
    ('engineering-manager', "# Tech Lead\n\n## What you'll do\n- Look after a group of seven backend engineers\n- Meet each of them one to one every week\n- Decide who we hire and help new people settle in\n- Write their reviews twice a year and agree pay rises and promotions\n"),
    ('business-analyst', "# Product Owner\n\n## What you'll do\n- Sit with people in finance and write down exactly what they need from the new system\n- Draw how work flows today and how it should flow tomorrow\n- Turn what people ask for into clear, numbered requirements and check them with them\n- Help testers check the system does what the requirements say\n"),
    ('data-analyst', "# Data Scientist\n\n## What you'll do\n- Pull the numbers the sales team asks for each week\n- Keep the charts on our reporting pages up to date\n- Spot odd changes in the figures and find out why\n- Explain what the numbers mean to managers in plain English\n"),
    ('data-engineer', "# Data Analyst\n\n## What you'll do\n- Move data from our apps into one central store every night\n- Keep those nightly jobs running and fix them when they fail\n- Lay out the tables so analysts can find what they need\n- Check the data arriving is complete and correct\n"),
    ('delivery-manager', "# Scrum Master\n\n## What you'll do\n- Make sure our three teams deliver what they promised, when they promised it\n- Keep track of risks and money for the teams' work\n- Tell the people who pay for the work how it is going\n- Help the teams plan releases together\n"),
    ('data-scientist', "# Data Analyst\n\n## What you'll do\n- Build models that predict which customers are about to leave\n- Test whether a change really made a difference, with proper statistics\n- Try new algorithms on our data and measure how well they do\n- Put the best models into the app with the engineers\n"),
    ('program-manager', "# Project Manager\n\n## What you'll do\n- Keep five related projects moving towards one goal: moving the whole company onto the new finance system\n- Spot where one project is waiting on another and sort it out early\n- Chair the monthly meeting where the project leads and the directors agree what happens next\n- Check that the company actually gets the savings it was promised\n"),
    ('product-marketing-manager', "# Product Manager\n\n## What you'll do\n- Decide how we describe the product to buyers\n- Plan how each new feature is announced and who hears about it first\n- Give the sales team slides and one-page sheets they can use\n- Keep an eye on what competitors say about themselves\n"),
    ('software-engineer', "# Business Analyst\n\n## What you'll do\n- Build new features for our web app in TypeScript and React\n- Write tests for what you build\n- Fix things when they break in production\n- Look over your teammates' code\n"),
    ('tech-lead', "# Project Manager\n\n## What you'll do\n- Decide how the parts of our system fit together and write it down\n- Be the person the other developers come to with hard technical questions\n- Look over everyone's code before it goes live\n- Still spend half your week writing code\n"),
    ('ui-designer', "# UX Designer\n\n## What you'll do\n- Make our screens look good: colours, type, spacing and icons\n- Keep our shared library of buttons and forms tidy\n- Hand over exact designs the developers can build from\n- Make sure it all looks right on phones\n"),
    ('ux-designer', "# UI Designer\n\n## What you'll do\n- Watch people use our app and ask them what gets in their way\n- Sketch out the steps a person takes to get something done\n- Try out rough versions with real users before anything is built\n- Share what you learn with the whole team\n"),
    ('business-analyst', '# Scrum Master\n\n## Your week\n- Interview staff in the claims team to learn how they do their jobs today\n- Write up what the new system must do, one requirement at a time\n- Draw diagrams of the claims process before and after the change\n- Check with the claims team that the written requirements are right before the build starts\n'),
    ('data-analyst', '# Data Engineer\n\n## Your week\n- Answer questions from the marketing team with numbers from our database\n- Keep the weekly sales charts current\n- Dig into why sign-ups dropped last month\n- Present the figures to managers in a way they understand\n'),
    ('data-engineer', '# Data Scientist\n\n## Your week\n- Build the jobs that copy data from our apps into the warehouse\n- Watch those jobs and fix them when a run fails\n- Design how the warehouse tables are organised\n- Make sure data lands complete and on time\n'),
    ('program-manager', '# Scrum Master\n\n## Your week\n- Keep several linked projects on track towards one company goal\n- Sort out clashes when one project holds up another\n- Run the monthly board with the directors and project leads\n- Check the promised benefits are delivered at the end\n'),
    ('project-manager', '# Product Manager\n\n## Your week\n- Set up the timeline for the new warehouse opening and keep everyone to it\n- Chase contractors and suppliers so each task lands on the planned date\n- Keep the budget spreadsheet current and flag overspends\n- Send the client a written progress update every Friday\n'),
    ('product-manager', '# Product Owner\n\n## Your week\n- Spend time with customers to understand what they struggle with\n- Pick the big bets for the next two years and explain why to the board\n- Work out how much to charge and for which features\n- Decide which markets we go into next\n'),
    ('product-marketing-manager', '# Project Manager\n\n## Your week\n- Write the words we use to describe our product on the website and in ads\n- Organise the launch of each new feature with sales and marketing\n- Make decks and one-pagers the sales reps can use\n- Track what our competitors are saying and how we compare\n'),
    ('product-owner', "# Business Analyst\n\n## Your week\n- Own the team's to-do list and put the most valuable things at the top\n- Explain to the developers what each piece of work is for and what good looks like\n- Sign off work when it's finished, or send it back\n- Be the one person who says yes or no to new requests for the team\n"),
    ('scrum-master', '# Delivery Manager\n\n## Your week\n- Lead the short morning meeting and keep it to fifteen minutes\n- Run the session every second Friday where the team talks about what went well and what to change\n- Coach the team to organise its own work without a boss handing out tasks\n- Protect the developers from people who walk up with urgent side jobs\n'),
    ('tech-lead', "# Scrum Master\n\n## Your week\n- Choose how our services are built and how they talk to each other\n- Review the team's code and keep quality high\n- Help the other engineers with the hardest technical problems\n- Write code yourself most days\n"),
    ('ui-designer', '# Product Manager\n\n## Your week\n- Design good-looking screens for our mobile app\n- Pick colours, fonts and icons that fit the brand\n- Look after our kit of reusable buttons, cards and menus\n- Give developers exact specs for every screen\n'),
    ('ux-designer', '# Data Analyst\n\n## Your week\n- Interview users about how they use the service\n- Run sessions where people try the app while you watch and take notes\n- Map the path a person takes from sign-up to first purchase\n- Test early paper versions of new ideas with users\n'),
]


@pytest.mark.parametrize(("family", "posting"), POSTINGS, ids=[f"{f}-{i}" for i, (f, _) in enumerate(POSTINGS)])
def test_plain_words_are_read_as_the_work_they_describe(family: str, posting: str) -> None:
    result = jdfix.check(posting)
    assert result.inferred.family == family
    assert "JD101" in {f.code for f in result.findings}


# Everyday wording of other jobs that shares words with those phrases: a support desk's queue of
# tickets and its engineers' laptops, a tester's verdict on finished work.
NOT_THOSE = ["# IT Support Analyst\n\n## Responsibilities\n- Work through the queue of upcoming tickets every morning\n- Keep the list of upcoming work items up to date\n- Look after a group of engineers' laptops and phones\n- Reset passwords and set up new starters' accounts\n",
             '# QA Engineer\n\n## Responsibilities\n- Look at finished work items and say whether they pass\n- Answer developer questions about failing tickets\n- Keep the list of upcoming work items for testing\n- Write automated tests for the web app\n']


@pytest.mark.parametrize("posting", NOT_THOSE, ids=["it-support", "qa"])
def test_plain_words_of_other_jobs_do_not_read_as_a_product_owner_or_a_manager(posting: str) -> None:
    result = jdfix.check(posting)
    assert result.inferred.family not in ("product-owner", "engineering-manager")
    strong = [e for u in result.analysis.duties for e in u.evidence
              if e.family in ("product-owner", "engineering-manager") and e.weight == "S"]
    assert not strong, [(e.family, e.quote) for e in strong]


PLAIN_DEV = Path(__file__).resolve().parents[1] / "fixtures" / "plain-dev"


def test_the_everyday_words_development_set_reads_as_its_families() -> None:
    """fixtures/plain-dev: 42 postings in a small employer's everyday words, by a writer who saw
    neither the role book nor the labelled collections (a development set: unlike
    fixtures/recruiter-words, it may be tuned on). Before exemplars-plain.tsv the family was right
    on 32 and 5 fitting titles were flagged; after, 38 and 3. A change that loses more than two of
    those needs a look."""
    with (PLAIN_DEV / "labels.tsv").open(encoding="utf-8") as fh:
        labels = list(csv.DictReader(fh, delimiter="\t"))
    assert len(labels) == 42
    results = [(row, jdfix.check((PLAIN_DEV / row["file"]).read_text(encoding="utf-8"), path=row["file"]))
               for row in labels]
    wrong = [(row["file"], r.inferred.family) for row, r in results if r.inferred.family != row["family"]]
    flagged = [row["file"] for row, r in results if r.mismatch]
    assert len(wrong) <= 6, wrong
    assert len(flagged) <= 5, flagged
