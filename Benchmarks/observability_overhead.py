#!/usr/bin/env python3
"""What metrics and tracing cost (issue 20.6): the server's CPU per request and per task, for a fixed
amount of work, metrics on and tracing on against both off, in one run.

Three servers of the same release binary (SQLite) run side by side for the whole run: `off`;
`metrics` (PLOTON_METRICS=on, scraped once per round, about every 20 s as Prometheus would); `tracing`
(OTEL_EXPORTER_OTLP_ENDPOINT pointing at Benchmarks/otlp_sink.py, every trace sampled). After a
warm-up, each round gives the three servers the same work at the same time (so whatever else the
machine runs weighs on them alike):
  1. the authenticated GET: exactly --gets requests `GET /v1/tasks/{id}` (wrk, --connections);
  2. the task benchmark: exactly --tasks sandbox weather tasks POSTed at --rate tasks/s, then
     drained; the round then idles until the tracing server's spans are exported (OTEL_BSP_SCHEDULE_DELAY).
Each server's CPU (perf stat's task-clock) is counted over each phase, so a phase's figure is all
the CPU its process spent during it, background work included (the worker's polling, the batch
span exporter), divided by the requests or tasks it served. A count of work, not a rate: the
machine's noise changes how long a phase takes far more than how much CPU it needs. Each mode's
figure is divided by the same round's `off`; the report gives each ratio's median over the rounds
and its spread (quartiles, min–max), and the ratio of the run's totals, as JSON lines and a
Markdown table, with the wall-clock figures of the same bursts (GET req/s, task p50) as context.
Hardware instruction counters would be steadier still, but this machine's virtual CPU has none
(perf: "PMU not available due to virtualization"), and valgrind 3.19 cannot run the binary.

Usage: Benchmarks/observability_overhead.py [--rounds 12] [--gets 2000] [--tasks 50] [--rate 15]
       [--binary .build-release/release/ploton] [--json results.json]
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
from concurrent.futures import ThreadPoolExecutor

from common import ROOT, WEATHER, Server, bench_env, free_port, percentile, report, request
from task_load import SQLiteFile, bench_line, post_env, unfinished, wrk

HERE = os.path.dirname(os.path.abspath(__file__))
TOKEN = "bench-metrics-token-0123456789"
MODES = ["off", "metrics", "tracing"]
EXPORT_DELAY = 5  # OTEL_BSP_SCHEDULE_DELAY's default, seconds


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


def budgeted(url, connections, script, env, count):
    """wrk sending exactly `count` requests (the script's PLOTON_BENCH_BUDGET); returns its output."""
    load = wrk(url, 600, connections, script, dict(env, PLOTON_BENCH_BUDGET=str(count)))
    for line in load.stderr:
        if "PLOTON_BENCH_STOPPED" in line:
            break
    load.send_signal(signal.SIGINT)  # wrk waits out -d otherwise
    return load.communicate()[0]


def settings(mode, sink):
    if mode == "metrics":
        return {"PLOTON_METRICS": "on", "PLOTON_METRICS_TOKEN": TOKEN}
    if mode == "tracing":
        return {"OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{sink.port}", "OTEL_TRACES_SAMPLER": "always_on"}
    return {}


class Subject:
    """One mode's server, its database and the task its GETs read."""

    def __init__(self, mode, sink):
        self.mode = mode
        self.workdir = tempfile.mkdtemp(prefix=f"ploton-overhead-{mode}-")
        self.server = Server(args.binary, self.workdir, bench_env(**settings(mode, sink)))
        self.database = SQLiteFile(self.workdir)
        self.task_id = request("POST", f"{self.server.url}/v1/tasks", self.server.test_key, {"prompt": WEATHER})["id"]

    def gets(self, count):
        env = {"PLOTON_BENCH_KEY": self.server.test_key, "PLOTON_BENCH_TASK": self.task_id}
        started = time.time()
        out = budgeted(self.server.url, args.connections, "get_task.lua", env, count)
        return bench_line(out)["sent"], time.time() - started

    def tasks(self, count):
        """POSTs `count` tasks at --rate and waits until they are finished; returns those accepted and
        their p50 create→complete in ms."""
        started = time.time()
        budgeted(self.server.url, 4, "post_tasks.lua", post_env([self.server.test_key], args.rate, 4), count)
        time.sleep(0.3)  # the POSTs in flight when wrk stopped are answered
        deadline = time.time() + 300
        while unfinished(self.database) and time.time() < deadline:
            time.sleep(0.1)
        rows = [line.split(",") for line in self.database.query(
            f"SELECT created_at, completed_at, status FROM tasks WHERE created_at >= {started}")]
        latencies = [(float(done) - float(created)) * 1000 for created, done, status in rows if status == "complete"]
        return len(rows), len(latencies), percentile(latencies, 0.5) or 0

    def scrape(self):
        subprocess.run(["curl", "-sf", "-o", "/dev/null", "-H", f"Authorization: Bearer {TOKEN}", self.server.url + "/metrics"],
                       check=True)

    def stop(self):
        self.server.stop()
        subprocess.run(["rm", "-rf", self.workdir])


class CPUWindow:
    """`perf stat -e task-clock` of each server from now until `stop`, which returns CPU seconds by
    mode (nanosecond counts: /proc's 10 ms ticks are too coarse for a phase)."""

    def __init__(self, subjects):
        self.perfs = {mode: subprocess.Popen(["perf", "stat", "-e", "task-clock", "-x", ",", "-p", str(subject.server.process.pid)],
                                             stderr=subprocess.PIPE, text=True)
                      for mode, subject in subjects.items()}
        time.sleep(0.2)  # attached

    def stop(self):
        spent = {}
        for mode, perf in self.perfs.items():
            perf.send_signal(signal.SIGINT)
            line = next(line for line in perf.communicate()[1].splitlines() if ",task-clock" in line)
            spent[mode] = float(line.split(",")[0]) / 1000 if line[0].isdigit() else 0.0
        return spent


def at_once(subjects, work):
    """`work(subject)` for every server at the same time: whatever else the machine runs then
    weighs on the three alike."""
    with ThreadPoolExecutor(len(subjects)) as pool:
        futures = {mode: pool.submit(work, subject) for mode, subject in subjects.items()}
        return {mode: future.result() for mode, future in futures.items()}


def round_of(number, subjects):
    runs = {mode: {"mode": mode, "round": number} for mode in MODES}
    window = CPUWindow(subjects)
    for mode, (sent, seconds) in at_once(subjects, lambda subject: subject.gets(args.gets)).items():
        runs[mode].update(gets=sent, get_rps=round(sent / seconds))
    subjects["metrics"].scrape()
    get_cpu, window = window.stop(), CPUWindow(subjects)
    for mode, (accepted, complete, p50) in at_once(subjects, lambda subject: subject.tasks(args.tasks)).items():
        runs[mode].update(tasks=accepted, complete=complete, task_p50_ms=round(p50, 1))
    time.sleep(EXPORT_DELAY + 1)  # the tracing server's spans exported
    for mode, seconds in get_cpu.items():
        runs[mode]["get_cpu_us_per_request"] = round(seconds / runs[mode]["gets"] * 1e6, 1)
    for mode, seconds in window.stop().items():
        runs[mode]["task_cpu_ms_per_task"] = round(seconds / max(1, runs[mode]["tasks"]) * 1000, 2)
    for run in runs.values():
        run["load_average"] = round(os.getloadavg()[0], 1)
        print(run, file=sys.stderr, flush=True)
    return list(runs.values())


MEASURES = [("get_cpu_us_per_request", "server CPU per GET (µs)", "gets"), ("task_cpu_ms_per_task", "server CPU per task (ms)", "tasks"),
            ("get_rps", "context: GET req/s", None), ("task_p50_ms", "context: task p50 create→complete (ms)", None)]


def totals_ratio(runs, mode, key, count):
    """All of a mode's CPU over all of its work, against off's: the run's figure, rounds pooled."""
    def per_unit(m):
        mine = [run for run in runs if run["mode"] == m]
        return sum(run[key] * run[count] for run in mine) / sum(run[count] for run in mine)
    return round(per_unit(mode) / per_unit("off"), 3)


def summary(runs, rounds):
    """Per mode and measure: the on/off ratio of each round, as median, quartiles and min–max."""
    by = {(run["mode"], run["round"]): run for run in runs}
    rows = []
    for mode in MODES[1:]:
        for key, label, count in MEASURES:
            ratios = sorted(by[(mode, r)][key] / by[("off", r)][key] for r in rounds if by[("off", r)][key])
            quartiles = statistics.quantiles(ratios, n=4, method="inclusive") if len(ratios) > 1 else ratios * 3
            rows.append({"mode": mode, "measure": label, "median_ratio": round(statistics.median(ratios), 3),
                         "totals_ratio": totals_ratio(runs, mode, key, count) if count else None,
                         "q1": round(quartiles[0], 3), "q3": round(quartiles[2], 3), "min": round(ratios[0], 3), "max": round(ratios[-1], 3),
                         "off_median": statistics.median(by[("off", r)][key] for r in rounds),
                         "on_median": statistics.median(by[(mode, r)][key] for r in rounds)})
    return rows


def idle_cpu(subjects, seconds):
    """Each server's CPU per second while nothing is asked of it (what every phase's figure includes)."""
    window = CPUWindow(subjects)
    time.sleep(seconds)
    return {f"idle_cpu_ms_per_s_{mode}": round(value / seconds * 1000, 2) for mode, value in window.stop().items()}


def main():
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} not found: swift build -c release --scratch-path .build-release --product ploton")
    sink = Sink()
    subjects = {}
    try:
        for mode in MODES:
            subjects[mode] = Subject(mode, sink)
        for subject in subjects.values():  # warm-up: first task done, code paths and caches warm
            subject.gets(min(args.gets, 1000))
            subject.tasks(min(args.tasks, 20))
        time.sleep(EXPORT_DELAY + 1)
        idle = idle_cpu(subjects, 10)
        runs = []
        for number in range(args.rounds):
            runs += round_of(number, subjects)
        rows = summary(runs, range(args.rounds))
        report(runs + [idle] + rows, args.json)
    finally:
        for subject in subjects.values():
            subject.stop()
        print(f"otlp sink: {sink.stop()}", file=sys.stderr)
    print(f"\nidle CPU (ms per second): {idle}")
    print("\n| mode | measure | off (median) | on (median) | on/off median | quartiles | min–max | totals |\n"
          "|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['mode']} | {row['measure']} | {row['off_median']:.4g} | {row['on_median']:.4g} | {row['median_ratio']} | "
              f"{row['q1']}–{row['q3']} | {row['min']}–{row['max']} | {row['totals_ratio'] or ''} |")


parser = argparse.ArgumentParser()
parser.add_argument("--rounds", type=int, default=12)
parser.add_argument("--gets", type=int, default=2000, help="authenticated GETs per server per round")
parser.add_argument("--tasks", type=int, default=50, help="tasks per server per round")
parser.add_argument("--rate", type=float, default=15, help="tasks/s offered to each server in the task benchmark")
parser.add_argument("--connections", type=int, default=8)
parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release/release/ploton"))
parser.add_argument("--json", help="also write every round and the summary to this file")
args = parser.parse_args()

if __name__ == "__main__":
    sys.exit(main())
