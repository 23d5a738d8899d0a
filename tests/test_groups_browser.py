"""The web app with event groups, in a real headless Chromium (the style of
tests/test_web_browser.py, whose browser fixture and helpers this reuses): the table counts one
row per event group, the "Every report" toggle shows every report, and a record lists the
reports of its group; opening another report highlights its evidence in its own source."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By  # noqa: E402  (after the module skips)
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from test_groups import A, B, C, store_docs
from test_web_browser import WAIT, _free_port, browser, total  # noqa: F401  (fixture)
from warlog.store.database import open_store


@pytest.fixture(scope="module")
def groups_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from warlog.web.app import create_app

    db = tmp_path_factory.mktemp("groups-browser") / "warlog.db"
    with open_store(db) as st:
        store_docs(st, A, B, C)
        st.link_groups()
    app = create_app(str(db), allowed_hosts=["127.0.0.1", "localhost"],
                     place_search=lambda q, c, n: [])
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(10)


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
