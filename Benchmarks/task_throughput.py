#!/usr/bin/env python3
"""Task throughput benchmark: N sandbox weather tasks through a real `ploton serve`.

Measures, per database (SQLite, and PostgreSQL when initdb is available):
  - hello-world throughput of the same server (`GET /`, wrk), as the baseline,
  - created/s: N POST /v1/tasks from C concurrent clients,
  - completed/s: N over the span from the first creation to the last completion,
  - p50/p99 create→complete latency, from the tasks' own created_at/completed_at in the database.

Usage: Benchmarks/task_throughput.py [--tasks 500] [--clients 16] [--binary .build/release/ploton]
This is a measurement, not a test: it asserts nothing and prints a table.
"""
import argparse
import concurrent.futures
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from common import ROOT, WEATHER as PROMPT, Server, hello_world, percentile, request


def run_tasks(server, tasks, clients):
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        ids = list(pool.map(lambda _: request("POST", server.url + "/v1/tasks", server.test_key, {"prompt": PROMPT})["id"], range(tasks)))
    created_seconds = time.time() - started
    deadline = time.time() + 600
    while time.time() < deadline:
        done = request("GET", server.url + "/v1/tasks?status=pending&limit=1", server.test_key)["data"]
        running = request("GET", server.url + "/v1/tasks?status=running&limit=1", server.test_key)["data"]
        if not done and not running:
            break
        time.sleep(0.05)
    return ids, created_seconds


def timings_sqlite(path):
    with sqlite3.connect(path) as db:
        return db.execute("SELECT created_at, completed_at, status FROM tasks").fetchall()


def timings_postgres(url):
    out = subprocess.run(
        ["psql", url, "-At", "-F", ",", "-c",
         "SELECT extract(epoch from created_at), extract(epoch from completed_at), status FROM tasks"],
        capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b) if b else None, c) for a, b, c in (line.split(",") for line in out.splitlines() if line)]


def measure(name, binary, env, tasks, clients, seconds, timings):
    workdir = tempfile.mkdtemp(prefix=f"ploton-bench-{name}-")
    server = Server(binary, workdir, env)
    try:
        hello = hello_world(server.url, seconds)
        _, created_seconds = run_tasks(server, tasks, clients)
    finally:
        server.stop()
    rows = timings(workdir)
    complete = [(c, d) for c, d, s in rows if s == "complete" and d is not None]
    latencies = [(d - c) * 1000 for c, d in complete]
    span = max(d for _, d in complete) - min(c for c, _ in complete)
    return {
        "database": name, "hello_rps": hello, "tasks": tasks, "complete": len(complete),
        "created_per_s": tasks / created_seconds, "completed_per_s": len(complete) / span,
        "p50_ms": percentile(latencies, 0.50), "p99_ms": percentile(latencies, 0.99),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration for the hello-world baseline")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/ploton"))
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} not found: swift build -c release --product ploton")

    base = dict(os.environ, PLOTON_ENCRYPTION_KEYS="bench:" + "A" * 43 + "=", PLOTON_RATE_LIMIT_TEST="100000", LOG_LEVEL="warning")
    results = []
    sqlite_env = dict(base)
    results.append(measure("sqlite", args.binary, sqlite_env, args.tasks, args.clients, args.seconds,
                           lambda workdir: timings_sqlite(os.path.join(workdir, ".ploton", "ploton.sqlite"))))
    if shutil.which("initdb"):
        start = subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "start"], capture_output=True, text=True, check=True).stdout
        pg = dict(line.replace("export ", "").split("=", 1) for line in start.splitlines())
        admin = pg["PLOTON_TEST_POSTGRES_URL"]
        try:
            subprocess.run(["psql", admin, "-qc", "CREATE DATABASE bench"], check=True)
            url = admin.rsplit("/", 1)[0] + "/bench"
            results.append(measure("postgres", args.binary, dict(base, PLOTON_DATABASE_URL=url), args.tasks, args.clients,
                                   args.seconds, lambda _: timings_postgres(url)))
        finally:
            subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "stop", pg["PLOTON_TEST_PG_DIR"]])

    print(f"{'database':10} {'hello req/s':>12} {'tasks':>6} {'created/s':>10} {'completed/s':>12} {'p50 ms':>8} {'p99 ms':>8} {'completed/s ÷ hello':>20}")
    for r in results:
        ratio = f"{r['completed_per_s'] / r['hello_rps']:.4f}" if r["hello_rps"] else "n/a"
        hello = f"{r['hello_rps']:.0f}" if r["hello_rps"] else "n/a"
        print(f"{r['database']:10} {hello:>12} {r['complete']:>6} {r['created_per_s']:>10.1f} {r['completed_per_s']:>12.1f} "
              f"{r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} {ratio:>20}")


if __name__ == "__main__":
    sys.exit(main())
