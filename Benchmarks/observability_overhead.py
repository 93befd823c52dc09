#!/usr/bin/env python3
"""What metrics and tracing cost (issue 20.6), measured A/B in one run so the machine's noise cancels.

Three modes of the same release binary (SQLite): `off`; `metrics` (PLOTON_METRICS=on, scraped every
--scrape-every seconds as Prometheus would); `tracing` (OTEL_EXPORTER_OTLP_ENDPOINT pointing at
Benchmarks/otlp_sink.py, every trace sampled). Each repeat runs every mode once on a fresh server,
in an order rotated per repeat (off, metrics, tracing; metrics, tracing, off; …), and each run:
  1. the authenticated GET: wrk `GET /v1/tasks/{id}` for --get-seconds: requests/s and server CPU
     microseconds per request;
  2. the task benchmark: sandbox weather tasks POSTed at --rate tasks/s for --task-seconds, then
     drained: server CPU milliseconds per task and the p50 create→complete latency.
Each phase's CPU window ends --settle seconds after its load, so it includes exporting the spans
the phase made (every mode idles the same). Every measure of a mode is divided by the same repeat's `off`; the report gives each ratio's median
and its spread (min–max) over the repeats, as JSON lines and a Markdown table.

Usage: Benchmarks/observability_overhead.py [--repeats 5] [--get-seconds 8] [--task-seconds 10]
       [--rate 30] [--binary .build-release/release/ploton] [--json results.json]
Needs wrk. A measurement: it asserts nothing.
"""
import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from common import ROOT, WEATHER, Server, bench_env, free_port, percentile, report, request
from task_load import SQLiteFile, bench_line, cpu_seconds, peak_rss_mb, post_env, requests_per_second, unfinished, wrk

HERE = os.path.dirname(os.path.abspath(__file__))
TOKEN = "bench-metrics-token-0123456789"
MODES = ["off", "metrics", "tracing"]


class Sink:
    """Benchmarks/otlp_sink.py on a free port; `stop` returns what it received."""

    def __init__(self):
        self.port = free_port()
        self.process = subprocess.Popen([sys.executable, os.path.join(HERE, "otlp_sink.py"), str(self.port)],
                                        stdout=subprocess.PIPE, text=True)
        time.sleep(0.5)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        return self.process.communicate(timeout=30)[0].strip()


def settings(mode, sink):
    if mode == "metrics":
        return {"PLOTON_METRICS": "on", "PLOTON_METRICS_TOKEN": TOKEN}
    if mode == "tracing":
        return {"OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{sink.port}", "OTEL_TRACES_SAMPLER": "always_on"}
    return {}


def scraping(server, mode, every):
    """A Prometheus stand-in: curl /metrics every `every` seconds while the run lasts (metrics on only)."""
    if mode != "metrics" or every <= 0:
        return None
    loop = f"while :; do curl -s -o /dev/null -H 'Authorization: Bearer {TOKEN}' {server.url}/metrics; sleep {every}; done"
    return subprocess.Popen(["sh", "-c", loop], start_new_session=True)


