"""The web app with event groups, in a real headless Chromium (the style of
tests/test_web_browser.py, whose browser fixture and helpers this reuses, with the shared
server fixture of conftest.py): the table counts one row per event group, the "Every report"
toggle shows every report, and a record lists the reports of its group; opening another report
highlights its evidence in its own source; a reviewer splits a report out of its group and
joins it back from the record view, both audited; a group's row shows its group's
fatalities."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By  # noqa: E402  (after the module skips)
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from test_groups import A, B, C, store_docs
from test_web_browser import WAIT, browser, total  # noqa: F401  (fixture)
from warlog.store.database import open_store


@pytest.fixture(scope="module")
def groups_url(tmp_path_factory: pytest.TempPathFactory, serve_app) -> str:
    db = tmp_path_factory.mktemp("groups-browser") / "warlog.db"
    with open_store(db) as st:
        store_docs(st, A, B, C)
        st.link_groups()
    return serve_app(db)  # the shared server fixture (conftest.py)


def _wait(browser):  # noqa: F811
    """A wait that retries when the page re-renders the element it was reading."""
    return WebDriverWait(browser, WAIT, ignored_exceptions=(StaleElementReferenceException,))


def _click_row(d, word: str) -> bool:
    row = next((r for r in d.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")
                if word in r.text), None)
    if row is None:
        return False
    row.click()
    return True


def test_one_row_per_group_toggle_and_the_group_in_the_record(browser, groups_url: str  # noqa: F811
                                                              ) -> None:
    browser.get(groups_url)
    WebDriverWait(browser, WAIT).until(
        lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    WebDriverWait(browser, WAIT).until(lambda d: total(d) == 3)
    browser.find_element(By.ID, "f-reports").click()
    WebDriverWait(browser, WAIT).until(lambda d: total(d) == 7)
    browser.find_element(By.ID, "f-reports").click()
    WebDriverWait(browser, WAIT).until(lambda d: total(d) == 3)

    _wait(browser).until(lambda d: _click_row(d, "Shelling"))
    texts = _wait(browser).until(
        lambda d: [r.text for r in d.find_elements(By.CSS_SELECTOR, "#group-reports li")]
        or None)
    assert len(texts) == 3
    assert {Path(n).name for n in (A, B, C)} <= set(" ".join(texts).replace("·", " ").split())
    other_id = _wait(browser).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#group-reports li a").get_attribute("data-id"))
    _wait(browser).until(lambda d: d.find_element(
        By.CSS_SELECTOR, f"#group-reports li a[data-id='{other_id}']").click() or True)
    mark_text, evidence = _wait(browser).until(
        lambda d: (d.find_element(By.CSS_SELECTOR, "#source mark.current").text,
                   d.find_element(By.CSS_SELECTOR, ".evidence-list li").text)
        if d.find_element(By.CSS_SELECTOR, "#record-body h2").text.startswith(f"#{other_id} ")
        and d.find_elements(By.CSS_SELECTOR, "#source mark.current") else None)
    assert " ".join(mark_text.split())[:40] == " ".join(evidence.split())[:40]


def _group_ids(d) -> list[str] | None:
    items = d.find_elements(By.CSS_SELECTOR, "#group-reports li[data-report]")
    return [li.get_attribute("data-report") for li in items] or None


def _cell(d, word: str, column: int) -> str | None:
    row = next((r for r in d.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")
                if word in r.text), None)
    return row.find_elements(By.CSS_SELECTOR, "td")[column].text if row else None


def test_split_and_join_from_the_record_view_audited(browser, groups_url: str  # noqa: F811
                                                     ) -> None:
    browser.get(groups_url)
    _wait(browser).until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    _wait(browser).until(lambda d: total(d) == 3)
    # the school strike's row: its group's figure (1, the most conservative), not 3
    headers = [h.get_attribute("data-sort") for h in
               browser.find_elements(By.CSS_SELECTOR, "#events-table thead th")]
    fat = headers.index("fatalities")
    assert _wait(browser).until(lambda d: _cell(d, "Attack", fat)) == "1"

    _wait(browser).until(lambda d: _click_row(d, "Shelling"))
    ids = _wait(browser).until(lambda d: (x := _group_ids(d)) and len(x) == 3 and x)
    opened = browser.find_element(By.CSS_SELECTOR, "#record-body h2").text.split()[0][1:]
    out = next(i for i in ids if i != opened)
    _wait(browser).until(lambda d: d.find_element(
        By.CSS_SELECTOR, f"#group-reports button.group-split[data-id='{out}']").click() or True)
    _wait(browser).until(lambda d: (x := _group_ids(d)) and len(x) == 2 and out not in x)
    _wait(browser).until(lambda d: total(d) == 4)  # the split report is an event of its own
    split = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"fetch('/api/events/{out}/audit').then(r => r.json()).then(done);")
    assert [(a["action"], a["field"]) for a in split] == [("split", "group")]

    box = browser.find_element(By.ID, "group-join-target")
    box.send_keys(out)
    browser.find_element(By.ID, "btn-group-join").click()
    _wait(browser).until(lambda d: (x := _group_ids(d)) and set(x) == set(ids))
    _wait(browser).until(lambda d: total(d) == 3)
    audit = _wait(browser).until(lambda d: d.find_element(By.ID, "audit-list").text or None)
    assert f"with the group of #{out}" in audit


def test_the_record_shows_the_groups_fatalities_and_the_reports_own(browser, groups_url: str  # noqa: F811
                                                                    ) -> None:
    """The school strike: 3 dead in one article, 1 in the other. Its record shows the event's
    figure (1, ACLED's most conservative, with the span 1–3) and, labelled, the report's own."""
    browser.get(groups_url)
    _wait(browser).until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    _wait(browser).until(lambda d: total(d) == 3)
    _wait(browser).until(lambda d: _click_row(d, "Attack"))
    shown = _wait(browser).until(lambda d: d.find_element(By.ID, "group-fatalities").text or None)
    assert shown.startswith("1 (the event, 2 reports, reports say 1–3)")
    own = browser.find_element(By.ID, "report-fatalities").text
    opened = browser.find_element(By.CSS_SELECTOR, "#record-body h2").text.split()[0][1:]
    reports = _wait(browser).until(lambda d: {
        li.get_attribute("data-report"): li.text
        for li in d.find_elements(By.CSS_SELECTOR, "#group-reports li[data-report]")} or None)
    assert own in ("This report: 1", "This report: 3")
    assert f"· {own.split(': ')[1]} killed" in reports[opened]  # the list shows each report's
