#!/usr/bin/env bash
# Runs Schemathesis (pip install schemathesis) against a built `ploton serve`, with its boundary
# and negative data, for SECONDS (default 120), on SQLite in a temporary data dir, or on the
# PostgreSQL database PLOTON_DATABASE_URL names:
#   scripts/schemathesis.sh 120
#   PLOTON_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/db scripts/schemathesis.sh 120
# Fails on any 5xx, or when the server process died. Build first (swift build), or name a built
# binary with PLOTON_BIN (a copy, so builds meanwhile do not replace it); reports go to
# .schemathesis/ (git-ignored) along with the server's log.
set -euo pipefail
seconds="${1:-120}"
cd "$(dirname "$0")/.."
command -v schemathesis >/dev/null || { echo "schemathesis: pip install schemathesis" >&2; exit 2; }
ploton="${PLOTON_BIN:-$(swift build --show-bin-path)/ploton}"
[ -x "$ploton" ] || { echo "schemathesis: build first (swift build)" >&2; exit 2; }

out=.schemathesis
rm -rf "$out" && mkdir -p "$out"
data=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
export PLOTON_DATA_DIR="$data" PLOTON_PORT="$port" PLOTON_HOST=127.0.0.1 PLOTON_PUBLIC_URL="http://127.0.0.1:$port"
# Generated requests come fast; the limits are not what is under test here.
export PLOTON_RATE_LIMIT_TEST=1000000 PLOTON_RATE_LIMIT_LIVE=1000000

"$ploton" serve --json >"$out/first-run.json" 2>"$out/server.log" &
server=$!
cleanup() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    kill -0 "$server" 2>/dev/null || { echo "schemathesis: the server did not start" >&2; cat "$out/server.log" >&2; exit 1; }
    sleep 0.2
done

# The first-run credentials; on a database that has an account already, new keys made offline.
key() {
    local field="$1" environment="$2" value
    value=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ''))" "$out/first-run.json" "$field" 2>/dev/null || true)
    if [ -z "$value" ]; then
        value=$("$ploton" keys create --environment "$environment" --name schemathesis --json 2>/dev/null |
            python3 -c "import json,sys; print(json.load(sys.stdin)['secret'])")
    fi
    echo "$value"
}
test_key=$(key test_api_key test)
live_key=$(key live_api_key live)

status=0
run() {
    local name="$1" key="$2" budget="$3"
    shift 3
    schemathesis run "http://127.0.0.1:$port/v1/openapi.json" --url "http://127.0.0.1:$port" \
        -H "Authorization: Bearer $key" --checks not_a_server_error --mode all \
        --phases examples,coverage,fuzzing,stateful --max-time "$budget" --workers 2 --generation-database none \
        --request-timeout 30 --no-color --report junit --report-junit-path "$out/$name.xml" "$@" | tee "$out/$name.log" || true
    # A failed check (a 5xx) fails the run; Schemathesis' own runtime errors are reported, not held against the server.
    python3 - "$out/$name.xml" <<'PY' || status=1
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
failed = [case.get("name") for case in root.iter("testcase") if case.find("failure") is not None]
errors = [case.get("name") for case in root.iter("testcase") if case.find("error") is not None]
if errors:
    print(f"schemathesis: its own errors (not server failures) in: {', '.join(errors)}", file=sys.stderr)
if failed:
    print(f"schemathesis: server errors in: {', '.join(failed)}", file=sys.stderr)
    sys.exit(1)
PY
}
# Everything with a test key (key management answers 403), then key management with a live key,
# without DELETE so the run keeps its own key.
run test "$test_key" $((seconds * 4 / 5))
run live "$live_key" $((seconds / 5)) --include-path-regex '^/v1/api_keys' --exclude-method DELETE

if ! kill -0 "$server" 2>/dev/null; then
    echo "schemathesis: the server process died" >&2
    tail -50 "$out/server.log" >&2
    exit 1
fi
if grep -qE 'Fatal error|Program crashed' "$out/server.log"; then
    echo "schemathesis: the server logged a crash (see $out/server.log)" >&2
    status=1
fi
exit "$status"
