#!/usr/bin/env bash
# Black-box browser tests of the dashboard: installs what they need (scripts/browser-deps.sh), then
# runs Tests/Browser/dashboard_test.py against a server it starts itself. Exits non-zero on any failure.
#   scripts/browser-tests.sh
# Environment (passed through): PLOTON_BINARY (default .build/debug/ploton), PLOTON_BROWSER_DATABASE_URL
# (an empty PostgreSQL database instead of SQLite), PLOTON_SCREENSHOT_DIR (default .build/browser-screenshots).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/browser-deps.sh
exec python3 Tests/Browser/dashboard_test.py
