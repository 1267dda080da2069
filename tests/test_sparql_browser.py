"""The YASGUI page (issue 6) in headless Chromium (Debian's chromium + chromium-driver): it loads with no request
leaving the server, and an example from the gallery runs and fills the results table.

The browser resolves no host but 127.0.0.1 (--host-resolver-rules), and its DevTools network log lists
every request the page made, so a CDN script, a web font or a call to prefix.cc or LOV would fail the
test even if it failed silently in the page.
"""

from __future__ import annotations

import json
import shutil
import tempfile

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    assert CHROMIUM and CHROMEDRIVER, "needs Debian's chromium and chromium-driver (bash .ci/run installs them)"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service as DriverService

    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", f"--user-data-dir={profile}",
                "--window-size=1400,1000"):  # fmt: skip
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=DriverService(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


VISIBLE_ROWS = (
    "return [...document.querySelectorAll('.yasr table tbody tr')].filter(e => e.offsetParent !== null).map(e => e.textContent)"
)


def result_rows(driver) -> list[str]:  # type: ignore[no-untyped-def]
    """Text of the rows of the results table in the visible tab, once there are some."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 30).until(lambda d: d.execute_script(VISIBLE_ROWS) or False)


def outside(made: list[dict], server: str) -> list[str]:  # type: ignore[type-arg]
    """Network requests not to the server (the browser's own chrome:// pages and data: URLs are no network)."""
    return [r["url"] for r in made if r["url"].split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp")
            and not r["url"].startswith(server + "/")]  # fmt: skip


def requests_made(driver) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    """Every request the browser made since the last call, from the DevTools performance log."""
    out = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            out.append({"url": message["params"]["request"]["url"], "method": message["params"]["request"]["method"]})
    return out


def test_yasgui_runs_an_example_with_no_request_beyond_the_server(browser, live_server: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    requests_made(browser)  # drop what the browser did before the page (its new-tab page)
    browser.get(f"{live_server}/sparql")
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".yasgui .CodeMirror")))
    assert "Budgets by fiscal year and operating agency" in browser.page_source  # the gallery is on the page
    assert len(browser.find_elements(By.CSS_SELECTOR, "button.example")) >= 12

    browser.find_element(By.CSS_SELECTOR, 'button.example[data-example="04-programs-by-operating-agency"]').click()
    first = result_rows(browser)[0]
    # JST runs 33 programs: the first row, with its Japanese and English names
    assert (
        "agency:jst" in first
        and '"33"' in first
        and "科学技術振興機構" in first
        and "Japan Science and Technology Agency" in first
    )

    made = requests_made(browser)
    assert not outside(made, live_server), f"requests beyond the server: {outside(made, live_server)}"
    assert any(r["url"] == f"{live_server}/sparql" and r["method"] == "POST" for r in made), "the example ran here"
    assert any(r["url"].endswith("/static/vendor/yasgui/yasgui.min.js") for r in made)
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not severe, severe


def test_example_link_opens_and_runs_it(browser, live_server: str) -> None:  # type: ignore[no-untyped-def]
    requests_made(browser)
    browser.get(f"{live_server}/sparql?example=12-doctorates-by-country-of-origin")
    first = result_rows(browser)[0]
    assert "country:US" in first and '"35274"' in first  # US doctorates in 2019, from the MEXT table
    assert not outside(requests_made(browser), live_server)
