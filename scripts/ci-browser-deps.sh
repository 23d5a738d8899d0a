#!/usr/bin/env bash
# Install what the web app's browser tests (tests/test_web_browser.py) need, on a fresh Debian
# machine, as root, without prompts. Idempotent: a second run installs nothing new.
#   - Debian's chromium and chromium-driver (the tests drive that binary; nothing is
#     downloaded at run time), plus a font so pages render text;
# The Python side (fastapi, uvicorn, httpx, selenium) comes from pyproject.toml.
# Usage: bash scripts/ci-browser-deps.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core \
    >/dev/null
fi
chromium --version
chromedriver --version
