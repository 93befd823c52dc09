#!/usr/bin/env python3
"""Webhook delivery benchmark: events of N sandbox weather tasks delivered by a real `ploton serve`.

A local receiver (ThreadingHTTPServer on 127.0.0.1, answers 200) is registered as a webhook
endpoint for all events. Each sandbox weather task produces 3 events (2x task.progress,
1x task.complete), so N tasks mean 3N deliveries. Measures, per database (SQLite, and PostgreSQL
when initdb is available):
  - hello-world throughput of the same server (`GET /`, wrk), as the baseline,
  - deliveries/s: 3N over the span from the first to the last delivery received, for N tasks
    created from C concurrent clients, and that rate as a fraction of hello-world req/s,
  - completion→receipt delay of task.complete (p50/p99): receipt time minus the task's
    `completed_at`. `completed_at` has 1-second resolution (truncated), so this figure is only
    good to about a second (it reads up to 1 s high),
  - create→webhook latency (p50/p99, precise): a second run of K tasks created one at a time,
    each after the previous one's task.complete arrived; receipt of task.complete minus the time
    the client sent POST /v1/tasks,
  - duplicates: requests received minus distinct event ids (at-least-once delivery; expect 0).

Usage: Benchmarks/webhook_delivery.py [--tasks 300] [--clients 16] [--sequential 50]
                                      [--binary .build/release/ploton] [--databases sqlite,postgres]
Needs a release build (swift build -c release --product ploton) and wrk for the baseline.
This is a measurement, not a test: it asserts nothing and prints a table.
"""
import argparse
import concurrent.futures
import datetime
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from common import ROOT, WEATHER as PROMPT, Server, hello_world, percentile, request

EVENTS_PER_TASK = 3  # 2x task.progress + 1x task.complete for the sandbox weather task


def parse_time(value):
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


class Receiver:
    """Records (arrival time, id, event, task_id) for every POST; answers 200 at once."""

    def __init__(self):
        self.records = []
        self.complete_at = {}  # task_id -> first arrival of its task.complete
        self.changed = threading.Condition()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, if the deliverer reuses connections

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                arrived = time.time()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                try:
                    event = json.loads(body)
                except ValueError:
                    event = {}
                with receiver.changed:
                    receiver.records.append((arrived, event.get("id"), event.get("event"), event.get("task_id")))
                    if event.get("event") == "task.complete":
                        receiver.complete_at.setdefault(event.get("task_id"), arrived)
                    receiver.changed.notify_all()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, predicate, timeout):
        """Waits until predicate(records) holds or the timeout passes; returns whether it held."""
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self.records), timeout)

    def snapshot(self):
        with self.changed:
            return list(self.records), dict(self.complete_at)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def create_task(server):
    return request("POST", server.url + "/v1/tasks", server.test_key, {"prompt": PROMPT})["id"]


def concurrent_run(server, receiver, tasks, clients):
    """N tasks from C clients; waits for their 3N events; returns the figures of the run."""
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        ids = list(pool.map(lambda _: create_task(server), range(tasks)))
    wanted = set(ids)
    expected = EVENTS_PER_TASK * tasks
    timeout = max(120, tasks)
    delivered = receiver.wait(lambda records: len({r[1] for r in records if r[3] in wanted}) >= expected, timeout)
    records, complete_at = receiver.snapshot()
    records = [r for r in records if r[3] in wanted]
    distinct = {r[1] for r in records}
    arrivals = [r[0] for r in records]
    span = max(arrivals) - min(arrivals) if len(arrivals) > 1 else None
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        completed = dict(zip(ids, pool.map(
            lambda i: request("GET", f"{server.url}/v1/tasks/{i}", server.test_key).get("completed_at"), ids)))
    delays = [(complete_at[i] - parse_time(c)) * 1000 for i, c in completed.items() if c and i in complete_at]
    return {
        "received": len(records), "distinct": len(distinct), "expected": expected, "all_delivered": delivered,
        "deliveries_per_s": len(distinct) / span if span else None,
        "delay_p50_ms": percentile(delays, 0.50), "delay_p99_ms": percentile(delays, 0.99),
    }


def sequential_run(server, receiver, count, timeout=60):
    """K tasks one at a time; each waits for its task.complete; returns create→webhook latencies (ms)."""
    latencies = []
    for _ in range(count):
        sent = time.time()
        task_id = create_task(server)
        if not receiver.wait(lambda _: task_id in receiver.complete_at, timeout):
            continue
        latencies.append((receiver.complete_at[task_id] - sent) * 1000)
    return latencies


