#!/usr/bin/env python3
"""Webhook delivery benchmark: a real `ploton serve` delivering to nginx on loopback.

The receiver is nginx (one worker, `return 200`, keep-alive), which logs every request with its
receipt time in milliseconds (`$msec`), its `webhook-id` and its path. For each database
(SQLite, and a PostgreSQL started for the run with fsync and synchronous_commit on), in one run
of one server:
  1. hello-world: wrk `GET /` (the server's cheapest route), the baseline for every ratio;
  2. outbox drain: --backlog due deliveries of distinct events to one URL, written straight into
     the outbox in one transaction; deliveries/s from the first receipt to the last (the delivery
     path alone, at a rate the task engine cannot feed one endpoint today);
  3. engine-fed, full: wrk POSTs sandbox weather tasks (3 events each: 2x task.progress,
     task.complete) for --duration s at the task rate that offers --rate deliveries/s to
     --endpoints endpoints (rate / 3 / endpoints tasks/s, on a schedule: a slow answer delays
     no later task while a connection is free); deliveries/s received inside the
     window and until drained (at most --drain-timeout s), and completion→receipt p50/p99 of
     task.complete: nginx's receipt time minus the task's completed_at from the database
     (sub-millisecond), both on this machine's clock;
  4. engine-fed, half: the same at half the rate.
Every phase reports duplicates (requests minus distinct (event, path)), events not received,
order inversions (a task's event received at a path after an event with a greater id, the
order docs/webhooks.md guarantees, with no retry involved; inversions by `created_at`, a wall-clock
reading, are counted apart, and the first few of either kind are listed with their receipt lines:
nginx's connection, its request number there and the request's time), failed attempts, the server's (and PostgreSQL's) CPU per delivery from
/proc (engine-fed: the tasks' own work included) and the load average; on PostgreSQL each engine-fed phase
also reports the server's round trips per task and its most frequent statements (pg_stat_statements).

Usage: Benchmarks/webhook_delivery.py [--db sqlite,postgres] [--backlog 30000] [--duration 30]
       [--endpoints 50] [--rate 2000] [--phases full,half] [--ssrf] [--json out.json]
       [--binary .build-release/release/ploton] [--env NAME=VALUE]... [--perf PREFIX]
--ssrf runs the production path: PLOTON_ALLOW_PRIVATE_NETWORK=false, the receiver named
`hooks.bench.test` through PLOTON_OUTBOUND_HOSTS, 127.0.0.1/32 let through by
PLOTON_OUTBOUND_ALLOWED_NETWORKS. --https serves nginx over TLS with a self-signed certificate
that the server trusts through PLOTON_OUTBOUND_CA_FILE (connections kept and reused).
Needs nginx and wrk (apt-get install nginx wrk), and initdb/pg_ctl for PostgreSQL. A
measurement: it asserts nothing. The machine should be otherwise idle; say so when it is not.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from common import ROOT, Server, bench_env, free_port, percentile, report, request
from task_load import (SERVER_ROLE, Postgres, SQLiteFile, cpu_seconds, epoch, perf_record, post_env, requests_per_second,
                       statement_counts, top_statements, costliest_statements, unfinished, wrk)


class Nginx:
    """nginx answering 200 to everything on 127.0.0.1, logging `msec webhook-id path connection
    connection-requests request-time` per request;
    with `https`, over TLS with a self-signed certificate for hooks.bench.test and 127.0.0.1
    (`certificate`: its PEM file, for PLOTON_OUTBOUND_CA_FILE)."""

    def __init__(self, https=False):
        self.dir = tempfile.mkdtemp(prefix="ploton-bench-nginx-")
        self.port = free_port()
        self.log = os.path.join(self.dir, "access.log")
        self.certificate = os.path.join(self.dir, "cert.pem") if https else None
        tls = ""
        if https:
            key = os.path.join(self.dir, "key.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                            "-days", "2", "-subj", "/CN=hooks.bench.test", "-addext",
                            "subjectAltName=DNS:hooks.bench.test,IP:127.0.0.1", "-keyout", key, "-out", self.certificate],
                           check=True, capture_output=True)
            tls = f"ssl_certificate {self.certificate}; ssl_certificate_key {key}; ssl_session_cache shared:SSL:10m;"
        temp = " ".join(f"{kind}_temp_path {self.dir}/{kind};" for kind in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
        with open(os.path.join(self.dir, "nginx.conf"), "w") as conf:
            conf.write(f"""
