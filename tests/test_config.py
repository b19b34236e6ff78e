"""Configuration files, inline suppressions and the GitHub annotation format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import jdfix
from tests.conftest import DRAFTS, run_jdfix

PO = (DRAFTS / "product-owner-pricing.md").read_text()


def _codes(proc_stdout: str) -> list[str]:
    return [f["code"] for f in json.loads(proc_stdout)["results"][0]["findings"]]


@pytest.mark.parametrize("layout", ["jdfix.toml", "pyproject.toml"])
def test_config_file_in_a_parent_folder_applies(tmp_path: Path, layout: str) -> None:
    body = 'ignore = ["JD101"]\nfail_level = "error"\n'
    if layout == "pyproject.toml":
        body = '[project]\nname = "x"\n\n[tool.jdfix]\n' + body
    (tmp_path / layout).write_text(body)
    sub = tmp_path / "postings" / "2026"
    sub.mkdir(parents=True)
    (sub / "po.md").write_text(PO)
    proc = run_jdfix("check", "--format", "json", "po.md", cwd=sub)
    assert proc.returncode == 0, proc.stderr
    assert "JD101" not in _codes(proc.stdout)
    # flags override the file
    flagged = run_jdfix("check", "--format", "json", "--ignore", "JD103", "po.md", cwd=sub)
    assert flagged.returncode == 1 and "JD101" in _codes(flagged.stdout)


def test_severity_and_rule_options_from_config(tmp_path: Path) -> None:
    (tmp_path / "jdfix.toml").write_text('[severity]\nJD101 = "info"\n[rules.JD101]\nmin_ratio = 2.5\n')
    (tmp_path / "po.md").write_text(PO)
    proc = run_jdfix("check", "--format", "json", "po.md", cwd=tmp_path)
    finding = next(f for f in json.loads(proc.stdout)["results"][0]["findings"] if f["code"] == "JD101")
    assert finding["severity"] == "info"
    assert proc.returncode == 0  # info never fails


@pytest.mark.parametrize(
    ("body", "message"),
    [('colour = "blue"\n', "unknown key 'colour'"), ('fail_level = "info"\n', "fail_level must be"),
     ('ignore = "JD101"\n', "ignore must be a list"), ('ignore = ["JD999"]\n', "unknown rule 'JD999'"),
     ('[rules.JD101]\nmin_ratoi = 2\n', "unknown option 'min_ratoi'"), ("jobs = true\n", "jobs must be"),
     ("select = [\n", "invalid TOML")],
)
def test_broken_config_is_one_line_exit_2(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "jdfix.toml").write_text(body)
    (tmp_path / "po.md").write_text(PO)
    proc = run_jdfix("check", "po.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr and "jdfix.toml" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_config_command_shows_sources(tmp_path: Path) -> None:
    (tmp_path / "jdfix.toml").write_text('model = "local-model"\nignore = ["JD103"]\n')
    proc = run_jdfix("config", cwd=tmp_path)
    assert proc.returncode == 0
    assert "local-model" in proc.stdout and f"{tmp_path / 'jdfix.toml'}" in proc.stdout
    env = run_jdfix("config", cwd=tmp_path, env={"JDFIX_MODEL": "env-model"})
    assert "env-model  (environment JDFIX_MODEL)" in env.stdout


def test_inline_suppression_removes_the_finding_and_the_mismatch() -> None:
    result = jdfix.check("<!-- jdfix: ignore JD101 title-family-differs-from-duties -->\n" + PO)
    assert not result.mismatch
    assert "JD101" not in [f.code for f in result.findings]
    cli = run_jdfix("check", "--format", "json", "-", input=("<!-- jdfix: ignore JD101 -->\n" + PO).encode())
    assert cli.returncode == 0 and json.loads(cli.stdout)["results"][0]["mismatch"] is False


def test_unused_suppression_is_reported() -> None:
    text = "<!-- jdfix: ignore JD201 -->\n" + PO
    result = jdfix.check(text)
    unused = [f for f in result.findings if f.code == "JD001"]
    assert len(unused) == 1 and unused[0].line == 1 and "JD201 suppresses nothing" in unused[0].message


def test_python_api_agrees_with_the_cli() -> None:
    api = jdfix.check(PO, path="po.md").to_dict()
    cli = json.loads(run_jdfix("check", "--format", "json", "-", input=PO.encode()).stdout)["results"][0]
    api["path"] = cli["path"]
    assert api == cli
    result = jdfix.check(PO)
    assert result.title is not None and result.title.family == "product-owner"
    assert result.inferred.family == "product-manager"


def test_github_annotations() -> None:
    proc = run_jdfix("check", "--format", "github", str(DRAFTS / "product-owner-pricing.md"),
                     str(DRAFTS / "pastry-chef.md"))
    lines = proc.stdout.splitlines()
    assert proc.returncode == 1
    assert lines[0].startswith(f"::error file={DRAFTS}/product-owner-pricing.md,line=1,title=JD101 ")
    assert any(line.startswith("::notice ") and "JD302" in line for line in lines)


def test_api_takes_a_config() -> None:
    assert "JD101" not in [f.code for f in jdfix.check(PO, config={"ignore": ["JD101"]}).findings]
    with pytest.raises(jdfix.ConfigError):
        jdfix.check(PO, config={"colour": "blue"})


def test_quoted_glob_is_expanded(tmp_path: Path) -> None:
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "po.md").write_text(PO)
    proc = run_jdfix("check", "--format", "json", "**/*.md", cwd=tmp_path)
    assert [r["path"] for r in json.loads(proc.stdout)["results"]] == ["a/b/po.md"]
    none = run_jdfix("check", "*.html", cwd=tmp_path)
    assert none.returncode == 2 and "no file matches" in none.stderr


def test_readme_python_example_runs(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text()
    block = readme.split("### Python API", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(root)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "True product-owner product-manager"
    assert out[1] == "['JD101', 'JD407']"
    assert out[2] == "Product Manager True"


@pytest.mark.parametrize(("timeout", "deadline"), [(5, 25.0), (20, 50.0), (120, 120.0)])
def test_the_deadline_never_cuts_the_timeout_asked_for(timeout: int, deadline: float) -> None:
    from jdfix.rewriter.llm.settings import resolve

    settings = resolve({"timeout": timeout, "model": "m"})
    assert settings.timeout == timeout and settings.deadline == deadline


@pytest.mark.parametrize(
    "text",
    [
        '[tool.jdfix]\nignore = ["JD101"]\n',
        '[ tool . "jdfix" ]\nignore = ["JD101"]\n',
        "['tool'.jdfix]\nignore = ['JD101']\n",
        '[tool.jdfix.rules.JD101]\nmin_ratio = 2.5\n',
        'tool.jdfix.ignore = ["JD101"]\n',
        '[tool]\njdfix = { ignore = ["JD101"] }\n',
        '[tool]\njdfix.ignore = ["JD101"]\n',
        'tool = { jdfix = { ignore = ["JD101"] } }\n',
        '[project]\nname = "x"\ndependencies = ["jdfix"]\n[project.scripts]\njdfix = "jdfix.cli:main"\n',
        '[project]\nname = "jdfix"\n[tool.ruff]\nline-length = 120\n',
        '[tool.other]\njdfix = 1\n',
    ],
)
def test_a_pyproject_is_parsed_only_where_it_may_hold_a_jdfix_table(text: str) -> None:
    """The textual pre-test never misses a [tool.jdfix] table however TOML spells it, and spares
    the parse (tomllib) of a pyproject.toml that names jdfix only as a dependency or a script."""
    import tomllib

    from jdfix.io.config import _may_name_tool_table

    tool = tomllib.loads(text).get("tool", {})
    has_table = isinstance(tool, dict) and "jdfix" in tool
    assert has_table == ("[project" not in text and "tool.other" not in text)  # the cases are what they say
    assert not has_table or _may_name_tool_table(text)
    if "[project" in text:
        assert not _may_name_tool_table(text)


@pytest.mark.parametrize(
    "table",
    [
        '["\\u0074ool".jdfix]\nignore = ["JD101"]\n',
        '[tool."jd\\u0066ix"]\nignore = ["JD101"]\n',
        '[tool]\n"jd\\u0066ix" = { ignore = ["JD101"] }\n',
        '["\\U00000074ool"."jdfix"]\nignore = ["JD101"]\n',
        '[project.optional-dependencies]\nlint = ["jdfix"]\n[tool."jd\\u0066ix"]\nignore = ["JD101"]\n',
    ],
)
def test_a_tool_jdfix_table_spelled_with_escapes_applies(tmp_path: Path, table: str) -> None:
    """A quoted key may spell "tool" or "jdfix" with \\u escapes (valid TOML): such a table is
    still the user's configuration, not ignored by the textual pre-test."""
    import tomllib

    body = '[project]\nname = "x"\n\n' + table
    assert "jdfix" in tomllib.loads(body)["tool"]
    (tmp_path / "pyproject.toml").write_text(body)
    (tmp_path / "po.md").write_text(PO)
    proc = run_jdfix("check", "--format", "json", "po.md", cwd=tmp_path)
    assert "JD101" not in _codes(proc.stdout), proc.stderr
