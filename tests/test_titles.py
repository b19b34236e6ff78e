from __future__ import annotations

from pathlib import Path

import pytest

from jdfix.engine.rolebook import load_role_book
from jdfix.engine.titles import TitleReader
from jdfix.errors import RoleBookError


@pytest.fixture(scope="module")
def reader() -> TitleReader:
    return TitleReader(load_role_book())


@pytest.mark.parametrize(
    ("title", "family", "seniority"),
    [
        ("Product Owner", "product-owner", None),
        ("Sr. Technical Product Owner", "product-owner", "senior"),
        ("Product Manager/Project Manager", "product-manager", None),
        ("Head of Product", "product-manager", "director"),
        ("Head of Product Management", "product-manager", "director"),
        ("Login.gov: Product Manager GS15", "product-manager", "senior"),
        ("Lead developer - management", "engineering-manager", "manager"),
        ("Engineering Supervisor", "engineering-manager", "manager"),
        ("Engineering Manager", "engineering-manager", "manager"),
        ("Head of Engineering", "engineering-manager", "director"),
        ("Junior Data Analyst", "data-analyst", "junior"),
        ("Associate Delivery Manager", "delivery-manager", "junior"),
        ("Principal Software Engineer", "software-engineer", "principal"),
        ("Data Analyst II", "data-analyst", "mid"),
        ("Technical Lead", "tech-lead", "lead"),
        ("Programme delivery manager", "delivery-manager", None),
        ("Agile Coach", "scrum-master", None),
        ("UX/Interaction Designer", "ux-designer", None),
        ("Senior Product Marketing Manager", "product-marketing-manager", "senior"),
        ("Pastry Chef", None, None),
        ("Analyst", None, None),
        # A leader of a discipline's own work: that family, at a manager's level (ROLES.md §17.4).
        ("Data Science Manager", "data-scientist", "manager"),
        ("Director, Data Science", "data-scientist", "director"),
        ("Head of Data Science", "data-scientist", "director"),
        ("Analytics Lead", "data-analyst", "lead"),
        ("Manager, Business Intelligence", "data-analyst", "manager"),
        ("Senior UX Research Manager", "ux-designer", "senior"),
        ("Head of Product Design", "ux-designer", "director"),
        ("Visual Design Lead", "ui-designer", "lead"),
        ("Manager of Software Development", "engineering-manager", "manager"),
        ("Product Marketer", "product-marketing-manager", None),
        ("Graphic Designer", "ui-designer", None),
        # Not these: a building firm's Design Manager, a market researcher.
        ("Design Manager", None, None),
        ("Consumer Insights Manager", None, None),
        # A business function before "Program Manager" names that function's job, outside the book.
        ("Marketing Programs Manager", None, None),
        ("Diversity and Inclusion Program Manager", None, None),
        ("Senior Partner Program Manager", None, "senior"),
        ("Senior Technical Program Manager", "program-manager", "senior"),
        ("Community Technical Program Manager", None, None),  # the whole name, not "program manager" in it
        ("Marketing / Program Manager", "program-manager", None),  # two roles, not a marketing programme
        ("Marketing and Program Manager", "program-manager", None),
        ("Localization Project Manager", "project-manager", None),
    ],
)
def test_titles(reader: TitleReader, title: str, family: str | None, seniority: str | None) -> None:
    info = reader.read(title)
    assert (info.family, info.seniority) == (family, seniority)


def test_two_families_in_one_title(reader: TitleReader) -> None:
    info = reader.read("Product Manager/Project Manager")
    assert info.families == ("product-manager", "project-manager")


def test_an_alias_two_families_share_names_both(reader: TitleReader) -> None:
    assert reader.read("Programme delivery manager").families == ("delivery-manager", "program-manager")


def test_qualifiers_are_kept(reader: TitleReader) -> None:
    info = reader.read("Senior Product Manager - Platform")
    assert info.qualifiers == ("platform",)


@pytest.mark.parametrize(
    ("title", "families"),
    [("Director of Front-end Engineering", ("engineering-manager", "software-engineer")),
     ("Tech Manager, Software Engineering - Data", ("engineering-manager", "software-engineer")),
     ("Engineering Program Manager", ("program-manager",)),
     ("Software Engineer, Platform Engineering", ("software-engineer",)),
     ("Director, Product Engineering", ("engineering-manager",)),
     ("Release Train Engineer", ("program-manager", "scrum-master"))],
)
def test_who_leads_engineering_is_read_as_an_engineering_manager(title: str, families: tuple[str, ...]) -> None:
    assert TitleReader(load_role_book()).read(title).families == families


@pytest.mark.parametrize(("title", "level"), [("Junior Tech Lead", "junior"), ("Senior Tech Lead", "lead"),
                                              ("Associate Director", "director")])
def test_a_junior_word_is_the_level_of_a_lead_role(title: str, level: str) -> None:
    assert TitleReader(load_role_book()).read(title).seniority == level


@pytest.mark.parametrize(("title", "families", "level"),
                         [("Lead Engineering Manager", ("engineering-manager", "tech-lead"), "manager"),
                          ("Tech Lead, Graduate Engineering Programme", ("tech-lead",), "lead")])
def test_lead_titles_read_whole(title: str, families: tuple[str, ...], level: str) -> None:
    info = TitleReader(load_role_book()).read(title)
    assert (info.families, info.seniority) == (families, level)


def test_a_team_profile_names_its_own_not_after_words(tmp_path: Path) -> None:
    chef = tmp_path / "pastry-chef.toml"
    chef.write_text('id = "pastry-chef"\nname = "Pastry Chef"\naliases = ["pastry chef"]\n'
                    'not_after = ["frozen", "ice cream"]\n[[signal]]\nweight = "S"\nmatch = ["laminated dough"]\n')
    reader = TitleReader(load_role_book((str(chef),)))
    assert reader.read("Senior Pastry Chef").family == "pastry-chef"
    assert reader.read("Frozen Pastry Chef").family is None
    assert reader.read("Ice Cream Pastry Chef").family is None
    assert reader.read("Ice Pastry Chef").family == "pastry-chef"  # an entry's words together, not each
    assert reader.read("Frozen, Pastry Chef").family == "pastry-chef"
    for value in ("3", '["the"]'):
        bad = tmp_path / "bad.toml"
        bad.write_text(f'id = "baker"\nname = "Baker"\nnot_after = {value}\n')
        with pytest.raises(RoleBookError, match="not_after"):
            load_role_book((str(bad),))
