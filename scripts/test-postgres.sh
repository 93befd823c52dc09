#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the tests: a non-root user, a temp dir, a free loopback port.
#   eval "$(scripts/test-postgres.sh start)"   # exports PLOTON_TEST_POSTGRES_URL and PLOTON_TEST_PG_DIR
#   scripts/test-postgres.sh stop "$PLOTON_TEST_PG_DIR"
# Outage tests take the same server down and up again, keeping its data and port:
#   scripts/test-postgres.sh pause DIR    # pg_ctl stop -m fast
#   scripts/test-postgres.sh resume DIR   # started again with the options of `start`
set -euo pipefail

pg_user=${PLOTON_PG_OS_USER:-postgres}

as_pg_user() {
    if [ "$(id -u)" = 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "${1:-}" in
start)
    if [ "$(id -u)" = 0 ] && ! id "$pg_user" >/dev/null 2>&1; then
        useradd --system --no-create-home "$pg_user"
    fi
    dir=$(mktemp -d /tmp/ploton-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown "$pg_user" "$dir"
    port=$(free_port)
    # A language collation, as most deployments have (en_US.UTF-8 in the official images), not C: an
    # order that only holds byte by byte must say so (UpdateSortableIDsToByteOrder).
    as_pg_user initdb -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale-provider=icu --icu-locale=en-US \
        >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    echo "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" \
        >"$dir/options"
    as_pg_user pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "export PLOTON_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres"
    echo "export PLOTON_TEST_PG_DIR=$dir"
    ;;
pause)
    dir=${2:?usage: test-postgres.sh pause DIR}
    as_pg_user pg_ctl -D "$dir/data" -m fast -w stop >/dev/null
    ;;
resume)
    dir=${2:?usage: test-postgres.sh resume DIR}
    as_pg_user pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    ;;
stop)
    dir=${2:?usage: test-postgres.sh stop DIR}
    as_pg_user pg_ctl -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start | pause DIR | resume DIR | stop DIR" >&2
    exit 2
    ;;
esac
