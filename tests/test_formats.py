"""HTML pages and ATS JSON (Greenhouse, Lever, schema.org JobPosting, JSON-LD) are read like Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import FIXTURES, run_jdfix

ATS = FIXTURES / "ats"


@pytest.mark.parametrize(
    "name",
    ["product-owner-pricing.html", "jsonld-product-owner.html", "greenhouse-product-owner.json",
     "lever-product-owner.json"],
)
def test_every_format_of_the_same_mismatch_is_caught(name: str) -> None:
    proc = run_jdfix("check", "--format", "json", str(ATS / name))
    assert proc.returncode == 1, proc.stderr
    (result,) = json.loads(proc.stdout)["results"]
    assert result["title"]["text"] == "Product Owner"
    assert result["inferred"]["family"] == "product-manager"
    assert result["mismatch"] is True


def test_html_scripts_styles_and_entities() -> None:
    proc = run_jdfix("convert", str(ATS / "product-owner-pricing.html"))
    assert proc.returncode == 0
    assert "# Product Owner" in proc.stdout and "## What you’ll do" in proc.stdout
    assert "hauliers & fleets" in proc.stdout
    assert "analytics" not in proc.stdout and "navy" not in proc.stdout
    assert "- Set pricing and packaging for our three subscription tiers" in proc.stdout


def test_a_json_array_gives_one_result_per_posting() -> None:
    proc = run_jdfix("check", "--format", "json", str(ATS / "jobposting-two.json"))
    results = json.loads(proc.stdout)["results"]
    assert [r["path"].rsplit("/", 1)[-1] for r in results] == ["jobposting-two.json#0", "jobposting-two.json#1"]
    assert [r["mismatch"] for r in results] == [True, False]
    schema = json.loads(run_jdfix("schema").stdout)
    jsonschema.validate(json.loads(proc.stdout), schema)


def test_input_format_can_be_forced_for_stdin() -> None:
    html = (ATS / "product-owner-pricing.html").read_bytes()
    proc = run_jdfix("check", "--format", "json", "--input-format", "html", "-", input=html)
    assert json.loads(proc.stdout)["results"][0]["title"]["text"] == "Product Owner"


def test_html_is_not_written_back_but_o_gives_a_markdown_copy(tmp_path: Path) -> None:
    page = tmp_path / "job.html"
    page.write_bytes((ATS / "product-owner-pricing.html").read_bytes())
    before = page.read_bytes()
    refused = run_jdfix("--write", str(page))
    assert refused.returncode == 2 and "use -o FILE" in refused.stderr
    assert page.read_bytes() == before
    out = tmp_path / "job.md"
    done = run_jdfix(str(page), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("# Product Manager\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"name": "x"}', "not a posting"), ("[]", "no postings")],
)
def test_bad_json_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    p = tmp_path / "bad.json"
    p.write_text(content)
    proc = run_jdfix("check", str(p))
    assert proc.returncode == 2 and message in proc.stderr


def test_review_findings_on_formats(tmp_path: Path) -> None:
    page = tmp_path / "rv.html"
    page.write_text(
        '<html><head><title>Product Owner</title></head><body><h1><a href="/"><img alt="logo"></a></h1>'
        "<svg><title>Search</title></svg><!-- jdfix: ignore-file JD103 --><h2>What you will do</h2><ul>"
        "<li><p>Set pricing and packaging for the plans</p></li><li><p>Own the go-to-market plan</p></li>"
        "<li><p>Conduct market research and size the market</p></li>"
        "<li><p>Define the product vision and strategy</p></li></ul></body></html>")
    proc = run_jdfix("check", "--format", "json", str(page))
    result = json.loads(proc.stdout)["results"][0]
    assert result["title"]["text"] == "Product Owner"  # empty <h1> and an SVG <title> are not the title
    assert result["duty_source"] == "section" and len(result["duties"]) == 4  # <li><p> stays a list item
    assert "JD103" not in [f["code"] for f in result["findings"]]  # the suppression survived conversion
    before = page.read_bytes()
    same = run_jdfix(str(page), "-o", str(page))
    assert same.returncode == 2 and page.read_bytes() == before
    diff = run_jdfix(str(page), "--diff")
    assert diff.returncode == 2 and "use -o FILE" in diff.stderr


def test_graph_plain_text_duties_and_stdin_sniffing(tmp_path: Path) -> None:
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "Organization", "name": "N"}, {
        "@type": "JobPosting", "title": "Product Owner", "description": "Route planning.",
        "responsibilities": "Set pricing and packaging for the plans\\nOwn the go-to-market plan\\n"
                            "Conduct market research and size the market\\nDefine the product vision and strategy"}]}
    p = tmp_path / "graph.json"
    p.write_text(json.dumps(graph).replace("\\\\n", "\\n"))
    result = json.loads(run_jdfix("check", "--format", "json", str(p)).stdout)["results"][0]
    assert result["title"]["text"] == "Product Owner" and result["mismatch"] is True
    fragment = b"<h1>Product Owner</h1><ul><li>Set pricing and packaging for the plans</li>" \
               b"<li>Own the go-to-market plan</li><li>Define the product vision and strategy</li>" \
               b"<li>Conduct market research and size the market</li></ul>"
    assert run_jdfix("check", "-", input=fragment).returncode == 1
    link = b"[Apply here](https://example.org)\n\n# Product Owner\n\n## Responsibilities\n- Order the backlog\n"
    assert run_jdfix("check", "-", input=link).returncode in (0, 1)


def test_api_reads_html_by_its_name() -> None:
    import jdfix

    html = (ATS / "product-owner-pricing.html").read_text()
    assert jdfix.check(html, path="job.html").title.text == "Product Owner"
    with pytest.raises(jdfix.ConfigError):
        jdfix.check(html, path="job.html", config={"ignore": "JD101"})


def test_html_findings_and_duties_point_at_lines_of_the_html_file(tmp_path: Path) -> None:
    page = (
        "<!doctype html>\n<html><head>\n<title>Careers</title>\n</head>\n<body>\n"
        "<header><nav>Jobs</nav></header>\n"
        "<h1>Product Owner</h1>\n"
        "<p>\n  We make route-planning software for hauliers.\n</p>\n"
        "<h2>What you will do</h2>\n<ul>\n"
        "  <li>Set pricing and packaging for our three subscription tiers</li>\n"
        "  <li>Own the go-to-market plan for each release with sales and marketing</li>\n"
        "  <li>Build the business case for new markets,\n      including market sizing</li>\n"
        "  <li>Run competitive analysis on the vendors we meet in deals</li>\n"
        "  <li>Define and own the product vision and the yearly product strategy</li>\n"
        "</ul>\n</body></html>\n"
    )
    html_lines = page.splitlines()
    path = tmp_path / "po.html"
    path.write_text(page)
    report = json.loads(run_jdfix("check", "--format", "json", str(path)).stdout)["results"][0]
    assert html_lines[report["title"]["line"] - 1] == "<h1>Product Owner</h1>"
    for duty in report["duties"]:
        first_words = " ".join(duty["text"].split()[:3])
        assert first_words in html_lines[duty["line"] - 1], (duty, html_lines[duty["line"] - 1])
    wrapped = next(d for d in report["duties"] if d["text"].startswith("Build"))
    assert (wrapped["line"], wrapped["end_line"]) == (15, 15)  # the <li> starts there
    jd101 = next(f for f in report["findings"] if f["code"] == "JD101")
    assert jd101["line"] == report["title"]["line"]
    text = run_jdfix("check", str(path)).stdout
    assert f"po.html:{jd101['line']}: JD101" in text
    github = run_jdfix("check", "--format", "github", str(path)).stdout
    assert f"line={jd101['line']},title=JD101" in github
    # the converted Markdown keeps its own numbering
    markdown = run_jdfix("convert", str(path)).stdout
    assert markdown.splitlines()[2] == "# Product Owner"  # after the nav's "Jobs" line


def test_json_findings_keep_converted_markdown_lines() -> None:
    report = json.loads(run_jdfix("check", "--format", "json",
                                  str(FIXTURES / "ats" / "greenhouse-product-owner.json")).stdout)["results"][0]
    converted = run_jdfix("convert", str(FIXTURES / "ats" / "greenhouse-product-owner.json")).stdout.splitlines()
    assert converted[report["title"]["line"] - 1].lstrip("# ") == report["title"]["text"]


@pytest.mark.parametrize("page, line", [
    # CRLF line ends and a blank line before the text: the text's own line, not past the file
    ("<h1>Software Engineer</h1>\r\n<p>\r\n\r\nIn this role you will plan and run user research with the people who "
     "use our service, run usability tests and analyse what you learn.</p>\r\n", 4),
    # a decoded &#10; is text, not a line break
    ("<h1>Software Engineer</h1>\n<p>&#10;In this role you will plan and run user research with the people who use "
     "our service, run usability tests and analyse what you learn.</p>\n", 2),
    # a paragraph that opens in bold starts where its text starts
    ("<h1>Software Engineer</h1>\n<p>We are a charity.</p>\n\n\n<p><b>The role:</b> you will plan and run user "
     "research with the people who use our service and analyse what you learn.</p>\n", 5),
])
def test_html_text_lines_are_lines_of_the_file(tmp_path: Path, page: str, line: int) -> None:
    path = tmp_path / "p.html"
    path.write_bytes(page.encode())
    report = json.loads(run_jdfix("check", "--format", "json", str(path)).stdout)["results"][0]
    assert report["duties"], report
    assert next(d for d in report["duties"] if "research" in d["text"])["line"] == line
    assert all(1 <= d["line"] <= page.count("\n") + 1 for d in report["duties"])


def test_a_multi_line_jdfix_comment_does_not_shift_later_lines(tmp_path: Path) -> None:
    page = ("<h1>Software Engineer</h1>\n<!-- jdfix: ignore\n     JD999 -->\n<ul>\n"
            "<li>Write and review code for the payments service every day</li>\n"
            "<li>Fix production defects in the billing code</li>\n</ul>\n")
    path = tmp_path / "p.html"
    path.write_text(page)
    report = json.loads(run_jdfix("check", "--format", "json", str(path)).stdout)["results"][0]
    assert [d["line"] for d in report["duties"]] == [5, 6]
