#!/usr/bin/env bash
# Chaos run against the local cluster (scripts/cluster.sh): sustained task load through HAProxy
# while workers are SIGKILLed and restarted every few seconds, PostgreSQL restarts once
# (pg_ctl restart -m fast), every backend is terminated once (pg_terminate_backend), and both API
# processes restart one after the other (SIGTERM drains). Then it waits for the backlog and
# prints a report; exits 1 when a task was lost or stuck, or a request failed with anything but
# a retryable 503/429.
#   scripts/chaos.sh [SECONDS]     # default 60; brings the cluster up if it is not
# Clients behave like the SDK: each task is created with an Idempotency-Key and retried after
# Retry-After on 503 and 429, so a retried creation never makes a second task.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
state=${PLOTON_CLUSTER_DIR:-/tmp/ploton-cluster}
cluster="$root/scripts/cluster.sh"
seconds=${1:-60}
lb="http://127.0.0.1:${PLOTON_CLUSTER_PORT:-8088}"
[ -f "$state/test-key" ] || "$cluster" up
key=$(cat "$state/test-key")
run="$state/chaos-$(date +%s)"
mkdir -p "$run"

# The load: 8 clients creating tasks for $seconds seconds.
python3 - "$lb" "$key" "$seconds" "$run" <<'PY' &
import json, sys, threading, time, urllib.request, urllib.error, uuid
lb, key, seconds, run = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
prompt = "Look up the current weather in San Francisco and return temperature, conditions, and humidity"
lock = threading.Lock()
accepted, statuses = [], {}
def count(status):
    with lock: statuses[status] = statuses.get(status, 0) + 1
def client():
    end = time.time() + seconds
    while time.time() < end:
        idem = str(uuid.uuid4())
        for _ in range(50):
            request = urllib.request.Request(lb + "/v1/tasks", data=json.dumps({"prompt": prompt}).encode(), method="POST",
                headers={"Authorization": "Bearer " + key, "Content-Type": "application/json", "Idempotency-Key": idem})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    count(response.status)
                    with lock: accepted.append(json.load(response)["id"])
                    break
            except urllib.error.HTTPError as error:
                count(error.code)
                if error.code not in (429, 503): break
                time.sleep(min(5, float(error.headers.get("Retry-After") or 1)))
            except Exception as error:
                count("connection: " + type(error).__name__)
                time.sleep(0.5)
threads = [threading.Thread(target=client) for _ in range(8)]
for thread in threads: thread.start()
for thread in threads: thread.join()
json.dump({"accepted": sorted(set(accepted)), "statuses": statuses}, open(run + "/load.json", "w"))
PY
load=$!

# The chaos, spread over the run.
start=$(date +%s)
elapsed() { echo $(($(date +%s) - start)); }
did_pg_restart=0 did_terminate=0 did_rolling=0
while kill -0 "$load" 2>/dev/null; do
    worker=worker$((RANDOM % 2 + 1))
    "$cluster" kill "$worker"
    "$cluster" start "$worker"
    echo "$(elapsed)s kill -9 $worker, restarted" >>"$run/events"
    if [ $did_pg_restart = 0 ] && [ "$(elapsed)" -ge $((seconds / 4)) ]; then
        "$cluster" pg-restart && echo "$(elapsed)s PostgreSQL restarted (fast)" >>"$run/events"
        did_pg_restart=1
    elif [ $did_terminate = 0 ] && [ "$(elapsed)" -ge $((seconds / 2)) ]; then
        echo "$(elapsed)s terminated $("$cluster" pg-terminate) backends" >>"$run/events"
        did_terminate=1
    elif [ $did_rolling = 0 ] && [ "$(elapsed)" -ge $((seconds * 3 / 4)) ]; then
        for api in api1 api2; do
            "$cluster" stop "$api" && "$cluster" start "$api" && echo "$(elapsed)s rolling restart: $api" >>"$run/events"
        done
        did_rolling=1
    fi
    sleep 4
done
wait "$load"

# The backlog drains; then the report, from the database itself.
sql() { ip netns exec ploton-db runuser -u postgres -- psql -h "$state/pg" -U postgres -d ploton -tAc "$1"; }
ids=$(python3 -c "import json,sys; print(','.join(\"'%s'\" % i for i in json.load(open('$run/load.json'))['accepted']))")
for _ in $(seq 1 240); do
    [ "$(sql "SELECT count(*) FROM tasks WHERE status IN ('pending','running')")" = 0 ] && break
    sleep 0.5
done
accepted=$(python3 -c "import json; print(len(json.load(open('$run/load.json'))['accepted']))")
stored=$(sql "SELECT count(*) FROM tasks WHERE id IN ($ids)")
complete=$(sql "SELECT count(*) FROM tasks WHERE id IN ($ids) AND status = 'complete'")
failed=$(sql "SELECT count(*) FROM tasks WHERE id IN ($ids) AND status = 'failed'")
stuck=$(sql "SELECT count(*) FROM tasks WHERE status IN ('pending','running')")
rerun=$(sql "SELECT count(*) FROM task_steps WHERE attempts > 1")
rerun_effects=$(sql "SELECT count(*) FROM task_steps WHERE side_effect AND attempts > 1")
statuses=$(python3 -c "import json; print(json.load(open('$run/load.json'))['statuses'])")
bad=$(python3 -c "import json; s=json.load(open('$run/load.json'))['statuses']; print(sum(v for k,v in s.items() if str(k) not in ('201','429','503')))")
{
    echo "chaos run: ${seconds}s of load, $(grep -c kill "$run/events" || true) worker kills"
    sed 's/^/  /' "$run/events"
    echo "tasks accepted (201): $accepted; stored: $stored; complete: $complete; failed: $failed; lost: $((accepted - stored))"
    echo "tasks stuck (pending/running) after the run: $stuck"
    echo "steps run more than once: $rerun (with side effects: $rerun_effects)"
    echo "responses seen by clients: $statuses"
    echo "requests failed other than with a retryable 503/429: $bad"
} | tee "$run/report"
[ "$accepted" = "$stored" ] && [ "$stuck" = 0 ] && [ "$bad" = 0 ]
