#!/usr/bin/env python3
"""The browser review, tested in a real browser: headless Chromium driven by Selenium.

Serves a copy of the IMRF alignment (never the committed file) with `tweetal serve`, opens the
list, opens the alignment, confirms a bead with the `c` key, merges two beads with a click, undoes
with `u`, and after each step checks the file on disk with `tweetal show`. Then loads the report
of `tweetal report` from a file:// URL with JavaScript switched off. Screenshots go to --out.

    tests/browser/review_test.py --tweetal .build/debug/tweetal --out .build/browser

Needs Debian's chromium and chromium-driver (scripts/install-deps --ci) and Selenium (PyPI).
Ends with "N passed, N failed"; exits 1 when a check failed.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAME = "2022-imrf-letter_vnr"
HEADER = re.compile(r"^\s*>?\s*(\d+)\s+(\d+-\d+)\s+([0-9.]+)\s+(auto|confirmed|edited)", re.M)

passed = 0
failed = 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok: {what}", flush=True)
    else:
        failed += 1
        print(f"FAILED: {what}", flush=True)
    return condition


def show(tweetal, path):
    """The beads of `tweetal show` as (number, type, status) tuples."""
    result = subprocess.run([tweetal, "show", "--width", "100", path], capture_output=True, text=True,
                            timeout=60, env=dict(os.environ, NO_COLOR="1"))
    if result.returncode != 0:
        raise RuntimeError(f"tweetal show failed: {result.stderr}")
    return [(int(m.group(1)), m.group(2), m.group(4)) for m in HEADER.finditer(result.stdout)]


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--no-first-run", "--disable-extensions"]:
        options.add_argument(argument)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tweetal", default=os.path.join(ROOT, ".build/debug/tweetal"))
    parser.add_argument("--out", default=os.path.join(ROOT, ".build/browser"))
    arguments = parser.parse_args()
    tweetal = os.path.abspath(arguments.tweetal)
    os.makedirs(arguments.out, exist_ok=True)

    folder = tempfile.mkdtemp(prefix="tweetal-browser-")
    path = os.path.join(folder, NAME + ".tmx")
    shutil.copyfile(os.path.join(ROOT, "alignments", NAME + ".tmx"), path)
    shutil.copyfile(os.path.join(ROOT, "alignments", "2018-marrakesh-letter_2020-un-network-input.tmx"),
                    os.path.join(folder, "2018-marrakesh-letter_2020-un-network-input.tmx"))
    original = show(tweetal, path)
    server = subprocess.Popen([tweetal, "serve", folder, "--port", "0", "--user", "browser-test"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = None
    try:
        url = server.stdout.readline().strip()
        check(url.startswith("http://127.0.0.1:"), f"tweetal serve printed its URL ({url})")
        driver = browser()
        wait = WebDriverWait(driver, 20)

        # The list.
        driver.get(url)
        rows = driver.find_elements(By.CSS_SELECTOR, "table.alignments tbody tr")
        check(len(rows) == 2, f"the list shows both alignments ({len(rows)})")
        driver.save_screenshot(os.path.join(arguments.out, "list.png"))

        # The review page, opened from the list.
        driver.find_element(By.LINK_TEXT, NAME + ".tmx").click()
        wait.until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
        beads = driver.find_elements(By.CSS_SELECTOR, "#beads .bead")
        check(len(beads) == len(original), f"the review page shows all {len(original)} beads ({len(beads)})")
        marks = driver.find_elements(By.CSS_SELECTOR, "svg.map a[data-bead]")
        check(len(marks) == len(original), f"the map has one mark per bead ({len(marks)})")
        driver.save_screenshot(os.path.join(arguments.out, "review.png"))
        driver.find_element(By.CSS_SELECTOR, "aside.side").screenshot(os.path.join(arguments.out, "map.png"))

        def message():
            return driver.find_element(By.ID, "message").text

        def keys(text):
            driver.find_element(By.TAG_NAME, "body").send_keys(text)

        # What the page shows, bead by bead and mark by mark, to compare a page patched by the
        # edits' answers (only the beads that changed) with the page loaded afresh.
        page_state_script = """
            const beads = Array.from(document.querySelectorAll('#beads .bead')).map((b) => {
              const copy = b.cloneNode(true);
              copy.classList.remove('current');
              copy.querySelectorAll('.bead-tools').forEach((t) => t.remove());
              return copy.outerHTML;
            });
            const marks = Array.from(document.querySelectorAll('svg.map a[data-bead]')).map((a) => a.outerHTML);
            return [beads, marks];"""

        def page_state():
            return driver.execute_script(page_state_script)

        def same_as_reloaded(what):
            patched = page_state()
            driver.refresh()
            wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
            fresh = page_state()
            check(patched == fresh, f"{what}: the page patched with the changed beads is the page loaded afresh "
                                    f"({len(patched[0])} beads, {len(patched[1])} marks)")

        # Confirm bead 3 with the key.
        keys("jj")
        check(driver.find_element(By.CSS_SELECTOR, ".bead.current").get_attribute("id") == "b3", "j j selects bead 3")
        keys("c")
        wait.until(lambda d: message() == "confirmed bead 3")
        on_disk = show(tweetal, path)
        check(on_disk[2][2] == "confirmed", f"after c, tweetal show says bead 3 is confirmed ({on_disk[2]})")
        check(len(on_disk) == len(original), "confirming changed no bead count")

        # Merge beads 5 and 6 with a click: select bead 5, click its "merge with next" button.
        driver.find_element(By.CSS_SELECTOR, "#b5 .head").click()
        driver.find_element(By.CSS_SELECTOR, "#b5 .bead-tools button[data-action=merge]").click()
        wait.until(lambda d: message().startswith("merged beads 5 and 6"))
        on_disk = show(tweetal, path)
        check(len(on_disk) == len(original) - 1, f"after the merge, tweetal show has one bead fewer ({len(on_disk)})")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#beads .bead")) == len(original) - 1,
              "the page shows one bead fewer")
        driver.save_screenshot(os.path.join(arguments.out, "merged.png"))
        same_as_reloaded("after the merge")

        # Undo with the key.
        keys("u")
        wait.until(lambda d: message() == "undid merge 5")
        on_disk = show(tweetal, path)
        check([b[1] for b in on_disk] == [b[1] for b in original], "after u, the bead types are the original ones")
        check(on_disk[2][2] == "confirmed", "after u, bead 3 is still confirmed")
        same_as_reloaded("after the undo")

        # Next suspicious, the help, and the map's click.
        keys("n")
        current = driver.find_element(By.CSS_SELECTOR, ".bead.current")
        check("suspicious" in current.get_attribute("class"), "n goes to a suspicious bead")
        driver.execute_script("document.querySelector('svg.map a[data-bead=\"10\"]').dispatchEvent(new MouseEvent('click', {bubbles: true}))")
        check(driver.find_element(By.CSS_SELECTOR, ".bead.current").get_attribute("id") == "b10",
              "a click on the map's mark 10 selects bead 10")
    finally:
        if driver is not None:
            driver.quit()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    check(server.returncode == 0, f"tweetal serve stopped cleanly on SIGTERM ({server.returncode}): {server.stderr.read()}")

    # The lock is free again, and the terminal's undo takes back the browser's edit.
    result = subprocess.run([tweetal, "edit", path, "undo"], capture_output=True, text=True, timeout=60)
    check(result.returncode == 0 and "undid confirm 3" in result.stdout,
          f"tweetal edit undo after the server stopped: {result.stdout.strip()} {result.stderr.strip()}")

    # The report: a file:// page with JavaScript off shows every bead and the map.
    report = os.path.join(arguments.out, "report.html")
    result = subprocess.run([tweetal, "report", path, "-o", report], capture_output=True, text=True, timeout=60)
    check(result.returncode == 0, f"tweetal report wrote {report}")
    html = open(report, encoding="utf-8").read()
    check("<script" not in html and not re.search(r'(src|href)="(https?:)?//', html),
          "the report has no script and loads nothing from the network")
    options_driver = browser_without_script()
    try:
        options_driver.get("file://" + os.path.abspath(report))
        beads = options_driver.find_elements(By.CSS_SELECTOR, ".bead")
        check(len(beads) == len(original), f"the report shows all {len(original)} beads with no script ({len(beads)})")
        check(len(options_driver.find_elements(By.CSS_SELECTOR, "svg.map a")) == len(original), "the report has the map")
        options_driver.save_screenshot(os.path.join(arguments.out, "report.png"))
    finally:
        options_driver.quit()
    shutil.rmtree(folder, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def browser_without_script():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


if __name__ == "__main__":
    sys.exit(main())
