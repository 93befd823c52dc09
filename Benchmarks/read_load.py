#!/usr/bin/env python3
"""Authenticated reads at idle against the same server's hello-world, in one run (issue 16.3).

For each database (embedded SQLite, and a PostgreSQL started for the run with fsync and
synchronous_commit on) and each binary given, one fresh server with 20 completed sandbox tasks:
wrk (one thread, keep-alive, --connections) at max rate on, in turn for --seconds each,
  hello      GET /                       (the server's cheapest route, synchronous: the baseline)
  health     GET /health                 (an `async` handler encoding a dictionary: the shape hello-world
                                          had until session 35, for comparison)
  task       GET /v1/tasks/{id}          (authenticated, a completed task)
  tasks      GET /v1/tasks?limit=10
  tools      GET /v1/tools
and reports requests/s and each as a ratio to that server's hello-world. Reads under write load
are task_load.py's (--read-seconds). With two binaries (--binary OLD --binary NEW) both are
measured in the same run, one after the other, so a change is read as ratio against ratio.

Usage: Benchmarks/read_load.py [--db sqlite,postgres] [--seconds 10] [--connections 16]
       [--binary .build-release/release/ploton ...] [--perf perf.data] [--json results.json]
--perf profiles the server over the `hello` and `task` reads into PERF.<db>.<n>.<read> (perf record -g), so
`perf report --no-children` of the two can be compared symbol by symbol.
Needs wrk and, for PostgreSQL, initdb/pg_ctl on PATH. A measurement: it asserts nothing.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

from common import ROOT, Server, bench_env, report, request
from task_load import Postgres, SQLiteFile, bench_line, perf_record, requests_per_second, wrk

READS = [("hello", "/"), ("health", "/health"), ("task", None), ("tasks", "/v1/tasks?limit=10"), ("tools", "/v1/tools")]


def completed_tasks(server, count):
    """`count` sandbox weather tasks, waited for until every one is complete; their ids."""
    ids = [request("POST", server.url + "/v1/tasks", server.test_key, {"prompt": "What is the weather in Paris?"})["id"]
           for _ in range(count)]
    deadline = time.time() + 120
    while time.time() < deadline:
        statuses = {request("GET", f"{server.url}/v1/tasks/{task}", server.test_key)["status"] for task in ids}
        if statuses == {"complete"}:
            return ids
        time.sleep(0.2)
    raise SystemExit(f"tasks did not complete: {statuses}")


def measure(name, binary, index, args, base_env):
    workdir = tempfile.mkdtemp(prefix=f"ploton-reads-{name}-")
    postgres = Postgres() if name == "postgres" else None
    env = dict(base_env, **({"PLOTON_DATABASE_URL": postgres.url} if postgres else {}))
    server = Server(binary, workdir, env)
    try:
        task = completed_tasks(server, 20)[0]
        result = {"database": name, "binary": binary, "connections": args.connections, "seconds": args.seconds}
        for read, path in READS:
            path = path or f"/v1/tasks/{task}"
            profile = None
            if read in ("hello", "task") and args.perf:  # the GET and its baseline, to compare their top symbols
                profile = perf_record(server.process.pid, args.seconds, f"{args.perf}.{name}.{index}.{read}")
            if read == "hello":
                out = wrk(server.url, args.seconds, args.connections).communicate()[0]
            else:
                out, err = wrk(server.url, args.seconds, args.connections, "get_path.lua",
                               {"PLOTON_BENCH_KEY": server.test_key, "PLOTON_BENCH_PATH": path}).communicate()
                failed = bench_line(out)["failed"]
                if failed:
                    result[f"{read}_failed"] = failed
                    result[f"{read}_errors"] = err.strip()[:300]
            if profile:
                profile.wait()
            result[f"{read}_rps"] = round(requests_per_second(out))
        for read, _ in READS[1:]:
            result[f"{read}_over_hello"] = round(result[f"{read}_rps"] / result["hello_rps"], 3)
        return result
    finally:
        server.stop()
        if postgres:
            postgres.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per read")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--binary", action="append", help="repeatable: each is measured in turn")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--perf", help="profile the server over GET / and GET /v1/tasks/{id} into PERF.<db>.<n>.<hello|task>")
    parser.add_argument("--env", action="append", default=[], help="extra server setting NAME=VALUE (repeatable)")
    args = parser.parse_args()
    binaries = args.binary or [os.path.join(ROOT, ".build-release/release/ploton")]
    for binary in binaries:
        if not os.path.exists(binary):
            raise SystemExit(f"{binary} not found: swift build -c release --scratch-path .build-release --product ploton")

    base = bench_env(**dict(item.split("=", 1) for item in args.env))
    results = [measure(name, binary, index, args, base)
               for name in args.db.split(",") for index, binary in enumerate(binaries)]
    report(results, args.json)


if __name__ == "__main__":
    sys.exit(main())