worker_processes 1; daemon off; pid {self.dir}/nginx.pid; error_log {self.dir}/error.log warn;
events {{ worker_connections 8192; }}
http {{
  {temp}
  # The receipt time, the event and path, then nginx's connection, its request number and the request's time.
  log_format hooks '$msec $http_webhook_id $uri $connection $connection_requests $request_time';
  keepalive_requests 10000000; keepalive_timeout 300s;
  server {{
    listen 127.0.0.1:{self.port}{" ssl" if https else ""} backlog=4096;
    {tls}
    access_log {self.log} hooks;
    location / {{ return 200; }}
  }}
}}
""")
        self.process = subprocess.Popen(["nginx", "-c", os.path.join(self.dir, "nginx.conf"), "-p", self.dir],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while not os.path.exists(f"{self.dir}/nginx.pid") and time.time() < deadline:
            time.sleep(0.05)
        self.scheme = "https" if https else "http"
        self.url = f"{self.scheme}://127.0.0.1:{self.port}"

    def receipts(self):
        """[(receipt time, event id, path)], in the order nginx logged them."""
        out = []
        with open(self.log) as log:
            for line in log:
                parts = line.split()
                if len(parts) >= 3:
                    out.append((float(parts[0]), parts[1], parts[2], *parts[3:]))
        return out

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_for(condition, timeout, step=0.2):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def insert_backlog(database, count, url):
    """`count` due deliveries of distinct task.progress events to `url` (no endpoint, like a
    task's webhook_url), in one transaction, timestamps copied from the default account."""
    series = ("generate_series(1, %d) AS n(i)" % count if isinstance(database, Postgres)
              else "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %d) SELECT i FROM s) n" % count)
    sql = f"""
BEGIN;
INSERT INTO events (id, created_at, account_id, environment, type, task_id, data, metadata, delivery_status)
  SELECT 'evt_backlog' || n.i, a.created_at, a.id, 'test', 'task.progress', 'task_backlog' || n.i,
    '{{"step":1,"status":"complete"}}', '{{}}', 'pending'
  FROM accounts a, {series} WHERE a.name = 'default';
INSERT INTO webhook_deliveries (id, event_id, account_id, environment, endpoint_id, url, attempt, retries, status,
    scheduled_at, created_at)
  SELECT 'whdl_backlog' || substr(e.id, 12), e.id, e.account_id, 'test', NULL, '{url}', 1, false, 'pending',
    e.created_at, e.created_at
  FROM events e WHERE e.id LIKE 'evt_backlog%';
COMMIT;
"""
    if isinstance(database, Postgres):
        subprocess.run(["psql", database.url, "-q", "-v", "ON_ERROR_STOP=1"], input=sql, text=True, check=True)
    else:
        subprocess.run(["sqlite3", "-bail", database.path], input=".timeout 30000\n" + sql, text=True, check=True,
                       stdout=subprocess.DEVNULL)


def checks(records, events, retried):
    """Duplicates and order inversions without retries, from receipts joined with the events
    (id -> (created, type, task)). The order is the events' ids (docs/webhooks.md: ids sort in
    creation order, and events written in the same instant keep the order of their ids; each
    process makes them strictly increasing, whatever its wall clock does). Also counted, for
    information: inversions by `created_at`, a wall-clock reading that can tie, and that a step of
    the clock between a task's steps can turn back, while the delivery order follows the ids.
    Returns (duplicates, inversions by id, inversions by created_at, details of the first few)."""
    seen, duplicates, inversions, by_created, details = set(), 0, 0, 0, []
    latest = {}  # (path, task) -> (the greatest id received there, the greatest created_at, the receipt of that id)
    for record in records:
        _, event_id, path = record[:3]
        if (event_id, path) in seen:
            duplicates += 1
            continue
        seen.add((event_id, path))
        created, _, task = events.get(event_id, (None, None, None))
        if created is None or task is None:
            continue
        key = (path, task)
        if key in latest and event_id not in retried:
            latest_id, latest_created, latest_record = latest[key]
            inversions += event_id < latest_id
            by_created += created < latest_created
            if (event_id < latest_id or created < latest_created) and len(details) < 5:
                # Receipt lines (time, id, path, nginx connection, its request number, request time) and created_at.
                details.append({"earlier_receipt": [*latest_record, events[latest_id][0]], "later_receipt": [*record, created]})
        if key not in latest or event_id > latest[key][0]:
            latest[key] = (event_id, max(created, latest[key][1]) if key in latest else created, record)
        else:
            latest[key] = (latest[key][0], max(created, latest[key][1]), latest[key][2])
    return duplicates, inversions, by_created, details


def event_table(database):
    rows = database.query(f"SELECT id, {epoch(database, 'created_at')}, type, task_id FROM events")
    return {r.split(",")[0]: (float(r.split(",")[1]), r.split(",")[2], r.split(",")[3] or None) for r in rows}


def retried_events(database):
    return set(database.query("SELECT DISTINCT event_id FROM webhook_deliveries WHERE attempt > 1"))


def failed_attempts(database):
    return int(database.query("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'failed'")[0])


def cpu_per_delivery(before, after, deliveries):
    """Milliseconds of CPU per delivery of the server and of the database's processes."""
    if not deliveries:
        return {}
    return {"server_cpu_ms_per_delivery": round((after[0] - before[0]) * 1000 / deliveries, 3),
            "database_cpu_ms_per_delivery": round((after[1] - before[1]) * 1000 / deliveries, 3)}


def cpu_now(server, database):
    return cpu_seconds([server.process.pid]), cpu_seconds(database.pids())


def backlog_phase(database, server, receiver, count, base_url, perf=None):
    path = "/backlog"
    insert_backlog(database, count, base_url + path)
    before = cpu_now(server, database)
    profile = perf_record(server.process.pid, 10, perf) if perf else None
    received = lambda: [r for r in receiver.receipts() if r[2] == path]
    wait_for(lambda: len({r[1] for r in received()}) >= count, timeout=max(60, count / 100))
    after = cpu_now(server, database)
    if profile:
        profile.wait()
    records = received()
    times = [r[0] for r in records]
    span = max(times) - min(times) if len(times) > 1 else None
    distinct = len({r[1] for r in records})
    return {"deliveries": count, "received": distinct, "deliveries_per_s": round(distinct / span, 1) if span else None,
            "duplicates": len(records) - distinct, **cpu_per_delivery(before, after, distinct),
            "load_average": round(os.getloadavg()[0], 1)}


def engine_phase(name, database, server, receiver, seconds, rate, connections, drain_timeout, perf=None):
    """Tasks for `seconds` (rate 0 = max) to the endpoints at `paths`; deliveries/s and completion→receipt."""
    tag = f"/{name}/"
    before = {r[1] for r in receiver.receipts()}
    postgres = database if isinstance(database, Postgres) else None
    if postgres:
        postgres.query("SELECT pg_stat_statements_reset(), pg_stat_reset_shared('wal')")
    cpu_before = cpu_now(server, database)
    started = time.time()
    load = wrk(server.url, seconds, connections, "post_tasks.lua", dict(post_env([server.test_key], rate, connections),
                                                                       PLOTON_BENCH_RATE=str(rate)))
    profile = perf_record(server.process.pid, seconds, perf) if perf else None
    out, _ = load.communicate()
    ended = time.time()
    load_average = os.getloadavg()[0]
    if profile:
        profile.wait()
    expected = lambda: int(database.query(
        f"SELECT COUNT(*) FROM webhook_deliveries WHERE attempt = 1 AND url LIKE '%{tag}%'")[0])
    # Twice, a second apart: a create wrk gave up on at the window's end can still commit after the first look
    # (its task, and the deliveries to wait for, counted late).
    for _ in range(2):
        wait_for(lambda: unfinished(database) == 0, timeout=drain_timeout)
        wait_for(lambda: len({(r[1], r[2]) for r in receiver.receipts() if r[2].startswith(tag)}) >= expected(),
                 timeout=drain_timeout)
        time.sleep(1)
    cpu_after = cpu_now(server, database)
    # The server's round trips (pg_stat_statements of its own role) per stored task, and the most frequent statements.
    statements = {}
    if postgres:
        stored = max(1, int(postgres.query("SELECT COUNT(*) FROM tasks")[0]))
        counted = statement_counts(postgres)
        statements = {"round_trips_per_task": round(counted["round_trips"] / stored, 2),
                      "commits_per_task": round(counted["commits"] / stored, 2), "round_trips": counted["round_trips"],
                      "top_statements_per_task": top_statements(postgres, stored, limit=12),
                      "costliest_statements_ms_calls_per_task": costliest_statements(postgres, stored)}
    records = [r for r in receiver.receipts() if r[2].startswith(tag)]
    events = event_table(database)
    duplicates, inversions, by_created, inverted = checks(records, events, retried_events(database))
    distinct = {(r[1], r[2]) for r in records}
    in_window = len({(r[1], r[2]) for r in records if started <= r[0] <= ended})
    first_receipt = {}
    for when, event_id, _, *_ in records:
        first_receipt.setdefault(event_id, when)
    completed = dict(line.split(",") for line in database.query(
        f"SELECT id, {epoch(database, 'completed_at')} FROM tasks WHERE status = 'complete'"))
    delays = []
    for event_id, (_, kind, task) in events.items():
        if kind == "task.complete" and event_id in first_receipt and event_id not in before and task in completed:
            delays.append((first_receipt[event_id] - float(completed[task])) * 1000)
    # Where the delay goes: completion → the task's first event received at a path (the commit and
    # the hand-over), and that → its task.complete received there (its events one after another).
    first_of_task, complete_at = {}, {}
    for when, event_id, path, *_ in records:
        _, kind, task = events.get(event_id, (None, None, None))
        if task in completed and event_id not in before:
            first_of_task[(task, path)] = min(when, first_of_task.get((task, path), when))
            if kind == "task.complete":
                complete_at.setdefault((task, path), when)
    to_first = [(first_of_task[key] - float(completed[key[0]])) * 1000 for key in complete_at]
    in_order = [(complete_at[key] - first_of_task[key]) * 1000 for key in complete_at]
    last = max((r[0] for r in records), default=ended)
    accepted = json.loads(out.split("PLOTON_BENCH ", 1)[1].splitlines()[0])["created"]
    return {"tasks_per_s_offered": round(rate, 2), "tasks_accepted": accepted, "tasks_per_s_accepted": round(accepted / (ended - started), 1),
            "deliveries": len(distinct), "expected": expected(), "deliveries_per_s_in_window": round(in_window / (ended - started), 1),
            "deliveries_per_s_until_drained": round(len(distinct) / (last - started), 1),
            "complete_to_receipt_p50_ms": round(percentile(delays, 0.50) or 0, 1),
            "complete_to_receipt_p99_ms": round(percentile(delays, 0.99) or 0, 1),
            "complete_to_first_receipt_p50_p99_ms": [round(percentile(to_first, q) or 0, 1) for q in (0.5, 0.99)],
            "first_to_complete_receipt_p50_p99_ms": [round(percentile(in_order, q) or 0, 1) for q in (0.5, 0.99)],
            "duplicates": duplicates, "order_inversions": inversions, "created_at_order_inversions": by_created,
            "inversion_details": inverted or None,
            # The task's run included: what the server spends per delivery, fed by the engine.
            **cpu_per_delivery(cpu_before, cpu_after, len(distinct)), "load_average": round(load_average, 1), **statements}


def measure(name, args, base_env):
    workdir = tempfile.mkdtemp(prefix=f"ploton-bench-webhooks-{name}-")
    # pg_stat_statements counts the statements of the server's own role (not this script's queries).
    postgres = Postgres(settings={"shared_preload_libraries": "pg_stat_statements"}) if name == "postgres" else None
    database = postgres or SQLiteFile(workdir)
    if postgres:
        postgres.query("CREATE EXTENSION pg_stat_statements")
        postgres.query(f"CREATE ROLE {SERVER_ROLE} LOGIN SUPERUSER")
    receiver = Nginx(https=args.https)
    env = dict(base_env, **({"PLOTON_DATABASE_URL": postgres.url.replace("postgres@", f"{SERVER_ROLE}@")} if postgres else {}))
    if receiver.certificate:
        env["PLOTON_OUTBOUND_CA_FILE"] = receiver.certificate
    server = Server(args.binary, workdir, env)
    try:
        hello = wrk(server.url, args.hello_seconds, 32)
        hello_rps = requests_per_second(hello.communicate()[0])
        result = {"database": name, "hello_rps": round(hello_rps), "ssrf_policy": args.ssrf, "https": args.https,
                  "endpoints": args.endpoints}
        base_url = f"{receiver.scheme}://hooks.bench.test:{receiver.port}" if args.ssrf else receiver.url
        if args.backlog:
            result["outbox_drain"] = backlog_phase(database, server, receiver, args.backlog, base_url,
                                                   perf=f"{args.perf}.{name}.drain" if args.perf else None)
            print(json.dumps({name: {"outbox_drain": result["outbox_drain"]}}), flush=True)
        rates = {"full": args.rate / 3 / args.endpoints, "half": args.rate / 2 / 3 / args.endpoints}
        for phase in [p for p in args.phases.split(",") if p] if args.duration > 0 else []:
            rate = rates[phase]
            for i in range(args.endpoints):
                request("POST", server.url + "/v1/webhook_endpoints", server.test_key, {"url": f"{base_url}/{phase}/{i}"})
            # Tasks on a schedule at the rate (post_tasks.lua's PLOTON_BENCH_RATE), spread out rather than
            # in bursts, with connections enough that a create's answer time (tens of ms) does not lower it.
            connections = max(2, min(args.connections, round(rate / 10) + 4))
            result[f"engine_{phase}"] = engine_phase(phase, database, server, receiver, args.duration, rate, connections,
                                                     args.drain_timeout, perf=f"{args.perf}.{name}.{phase}" if args.perf else None)
            print(json.dumps({name: {phase: result[f"engine_{phase}"]}}), flush=True)
            for endpoint in request("GET", server.url + "/v1/webhook_endpoints?limit=100", server.test_key)["data"]:
                request("DELETE", f"{server.url}/v1/webhook_endpoints/{endpoint['id']}", server.test_key)
        result["failed_attempts"] = failed_attempts(database)
        for key, value in list(result.items()):
            if isinstance(value, dict):
                for rate_key in [k for k in value if k.startswith("deliveries_per_s") and value[k]]:
                    value[rate_key.replace("deliveries_per_s", "over_hello")] = round(value[rate_key] / hello_rps, 4)
        return result
    finally:
        server.stop()
        receiver.stop()
        if postgres:
            postgres.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--backlog", type=int, default=30000, help="deliveries written straight into the outbox (0 = skip)")
    parser.add_argument("--duration", type=int, default=30, help="seconds of task load per engine-fed phase (0 = skip)")
    parser.add_argument("--phases", default="full,half", help="engine-fed phases to run: full, half")
    parser.add_argument("--rate", type=float, default=2000, help="deliveries/s offered in the full phase")
    parser.add_argument("--drain-timeout", type=int, default=120)
    parser.add_argument("--ssrf", action="store_true", help="the production path: destination policy on")
    parser.add_argument("--https", action="store_true", help="nginx over TLS (self-signed, trusted through PLOTON_OUTBOUND_CA_FILE)")
    parser.add_argument("--endpoints", type=int, default=50)
    parser.add_argument("--connections", type=int, default=64, help="most connections offering tasks")
    parser.add_argument("--hello-seconds", type=int, default=5)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release/release/ploton"))
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--perf", help="`perf record -g` the server during the drain (its first 10 s) and each engine-fed "
                                       "phase, to PERF.DB.PHASE (`perf report -i` to read)")
    parser.add_argument("--env", action="append", default=[], help="extra server setting NAME=VALUE (repeatable)")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} not found: swift build -c release --scratch-path .build-release --product ploton")
    if not shutil.which("nginx"):
        raise SystemExit("nginx not found: apt-get install nginx")
    base = bench_env(PLOTON_ALLOW_PRIVATE_NETWORK="true")
    if args.ssrf:
        base.update(PLOTON_ALLOW_PRIVATE_NETWORK="false", PLOTON_OUTBOUND_HOSTS="hooks.bench.test=127.0.0.1",
                    PLOTON_OUTBOUND_ALLOWED_NETWORKS="127.0.0.1/32")
    base.update(dict(item.split("=", 1) for item in args.env))
    results = [measure(name, args, base) for name in args.db.split(",")]
    report(results, args.json)


if __name__ == "__main__":
    sys.exit(main())
