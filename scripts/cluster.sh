#!/usr/bin/env bash
# A Ploton cluster on this machine, laid out like one on several hosts: PostgreSQL, two `api` and
# two `worker` processes, each in its own network namespace (ip netns + veth on a bridge that
# lives in a namespace of its own; addresses 10.88.0.0/24 exist only inside those namespaces),
# and HAProxy on 127.0.0.1 in front, health-checking /ready. The processes read the files of
# deploy/ (ploton.env, haproxy/haproxy.cfg), the deployment example of docs/deploying.md.
# Needs root, iproute2, haproxy and PostgreSQL's binaries; builds nothing (PLOTON_BINARY).
#
#   scripts/cluster.sh up                 # start everything; prints the balancer URL and a test key
#   scripts/cluster.sh status             # processes, /ready of each API, HAProxy's view
#   scripts/cluster.sh kill worker1       # SIGKILL one process (api1 api2 worker1 worker2)
#   scripts/cluster.sh stop api1          # SIGTERM: drains (not ready, then stops)
#   scripts/cluster.sh start api1         # start it again
#   scripts/cluster.sh pg-restart         # pg_ctl restart -m fast
#   scripts/cluster.sh pg-terminate       # pg_terminate_backend on every Ploton connection
#   scripts/cluster.sh on hooks CMD…      # run CMD in a node's namespace (hooks: 10.88.0.30)
#   scripts/cluster.sh down               # stop everything, remove the namespaces and the state
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
state=${PLOTON_CLUSTER_DIR:-/tmp/ploton-cluster}
binary=${PLOTON_BINARY:-$root/.build/debug/ploton}
lb_port=${PLOTON_CLUSTER_PORT:-8088}
pg_user=${PLOTON_PG_OS_USER:-postgres}
subnet=10.88.0
declare -A address=([db]=10 [api1]=11 [api2]=12 [worker1]=21 [worker2]=22 [hooks]=30)
# hooks: a host for webhook receivers (scripts/chaos.sh runs one there).
nodes=(db api1 api2 worker1 worker2 hooks)

ns() { echo "ploton-$1"; }
in_ns() { local node=$1; shift; ip netns exec "$(ns "$node")" "$@"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi; }
database_url() { echo "postgres://postgres@$subnet.${address[db]}:5432/ploton"; }

network_up() {
    ip netns add ploton-switch
    ip -n ploton-switch link add br0 type bridge
    ip -n ploton-switch link set br0 up
    for node in "${nodes[@]}"; do
        ip netns add "$(ns "$node")"
        ip link add "p-$node" netns ploton-switch type veth peer name eth0 netns "$(ns "$node")"
        ip -n ploton-switch link set "p-$node" master br0 up
        ip -n "$(ns "$node")" addr add "$subnet.${address[$node]}/24" dev eth0
        ip -n "$(ns "$node")" link set eth0 up
        ip -n "$(ns "$node")" link set lo up
    done
}

network_down() {
    for node in "${nodes[@]}"; do ip netns del "$(ns "$node")" 2>/dev/null || true; done
    ip netns del ploton-switch 2>/dev/null || true
}

pg_options() { echo "-c listen_addresses=$subnet.${address[db]},127.0.0.1 -p 5432 -k $state/pg -c max_connections=300"; }

postgres_up() {
    if [ "$(id -u)" = 0 ] && ! id "$pg_user" >/dev/null 2>&1; then useradd --system --no-create-home "$pg_user"; fi
    mkdir -p "$state/pg" && chown "$pg_user" "$state/pg"
    as_pg initdb -D "$state/pg/data" -U postgres --auth=trust -E UTF8 >"$state/pg/initdb.log" 2>&1
    echo "host all all $subnet.0/24 trust" >>"$state/pg/data/pg_hba.conf"
    in_ns db runuser -u "$pg_user" -- pg_ctl -D "$state/pg/data" -l "$state/pg/server.log" -w -o "$(pg_options)" start >/dev/null
    in_ns db runuser -u "$pg_user" -- psql -h "$state/pg" -U postgres -qc "CREATE DATABASE ploton" >/dev/null
}

# The environment of a node's process: deploy/ploton.env and this cluster's overrides.
node_environment() {
    local node=$1
    set -a
    # shellcheck disable=SC1091
    . "$root/deploy/ploton.env"
    PLOTON_DATABASE_URL=$(database_url)
    PLOTON_DATA_DIR=$state/data-$node
    PLOTON_PUBLIC_URL=http://127.0.0.1:$lb_port
    PLOTON_ROLE=${node%[0-9]}
    # Webhook receivers on the hooks host are let through the outbound policy.
    PLOTON_OUTBOUND_ALLOWED_NETWORKS=$subnet.${address[hooks]}/32
    set +a
}

