"""What `jdfix rules` and `jdfix roles` print, as records from the library."""

from __future__ import annotations

import pytest

from jdfix.engine.rolebook import family_records, load_role_book
from jdfix.engine.rules import REGISTRY, describe
from jdfix.errors import ConfigError


def test_every_rule_is_described_in_registry_order() -> None:
    records = describe()
    assert [r["code"] for r in records] == list(REGISTRY)
    assert all(set(r) == {"code", "name", "severity", "about_title", "options", "doc"} for r in records)


def test_a_prefix_selects_its_rules_and_an_unknown_code_is_an_error() -> None:
    assert [r["code"] for r in describe(["JD2"])] == [c for c in REGISTRY if c.startswith("JD2")]
    with pytest.raises(ConfigError):
        describe(["JD999"])


def test_family_records_count_only_each_familys_own_signals() -> None:
    book = load_role_book()
    records = {r["id"]: r for r in family_records(book)}
    assert set(records) == set(book.families)
    for fam_id, record in records.items():
        assert record["signals"] == sum(1 for s in book.signals if s.listed_by == fam_id and s.family == fam_id)
