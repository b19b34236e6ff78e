"""Real reports validate against the JSON Schema that `jdfix schema` prints."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests.conftest import DRAFTS, run_jdfix


def _schema() -> dict[str, object]:
    proc = run_jdfix("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_check_report_validates(tmp_path: Path) -> None:
    schema = _schema()
    (tmp_path / "empty.md").write_text("")
    proc = run_jdfix("check", "--format", "json", str(DRAFTS), str(tmp_path / "empty.md"))
    report = json.loads(proc.stdout)
    jsonschema.validate(report, schema)
    assert len(report["results"]) == len(list(DRAFTS.iterdir())) + 1


def test_fix_report_validates() -> None:
    schema = _schema()
    proc = run_jdfix("--format", "json", str(DRAFTS / "product-owner-pricing.md"), str(DRAFTS / "scrum-master.md"))
    report = json.loads(proc.stdout)
    jsonschema.validate(report, schema)
    assert report["results"][0]["suggestion"]["source"] == "rules"
    assert report["results"][1]["suggestion"] is None
