"""The report page in a real browser: headless Chromium driven by Selenium opens the report of the
bundled fixtures from disk, and the tests read and click the DOM as a reader would.

Needs Debian's `chromium` and `chromium-driver` (.ci/run installs them); without them, or without
selenium, these tests skip and say why (and fail when JDFIX_REQUIRE_BROWSER is set, as in CI).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jdfix.io.html_report import NO_FAMILY
from tests.conftest import DRAFTS, FIXTURES, run_jdfix

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Flags that work as root in a container, with nothing reaching the network
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,1600")


def _why_no_browser() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for binary, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not binary.exists():
            return f"{binary} is missing (apt-get install -y {package}; .ci/run does)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _why_no_browser()
    if reason and os.environ.get("JDFIX_REQUIRE_BROWSER"):
        pytest.fail(f"JDFIX_REQUIRE_BROWSER is set but {reason}")
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="jdfix-chromium-")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def fixtures_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """The report of the bundled fixtures (with --fix), and the JSON report of the same postings."""
    folder = tmp_path_factory.mktemp("report")
    out = folder / "report.html"
    inputs = (str(DRAFTS), str(FIXTURES / "ats"))
    proc = run_jdfix("report", "--fix", "--no-llm", *inputs, "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    results = json.loads(run_jdfix("check", "--format", "json", *inputs).stdout)["results"]
    return out, results


def _open(browser: Any, page: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page.as_uri())
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.body.dataset.ready"))


def _rows(browser: Any) -> list[str]:
    """The paths of the listed postings (read in one go: the list is redrawn on every change)."""
    paths: list[str] = browser.execute_script(
        "return Array.from(document.querySelectorAll('#rows tr[data-path]'), tr => tr.dataset.path)")
    return paths


def test_matrix_counts_equal_the_json_report(browser: Any, fixtures_report: tuple[Path, list[dict[str, Any]]]) -> None:
    page, results = fixtures_report
    _open(browser, page)
    shown = {(b.get_attribute("data-tf"), b.get_attribute("data-df")): int(b.text.lstrip("\u2260"))
             for b in browser.find_elements("css selector", "#matrix button.cell")}
    expected = Counter((r["title"]["family"] or NO_FAMILY, r["inferred"]["family"] or NO_FAMILY) for r in results)
    assert shown == dict(expected)
    assert browser.find_element("id", "n-checked").text == str(len(results))
    assert browser.find_element("id", "n-mismatched").text == str(sum(r["mismatch"] for r in results))
    # Every posting is listed, worst first: the mismatches on top
    assert sorted(_rows(browser)) == sorted(r["path"] for r in results)
    flags = [tr.get_attribute("class") == "mismatch" for tr in browser.find_elements("css selector", "#rows tr")]
    assert flags == sorted(flags, reverse=True)
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def test_a_click_on_an_off_diagonal_cell_filters_the_list(
        browser: Any, fixtures_report: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    page, results = fixtures_report
    _open(browser, page)
    cell = max(browser.find_elements("css selector", "#matrix td.off button.cell"),
               key=lambda b: int(b.get_attribute("data-count")))
    tf, df = cell.get_attribute("data-tf"), cell.get_attribute("data-df")
    cell.click()
    expected = sorted(r["path"] for r in results
                      if (r["title"]["family"] or NO_FAMILY, r["inferred"]["family"] or NO_FAMILY) == (tf, df))
    assert len(expected) == int(cell.get_attribute("data-count")) > 1
    assert sorted(_rows(browser)) == expected
    assert cell.get_attribute("aria-pressed") == "true"
    assert browser.find_element("id", "status").text.startswith(f"{len(expected)} of {len(results)} postings")
    browser.save_screenshot(str(tmp_path / "filtered.png"))
    assert (tmp_path / "filtered.png").stat().st_size > 10_000
    cell.click()  # a second click clears the filter
    assert len(_rows(browser)) == len(results)


def test_details_show_the_deciding_phrases_and_the_diff(
        browser: Any, fixtures_report: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    page, results = fixtures_report
    _open(browser, page)
    first = browser.find_element("css selector", "#rows tr[data-path]")
    path = first.get_attribute("data-path")
    result = next(r for r in results if r["path"] == path)
    button = first.find_element("css selector", "button.expand")
    assert button.get_attribute("aria-expanded") == "false"
    controls = button.get_attribute("aria-controls")
    button.click()
    detail = browser.find_element("id", controls)
    marked = [m.text for m in detail.find_elements("css selector", "mark")]
    deciding = {" ".join(e["phrase"].split()).lower() for d in result["duties"] for e in d["evidence"]
                if e["family"] == d["family"]}
    assert marked and all(" ".join(m.split()).lower() in deciding for m in marked)
    diff = detail.find_element("css selector", "pre.diff").text
    assert diff.startswith("--- a/") and "+# " in diff
    assert browser.find_element("css selector", "button[aria-expanded=true]")
    browser.save_screenshot(str(tmp_path / "details.png"))


def test_text_rule_and_sort_controls(browser: Any, fixtures_report: tuple[Path, list[dict[str, Any]]]) -> None:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    page, results = fixtures_report
    _open(browser, page)
    Select(browser.find_element("id", "f-rule")).select_by_value("JD101")
    with_rule = sorted(r["path"] for r in results if any(f["code"] == "JD101" for f in r["findings"]))
    assert sorted(_rows(browser)) == with_rule
    browser.find_element("id", "f-clear").click()
    browser.find_element("id", "f-text").send_keys("SCRUM-master.md")  # case does not matter
    WebDriverWait(browser, 5).until(lambda d: len(_rows(d)) < len(results))
    assert _rows(browser) == [str(DRAFTS / "scrum-master.md")]
    browser.find_element("id", "f-clear").click()
    browser.find_element("css selector", "button[data-sort=path]").click()
    assert _rows(browser) == sorted(r["path"] for r in results)
    header = browser.find_element("css selector", "button[data-sort=path]").find_element("xpath", "..")
    assert header.get_attribute("aria-sort") == "ascending"
    browser.find_element("id", "f-worst").click()  # back to worst first
    assert header.get_attribute("aria-sort") == "none"
    flags = [tr.get_attribute("class") == "mismatch" for tr in browser.find_elements("css selector", "#rows tr")]
    assert flags == sorted(flags, reverse=True) and not all(flags)


def test_a_report_with_only_unreadable_files_still_opens(browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    proc = run_jdfix("report", str(tmp_path / "missing.md"), "-o", str(out))
    assert proc.returncode == 2
    _open(browser, out)
    assert browser.find_element("id", "status").text.startswith("0 of 0 postings")
    assert "missing.md" in browser.find_element("id", "errors").text
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
