#!/usr/bin/env python3
"""`GET /v1/tools/{name}/memory` with a million retained steps (issue 16, item 5).

For each database (embedded SQLite, and a PostgreSQL started for the run with fsync on), one real
`ploton serve`: runs one sandbox weather task, then writes --steps more finished weather steps
(100 per task) straight into the database, not yet rolled up. It times the memory report
sequentially (--requests requests, median and slowest) while every step is still read one by one
(what every report cost before the rolled-up rows; a report the server gives up on at its request
deadline is recorded as such), restarts the server (so an abandoned report holds no query open),
waits for upkeep (once a minute) to fold the steps into their rows, and times it again, then once
more after `VACUUM ANALYZE` (PostgreSQL; a million rows just updated leave dead index entries until
autovacuum clears them; `ANALYZE` on SQLite); `GET /` is timed the same way for context. A
measurement: it asserts nothing.

Usage: Benchmarks/tool_memory.py [--db sqlite,postgres] [--steps 1000000] [--requests 20]
       [--binary .build-release/release/ploton] [--json results.json]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

from common import Server, WEATHER, bench_env, percentile, report, request
from task_load import Postgres, SQLiteFile

STEPS_PER_TASK = 100


def columns(database, table, postgres):
    if postgres:
        return database.query(
            f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position")
    return [row.split(",")[1] for row in database.query(f"SELECT cid, name FROM pragma_table_info('{table}')")]


def copies(database, table, seed_where, count, overrides, postgres):
    """INSERT … SELECT of `count` copies of one seed row, `overrides` giving some columns as SQL of `i`."""
    names = columns(database, table, postgres)
    values = ", ".join(overrides.get(name, f"s.{name}") for name in names)
    numbers = (f"generate_series(1, {count}) AS n(i)" if postgres else "n")
    prefix = "" if postgres else f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) "
    database.query(f"{prefix}INSERT INTO {table} ({', '.join(names)}) SELECT {values} FROM {numbers}, {table} s WHERE {seed_where}")


def timed(url, key, count):
    """Sequential requests: median and slowest, or what ended a request without an answer."""
    times = []
    for _ in range(count):
        req = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"} if key else {})
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=300) as response:
                response.read()
        except OSError as error:
            return {"error": f"{type(error).__name__} after {round((time.perf_counter() - start) * 1000)} ms: {error}"}
        times.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": round(percentile(times, 0.5), 2), "max_ms": round(max(times), 2)}


def measure(name, args):
    workdir = tempfile.mkdtemp(prefix=f"ploton-bench-memory-{name}-")
    postgres = Postgres() if name == "postgres" else None
    database = postgres or SQLiteFile(workdir)
    env = bench_env(**({"PLOTON_DATABASE_URL": postgres.url} if postgres else {}))
    server = Server(args.binary, workdir, env)
    try:
        key = server.test_key
        seed = request("POST", server.url + "/v1/tasks", key, {"prompt": WEATHER})["id"]
        deadline = time.time() + 60
        while request("GET", f"{server.url}/v1/tasks/{seed}", key)["status"] not in ("complete", "failed"):
            assert time.time() < deadline, "the seed task did not finish"
            time.sleep(0.1)
        tasks = args.steps // STEPS_PER_TASK
        text = (lambda expr: f"CAST({expr} AS TEXT)")
        started = time.time()
        copies(database, "tasks", f"s.id = '{seed}'", tasks, {"id": f"'tsk_bench' || {text('i')}"}, postgres)
        copies(database, "task_steps", f"s.task_id = '{seed}' AND s.step_index = 0", tasks * STEPS_PER_TASK, {
            "id": f"'stp_bench' || {text('i')}",
            "task_id": f"'tsk_bench' || {text(f'(i - 1) / {STEPS_PER_TASK} + 1')}",
            "step_index": f"(i - 1) % {STEPS_PER_TASK}",
            "idempotency_key": f"'bench_' || {text('i')}",
            "memory_folded": "false",
        }, postgres)
        inserted = time.time() - started
        retained = int(database.query("SELECT COUNT(*) FROM task_steps")[0])
        hello = timed(server.url + "/", None, args.requests)
        before = timed(server.url + "/v1/tools/weather/memory", key, args.requests)
        # A report the server gave up answering (its request deadline) may still hold its query
        # open, and with it a snapshot that keeps PostgreSQL from clearing what the fold updates.
        server.stop()
        server = Server(args.binary, workdir, env)
        unfolded = (lambda: int(database.query("SELECT COUNT(*) FROM task_steps WHERE memory_folded = false")[0]))
        fold_started = time.time()
        while unfolded() > 0:
            assert time.time() - fold_started < args.fold_timeout, "upkeep did not fold the steps"
            time.sleep(2)
        waited = time.time() - fold_started
        memory_url = server.url + "/v1/tools/weather/memory"
        after = timed(memory_url, key, args.requests)
        # A million rows just updated leave dead index entries until (auto)vacuum clears them.
        database.query("VACUUM ANALYZE task_steps" if postgres else "ANALYZE task_steps")
        vacuumed = timed(memory_url, key, args.requests)
        runs = request("GET", memory_url, key)["capabilities"]
        return {
            "db": name, "retained_steps": retained, "insert_s": round(inserted, 1), "hello_world": hello,
            "memory_every_step": before, "memory_rolled_up": after, "memory_rolled_up_after_vacuum": vacuumed, "fold_waited_s": round(waited, 1),
            "runs_reported": sum(c["runs"] for c in runs),
        }
    finally:
        server.stop()
        if postgres:
            postgres.stop()
        subprocess.run(["rm", "-rf", workdir])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--fold-timeout", type=float, default=900)
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                                         ".build-release", "release", "ploton"))
    parser.add_argument("--json")
    args = parser.parse_args()
    report([measure(name, args) for name in args.db.split(",")], args.json)


if __name__ == "__main__":
    sys.exit(main())
