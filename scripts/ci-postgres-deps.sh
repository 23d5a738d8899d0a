#!/usr/bin/env bash
# Install what the PostgreSQL store tests (tests/test_store.py, tests/test_store_postgres.py)
# need, on a fresh Debian machine, as root, without prompts. Idempotent: a second run installs
# nothing new. No service is started: the tests start their own throwaway cluster
# (tests/pgserver.py) from the server binaries in /usr/lib/postgresql/<version>/bin.
#   - Debian's postgresql (server binaries, and the 'postgres' user the tests run it as);
#   (psycopg 3 comes from pyproject.toml's dev extra.)
# Usage: bash scripts/ci-postgres-deps.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
ls -d /usr/lib/postgresql/*/bin
id postgres >/dev/null