def measure(name, binary, env, tasks, clients, sequential, seconds):
    workdir = tempfile.mkdtemp(prefix=f"ploton-bench-webhooks-{name}-")
    receiver = Receiver()
    try:
        server = Server(binary, workdir, env)
        try:
            hello = hello_world(server.url, seconds)
            request("POST", server.url + "/v1/webhook_endpoints", server.test_key, {"url": receiver.url})
            result = concurrent_run(server, receiver, tasks, clients)
            latencies = sequential_run(server, receiver, sequential)
        finally:
            server.stop()
    finally:
        receiver.stop()
    result.update({
        "database": name, "hello_rps": hello, "tasks": tasks, "sequential": len(latencies),
        "e2e_p50_ms": percentile(latencies, 0.50), "e2e_p99_ms": percentile(latencies, 0.99),
    })
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=300, help="tasks of the concurrent run (3 events each)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients creating the tasks")
    parser.add_argument("--sequential", type=int, default=50, help="tasks of the one-at-a-time latency run")
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration for the hello-world baseline")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/ploton"))
    parser.add_argument("--databases", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} not found: swift build -c release --product ploton")
    databases = {d.strip() for d in args.databases.split(",") if d.strip()}

    base = dict(os.environ, PLOTON_ENCRYPTION_KEYS="bench:" + "A" * 43 + "=", PLOTON_RATE_LIMIT_TEST="100000",
                PLOTON_RATE_LIMIT_LIVE="100000", PLOTON_ALLOW_PRIVATE_NETWORK="true", LOG_LEVEL="warning")
    run = lambda name, env: measure(name, args.binary, env, args.tasks, args.clients, args.sequential, args.seconds)
    results = []
    if "sqlite" in databases:
        results.append(run("sqlite", dict(base)))
    if "postgres" in databases:
        if shutil.which("initdb"):
            start = subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "start"], capture_output=True, text=True, check=True).stdout
            pg = dict(line.replace("export ", "").split("=", 1) for line in start.splitlines())
            admin = pg["PLOTON_TEST_POSTGRES_URL"]
            try:
                subprocess.run(["psql", admin, "-qc", "CREATE DATABASE bench"], check=True)
                url = admin.rsplit("/", 1)[0] + "/bench"
                results.append(run("postgres", dict(base, PLOTON_DATABASE_URL=url)))
            finally:
                subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "stop", pg["PLOTON_TEST_PG_DIR"]])
        else:
            print("postgres: skipped (initdb not found)", file=sys.stderr)

    fmt = lambda value, spec: format(value, spec) if value is not None else "n/a"
    print(f"{'database':10} {'hello req/s':>12} {'tasks':>6} {'events':>11} {'dupes':>6} {'deliveries/s':>13} "
          f"{'deliv/s ÷ hello':>16} {'complete→recv p50/p99 ms':>25} {'seq':>4} {'create→webhook p50/p99 ms':>26}")
    for r in results:
        ratio = r["deliveries_per_s"] / r["hello_rps"] if r["hello_rps"] and r["deliveries_per_s"] else None
        events = f"{r['distinct']}/{r['expected']}"
        delay = f"{fmt(r['delay_p50_ms'], '.0f')}/{fmt(r['delay_p99_ms'], '.0f')}"
        e2e = f"{fmt(r['e2e_p50_ms'], '.1f')}/{fmt(r['e2e_p99_ms'], '.1f')}"
        print(f"{r['database']:10} {fmt(r['hello_rps'], '.0f'):>12} {r['tasks']:>6} {events:>11} "
              f"{r['received'] - r['distinct']:>6} {fmt(r['deliveries_per_s'], '.1f'):>13} {fmt(ratio, '.4f'):>16} "
              f"{delay:>25} {r['sequential']:>4} {e2e:>26}")
    print("events: distinct event ids received / expected (3 per task). dupes: requests received minus distinct ids.")
    print("complete→recv: receipt of task.complete minus the task's completed_at, which has 1 s resolution "
          "(truncated): read it as ±1 s, biased up to 1 s high.")
    print("create→webhook: one task at a time; receipt of task.complete minus the client's send of POST /v1/tasks.")


if __name__ == "__main__":
    sys.exit(main())
