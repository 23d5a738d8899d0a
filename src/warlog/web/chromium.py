"""How warlog's browser tests, benchmark and screenshot script start Debian's Chromium.

Headless, as root (``--no-sandbox``), offline: without the background-networking flags
Chromium keeps trying to reach Google's hosts, which this kind of machine refuses. One list,
so the three callers cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)


def chromium_args(profile_dir: str | Path, window: str = "1500,950") -> list[str]:
    """Command-line flags for a fresh headless Chromium profile in ``profile_dir``."""
    return [*FLAGS, f"--window-size={window}", f"--user-data-dir={profile_dir}"]
