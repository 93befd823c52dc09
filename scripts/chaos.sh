#!/usr/bin/env bash
# Chaos run against the local cluster (scripts/cluster.sh): sustained task load through HAProxy
# (half weather look-ups, half sandbox Slack posts, each with its own text) and a webhook receiver
# on the cluster's hooks host subscribed to every event, while workers are SIGKILLed and restarted
# every few seconds, PostgreSQL restarts once (pg_ctl restart -m fast), every backend is terminated
# once (pg_terminate_backend), and both API processes restart one after the other (SIGTERM drains).
# Then it waits for the backlog and the outbox and prints a report; exits 1 when a task was lost
# or stuck, a completed post task's post was made twice or not at all, a finished task's
# task.complete/task.failed webhook never arrived, or a request failed with anything but a
# retryable 503, 429 or 409 (idempotency_conflict: the same key's earlier try is in flight).
#   scripts/chaos.sh [SECONDS]     # default 60; brings the cluster up if it is not
# Clients behave like the SDK: each task is created with an Idempotency-Key and retried after
# Retry-After on 503, 429 and 409, so a retried creation never makes a second task.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
state=${PLOTON_CLUSTER_DIR:-/tmp/ploton-cluster}
cluster="$root/scripts/cluster.sh"
seconds=${1:-60}
lb="http://127.0.0.1:${PLOTON_CLUSTER_PORT:-8088}"
[ -f "$state/test-key" ] || "$cluster" up
key=$(cat "$state/test-key")
tag="chaos$(date +%s)"
run="$state/$tag"
mkdir -p "$run"

# The webhook receiver: records every delivery (webhook-id, event type, task id) and answers 200.
"$cluster" on hooks python3 - "$run/received" <<'PY' &
import http.server, json, sys
out = open(sys.argv[1], "a", buffering=1)
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        event = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        out.write(f"{self.headers['webhook-id']} {event.get('event')} {event.get('task_id')}\n")
        self.send_response(200)
        self.end_headers()
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("10.88.0.30", 9099), Receiver).serve_forever()
PY
trap 'pkill -f "$run/received" || true' EXIT
curl -sf -X POST "$lb/v1/webhook_endpoints" -H "Authorization: Bearer $key" -H "Content-Type: application/json" \
    -d '{"url":"http://10.88.0.30:9099/hooks","description":"chaos receiver"}' >"$run/endpoint.json"

# The end user "chaos" connects the sandbox Slack (chat) the way a person does: the consent page, Approve.
python3 - "$lb" "$key" <<'PY'
import html.parser, json, sys, urllib.parse, urllib.request
lb, key = sys.argv[1], sys.argv[2]
class Form(html.parser.HTMLParser):
    action, fields = None, {}
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form": self.action = attrs.get("action")
        if tag == "input" and attrs.get("type") == "hidden": self.fields[attrs["name"]] = attrs.get("value", "")
request = urllib.request.Request(lb + "/v1/connections/authorize", method="POST", data=b'{"user_id":"chaos","tool":"chat"}',
    headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
form = Form()
form.feed(urllib.request.urlopen(json.load(urllib.request.urlopen(request))["auth_url"]).read().decode())
urllib.request.urlopen(lb + form.action, data=urllib.parse.urlencode({**form.fields, "decision": "approve"}).encode()).read()
PY

# The load: 8 clients creating tasks for $seconds seconds, every other one a post with its own text.
python3 - "$lb" "$key" "$seconds" "$run" "$tag" <<'PY' &
import itertools, json, sys, threading, time, urllib.request, urllib.error, uuid
lb, key, seconds, run, tag = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5]
weather = "Look up the current weather in San Francisco and return temperature, conditions, and humidity"
numbers = itertools.count()
lock = threading.Lock()
accepted, posts, statuses = [], {}, {}
def count(status):
    with lock: statuses[status] = statuses.get(status, 0) + 1
