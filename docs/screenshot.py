#!/usr/bin/env python3
"""Make docs/report.png, the README's picture of `jdfix report`, from the bundled fixtures.

    python docs/screenshot.py

Runs `jdfix report --fix --no-llm fixtures/drafts fixtures/ats`, opens the page in headless
Chromium (Debian's chromium + chromium-driver, through Selenium), selects the biggest off-diagonal
cell of the matrix, opens the first posting's details, and captures the page down to its third duty.
"""

from __future__ import annotations

import base64
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "report.png"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1240,1200", "--hide-scrollbars", "--force-color-profile=srgb")


def main() -> int:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "jdfix", "report", "--fix", "--no-llm", "fixtures/drafts", "fixtures/ats",
                        "-o", str(page), "--title", "jdfix report: the bundled fixtures"], cwd=ROOT, check=False)
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in (*FLAGS, f"--user-data-dir={tmp}/profile"):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
        try:
            driver.get(page.as_uri())
            WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.body.dataset.ready"))
            cells = driver.find_elements("css selector", "#matrix td.off button.cell")
            max(cells, key=lambda b: int(b.get_attribute("data-count"))).click()
            driver.find_element("css selector", "#rows button.expand").click()
            bottom = driver.execute_script(
                "const d = document.querySelectorAll('#rows tr.detail table.duties tbody tr')[2];"
                "return Math.ceil(d.getBoundingClientRect().bottom + window.scrollY + 12);")
            width = driver.execute_script("return document.documentElement.scrollWidth")
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": bottom, "scale": 0.75}})
        finally:
            driver.quit()
    OUT.write_bytes(base64.b64decode(shot["data"]))
    print(f"wrote {OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1000:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
