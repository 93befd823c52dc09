#!/usr/bin/env python3
"""The capacity model's figures (docs/scaling.md), measured from PostgreSQL itself and from /proc.

One PostgreSQL started for the run with its production durability (fsync, synchronous_commit on)
and `pg_stat_statements` loaded from its first start; the server connects as its own role
(`ploton`), so the statements counted are the server's alone (this script queries as `postgres`).
nginx on loopback is the webhook receiver (Benchmarks/webhook_delivery.py's). Release build.
Phases, in one run:
  0. baseline: hello-world `GET /` (wrk, --hello-seconds) on the `all` process: requests/s and
     the server's CPU per request, the yardstick every CPU figure is also given against;
  1. tasks, no endpoint: one `all` process (PLOTON_ROLE=all); --idle-seconds with nothing to do
     (the background: polls, upkeep), then wrk posts sandbox weather tasks at --rate/s for
     --duration s, until every task finished;
  2. tasks, one endpoint: the same with one webhook endpoint (3 deliveries a task), until every
     delivery finished;
  3. split: the `all` process stopped, an `api` and a `worker` process (PLOTON_ROLE) on the same
     database, idle then the same load as 1: each process's CPU per task;
  4. storage: --idempotent creates with an `Idempotency-Key` each (one at a time), then rows, dead
     rows and bytes (pg_total_relation_size) of each table after 1–3 and those;
  5. webhook drain: --backlog due deliveries written straight into the outbox (as
     webhook_delivery.py does, by this script's role) and drained to nginx by the processes of 3.
Per task (per delivery in 5), over the window from the load's start until everything finished:
statements (pg_stat_statements calls, BEGIN and COMMIT included: each is a round trip, so this
is round trips; "statements" leaves out BEGIN, COMMIT, ROLLBACK and group commit's savepoints), COMMITs, WAL bytes
(pg_current_wal_lsn), WAL flushes (pg_stat_wal.wal_sync), CPU of each Ploton process, of
PostgreSQL (postmaster and every backend) and of nginx (/proc utime + stime). Each figure is given
raw and net of the idle background (its per-second rate in the same topology × the window), and
the top statements by calls; and, sampled twice a second during each load, how many of the
server's backends wait for an advisory lock (the claim's, an account's). Prints a table and one
JSON line per phase.

Usage: Benchmarks/capacity.py [--rate 40] [--duration 30] [--backlog 20000] [--idle-seconds 10]
       [--hello-seconds 5] [--idempotent 200] [--binary .build-release/release/ploton] [--json capacity.json]
Needs wrk, nginx and PostgreSQL 15's binaries with pg_stat_statements (initdb/pg_ctl on PATH).
A measurement: it asserts nothing. The machine should be otherwise idle; say so when it is not.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from common import ROOT, WEATHER, Server, bench_env, report, request
from task_load import Postgres, bench_line, children, cpu_seconds, post_env, unfinished, wrk
from webhook_delivery import Nginx, insert_backlog, wait_for

ROLE = "ploton"  # the server's database role: pg_stat_statements counts its statements only
SEPARATOR = "\x1f"


class Database(Postgres):
    """The run's PostgreSQL with pg_stat_statements, a `ploton` role for the server and readings."""

    def __init__(self):
        super().__init__(settings={"shared_preload_libraries": "pg_stat_statements", "pg_stat_statements.max": "10000"})
        self.query(f"CREATE ROLE {ROLE} LOGIN SUPERUSER")
        self.query("CREATE EXTENSION pg_stat_statements")
        self.server_url = self.url.replace("postgres@", f"{ROLE}@")

    def rows(self, sql):
        out = subprocess.run(["psql", self.url, "-At", "-F", SEPARATOR, "-c", sql], capture_output=True, text=True,
                             check=True).stdout
        return [line.split(SEPARATOR) for line in out.splitlines() if line]

    def reading(self):
        """The server's statements (queryid -> [calls, text]), the WAL position and flushes, now."""
        statements = {}
        for queryid, calls, text in self.rows(
                "SELECT queryid, calls, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements "
                f"WHERE userid = '{ROLE}'::regrole AND toplevel"):
            statements[queryid] = [int(calls), text]
        lsn, syncs = self.rows("SELECT pg_current_wal_lsn(), wal_sync FROM pg_stat_wal")[0]
        return {"statements": statements, "lsn": lsn, "wal_syncs": int(syncs)}

    def wal_bytes(self, before, after):
        return int(self.rows(f"SELECT pg_wal_lsn_diff('{after['lsn']}', '{before['lsn']}')")[0][0])

    def advisory_waiters(self):
        return int(self.query(
            f"SELECT COUNT(*) FROM pg_stat_activity WHERE usename = '{ROLE}' AND wait_event = 'advisory'")[0])

    def pending_deliveries(self):
        return int(self.query("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'")[0])


