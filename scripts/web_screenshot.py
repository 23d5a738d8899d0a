"""Take the README's screenshot of ``warlog serve`` (docs/screenshot.png) with headless Chromium.

    python scripts/web_screenshot.py --db warlog.db [--out docs/screenshot.png]
        [--country Syria] [--from 2016-01-01] [--to 2016-12-31]

Serves the database on a loopback port, filters it (country and a date range set as a
timeline brush would), lets the map zoom to the events, opens the record of the newest
located event (its evidence highlighted in the source text) and saves a PNG.
Needs Debian's chromium and chromium-driver and the selenium package.
"""

from __future__ import annotations

import argparse
import os
import socket
import tempfile
import threading
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", type=Path, default=Path("docs/screenshot.png"))
    ap.add_argument("--country", default="Syria")
    ap.add_argument("--from", dest="date_from", default="2016-01-01")
    ap.add_argument("--to", dest="date_to", default="2016-12-31")
    ap.add_argument("--size", default="1600,1000")
    args = ap.parse_args()

    import uvicorn
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from warlog.web.app import create_app
    from warlog.web.chromium import chromium_args

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(create_app(args.db), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)

    os.environ.setdefault("SE_OFFLINE", "true")
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in chromium_args(tempfile.mkdtemp(), args.size):
        opts.add_argument(arg)
    driver = webdriver.Chrome(options=opts, service=Service("/usr/bin/chromedriver"))
    width, height = (int(v) for v in args.size.split(","))
    try:
        driver.set_window_size(width, height)
        # The window's inner size must be the screenshot's size (headless has no chrome).
        dw, dh = driver.execute_script(
            "return [outerWidth - innerWidth, outerHeight - innerHeight]"
        )
        driver.set_window_size(width + dw, height + dh)
        driver.get(f"http://127.0.0.1:{port}/")
        wait = WebDriverWait(driver, 60)
        wait.until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
        if args.country:
            Select(driver.find_element(By.ID, "f-country")).select_by_value(args.country)
            time.sleep(1.5)
        # Set the date range the way a timeline brush does.
        driver.execute_script(
            "const s = window.warlog.state.filter; s.date_from = arguments[0];"
            "s.date_to = arguments[1];"
            "document.getElementById('f-from').value = arguments[0];"
            "document.getElementById('f-to').value = arguments[1];"
            "document.getElementById('f-from').dispatchEvent(new Event('input'));",
            args.date_from,
            args.date_to,
        )
        time.sleep(2)
        # Open the first event of the page that has coordinates and a named place.
        for row in driver.find_elements(By.CSS_SELECTOR, "#events-table tbody tr"):
            cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
            if cells[7] and cells[5] and cells[5] != cells[6]:
                driver.execute_script("arguments[0].click()", row)
                break
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#source mark.current"))
        driver.execute_script("document.querySelector('.table-scroll').scrollLeft = 0")
        time.sleep(1.5)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(args.out))
        print(f"wrote {args.out}")
    finally:
        driver.quit()
        srv.should_exit = True


if __name__ == "__main__":
    main()
