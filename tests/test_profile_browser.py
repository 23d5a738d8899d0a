"""The chronology page and the profile in a real headless Chromium (as tests/test_web_browser.py:
Debian's chromium and chromium-driver; skipped without them unless WARLOG_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import json

# the browser module skips this module (or fails, with WARLOG_REQUIRE_BROWSER) where there is
# no Chromium; selenium is imported in the tests, after that check
from test_web_browser import WAIT, base_url, browser, page  # noqa: F401 - fixtures


def _open_record_of(driver, place: str) -> None:
    """Search for ``place`` and open the first row once the table shows only its events
    (clicks retried: the table is re-rendered while the search is applied)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.find_element(By.ID, "f-q").send_keys(place)

    def opened(d) -> bool:
        try:
            rows = d.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")
            if not rows or not all(place in r.text for r in rows):
                return False
            rows[0].click()
            return bool(d.find_elements(By.ID, "doc-chronology"))
        except StaleElementReferenceException:
            return False

    WebDriverWait(driver, WAIT).until(opened)


def test_record_panel_links_to_the_chronology_page_and_its_profile(page) -> None:  # noqa: F811
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _open_record_of(page, "Boulikessi")
    # read inside the wait: the panel may re-render the link between finding and reading it
    href = WebDriverWait(page, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: d.find_element(By.ID, "doc-chronology").get_attribute("href"))
    assert href.endswith("/chronology")
    page.get(href)
    WebDriverWait(page, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "section.day"))
    assert page.find_element(By.TAG_NAME, "h1").text == "Battle of Boulikessi"
    profile = page.find_element(By.CSS_SELECTOR, ".profile-box").text
    assert "Result: French victory" in profile and "JNIM" in profile
    # the linked style sheet applied under the app's policy: the overview is a flex row
    overview = page.find_element(By.CSS_SELECTOR, ".overview")
    assert overview.value_of_css_property("display") == "flex"
    assert page.find_elements(By.CSS_SELECTOR, "svg.map circle")
    assert page.find_elements(By.CSS_SELECTOR, "svg.timeline rect")
    day = page.find_element(By.ID, "day-2020-10-30")
    assert "Boulikessi" in day.text
    cells = [c.text for c in page.find_elements(By.CSS_SELECTOR, "table.reconcile tr.total td")]
    assert cells[1:3] == ["50", "50"]
    # the evidence link opens the source with the sentence marked
    day.find_element(By.LINK_TEXT, "source").click()
    mark = WebDriverWait(page, WAIT).until(lambda d: d.find_element(By.ID, "evidence"))
    assert "French army operation" in mark.text or "Boulikessi" in mark.text
    # and the profile itself, as JSON
    page.get(href.replace("/chronology", "/profile"))
    data = json.loads(page.find_element(By.TAG_NAME, "body").text)
    assert data["profile"]["name"]["text"] == "Battle of Boulikessi"