def process_cpu(pid):
    """CPU seconds of a process and its children (nginx's worker, PostgreSQL's backends)."""
    return cpu_seconds([pid] + children(pid))


class Window:
    """Readings at the start and the end of a stretch of work: statements, WAL and CPU of each process."""

    def __init__(self, database, processes):
        self.database, self.processes = database, processes  # name -> pid
        self.start = self._read()

    def _read(self):
        cpu = {name: process_cpu(pid) for name, pid in self.processes.items()}
        cpu["postgres"] = cpu_seconds(self.database.pids())
        return dict(self.database.reading(), cpu=cpu, time=time.time())

    def close(self):
        end = self._read()
        start = self.start
        calls = {}
        for queryid, (count, text) in end["statements"].items():
            before = start["statements"].get(queryid, [0])[0]
            if count > before:
                calls[queryid] = (count - before, text)
        control = lambda text: text.strip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"))
        return {
            "seconds": end["time"] - start["time"],
            "round_trips": sum(count for count, _ in calls.values()),
            "statements": sum(count for count, text in calls.values() if not control(text)),
            "commits": sum(count for count, text in calls.values() if text.strip().upper() == "COMMIT"),
            "wal_bytes": self.database.wal_bytes(start, end),
            "wal_syncs": end["wal_syncs"] - start["wal_syncs"],
            "cpu_s": {name: end["cpu"][name] - start["cpu"][name] for name in end["cpu"]},
            "top": sorted(calls.values(), key=lambda item: -item[0])[:15],
        }


def idle(database, processes, seconds):
    """The background per second with nothing to do: polls, upkeep, the listener."""
    window = Window(database, processes)
    time.sleep(seconds)
    measured = window.close()
    rate = lambda value: value / measured["seconds"]
    return {"round_trips": rate(measured["round_trips"]), "statements": rate(measured["statements"]),
            "commits": rate(measured["commits"]), "wal_bytes": rate(measured["wal_bytes"]),
            "wal_syncs": rate(measured["wal_syncs"]), "cpu_s": {k: rate(v) for k, v in measured["cpu_s"].items()}}


def per_unit(measured, background, units):
    """Each figure divided by the units of work, raw and net of the background over the window."""
    seconds = measured["seconds"]
    net = lambda value, rate: (value - rate * seconds) / units
    figures = {"units": units, "window_s": round(seconds, 1)}
    for key in ["round_trips", "statements", "commits", "wal_bytes", "wal_syncs"]:
        figures[key] = round(measured[key] / units, 2)
        figures[key + "_net"] = round(net(measured[key], background[key]), 2)
    for name, value in measured["cpu_s"].items():
        figures[f"cpu_ms_{name}"] = round(1000 * value / units, 3)
        figures[f"cpu_ms_{name}_net"] = round(1000 * net(value, background["cpu_s"].get(name, 0)), 3)
    figures["top"] = [[round(count / units, 3), text[:140]] for count, text in measured["top"]]
    return figures