def client():
    end = time.time() + seconds
    while time.time() < end:
        idem = str(uuid.uuid4())
        n = next(numbers)
        text = f"{tag}-{n}"
        body = {"prompt": f'Post "{text}" to #general', "user_id": "chaos"} if n % 2 else {"prompt": weather}
        for _ in range(50):
            request = urllib.request.Request(lb + "/v1/tasks", data=json.dumps(body).encode(), method="POST",
                headers={"Authorization": "Bearer " + key, "Content-Type": "application/json", "Idempotency-Key": idem})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    count(response.status)
                    task = json.load(response)["id"]
                    with lock:
                        accepted.append(task)
                        if n % 2: posts[task] = text
                    break
            except urllib.error.HTTPError as error:
                count(error.code)
                # 409: this key's earlier try is still being answered (or was cut off by the outage).
                if error.code not in (409, 429, 503): break
                time.sleep(min(5, float(error.headers.get("Retry-After") or 1)))
            except Exception as error:
                count("connection: " + type(error).__name__)
                time.sleep(0.5)
threads = [threading.Thread(target=client) for _ in range(8)]
for thread in threads: thread.start()
for thread in threads: thread.join()
json.dump({"accepted": sorted(set(accepted)), "posts": posts, "statuses": statuses}, open(run + "/load.json", "w"))
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
stuck=$(sql "SELECT count(*) FROM tasks WHERE status IN ('pending','running','waiting')")
# Webhooks: every finished task's terminal event reaches the receiver (once the outbox drains).
for _ in $(seq 1 240); do
    [ "$(sql "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'")" = 0 ] && break
    sleep 0.5
done
sql "SELECT id || ' ' || status FROM tasks WHERE id IN ($ids) AND status IN ('complete','failed')" >"$run/finished"
sql "SELECT data::text FROM sandbox_records WHERE tool = 'chat' AND data::text LIKE '%$tag-%'" >"$run/posts"
read -r posts_missing posts_twice hooks_missing hooks_duplicate <<<"$(python3 - "$run" "$tag" <<'PY'
import json, re, sys, collections
run, tag = sys.argv[1], sys.argv[2]
load = json.load(open(run + "/load.json"))
finished = dict(line.split() for line in open(run + "/finished") if line.strip())
made = collections.Counter(re.findall(re.escape(tag) + r"-\d+", open(run + "/posts").read()))
complete_posts = [text for task, text in load["posts"].items() if finished.get(task) == "complete"]
received = [line.split() for line in open(run + "/received") if line.strip()]
terminal = {task for _, kind, task in (r for r in received if len(r) == 3) if kind in ("task.complete", "task.failed")}
ids = collections.Counter(r[0] for r in received)
print(sum(1 for t in complete_posts if made[t] == 0), sum(1 for t in made.values() if t > 1),
      sum(1 for task in finished if task not in terminal), sum(1 for c in ids.values() if c > 1))
PY
)"
rerun=$(sql "SELECT count(*) FROM task_steps WHERE attempts > 1")
rerun_effects=$(sql "SELECT count(*) FROM task_steps WHERE side_effect AND attempts > 1")
statuses=$(python3 -c "import json; print(json.load(open('$run/load.json'))['statuses'])")
bad=$(python3 -c "import json; s=json.load(open('$run/load.json'))['statuses']; print(sum(v for k,v in s.items() if str(k) not in ('201','409','429','503')))")
{
    echo "chaos run: ${seconds}s of load, $(grep -c kill "$run/events" || true) worker kills"
    sed 's/^/  /' "$run/events"
    echo "tasks accepted (201): $accepted; stored: $stored; complete: $complete; failed: $failed; lost: $((accepted - stored))"
    echo "tasks stuck (pending/running/waiting) after the run: $stuck"
    echo "steps run more than once: $rerun (with side effects: $rerun_effects)"
    echo "sandbox posts: $(wc -l <"$run/posts") made; completed post tasks without their post: $posts_missing; posts made twice: $posts_twice"
    echo "webhooks received: $(wc -l <"$run/received"); finished tasks whose task.complete/task.failed never arrived: $hooks_missing; redeliveries (same webhook-id again, allowed): $hooks_duplicate"
    echo "responses seen by clients: $statuses"
    echo "requests failed other than with a retryable 503/429/409: $bad"
} | tee "$run/report"
[ "$accepted" = "$stored" ] && [ "$stuck" = 0 ] && [ "$bad" = 0 ] && [ "$posts_missing" = 0 ] && [ "$posts_twice" = 0 ] &&
    [ "$hooks_missing" = 0 ]