def wait_complete(server, task_id, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if request("GET", f"{server.url}/v1/tasks/{task_id}", server.test_key)["status"] in ("complete", "failed"):
            return
        time.sleep(0.1)
    raise SystemExit(f"task {task_id} did not finish")


def measure(mode, repeat, args):
    workdir = tempfile.mkdtemp(prefix=f"ploton-overhead-{mode}-")
    sink = Sink() if mode == "tracing" else None
    server = Server(args.binary, workdir, bench_env(**settings(mode, sink)))
    scraper = scraping(server, mode, args.scrape_every)
    database = SQLiteFile(workdir)
    pid = [server.process.pid]
    try:
        task_id = request("POST", f"{server.url}/v1/tasks", server.test_key, {"prompt": WEATHER})["id"]
        wait_complete(server, task_id)
        get_env = {"PLOTON_BENCH_KEY": server.test_key, "PLOTON_BENCH_TASK": task_id}
        wrk(server.url, 2, args.connections, "get_task.lua", get_env).communicate()  # warm-up

        time.sleep(args.settle)  # the warm-up's spans exported
        before = cpu_seconds(pid)
        out, _ = wrk(server.url, args.get_seconds, args.connections, "get_task.lua", get_env).communicate()
        time.sleep(args.settle)
        get_cpu = cpu_seconds(pid) - before
        get_rps = requests_per_second(out)

        before, started = cpu_seconds(pid), time.time()
        out, _ = wrk(server.url, args.task_seconds, 4, "post_tasks.lua", post_env([server.test_key], args.rate, 4)).communicate()
        accepted = bench_line(out)["created"]
        deadline = time.time() + 300
        while unfinished(database) and time.time() < deadline:
            time.sleep(0.2)
        time.sleep(args.settle)
        task_cpu = cpu_seconds(pid) - before
        rows = [line.split(",") for line in database.query(
            f"SELECT created_at, completed_at, status FROM tasks WHERE created_at >= {started}")]
        latencies = [(float(done) - float(created)) * 1000 for created, done, status in rows if status == "complete" and done]
        return {
            "mode": mode, "repeat": repeat, "get_rps": round(get_rps), "get_cpu_us_per_request": round(get_cpu / (get_rps * args.get_seconds) * 1e6, 1),
            "tasks": accepted, "complete": len(latencies), "task_cpu_ms_per_task": round(task_cpu / max(1, accepted) * 1000, 2),
            "task_p50_ms": round(percentile(latencies, 0.5) or 0, 1), "peak_rss_mb": round(peak_rss_mb(pid[0]) or 0),
            "load_average": round(os.getloadavg()[0], 1),
        }
    finally:
        if scraper:
            os.killpg(scraper.pid, signal.SIGKILL)
        server.stop()
        if sink:
            print(f"otlp sink ({mode} {repeat}): {sink.stop()}", file=sys.stderr)
        subprocess.run(["rm", "-rf", workdir])


MEASURES = [("get_rps", "authenticated GET req/s"), ("get_cpu_us_per_request", "server CPU per GET"),
            ("task_cpu_ms_per_task", "server CPU per task"), ("task_p50_ms", "task p50 create→complete")]


def summary(runs, repeats):
    """Per mode and measure: the on/off ratio of each repeat, as median and min–max."""
    by = {(run["mode"], run["repeat"]): run for run in runs}
    rows = []
    for mode in MODES[1:]:
        for key, label in MEASURES:
            ratios = [by[(mode, r)][key] / by[("off", r)][key] for r in range(repeats) if by[("off", r)][key]]
            rows.append({"mode": mode, "measure": label, "median_ratio": round(statistics.median(ratios), 3),
                         "min": round(min(ratios), 3), "max": round(max(ratios), 3),
                         "off_median": statistics.median(by[("off", r)][key] for r in range(repeats)),
                         "on_median": statistics.median(by[(mode, r)][key] for r in range(repeats))})
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--get-seconds", type=int, default=8)
    parser.add_argument("--task-seconds", type=int, default=10)
    parser.add_argument("--rate", type=float, default=30, help="tasks/s offered in the task benchmark")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--scrape-every", type=float, default=5)
    parser.add_argument("--settle", type=float, default=6,
                        help="idle seconds after each phase, inside its CPU window, so the spans it made are exported (OTEL_BSP_SCHEDULE_DELAY is 5 s)")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release/release/ploton"))
    parser.add_argument("--json", help="also write every run and the summary to this file")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} not found: swift build -c release --scratch-path .build-release --product ploton")

    runs = []
    for repeat in range(args.repeats):
        for mode in MODES[repeat % 3:] + MODES[:repeat % 3]:
            runs.append(measure(mode, repeat, args))
            print(runs[-1], file=sys.stderr, flush=True)
    rows = summary(runs, args.repeats)
    report(runs + rows, args.json)
    print("\n| mode | measure | off (median) | on (median) | on/off median | spread |\n|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['mode']} | {row['measure']} | {row['off_median']} | {row['on_median']} | {row['median_ratio']} | "
              f"{row['min']}–{row['max']} |")


if __name__ == "__main__":
    sys.exit(main())