def task_load(database, url, key, processes, args, webhooks=False):
    """Idle, then wrk at --rate for --duration, until every task (and delivery) finished."""
    background = idle(database, processes, args.idle_seconds)
    stored_before = int(database.query("SELECT COUNT(*) FROM tasks")[0])
    window = Window(database, processes)
    connections = max(1, min(16, round(args.rate / 10)))
    load = wrk(url, args.duration, connections, "post_tasks.lua", post_env([key], args.rate, connections))
    waits = []
    while load.poll() is None:  # backends waiting for an advisory lock (the claim's, an account's), twice a second
        waits.append(database.advisory_waiters())
        time.sleep(0.5)
    out, err = load.communicate()
    wait_for(lambda: unfinished(database) == 0, timeout=args.drain_timeout, step=0.5)
    if webhooks:
        wait_for(lambda: database.pending_deliveries() == 0, timeout=args.drain_timeout, step=0.5)
    measured = window.close()
    sent = bench_line(out)
    tasks = int(database.query("SELECT COUNT(*) FROM tasks")[0]) - stored_before
    figures = per_unit(measured, background, tasks)
    figures.update(accepted=sent["created"], refused=sent["refused"], tasks_per_s=round(tasks / args.duration, 1),
                   unfinished=unfinished(database), wrk_errors=err.strip()[:300] or None,
                   advisory_waiters={"samples": len(waits), "with_waiters": sum(1 for w in waits if w),
                                     "max": max(waits, default=0), "mean": round(sum(waits) / max(1, len(waits)), 2)},
                   idle_per_s={"round_trips": round(background["round_trips"], 2),
                               "cpu_ms": {k: round(1000 * v, 2) for k, v in background["cpu_s"].items()}})
    return figures


def storage(database):
    """Each table's live and dead rows and total bytes (indexes and TOAST included) after the runs."""
    tables = {}
    for name, live, dead, size in database.rows(
            "SELECT relname, n_live_tup, n_dead_tup, pg_total_relation_size(relid) FROM pg_stat_user_tables "
            "ORDER BY pg_total_relation_size(relid) DESC"):
        live, dead, size = int(live), int(dead), int(size)
        if live:
            tables[name] = {"rows": live, "dead": dead, "bytes": size, "bytes_per_row": round(size / live)}
    return tables


def idempotent_creates(url, key, count):
    """`count` task creates with an `Idempotency-Key` each, one at a time (wrk sends none), so the
    storage reading has idempotency records to measure."""
    import urllib.request
    body = json.dumps({"prompt": WEATHER}).encode()
    for i in range(count):
        req = urllib.request.Request(url + "/v1/tasks", data=body, method="POST", headers={
            "Authorization": f"Bearer {key}", "Content-Type": "application/json", "Idempotency-Key": f"capacity-{i}"})
        with urllib.request.urlopen(req, timeout=60) as response:
            response.read()


def hello(server, seconds):
    """Hello-world requests/s and the server's CPU per request over the same seconds."""
    before = process_cpu(server.process.pid)
    load = wrk(server.url, seconds, 32)
    out, _ = load.communicate()
    cpu = process_cpu(server.process.pid) - before
    requests = next(int(line.split()[0]) for line in out.splitlines() if "requests in" in line)
    return {"rps": round(requests / seconds), "cpu_ms_per_request": round(1000 * cpu / requests, 4)}


def start(binary, env, role):
    workdir = tempfile.mkdtemp(prefix=f"ploton-capacity-{role}-")
    return Server(binary, workdir, dict(env, PLOTON_ROLE=role))


class Worker:
    """`ploton serve` as PLOTON_ROLE=worker (no HTTP listener), ready once its `LISTEN` connection is."""

    def __init__(self, binary, env, database):
        workdir = tempfile.mkdtemp(prefix="ploton-capacity-worker-")
        self.err = open(os.path.join(workdir, "stderr"), "w+")
        self.process = subprocess.Popen([os.path.abspath(binary), "serve"], cwd=workdir, env=dict(env, PLOTON_ROLE="worker"),
                                        stdout=subprocess.DEVNULL, stderr=self.err)
        listening = lambda: database.query(
            f"SELECT COUNT(*) FROM pg_stat_activity WHERE usename = '{ROLE}' AND query LIKE 'LISTEN%'")[0] != "0"
        if not wait_for(lambda: self.process.poll() is not None or listening(), timeout=60) or self.process.poll() is not None:
            self.stop()
            raise SystemExit("worker did not start:\n" + open(self.err.name).read())

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=60)