# `exec` all the way down: the recorded pid is ploton's own, so kill -9 hits the process.
start() {
    local node=$1
    (node_environment "$node" && exec ip netns exec "$(ns "$node")" "$binary" serve) >>"$state/$node.log" 2>&1 &
    echo $! >"$state/$node.pid"
}

signal() {
    local node=$1 sig=$2
    [ -f "$state/$node.pid" ] || return 0
    kill "-$sig" "$(cat "$state/$node.pid")" 2>/dev/null || true
    if [ "$sig" = TERM ]; then
        while kill -0 "$(cat "$state/$node.pid")" 2>/dev/null; do sleep 0.1; done
    fi
    rm -f "$state/$node.pid"
}

# wait_ready URL [NODE]: until URL answers 200 (from inside NODE's namespace when given).
wait_ready() {
    local url=$1 node=${2:-}
    for _ in $(seq 1 300); do
        if [ -n "$node" ]; then in_ns "$node" curl -sf -o /dev/null "$url" && return 0; else curl -sf -o /dev/null "$url" && return 0; fi
        sleep 0.1
    done
    echo "not ready: $url" >&2
    return 1
}

haproxy_up() {
    PLOTON_LB_BIND=127.0.0.1:$lb_port \
        PLOTON_API1_ADDR=$subnet.${address[api1]}:8080 PLOTON_API1_OPTS="weight 100 namespace $(ns api1)" \
        PLOTON_API2_ADDR=$subnet.${address[api2]}:8080 PLOTON_API2_OPTS="weight 100 namespace $(ns api2)" \
        haproxy -db -f "$root/deploy/haproxy/haproxy.cfg" >>"$state/haproxy.log" 2>&1 &
    echo $! >"$state/haproxy.pid"
}

up() {
    [ ! -e "$state" ] || { echo "$state exists: run '$0 down' first" >&2; exit 1; }
    [ -x "$binary" ] || { echo "no ploton binary at $binary (swift build, or set PLOTON_BINARY)" >&2; exit 1; }
    mkdir -p "$state"
    network_up
    postgres_up
    (node_environment api1 && exec ip netns exec "$(ns api1)" "$binary" migrate) >"$state/migrate.log" 2>&1
    start api1
    wait_ready "http://$subnet.${address[api1]}:8080/health" api1  # first run: creates the account
    for node in api2 worker1 worker2; do start "$node"; done
    haproxy_up
    wait_ready "http://127.0.0.1:$lb_port/ready"
    for _ in $(seq 1 100); do grep -q "Test API key:" "$state/api1.log" && break; sleep 0.1; done
    grep -m1 "Test API key:" "$state/api1.log" | awk '{print $NF}' >"$state/test-key"
    grep -m1 "Live API key:" "$state/api1.log" | awk '{print $NF}' >"$state/live-key"
    echo "balancer: http://127.0.0.1:$lb_port  test key: $(cat "$state/test-key")  (state: $state)"
}

status() {
    for node in api1 api2 worker1 worker2; do
        local pid="-"
        [ -f "$state/$node.pid" ] && kill -0 "$(cat "$state/$node.pid")" 2>/dev/null && pid=$(cat "$state/$node.pid")
        local ready=""
        [[ $node == api* ]] && ready=$(in_ns "$node" curl -s -m 3 "http://$subnet.${address[$node]}:8080/ready" || echo unreachable)
        echo "$node pid=$pid $ready"
    done
}

down() {
    for node in api1 api2 worker1 worker2; do signal "$node" KILL; done
    [ -f "$state/haproxy.pid" ] && kill "$(cat "$state/haproxy.pid")" 2>/dev/null || true
    [ -d "$state/pg/data" ] && as_pg pg_ctl -D "$state/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    network_down
    rm -rf "$state"
}

case "${1:-}" in
up) up ;;
down) down ;;
status) status ;;
kill) signal "${2:?node}" KILL ;;
stop) signal "${2:?node}" TERM ;;
start)
    start "${2:?node}"
    if [[ $2 == api* ]]; then wait_ready "http://$subnet.${address[$2]}:8080/ready" "$2"; fi
    ;;
on)
    shift
    in_ns "$@"
    ;;
pg-restart) in_ns db runuser -u "$pg_user" -- pg_ctl -D "$state/pg/data" -l "$state/pg/server.log" -m fast -w -o "$(pg_options)" restart >/dev/null ;;
pg-terminate)
    in_ns db runuser -u "$pg_user" -- psql -h "$state/pg" -U postgres -d ploton -tAc \
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'ploton' AND pid <> pg_backend_pid()"
    ;;
*)
    sed -n '2,22p' "$0"
    exit 2
    ;;
esac
