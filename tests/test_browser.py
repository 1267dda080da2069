"""End to end in headless Chromium (Debian's chromium + chromium-driver, driven by Selenium) against the real
server on a loopback port: what an analyst does with the pages (issue 7)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from web.browser import chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def driver() -> Iterator:  # type: ignore[type-arg]
    browser = chromium(lang="ja")  # a browser that prefers Japanese, so switching to English is visible
    browser.set_page_load_timeout(60)
    yield browser
    browser.quit()


@pytest.fixture()
def browser(driver, live_server: str):  # type: ignore[no-untyped-def]
    """The browser on the home page with no language cookie (each test starts as a new visitor)."""
    driver.get(live_server + "/")
    driver.delete_all_cookies()
    driver.get(live_server + "/")
    return driver


def wait(driver, css: str, timeout: float = 30):  # type: ignore[no-untyped-def]
    return WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def test_ask_an_english_question_and_follow_the_cited_japanese_passage(browser, live_server: str) -> None:  # type: ignore[no-untyped-def]
    box = browser.find_element(By.ID, "q")
    assert box == browser.switch_to.active_element  # the input has the focus: type straight away
    box.send_keys(
        "Which October 2024 summit statement referred to continued efforts through the Sakura Science Program?", Keys.ENTER
    )
    answer = wait(browser, "#answer")
    source = answer.find_element(By.CSS_SELECTOR, "#src-1")
    assert "第27回日・ASEAN首脳会議" in source.find_element(By.TAG_NAME, "mark").text  # the cited span, highlighted
    title = source.find_element(By.CSS_SELECTOR, ".doc-link").text
    link = source.find_element(By.CSS_SELECTOR, "a.open")
    target = urlsplit(link.get_attribute("href"))
    link.click()
    wait(browser, "article.document")
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    passage = browser.find_element(By.ID, target.fragment)
    assert "第27回日・ASEAN首脳会議" in passage.text and browser.execute_script("return location.hash") == f"#{target.fragment}"


def test_switch_to_english_labels_and_the_choice_is_remembered(browser, live_server: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(live_server + "/id/program/sakura-science")
    assert browser.find_element(By.TAG_NAME, "h1").text == "さくらサイエンスプログラム"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    switch = browser.find_element(By.ID, "lang-switch")
    assert switch.text == "English"
    switch.send_keys(Keys.ENTER)  # by keyboard
    WebDriverWait(browser, 30).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert urlsplit(browser.current_url).path == "/id/program/sakura-science"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sakura Science Exchange Program"
    facts = browser.find_element(By.ID, "facts").text
    assert "Japan Science and Technology Agency" in facts and "operated by" in facts
    browser.get(live_server + "/browse")  # another page, later: still English
    assert browser.find_element(By.CSS_SELECTOR, "a[href='/id/program/sakura-science']").text == "Sakura Science Exchange Program"
    assert browser.get_cookie("lang")["value"] == "en"


def test_program_page_leads_to_its_governing_provision(browser, live_server: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(live_server + "/id/program/iur-system")
    link = browser.find_element(By.CSS_SELECTOR, "#governing a[href='/law/504AC0000000051/art_4']")
    assert link.text == "国際卓越研究大学法第四条"
    link.click()
    wait(browser, "#provision")
    assert urlsplit(browser.current_url).path == "/law/504AC0000000051/art_4"
    assert browser.find_element(By.TAG_NAME, "h1").text == "国際卓越研究大学法第四条"
    provision = browser.find_element(By.ID, "provision")
    assert "国際的に卓越した研究の展開" in provision.text
    assert provision.find_elements(By.CSS_SELECTOR, "a[href='/id/program/iur-system']")  # and back to what it governs


def test_neighbourhood_graph_draws_with_the_local_cytoscape_and_nothing_leaves_the_machine(browser, live_server: str) -> None:  # type: ignore[no-untyped-def]
    browser.get_log("browser")  # forget what earlier pages logged
    browser.get(live_server + "/id/program/sakura-science")
    wait(browser, "#cy[data-ready]")
    nodes = browser.execute_script("return document.getElementById('cy').querySelectorAll('canvas').length")
    assert nodes >= 1
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors  # no blocked script or style, no missing asset
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")
    assert any(u.endswith("/static/vendor/cytoscape.min.js") for u in loaded)
    assert all(u.startswith(live_server + "/") for u in loaded), loaded  # no CDN, no font or script from elsewhere


@pytest.mark.parametrize(
    "payload",
    ['<script>window.__pwned = 1; alert("x")</script>', '"><img src=x onerror="window.__pwned=2;alert(2)">',
     "</title><svg onload=alert(3)>"],
)  # fmt: skip
def test_script_in_a_query_is_shown_as_text_and_never_runs(browser, live_server: str, payload: str) -> None:  # type: ignore[no-untyped-def]
    for visit in ("url", "typed"):
        if visit == "url":
            browser.get(f"{live_server}/?q={quote(payload)}")
        else:
            box = browser.find_element(By.ID, "q")
            box.clear()
            box.send_keys(payload, Keys.ENTER)
        wait(browser, "#hits-h")
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018 - reading it is the check
        assert browser.execute_script("return window.__pwned === undefined")
        assert browser.find_element(By.ID, "q").get_attribute("value") == payload  # shown back as text
        assert payload in browser.title
        injected = "script:not([src]):not([type='application/json']), img[src=x], svg[onload]"
        injected = browser.execute_script(f'return document.querySelectorAll("{injected}").length')
        assert injected == 0


PHONE_PAGES = ["/?q=" + quote("国際卓越研究大学制度の根拠条文は？"), "/?q=" + quote("予算額"), "/id/program/sakura-science",
               "/id/country/JP", "/id/law/iur-act", "/law/504AC0000000051/art_4", "/browse"]  # fmt: skip


def test_pages_fit_a_phone_screen(live_server: str) -> None:
    phone = chromium(width=390, height=844, lang="ja")  # a phone's viewport (mobile emulation)
    try:
        for path in PHONE_PAGES:
            phone.get(live_server + path)
            width, viewport = phone.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
            assert viewport == 390 and width <= viewport, (path, width)  # wide tables scroll inside their box
    finally:
        phone.quit()


def test_a_facet_can_be_applied_with_the_keyboard_alone(browser, live_server: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(live_server + "/?q=" + quote("予算額"))
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("class") == "skip"  # the first stop skips the header
    for _ in range(80):  # then Tab through the page to the FY2022 facet
        focused = browser.switch_to.active_element
        if "fiscal_year=2022" in (focused.get_attribute("href") or ""):
            break
        focused.send_keys(Keys.TAB)
    else:
        pytest.fail("the FY2022 facet is not reachable with Tab")
    focused.send_keys(Keys.ENTER)
    applied = wait(browser, ".applied")
    assert "2022" in applied.text and "fiscal_year=2022" in browser.current_url


def test_open_the_sparql_editor_from_the_menu_and_run_an_example(browser, live_server: str) -> None:  # type: ignore[no-untyped-def]
    browser.find_element(By.CSS_SELECTOR, "header nav a[href='/sparql']").click()
    wait(browser, ".yasgui .CodeMirror")
    assert urlsplit(browser.current_url).path == "/sparql"
    browser.find_element(By.CSS_SELECTOR, 'button.example[data-example="03-programs-by-partner-country"]').click()
    rows = WebDriverWait(browser, 30).until(
        lambda d: (
            d.execute_script(
                "return [...document.querySelectorAll('.yasr table tbody tr')].filter(e => e.offsetParent !== null)"
                ".map(e => e.textContent)"
            )
            or False
        )
    )
    assert "country:US" in rows[0]  # the United States partners in the most programs
