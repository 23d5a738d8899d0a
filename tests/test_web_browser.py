"""End-to-end tests of the web app in a real headless Chromium (Debian's ``chromium`` and
``chromium-driver``, driven by Selenium; no browser is downloaded).

They load the page on the fixture database (38 events from three corpus articles), filter by
brushing the timeline, open a record from the table and from the map, edit a field and find
the change in the audit log. Skipped, with the reason, where Chromium or Selenium is missing
(``scripts/ci-browser-deps.sh`` installs both).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = next(
    (p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and os.path.exists(p)), None
)
DRIVER = next(
    (p for p in (shutil.which("chromedriver"), "/usr/bin/chromedriver") if p and os.path.exists(p)),
    None,
)

if (CHROMIUM is None or DRIVER is None) and os.environ.get("WARLOG_REQUIRE_BROWSER"):
    pytest.fail("WARLOG_REQUIRE_BROWSER is set but chromium/chromedriver are missing",
                pytrace=False)
if CHROMIUM is None or DRIVER is None:
    pytest.skip(
        "browser tests need Debian's chromium and chromium-driver (run scripts/ci-browser-deps.sh)",
        allow_module_level=True,
    )
webdriver = pytest.importorskip(
    "selenium.webdriver", reason="browser tests need selenium (pip install selenium)"
)

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from warlog.web.chromium import chromium_args  # noqa: E402

N_EVENTS = 38
WAIT = 20


@pytest.fixture(scope="module")
def base_url(web_db_template: Path, tmp_path_factory: pytest.TempPathFactory,
             serve_app) -> str:
    db = tmp_path_factory.mktemp("browser") / "warlog.db"
    shutil.copyfile(web_db_template, db)
    return serve_app(db)  # the shared server fixture (conftest.py)


def chromium_options(user_data_dir: Path):
    """Headless Chromium as root, offline, with a fresh profile."""
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in chromium_args(user_data_dir):
        opts.add_argument(arg)
    return opts


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not download anything
    from selenium.webdriver.chrome.service import Service

    profile = tmp_path_factory.mktemp("chromium-profile")
    driver = webdriver.Chrome(options=chromium_options(profile), service=Service(DRIVER))
    driver.set_window_size(1500, 950)
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, base_url: str):
    browser.get(base_url)
    WebDriverWait(browser, WAIT).until(
        lambda d: d.execute_script("return document.body.dataset.ready === '1'")
    )
    return browser


def total(driver) -> int:
    return int(driver.find_element(By.ID, "total-count").text.replace(",", ""))


def rows(driver) -> list:
    return driver.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")


def test_page_loads_map_timeline_and_table(page) -> None:
    assert total(page) == N_EVENTS
    assert len(rows(page)) == N_EVENTS
    assert page.find_element(By.ID, "map-note").text.startswith(f"{N_EVENTS} events on the map")
    assert page.find_elements(By.CSS_SELECTOR, "#map .cluster-icon")  # dense points cluster
    assert page.find_elements(By.CSS_SELECTOR, "#timeline canvas")
    types = page.find_elements(By.CSS_SELECTOR, "#f-types label")
    assert any("Battles" in t.text for t in types)
    errors = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_brushing_the_timeline_filters_map_and_table(page) -> None:
    over = page.find_element(By.CSS_SELECTOR, "#timeline .u-over")
    width = over.size["width"]
    # Drag across the first fifth of the chart (spring 2014 in the Idlib offensive).
    ActionChains(page).move_to_element_with_offset(
        over, -width // 2 + 2, 0
    ).click_and_hold().move_by_offset(width // 5, 0).release().perform()
    WebDriverWait(page, WAIT).until(lambda d: 0 < total(d) < N_EVENTS)
    date_from = page.find_element(By.ID, "f-from").get_attribute("value")
    date_to = page.find_element(By.ID, "f-to").get_attribute("value")
    assert date_from and date_to and date_from <= date_to
    n = total(page)
    WebDriverWait(page, WAIT).until(
        lambda d: d.find_element(By.ID, "map-note").text.startswith(f"{n} events")
    )
    dates = [r.find_elements(By.TAG_NAME, "td")[1].text[:10] for r in rows(page)]
    assert len(dates) == n and all(date_from <= d <= date_to for d in dates)
    assert f"date_from={date_from}" in page.find_element(By.ID, "export-csv").get_attribute("href")
    page.find_element(By.ID, "brush-clear").click()
    WebDriverWait(page, WAIT).until(lambda d: total(d) == N_EVENTS)


def test_open_a_record_edit_a_field_and_see_the_audit_log(page) -> None:
    reviewer = page.find_element(By.ID, "reviewer")
    reviewer.clear()
    reviewer.send_keys("e2e-reviewer")
    Select(page.find_element(By.ID, "f-country")).select_by_value("Mali")
    WebDriverWait(page, WAIT).until(lambda d: total(d) == 2)
    rows(page)[0].click()
    body = WebDriverWait(page, WAIT).until(
        lambda d: (
            d.find_element(By.ID, "record-body")
            if d.find_elements(By.CSS_SELECTOR, "#source mark.current")
            else None
        )
    )
    event_id = body.find_element(By.TAG_NAME, "h2").text.split()[0].lstrip("#")
    mark = page.find_element(By.CSS_SELECTOR, "#source mark.current")
    evidence = page.find_element(By.CSS_SELECTOR, ".evidence-list li").text
    assert " ".join(mark.text.split())[:40] == " ".join(evidence.split())[:40]

    page.find_element(By.ID, "btn-edit").click()
    field = page.find_element(By.ID, "edit-fatalities")
    field.clear()
    field.send_keys("42")
    page.find_element(By.ID, "btn-save").click()
    audit = WebDriverWait(page, WAIT).until(
        lambda d: (
            d.find_element(By.ID, "audit-list")
            if "42" in d.find_element(By.ID, "audit-list").text
            else None
        )
    )
    assert "e2e-reviewer" in audit.text and "fatalities" in audit.text
    assert page.find_element(By.ID, "record-state").text == "edited"
    row = WebDriverWait(page, WAIT).until(
        lambda d: next(
            (r for r in rows(d) if r.get_attribute("data-id") == event_id and "42" in r.text), None
        )
    )
    assert "edited" in row.text
    page.find_element(By.ID, "btn-close").click()
    recent = WebDriverWait(page, WAIT).until(
        lambda d: (
            d.find_element(By.ID, "recent-audit")
            if "e2e-reviewer" in d.find_element(By.ID, "recent-audit").text
            else None
        )
    )
    assert f"#{event_id}" in recent.text


def test_clicking_a_map_point_opens_its_record(page) -> None:
    Select(page.find_element(By.ID, "f-country")).select_by_value("Afghanistan")
    WebDriverWait(page, WAIT).until(lambda d: total(d) == 5)
    # Centre the map on one event, close enough that it is drawn on its own, and click it.
    target = rows(page)[0].get_attribute("data-id")
    lat, lon = page.execute_script(
        "return fetch('/api/events/' + arguments[0]).then(r => r.json()).then(r => {"
        "  window.warlog.map.setView([r.latitude, r.longitude], 14, {animate: false});"
        "  return [r.latitude, r.longitude]; });",
        target,
    )
    time.sleep(0.5)
    x, y = page.execute_script(
        "const p = window.warlog.map.latLngToContainerPoint([arguments[0], arguments[1]]);"
        "return [p.x, p.y];",
        lat,
        lon,
    )
    box = page.find_element(By.ID, "map")
    ActionChains(page).move_to_element_with_offset(
        box, int(x - box.size["width"] / 2), int(y - box.size["height"] / 2)
    ).click().perform()
    heading = WebDriverWait(page, WAIT).until(
        lambda d: (
            d.find_element(By.CSS_SELECTOR, "#record-body h2")
            if d.find_element(By.ID, "record-body").is_displayed()
            else None
        )
    )
    opened = heading.text.split()[0].lstrip("#")
    same_place = page.execute_script(
        "return fetch('/api/events/' + arguments[0]).then(r => r.json())"
        "  .then(r => [r.latitude, r.longitude]);",
        opened,
    )
    assert same_place == [lat, lon]


def test_styles_set_by_script_survive_the_content_security_policy(page) -> None:
    """The policy allows no inline style markup: colours and sizes are set through the DOM.

    The cluster layer may redraw its icons between a lookup and a read (a stale element), so
    each element is found and its computed style read in one script call, retried until drawn.
    """
    read = (
        "const e = document.querySelector(arguments[0]); if (!e) return null;"
        "const s = getComputedStyle(e); return [s.width, s.backgroundColor];"
    )
    width, colour = WebDriverWait(page, WAIT).until(
        lambda d: d.execute_script(read, "#map .cluster-icon")
    )
    assert int(width.removesuffix("px").split(".")[0]) >= 20
    assert colour not in ("rgba(0, 0, 0, 0)", "")
    _, swatch = WebDriverWait(page, WAIT).until(
        lambda d: d.execute_script(read, "#f-types .swatch")
    )
    assert swatch not in ("rgba(0, 0, 0, 0)", "")
    errors = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_the_app_refuses_to_be_framed(page) -> None:
    """Even a page of the same server cannot show the app in a frame (frame-ancestors 'none'
    and X-Frame-Options: DENY): the frame holds the browser's error page, not the app."""
    framed = page.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const f = document.createElement('iframe');"
        "f.onload = () => { let d = null; try { d = f.contentDocument; } catch (e) {}"
        "  done(d && d.body ? d.body.innerText : null); f.remove(); };"
        "f.src = '/api/health'; document.body.append(f);"
    )
    assert framed is None or '"ok"' not in framed
    refused = [e["message"] for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert any("frame" in m for m in refused), refused


def test_the_api_docs_page_works_under_its_policy(browser, base_url: str) -> None:
    browser.get(base_url + "docs")
    WebDriverWait(browser, WAIT).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".swagger-ui .opblock")) >= 10
    )
    assert "warlog" in browser.find_element(By.CSS_SELECTOR, ".swagger-ui .title").text
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
