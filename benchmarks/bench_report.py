#!/usr/bin/env python3
"""Benchmark `jdfix report`: its time against `jdfix check --format json`, the page's size, and how
soon the page is interactive in headless Chromium.

Prints figures; asserts nothing. Usage:
    python benchmarks/bench_report.py [--files 10000] [--repeat 3] [--no-browser]

The postings come from `benchmarks/postings.py` (distinct, published size: 4-7 KB). The two
commands are run in turns (check, report, check, report ...) so a busy minute of this shared VM
weighs on both; each figure is the median of the runs, with the range. Goals (issue 12): the
report in under 2x the time of check --format json, the file under 30 MB, the page interactive in
Chromium within 3 s.

In Chromium (Debian's chromium + chromium-driver, the flags of tests/test_report_browser.py):
- opened: from navigation start to the end of the page's own script (the first page of rows drawn,
  every control live), read from `document.body.dataset.ready` (performance.now() at that moment);
- load event: what Selenium's get() waits for, measured from outside the browser;
- a click on the biggest off-diagonal matrix cell until the list shows those postings;
- typing a word into the text filter until the list is redrawn (150 ms of it is the debounce).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.postings import generate  # noqa: E402  (the repository root is on the path only now)

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,1600")


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd[:3])}... exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return elapsed


def spread(values: list[float], fmt: str = "{:.1f}") -> str:
    """median (min-max)."""
    v = sorted(values)
    return f"{fmt.format(statistics.median(v))} ({fmt.format(v[0])}-{fmt.format(v[-1])})"


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tempfile.mkdtemp(prefix='jdfix-bench-chromium-')}"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


def in_browser(page: Path, repeat: int) -> dict[str, list[float]]:
    from selenium.webdriver.support.ui import WebDriverWait

    figures: dict[str, list[float]] = {"ready": [], "load": [], "click": [], "text": []}
    driver = browser()
    try:
        for _ in range(repeat):
            driver.get("about:blank")
            start = time.perf_counter()
            driver.get(page.as_uri())
            figures["load"].append(time.perf_counter() - start)
            ready = WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.body.dataset.ready"))
            figures["ready"].append(int(ready) / 1000)
            cells = driver.find_elements("css selector", "#matrix td.off button.cell")
            cell = max(cells, key=lambda b: int(b.get_attribute("data-count")))
            want = f"{cell.get_attribute('data-count')} of "
            start = time.perf_counter()
            cell.click()
            WebDriverWait(driver, 30).until(lambda d, want=want: d.find_element("id", "status").text.startswith(want))
            figures["click"].append(time.perf_counter() - start)
            cell.click()
            before = driver.find_element("id", "status").text
            start = time.perf_counter()
            driver.find_element("id", "f-text").send_keys("stakeholders")
            WebDriverWait(driver, 30).until(lambda d, before=before: d.find_element("id", "status").text != before)
            figures["text"].append(time.perf_counter() - start)
    finally:
        driver.quit()
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium figures")
    args = ap.parse_args()
    jdfix = shutil.which("jdfix") or str(Path(sys.executable).parent / "jdfix")
    with tempfile.TemporaryDirectory() as tmp:
        postings = Path(tmp) / "postings"
        postings.mkdir()
        for name, text in generate(args.files, seed=0):
            (postings / name).write_text(text, encoding="utf-8")
        page = Path(tmp) / "report.html"
        check_times: list[float] = []
        report_times: list[float] = []
        for _ in range(args.repeat):
            check_times.append(run([jdfix, "check", "--format", "json", str(postings)]))
            report_times.append(run([jdfix, "report", str(postings), "-o", str(page)]))
        size = page.stat().st_size
        ratios = [r / c for c, r in zip(check_times, report_times)]
        n = args.files
        print(f"check --format json, {n} postings   {spread(check_times)} s")
        print(f"report -o report.html, {n} postings {spread(report_times)} s")
        print(f"report / check                        {spread(ratios, '{:.2f}')}x (goal < 2x; run in turns)")
        print(f"report file                           {size / 1e6:.1f} MB (goal < 30 MB; "
              f"{size / n / 1000:.1f} KB a posting)")
        if args.no_browser:
            return 0
        if not (Path("/usr/bin/chromium").exists() and Path("/usr/bin/chromedriver").exists()):
            print("chromium: not installed (apt-get install -y chromium chromium-driver); no browser figures")
            return 0
        figures = in_browser(page, args.repeat)
        print(f"chromium: page interactive            {spread(figures['ready'], '{:.2f}')} s from navigation "
              "(goal < 3 s)")
        print(f"chromium: load event (outside view)   {spread(figures['load'], '{:.2f}')} s")
        print(f"chromium: matrix click -> list        {spread(figures['click'], '{:.3f}')} s")
        print(f"chromium: text filter -> list         {spread(figures['text'], '{:.3f}')} s (150 ms debounce)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
