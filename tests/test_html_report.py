"""`jdfix report` and `jdfix check --format html` through real subprocess runs: the page, the data it
embeds, exit codes, bad input, and that nothing but a report loads Jinja2. The page's behaviour in a
real browser is tested in test_report_browser.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from collections import Counter
from fnmatch import fnmatch
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from jdfix.io.html_report import (
    NO_FAMILY,
    TEMPLATES,
    ReportPage,
    embed_json,
    render_report,
    summarise,
    worst_first,
)
from tests.conftest import DRAFTS, FIXTURES, ROOT, run_jdfix
from tests.fake_llm import FakeLLM

ATS = FIXTURES / "ats"


class Page(HTMLParser):
    """What a test reads from a page: the embedded data, the matrix cells, every script and link."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.data_text = ""
        self.cells: dict[tuple[str, str], int] = {}
        self.off_diagonal: set[tuple[str, str]] = set()
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self._in_data = False
        self._td_class = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        for key in ("src", "href"):
            if a.get(key):
                self.urls.append(str(a[key]))
        if tag == "script" and a.get("id") == "jdfix-data":
            self._in_data = True
        if tag == "td":
            self._td_class = a.get("class") or ""
        if tag == "button" and "cell" in (a.get("class") or ""):
            key = (str(a["data-tf"]), str(a["data-df"]))
            self.cells[key] = int(str(a["data-count"]))
            if "off" in self._td_class.split():
                self.off_diagonal.add(key)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data_text += data

    @property
    def data(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.data_text)
        return parsed


def check_json(*paths: Path | str) -> list[dict[str, Any]]:
    proc = run_jdfix("check", "--format", "json", *map(str, paths))
    results: list[dict[str, Any]] = json.loads(proc.stdout)["results"]
    return results