def table(results):
    """The figures as a Markdown table: one column per phase."""
    phases = [p for p in ["tasks", "tasks_one_endpoint", "split", "webhook_drain"] if p in results]
    rows = [("units of work (tasks; deliveries for the drain)", "units"), ("window, s", "window_s"),
            ("round trips per unit (statements + BEGIN/COMMIT)", "round_trips"),
            ("↳ net of the idle background", "round_trips_net"), ("statements per unit, net", "statements_net"),
            ("COMMITs per unit, net", "commits_net"), ("WAL bytes per unit, net", "wal_bytes_net"),
            ("WAL flushes per unit, net", "wal_syncs_net")]
    for process in ["all", "api", "worker", "postgres", "nginx"]:
        rows.append((f"CPU ms per unit: {process}, net", f"cpu_ms_{process}_net"))
    lines = ["| figure | " + " | ".join(phases) + " |", "|---|" + "---|" * len(phases)]
    for label, key in rows:
        cells = [str(results[p].get(key, "–")) for p in phases]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=40, help="tasks/s offered in the task phases")
    parser.add_argument("--duration", type=int, default=30, help="seconds of task load per task phase")
    parser.add_argument("--backlog", type=int, default=20000, help="deliveries for the outbox drain (0 = skip)")
    parser.add_argument("--idle-seconds", type=int, default=10, help="background measured before each load")
    parser.add_argument("--hello-seconds", type=int, default=5)
    parser.add_argument("--idempotent", type=int, default=200, help="creates with an Idempotency-Key before the storage reading")
    parser.add_argument("--drain-timeout", type=int, default=300)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release/release/ploton"))
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} not found: swift build -c release --scratch-path .build-release --product ploton")

    database, receiver, servers = Database(), Nginx(), []
    env = bench_env(PLOTON_DATABASE_URL=database.server_url, PLOTON_ALLOW_PRIVATE_NETWORK="true",
                    PLOTON_ACCOUNT_CONCURRENCY="100")
    results = {"rate": args.rate, "duration_s": args.duration, "load_average": os.getloadavg()}
    try:
        everything = start(args.binary, env, "all")
        servers.append(everything)
        key = everything.test_key
        results["hello"] = hello(everything, args.hello_seconds)
        processes = {"all": everything.process.pid, "nginx": receiver.process.pid}
        results["tasks"] = task_load(database, everything.url, key, processes, args)
        print(json.dumps({"tasks": results["tasks"]}), flush=True)

        endpoint = request("POST", everything.url + "/v1/webhook_endpoints", key, {"url": receiver.url + "/hooks"})
        results["tasks_one_endpoint"] = task_load(database, everything.url, key, processes, args, webhooks=True)
        print(json.dumps({"tasks_one_endpoint": results["tasks_one_endpoint"]}), flush=True)
        request("DELETE", f"{everything.url}/v1/webhook_endpoints/{endpoint['id']}", key)
        everything.stop()
        servers.remove(everything)

        api = start(args.binary, env, "api")
        servers.append(api)
        worker = Worker(args.binary, env, database)
        servers.append(worker)
        processes = {"api": api.process.pid, "worker": worker.process.pid, "nginx": receiver.process.pid}
        results["split"] = task_load(database, api.url, key, processes, args)
        print(json.dumps({"split": results["split"]}), flush=True)
        idempotent_creates(api.url, key, args.idempotent)
        wait_for(lambda: unfinished(database) == 0, timeout=args.drain_timeout, step=0.5)
        results["storage"] = storage(database)
        print(json.dumps({"storage": results["storage"]}), flush=True)

        if args.backlog:
            background = idle(database, processes, args.idle_seconds)
            insert_backlog(database, args.backlog, receiver.url + "/backlog")
            window = Window(database, processes)
            wait_for(lambda: database.pending_deliveries() == 0, timeout=args.drain_timeout, step=0.5)
            results["webhook_drain"] = per_unit(window.close(), background, args.backlog)
            results["webhook_drain"]["succeeded"] = int(database.query(
                "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'succeeded' AND url LIKE '%/backlog'")[0])
            results["webhook_drain"]["received"] = len({r[1] for r in receiver.receipts() if r[2] == "/backlog"})
            print(json.dumps({"webhook_drain": results["webhook_drain"]}), flush=True)
        results["load_average_after"] = os.getloadavg()
    finally:
        for server in servers:
            server.stop()
        receiver.stop()
        database.stop()
    report([results], args.json)
    print(table(results))


if __name__ == "__main__":
    sys.exit(main())