def matrix_of(results: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    return Counter((r["title"]["family"] or NO_FAMILY, r["inferred"]["family"] or NO_FAMILY)
                   for r in results if "error" not in r)


def test_report_of_the_fixtures_embeds_every_result_and_counts_the_matrix(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    proc = run_jdfix("report", str(DRAFTS), str(ATS), "-o", str(out))
    assert proc.returncode == 1, proc.stderr  # the fixtures hold mismatches: exit codes as check
    expected = check_json(DRAFTS, ATS)
    assert proc.stderr.strip() == (f"wrote {out}: {len(expected)} postings, "
                                   f"{sum(r['mismatch'] for r in expected)} with a title mismatch "
                                   f"({out.stat().st_size / 1e6:.1f} MB)")
    page = Page(out.read_text(encoding="utf-8"))
    data = page.data
    by_path = {r["path"]: r for r in data["results"]}
    assert set(by_path) == {r["path"] for r in expected}
    for r in expected:
        row = by_path[r["path"]]
        assert row["mismatch"] == r["mismatch"]
        assert (row["tf"], row["family"], row["confidence"]) == (r["title"]["family"], r["inferred"]["family"],
                                                                 r["inferred"]["confidence"])
        assert [d[1] for d in row["duties"]] == [d["text"] for d in r["duties"]]
        assert [f[0] for f in row["findings"]] == [f["code"] for f in r["findings"]]
    assert page.cells == dict(matrix_of(expected))
    assert {k for k in page.cells if k[0] != k[1]} == page.off_diagonal
    # Worst first: every mismatch before every posting whose title fits
    flags = [r["mismatch"] for r in data["results"]]
    assert flags == sorted(flags, reverse=True)
    assert {"summary-h", "matrix", "confidence", "list", "n-checked", "n-mismatched"} <= page.ids
    html = out.read_text(encoding="utf-8")
    assert "@media (prefers-color-scheme: dark)" in html and "@media print" in html


def test_page_needs_no_network() -> None:
    proc = run_jdfix("check", "--format", "html", str(DRAFTS))
    page = Page(proc.stdout)
    assert [u for u in page.urls if not u.startswith("#")] == []
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", proc.stdout)
    assert not re.search(r"<link\b", proc.stdout)


def test_check_format_html_exit_codes_follow_check() -> None:
    mismatch = run_jdfix("check", "--format", "html", str(DRAFTS / "product-owner-pricing.md"))
    fits = run_jdfix("check", "--format", "html", str(DRAFTS / "scrum-master.md"))
    assert (mismatch.returncode, fits.returncode) == (1, 0)
    assert fits.stdout.startswith("<!DOCTYPE html>") and fits.stdout.rstrip().endswith("</html>")
    assert Page(fits.stdout).data["results"][0]["mismatch"] is False


@pytest.mark.parametrize("hostile", ["</script><script>alert(1)</script>", "<!-- <script>", "</SCRIPT >\u2028x"])
def test_embedded_data_cannot_close_its_script_element(hostile: str) -> None:
    # The Markdown reader drops inline HTML, so the hostile text is put straight into a result.
    result = _result(f"postings/{hostile}.md", True, "product-owner", "product-manager", 0.9, ("error",))
    result["title"]["text"] = f"Product Owner {hostile}"
    result["duties"] = [{"line": 3, "text": f"Set pricing {hostile}", "family": "product-manager",
                         "evidence": [{"family": "product-manager", "phrase": "Set pricing", "weight": "S",
                                       "signal": hostile}]}]
    html = render_report([result], ReportPage([("Postings", hostile)], {"product-owner": hostile}))
    # The page's own two scripts close, and nothing else does
    assert len(re.findall(r"</script", html, re.IGNORECASE)) == 2
    assert "<!--" not in html
    data = Page(html).data
    row = data["results"][0]
    assert (row["path"], row["title"], row["duties"][0][1]) == (result["path"], result["title"]["text"],
                                                                 result["duties"][0]["text"])
    assert data["signals"] == [hostile] and data["families"] == {"product-owner": hostile}


def test_embed_json_round_trips_what_it_escapes() -> None:
    value = {"a": "</script><!-- \u2028 \u2029 <b>&", "b": [1, None, 0.5]}
    text = embed_json(value)
    assert "<" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_unreadable_files_are_one_line_each_exit_2_and_the_rest_still_reported(tmp_path: Path) -> None:
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02PK\x03\x04" * 40)
    (tmp_path / "latin1.md").write_bytes("# Chef de cuisine \xe9t\xe9\n".encode("latin-1"))
    good = DRAFTS / "product-owner-pricing.md"
    out = tmp_path / "out" / "report.html"
    out.parent.mkdir()
    proc = run_jdfix("report", str(tmp_path / "binary.md"), str(tmp_path / "latin1.md"), str(good),
                     str(tmp_path / "missing.md"), "-o", str(out))
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.splitlines() if line.startswith("jdfix: error: ")]
    assert len(errors) == 3 and "Traceback" not in proc.stderr
    assert all(any(name in line for line in errors) for name in ("binary.md", "latin1.md", "missing.md"))
    data = Page(out.read_text(encoding="utf-8")).data
    assert [r["path"] for r in data["results"] if "error" not in r] == [str(good)]
    assert len([r for r in data["results"] if "error" in r]) == 3
    assert "Unreadable files (3)" in out.read_text(encoding="utf-8")


def test_output_is_written_atomically_and_a_bad_target_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("old report\n")
    out.chmod(0o640)
    run_jdfix("report", str(DRAFTS / "scrum-master.md"), "-o", str(out))
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert out.stat().st_mode & 0o777 == 0o640  # a rewritten report keeps its mode
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["report.html"]  # no temporary file left
    bad = run_jdfix("report", str(DRAFTS / "scrum-master.md"), "-o", str(tmp_path / "no-such-dir" / "r.html"))
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "cannot write" in bad.stderr


def test_standard_input_and_standard_output() -> None:
    text = (DRAFTS / "product-owner-pricing.md").read_bytes()
    proc = run_jdfix("report", "-", "-o", "-", input=text)
    assert proc.returncode == 1
    (row,) = Page(proc.stdout).data["results"]
    assert row["path"] == "-" and row["mismatch"] is True


def test_fix_embeds_the_suggestion_and_diff_of_jdfix_file(tmp_path: Path) -> None:
    draft = DRAFTS / "product-owner-pricing.md"
    out = tmp_path / "report.html"
    proc = run_jdfix("report", "--fix", "--no-llm", str(draft), str(DRAFTS / "scrum-master.md"), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    fixed = json.loads(run_jdfix(str(draft), "--format", "json", "--no-llm").stdout)["results"][0]
    rows = {r["path"]: r for r in Page(out.read_text(encoding="utf-8")).data["results"]}
    row = rows[str(draft)]
    assert row["diff"] == fixed["diff"] and row["diff"].startswith("--- a/")
    assert row["suggestion"]["title"] == fixed["suggestion"]["title"] == "Product Manager"
    assert row["suggestion"]["source"] == "rules" and row["suggestion"]["verified"] is True
    assert "suggestion" not in rows[str(DRAFTS / "scrum-master.md")]  # nothing to fix there
    assert "rule engine (offline)" in out.read_text(encoding="utf-8")


def test_fix_replays_the_llm_cache_like_jdfix_file(tmp_path: Path) -> None:
    """--fix uses the LLM settings of `jdfix FILE`: in replay mode with an empty cache a posting that
    needs an answer is an error of that posting (exit 2), not a crash, and the others are reported."""
    out = tmp_path / "report.html"
    proc = run_jdfix("report", "--fix", "--base-url", "http://127.0.0.1:9/v1", "--cache", "replay",
                     "--cache-dir", str(tmp_path / "empty-cache"), str(DRAFTS / "product-owner-pricing.md"),
                     str(DRAFTS / "scrum-master.md"), "-o", str(out))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "product-owner-pricing.md" in proc.stderr and "no cached answer" in proc.stderr
    rows = {Path(r["path"]).name: r for r in Page(out.read_text(encoding="utf-8")).data["results"]}
    assert "no cached answer" in rows["product-owner-pricing.md"]["llm_error"]
    assert rows["product-owner-pricing.md"]["suggestion"]["source"] == "rules"
    assert rows["scrum-master.md"]["mismatch"] is False


def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: connecting to it is refused."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _report_with_failing_llm(tmp_path: Path, base_url: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path / "report.html"
    proc = run_jdfix("report", "--fix", "--base-url", base_url, "--model", "m", "--cache-dir", str(tmp_path / "cache"),
                     str(DRAFTS / "product-owner-pricing.md"), str(DRAFTS / "scrum-master.md"), "-o", str(out),
                     timeout=120)
    return proc, out


def _assert_findings_kept_beside_the_llm_error(proc: subprocess.CompletedProcess[str], out: Path, why: str) -> None:
    """What `jdfix FILE` shows when the LLM fails, in the page: the findings, the offline
    suggestion and its diff, the LLM error beside them; one line on stderr; exit 2."""
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    offline = json.loads(run_jdfix(str(DRAFTS / "product-owner-pricing.md"), "--format", "json",
                                   "--no-llm").stdout)["results"][0]
    html = out.read_text(encoding="utf-8")
    rows = {Path(r["path"]).name: r for r in Page(html).data["results"]}
    row = rows["product-owner-pricing.md"]
    assert "error" not in row and row["mismatch"] is True
    assert [f[0] for f in row["findings"]] == [f["code"] for f in offline["findings"]]
    assert "JD101" in [f[0] for f in row["findings"]]
    assert row["suggestion"]["source"] == "rules"
    assert row["suggestion"]["title"] == offline["suggestion"]["title"] == "Product Manager"
    assert row["diff"] == offline["diff"] and "+# Product Manager" in row["diff"]
    assert why in row["llm_error"]
    assert rows["scrum-master.md"]["mismatch"] is False and "llm_error" not in rows["scrum-master.md"]
    assert 'id="llm-errors"' in html and "Unreadable files</dt><dd id=\"n-errors\">0<" in html
    lines = [line for line in proc.stderr.splitlines() if line.startswith("jdfix: error")]
    assert len(lines) == 1 and "product-owner-pricing.md: LLM rewrite failed" in lines[0] and why in lines[0]
    assert "1 LLM rewrite failed" in proc.stderr


@pytest.mark.slow  # the refused port above is the default run's case of a failed LLM in the report
def test_fix_with_an_llm_answering_500_keeps_findings_and_offline_suggestion(tmp_path: Path) -> None:
    with FakeLLM() as llm:
        for _ in range(20):
            llm.push(status=500)
        proc, out = _report_with_failing_llm(tmp_path, llm.url)
        assert llm.chat_requests, "the LLM was asked"
    _assert_findings_kept_beside_the_llm_error(proc, out, "HTTP 500")


def test_fix_with_a_refused_port_keeps_findings_and_offline_suggestion(tmp_path: Path) -> None:
    proc, out = _report_with_failing_llm(tmp_path, f"http://127.0.0.1:{_closed_port()}/v1")
    _assert_findings_kept_beside_the_llm_error(proc, out, "connect")


def test_fix_with_the_llm_replays_recorded_answers_into_the_page(tmp_path: Path) -> None:
    # A dead endpoint: the answers come from fixtures/llm-cache alone, as in test_fix.py
    recorded = {"product-owner-pricing.md": "Product Manager", "senior-product-manager-backlog.md": "Product Owner",
                "product-owner-functional-specs.md": "Business Analyst"}
    out = tmp_path / "report.html"
    proc = run_jdfix("report", "--fix", "--base-url", "http://127.0.0.1:9/v1", "--model", "recorded-model",
                     "--cache", "replay", "--cache-dir", str(FIXTURES / "llm-cache"), "--jobs", "3",
                     *(str(DRAFTS / name) for name in recorded), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    html = out.read_text(encoding="utf-8")
    rows = {Path(r["path"]).name: r for r in Page(html).data["results"]}
    for name, title in recorded.items():
        suggestion = rows[name]["suggestion"]
        assert (suggestion["source"], suggestion["model"], suggestion["title"], suggestion["verified"]) == (
            "llm", "recorded-model", title, True)
        assert f"+# {title}" in rows[name]["diff"]
    assert "LLM recorded-model at http://127.0.0.1:9/v1; cache replay" in html


def test_only_a_report_loads_jinja2() -> None:
    # One process runs check in every other format first, then in html: the first four must not
    # have imported jinja2, the last must have.
    code = (
        "import sys\n"
        "from jdfix.cli import cli\n"
        "def run(*args):\n"
        "    try:\n"
        "        cli.main(list(args), standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "for fmt in ('text', 'json', 'jsonl', 'github'):\n"
        "    run('check', '--format', fmt, sys.argv[1])\n"
        "    print(fmt, 'jinja2' in sys.modules, file=sys.stderr)\n"
        "run('check', '--format', 'html', sys.argv[1])\n"
        "print('html', 'jinja2' in sys.modules, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(DRAFTS / "product-owner-pricing.md")],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert proc.stderr.splitlines() == ["text False", "json False", "jsonl False", "github False", "html True"]


def test_templates_ship_as_package_data() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "jdfix.io.templates" in setuptools["packages"]
    globs = setuptools["package-data"]["jdfix.io.templates"]
    shipped = {p.name for p in TEMPLATES.iterdir() if p.name != "__pycache__"}
    assert shipped and all(any(fnmatch(name, g) for g in globs) for name in shipped)


def _result(path: str, mismatch: bool, tf: str | None, df: str | None, confidence: float,
            severities: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"path": path, "mismatch": mismatch, "title": {"text": path, "line": 1, "family": tf, "seniority": None},
            "inferred": {"family": df, "seniority": "mid", "title": None, "confidence": confidence},
            "duties": [], "findings": [{"code": "JD101", "name": "x", "severity": s, "message": "m", "line": 1}
                                       for s in severities]}


@pytest.mark.parametrize("results, order", [
    # mismatches first; among them the worst finding, then the surest
    ([_result("a", False, "x", "x", 0.99), _result("b", True, "x", "y", 0.5, ("warning",)),
      _result("c", True, "x", "y", 0.9, ("error",))], ["c", "b", "a"]),
    ([_result("a", True, "x", "y", 0.6, ("error",)), _result("b", True, "x", "y", 0.9, ("error",))], ["b", "a"]),
    # ties keep path order; errors are not in the list
    ([_result("b", False, "x", "x", 0.5), _result("a", False, "x", "x", 0.5), {"path": "e", "error": "no"}],
     ["a", "b"]),
])
def test_worst_first(results: list[dict[str, Any]], order: list[str]) -> None:
    assert [r["path"] for r in worst_first(results)] == order


def test_summary_counts_the_matrix_and_the_confidence_bins() -> None:
    results = [_result("a", True, "po", "pm", 0.85, ("error",)), _result("b", True, "po", "pm", 1.0, ("error",)),
               _result("c", False, "pm", "pm", 0.7), _result("d", True, None, "pm", 0.35, ("warning",)),
               {"path": "e", "error": "unreadable"}]
    s = summarise(results, ["pm", "po"])
    assert (s.checked, s.mismatched, s.errors, s.sure) == (4, 3, (("e", "unreadable"),), 2)
    assert s.families == ("pm", "po", NO_FAMILY)
    assert {k: c.count for k, c in s.matrix.items()} == {("po", "pm"): 2, ("pm", "pm"): 1, (NO_FAMILY, "pm"): 1}
    assert s.off_diagonal == 3 and s.row_total("po") == 2 and s.column_total("pm") == 4
    assert [n for _, _, n in s.confidence] == [0, 0, 0, 1, 0, 0, 0, 0, 1, 1]
    assert s.severities == {"info": 0, "warning": 1, "error": 2} and s.findings == 3
