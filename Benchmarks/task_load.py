#!/usr/bin/env python3
"""Sustained task load on a real `ploton serve`, measured from the database.

For each database (embedded SQLite, and a PostgreSQL started for the run with its production
durability: fsync and synchronous_commit on), in one run of one server:
  1. hello-world baseline: wrk `GET /` (the server's cheapest route), max rate;
  2. writes: wrk POSTs sandbox weather tasks over keep-alive connections for --duration seconds,
     at --rate tasks/s (0 = as fast as the server answers), spread over --accounts accounts;
  3. drain: waits until no task is pending or running;
  4. reads under write load: wrk `GET /v1/tasks/{id}` at max rate while another wrk keeps
     posting at a fixed --read-write-rate (500 tasks/s by default, on a schedule: issue 16's
     definition, half of its 1,000 tasks/s goal) (--read-seconds, 0 to skip); then hello-world
     under that same write load, so the read is also compared with hello-world in like conditions;
     then the same at half the measured completion rate as a second reading
     (`reads_at_half_measured_rate`, --read-half-pairs pairs; sessions 17-33 measured only this one);
     each window reports the writes' achieved created/s (`read_window_writes_per_s`);
     with --read-pairs N (N > 1), N pairs of an idle hello-world and reads under writes, back to back,
     each pair's ratio and their median (a single 5 s window's ratio moved by 0.3 between runs);
     each pair's idle hello-world is taken with the database quiet (--quiet-hello, the default:
     PostgreSQL's autovacuum workers finished and a CHECKPOINT, SQLite's WAL checkpointed), so it
     is as strict a baseline as the run's first one and the paired ratio does not rise with a
     hello-world depressed by the last write window's background work.
Reports, from the tasks' own millisecond timestamps in the database: tasks accepted (201) and
stored, completed inside the write window per second (and from the start until the backlog
drained, when writes outran the workers), failed, completed twice (events), p50/p99
create→complete latency; on PostgreSQL the server's statements per task, and the most frequent ones;
the load average once drained; CPU seconds of client (wrk), server and database over the write window
(/proc), the server's peak RSS; every rate also as a ratio to hello-world.

Usage: Benchmarks/task_load.py [--db sqlite,postgres] [--duration 30] [--rate 0] [--connections 16]
       [--accounts 1] [--read-seconds 10] [--read-pairs 1] [--read-write-rate 500] [--read-half-pairs 1]
       [--binary .build-release/release/ploton] [--json results.json] [--perf perf.data]
Needs wrk (apt-get install wrk) and, for PostgreSQL, initdb/pg_ctl on PATH. A measurement: it
asserts nothing. The machine should be otherwise idle; say so when it is not.
"""
import argparse
import json
import os
import random
import secrets
import sqlite3
import string
import subprocess
import sys
import tempfile
import time
import zlib

from common import ROOT, Server, bench_env, free_port, percentile, report

HERE = os.path.dirname(os.path.abspath(__file__))
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
TICKS = os.sysconf("SC_CLK_TCK")


# ---- PostgreSQL with production durability -------------------------------------------------

class Postgres:
    """A throwaway cluster with the defaults that matter left on (fsync, synchronous_commit,
    full_page_writes); as the `postgres` OS user when run as root (initdb refuses root)."""

    def __init__(self, settings=None):
        """`settings`: more server settings NAME=VALUE from the first start (`shared_preload_libraries`
        cannot be changed later without a restart)."""
        self.dir = tempfile.mkdtemp(prefix="ploton-bench-pg-")
        self.port = free_port()
        self.root = os.getuid() == 0
        if self.root:
            subprocess.run(["id", "postgres"], check=True, capture_output=True)
            os.chown(self.dir, *self._ids())
        self._as_pg(["initdb", "-D", f"{self.dir}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8"])
        self._as_pg(["pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/server.log", "-w", "-t", "60", "-o",
                     f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c max_connections=200"
                     + "".join(f" -c {name}={value}" for name, value in (settings or {}).items()), "start"])
        self.admin = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        subprocess.run(["psql", self.admin, "-qc", "CREATE DATABASE bench"], check=True)
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/bench"
        settings = self.query("SELECT current_setting('fsync') || ',' || current_setting('synchronous_commit')")
        assert settings == ["on,on"], f"benchmark PostgreSQL must run with fsync and synchronous_commit on, not {settings}"

    def _ids(self):
        import pwd
        entry = pwd.getpwnam("postgres")
        return entry.pw_uid, entry.pw_gid

    def _as_pg(self, command):
        prefix = ["runuser", "-u", "postgres", "--"] if self.root else []
        subprocess.run(prefix + command, check=True, capture_output=True)

    def query(self, sql):
        out = subprocess.run(["psql", self.url, "-At", "-F", ",", "-c", sql], capture_output=True, text=True, check=True).stdout
        return [line for line in out.splitlines() if line]

    def pids(self):
        with open(f"{self.dir}/data/postmaster.pid") as f:
            postmaster = int(f.readline())
        return [postmaster] + children(postmaster)

    def stop(self):
        self._as_pg(["pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop"])
        subprocess.run(["rm", "-rf", self.dir])


class SQLiteFile:
    def __init__(self, workdir):
        self.path = os.path.join(workdir, ".ploton", "ploton.sqlite")
        self.url = None  # the server's default

    def query(self, sql):
        with sqlite3.connect(self.path, timeout=30) as db:
            return [",".join("" if v is None else str(v) for v in row) for row in db.execute(sql).fetchall()]

    def pids(self):
        return []


# ---- /proc -----------------------------------------------------------------------------------

def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            pass
    return total / TICKS


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


# ---- accounts --------------------------------------------------------------------------------

def base62(value, width):
    digits = ""
    while True:
        digits = BASE62[value % 62] + digits
        value //= 62
        if value == 0:
            break
    return digits.rjust(width, "0")


def new_test_key():
    body = "".join(random.choice(BASE62) for _ in range(32))
    return "pk_test_" + body + base62(zlib.crc32(body.encode()), 6)


def add_accounts(database, count):
    """`count` more accounts with one test key each, inserted like the server stores them (the
    default account's timestamps are copied, so the column encoding matches either database)."""
    import hashlib
    keys = []
    for i in range(count):
        key = new_test_key()
        account = "acct_bench" + secrets.token_hex(8)
        database.query(
            f"INSERT INTO accounts (id, name, created_at) SELECT '{account}', 'bench{i}', created_at FROM accounts WHERE name = 'default'")
        database.query(
            "INSERT INTO api_keys (id, account_id, environment, name, secret_hash, prefix, last4, created_at) "
            f"SELECT 'key_bench{secrets.token_hex(8)}', '{account}', 'test', 'bench', '{hashlib.sha256(key.encode()).hexdigest()}', "
            f"'{key[:12]}', '{key[-4:]}', created_at FROM accounts WHERE id = '{account}'")
        keys.append(key)
    return keys


# ---- load ------------------------------------------------------------------------------------

def wrk(url, seconds, connections, script=None, env=None, path="/"):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", os.path.join(HERE, "wrk", script)]
    return subprocess.Popen(command + [url + path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, **(env or {})))


def requests_per_second(out):
    return next(float(line.split()[1]) for line in out.splitlines() if line.startswith("Requests/sec:"))


def non_2xx(out):
    """wrk's count of answers that were not 2xx or 3xx (0 when it printed none)."""
    return next((int(line.split(":")[1]) for line in out.splitlines() if line.strip().startswith("Non-2xx")), 0)


def bench_line(out):
    return json.loads(next(line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("PLOTON_BENCH ")))


def post_env(keys, rate, connections):
    delay = 0 if rate <= 0 else max(1, round(connections * 1000 / rate))
    return {"PLOTON_BENCH_KEYS": ",".join(keys), "PLOTON_BENCH_DELAY_MS": str(delay)}


def epoch(database, column):
    """A timestamp column as epoch seconds with its fraction (SQLite stores Fluent dates as REAL)."""
    return f"extract(epoch from {column})" if isinstance(database, Postgres) else column


def unfinished(database):
    return int(database.query("SELECT COUNT(*) FROM tasks WHERE status IN ('pending','running')")[0])


def quiet(database, timeout=75):
    """Lets the database settle before an idle hello-world (`--quiet-hello`): waits (at most
    `timeout` s) until the server's upkeep has folded every finished step (below); on PostgreSQL
    then until no autovacuum worker runs, then `CHECKPOINT`s, so the dirty pages
    the write window left are not flushed, nor its tables vacuumed, beside the hello-world; on
    SQLite checkpoints the WAL (`PASSIVE`: it waits for no reader or writer). Nothing is vacuumed
    or analysed here: the database is only given the time its own background work takes. Returns
    the seconds waited and how many autovacuum workers were running when it began."""
    began = time.time()
    # The server's upkeep (`Maintenance`, once a minute) folds finished tasks' steps into execution
    # memory (`ToolMemoryRollup`): after a write window, 500-step batches of upserts and updates
    # run beside whatever is measured next. Waited for too (at most `timeout` s).
    unfolded = lambda: int(database.query(
        "SELECT COUNT(*) FROM task_steps s JOIN tasks t ON t.id = s.task_id "
        "WHERE s.memory_folded = false AND t.completed_at IS NOT NULL")[0])
    left = unfolded()
    while unfolded() and time.time() - began < timeout:
        time.sleep(1)
    if isinstance(database, Postgres):
        workers = lambda: int(database.query(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")[0])
        seen = workers()
        while workers() and time.time() - began < 2 * timeout:
            time.sleep(0.5)
        database.query("CHECKPOINT")
    else:
        seen = 0
        with sqlite3.connect(database.path, timeout=30) as db:
            db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    return {"waited_s": round(time.time() - began, 1), "unfolded_steps_at_start": left, "autovacuum_workers_at_start": seen}


SERVER_ROLE = "ploton"


def statement_counts(postgres):
    """The server role's round trips since the reset: statements (without BEGIN, COMMIT and group
    commit's savepoints), explicit COMMITs (a write of one statement commits alone without one),
    all of them, and the WAL flushes (fsyncs) of the whole cluster: what durability costs."""
    total, commits, bookkeeping = postgres.query(
        "SELECT COALESCE(SUM(calls), 0), COALESCE(SUM(calls) FILTER (WHERE query = 'COMMIT'), 0), "
        "COALESCE(SUM(calls) FILTER (WHERE query IN ('BEGIN', 'COMMIT') OR query ~* '^(SAVEPOINT|RELEASE|ROLLBACK)'), 0) "
        f"FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = '{SERVER_ROLE}'")[0].split(",")
    wal_syncs = int(postgres.query("SELECT wal_sync FROM pg_stat_wal")[0])
    return {"round_trips": int(total), "statements": int(total) - int(bookkeeping), "commits": int(commits), "wal_syncs": wal_syncs}


def top_statements(postgres, tasks, limit=15):
    """The server role's most frequent statements since the reset, as calls per stored task (text
    cut to 100 characters): where the round trips per task go."""
    rows = postgres.query(
        "SELECT calls, regexp_replace(left(query, 100), '[\\s,]+', ' ', 'g') FROM pg_stat_statements s "
        f"JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = '{SERVER_ROLE}' ORDER BY calls DESC LIMIT {limit}")
    return [[round(int(calls) / tasks, 2), query] for calls, query in (row.split(",", 1) for row in rows)]


def plan_and_execution(postgres, tasks):
    """PostgreSQL's planning and execution time of the server role's statements since the reset, in
    milliseconds per stored task (`--track-planning`: planning is counted only with it on)."""
    plan, execution = postgres.query(
        "SELECT round(COALESCE(sum(total_plan_time), 0)::numeric / %d, 3) || ',' || round(COALESCE(sum(total_exec_time), 0)::numeric / %d, 3) "
        "FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = '%s'" % (tasks, tasks, SERVER_ROLE))[0].split(",")
    return {"planning": float(plan), "execution": float(execution)}


def costliest_statements(postgres, tasks, limit=10):
    """The server role's statements that took PostgreSQL the most time since the reset, as
    milliseconds per stored task, calls per task and text cut to 100 characters (statements that
    differ only in how many values they list counted as one): where the database's CPU goes
    (batched statements are rare by calls but may not be by time)."""
    rows = postgres.query(
        "SELECT round(sum(total_exec_time)::numeric, 1), sum(calls), q FROM (SELECT total_exec_time, calls, "
        "regexp_replace(left(query, 100), '[\\s,]+', ' ', 'g') AS q FROM pg_stat_statements s JOIN pg_roles r "
        f"ON r.oid = s.userid WHERE r.rolname = '{SERVER_ROLE}') s GROUP BY q ORDER BY 1 DESC LIMIT {limit}")
    return [[round(float(ms) / tasks, 3), round(int(calls) / tasks, 2), query]
            for ms, calls, query in (row.split(",", 2) for row in rows)]


def perf_record(pid, seconds, output):
    """`perf record -g` of the server over the write window (`perf report -i OUTPUT` to read it)."""
    return subprocess.Popen(["perf", "record", "-g", "-F", "499", "-p", str(pid), "-o", output, "--", "sleep", str(seconds)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def measure(name, args, base_env):
    workdir = tempfile.mkdtemp(prefix=f"ploton-bench-{name}-")
    # pg_stat_statements counts the statements of the server's own role (not this script's queries).
    settings = {"shared_preload_libraries": "pg_stat_statements"}
    if args.track_planning:
        settings["pg_stat_statements.track_planning"] = "on"
    postgres = Postgres(settings=settings) if name == "postgres" else None
    database = postgres or SQLiteFile(workdir)
    if postgres:
        postgres.query("CREATE EXTENSION pg_stat_statements")
        postgres.query(f"CREATE ROLE {SERVER_ROLE} LOGIN SUPERUSER")
    env = dict(base_env, **({"PLOTON_DATABASE_URL": postgres.url.replace("postgres@", f"{SERVER_ROLE}@")} if postgres else {}))
    server = Server(args.binary, workdir, env)
    try:
        keys = [server.test_key] + add_accounts(database, args.accounts - 1)
        hello = wrk(server.url, args.hello_seconds, args.connections)
        hello_out, _ = hello.communicate()
        hello_rps = requests_per_second(hello_out)

        if postgres:
            postgres.query("SELECT pg_stat_statements_reset(), pg_stat_reset_shared('wal')")
        server_pids = [server.process.pid]
        before = (cpu_seconds(server_pids), cpu_seconds(database.pids()))
        started = time.time()
        if args.write_schedule and args.rate > 0:
            # The rate itself, on a schedule (as the read windows' writes): a pause after each answer offers less.
            write_connections = max(8, round(args.rate / 10) + 4)
            write_env = {**post_env(keys, 0, write_connections), "PLOTON_BENCH_RATE": str(args.rate)}
        else:
            write_connections, write_env = args.connections, post_env(keys, args.rate, args.connections)
        load = wrk(server.url, args.duration, write_connections, "post_tasks.lua", write_env)
        profile = perf_record(server.process.pid, args.duration, f"{args.perf}.{name}") if args.perf else None
        client_cpu = 0.0
        while load.poll() is None:  # wrk's own CPU, read before it exits
            client_cpu = max(client_cpu, cpu_seconds([load.pid]))
            time.sleep(0.2)
        ended = time.time()
        load_out, load_err = load.communicate()
        if profile:
            profile.wait()
        after = (cpu_seconds(server_pids), cpu_seconds(database.pids()))
        sent = bench_line(load_out)
        drain_deadline = time.time() + args.drain_timeout
        while unfinished(database) and time.time() < drain_deadline:
            time.sleep(0.1)
        drained = time.time() - ended
        counted = statement_counts(postgres) if postgres else None
        load_average = os.getloadavg()

        rows = [line.split(",") for line in database.query(
            f"SELECT {epoch(database, 'created_at')}, {epoch(database, 'completed_at')}, status FROM tasks")]
        complete = [(float(c), float(d)) for c, d, s in rows if s == "complete" and d]
        in_window = [d for _, d in complete if started <= d <= ended]
        latencies = [(d - c) * 1000 for c, d in complete]
        statuses = {}
        for _, _, status in rows:
            statuses[status] = statuses.get(status, 0) + 1
        twice = int(database.query(
            "SELECT COUNT(*) FROM (SELECT task_id FROM events WHERE type = 'task.complete' GROUP BY task_id HAVING COUNT(*) > 1) x")[0])
        completed_per_s = len(in_window) / (ended - started)

        reads_fixed = reads_half = None
        if args.read_seconds > 0 and complete:
            # A task of the key's own account (with --accounts N most tasks belong to others: 404s).
            task_id = database.query("SELECT id FROM tasks WHERE status = 'complete' AND account_id = "
                                     "(SELECT id FROM accounts WHERE name = 'default') LIMIT 1")[0]
            read = lambda writes_env, pairs, profile: reads_under_writes(
                server, database, postgres, task_id, hello_rps, writes_env, args, pairs, profile)
            # The goal's reading (issue 16): the read windows' writes at a fixed --read-write-rate (500 tasks/s, half
            # the goal's 1,000), offered on a schedule; then, as a second line, at half the measured completion rate.
            if args.read_write_rate > 0:
                # Connections enough that a create's slower answer beside the reads (tens of ms) does not lower the rate.
                connections = max(8, round(args.read_write_rate / 10) + 4)
                reads_fixed = read({**post_env(keys, 0, connections), "PLOTON_BENCH_RATE": str(args.read_write_rate),
                                    "PLOTON_BENCH_DELAY_MS": "0", "connections": connections}, args.read_pairs,
                                   f"{args.perf}.{name}.reads" if args.perf else None)
            if args.read_half_pairs > 0:
                connections = max(2, args.connections // 4)
                reads_half = read({**post_env(keys, max(1.0, completed_per_s / 2), connections), "connections": connections},
                                  args.read_half_pairs, None if reads_fixed or not args.perf else f"{args.perf}.{name}.reads")

        return {
            "database": name, "accounts": args.accounts, "rate": args.rate, "connections": args.connections,
            "duration_s": round(ended - started, 1), "hello_rps": round(hello_rps),
            "accepted": sent["created"], "refused": sent["refused"], "stored": len(rows), "statuses": statuses,
            "completed_twice": twice, "completed_per_s": round(completed_per_s, 1),
            "completed_per_s_over_hello": round(completed_per_s / hello_rps, 5),
            "completed_per_s_until_drained": round(len(complete) / (max(d for _, d in complete) - started), 1) if complete else 0,
            "drain_s_after_load": round(drained, 1),
            "p50_ms": round(percentile(latencies, 0.50) or 0, 1), "p99_ms": round(percentile(latencies, 0.99) or 0, 1),
            "cpu_s": {"client": round(client_cpu, 1), "server": round(after[0] - before[0], 1),
                      "database": round(after[1] - before[1], 1) if postgres else "in server"},
            # The write window's CPU over the tasks created in it (the drain after it not counted).
            "cpu_ms_per_task": {"server": round((after[0] - before[0]) * 1000 / max(1, sent["created"]), 2),
                                "database": round((after[1] - before[1]) * 1000 / max(1, sent["created"]), 2) if postgres else None},
            "server_peak_rss_mb": round(peak_rss_mb(server.process.pid) or 0),
            "per_task_until_drained": {key: round(value / len(rows), 1) for key, value in counted.items()} if counted and rows else None,
            "top_statements_per_task": top_statements(postgres, len(rows)) if postgres and rows else None,
            "database_ms_per_task": plan_and_execution(postgres, len(rows)) if postgres and rows else None,
            "load_average_1_5_15": [round(value, 1) for value in load_average],
            # The goal's reading first: reads beside writes at the fixed --read-write-rate.
            **(reads_fixed or {}),
            "reads_at_half_measured_rate": reads_half,
            "wrk_errors": load_err.strip()[:300] or None,
        }
    finally:
        server.stop()
        if postgres:
            postgres.stop()


def reads_under_writes(server, database, postgres, task_id, first_hello, writes_env, args, pair_count, profile_path):
    """`GET /v1/tasks/{id}` at max rate beside writes (`writes_env`: post_tasks.lua's environment, and
    `connections`), then (pair_count > 1) pairs of an idle hello-world and the same reads under writes, then
    hello-world under the same writes. The writes' rate is reported as created/s in each read window."""
    writes_env = dict(writes_env)
    connections = writes_env.pop("connections")
    get_env = {"PLOTON_BENCH_KEY": server.test_key, "PLOTON_BENCH_TASK": task_id}

    def window(script, env, profile=None):
        """One read window beside writes: (wrk output of the reads, created/s of the writes)."""
        writes = wrk(server.url, args.read_seconds, connections, "post_tasks.lua", writes_env)
        run = wrk(server.url, args.read_seconds, args.connections, script, env)
        recording = perf_record(server.process.pid, args.read_seconds, profile) if profile else None
        out = run.communicate()[0]
        created = bench_line(writes.communicate()[0])["created"] / args.read_seconds
        if recording:
            recording.wait()
        return out, created

    read_out, written = window("get_task.lua", get_env, profile_path)
    reads, read_failures, rates = requests_per_second(read_out), non_2xx(read_out), [written]
    # Pairs: an idle hello-world and the same reads under writes, each measured back to back (the first
    # pair's read is the one above), so each ratio compares windows seconds apart on the same machine.
    pairs = []
    for index in range(pair_count if pair_count > 1 else 0):
        while unfinished(database):
            time.sleep(0.1)
        settled = quiet(database) if args.quiet_hello else None
        idle_cpu = cpu_seconds(database.pids())
        idle_run = wrk(server.url, args.read_seconds, args.connections)
        vacuums = 0
        while postgres and idle_run.poll() is None:  # did autovacuum start beside the idle hello-world?
            vacuums = max(vacuums, int(postgres.query(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")[0]))
            time.sleep(2)
        idle = requests_per_second(idle_run.communicate()[0])
        idle_cpu = cpu_seconds(database.pids()) - idle_cpu  # PostgreSQL's own CPU beside the idle hello-world
        if settled is not None and postgres:
            settled["autovacuum_workers_during_hello"] = vacuums
        if index > 0:
            pair_out, written = window("get_task.lua", get_env)
            pair_reads = requests_per_second(pair_out)
            read_failures += non_2xx(pair_out)
            rates.append(written)
        else:
            pair_reads = reads  # the read above, paired with the idle hello-world just after it
        pairs.append({"hello_rps": round(idle), "get_task_rps_under_writes": round(pair_reads),
                      "ratio": round(pair_reads / idle, 3) if idle else None, "quiet": settled,
                      "database_cpu_s_beside_hello": round(idle_cpu, 2) if postgres else None})
    # The same server's hello-world under the same write load, for the ratio in like conditions.
    hello_loaded_out, written = window(None, None)
    rates.append(written)
    hello_under_writes = requests_per_second(hello_loaded_out)
    return {
        "read_window_writes_per_s": [round(r) for r in rates],
        "get_task_rps_under_writes": round(reads) if reads else None,
        "get_task_over_hello": round(reads / first_hello, 3) if reads else None,
        "get_task_not_2xx": read_failures,
        "read_pairs": pairs or None,
        "get_task_over_paired_hello_median": round(sorted(p["ratio"] for p in pairs)[len(pairs) // 2], 3) if pairs else None,
        # The stricter reading: the pairs' median read over the run's first (freshest) idle hello-world; a
        # paired hello-world can be lower than it (PostgreSQL's autovacuum after the write window runs beside it).
        "get_task_median_over_first_hello": round(
            sorted(p["get_task_rps_under_writes"] for p in pairs)[len(pairs) // 2] / first_hello, 3) if pairs else None,
        "hello_rps_under_writes": round(hello_under_writes) if hello_under_writes else None,
        "get_task_over_hello_under_writes": round(reads / hello_under_writes, 3) if reads and hello_under_writes else None,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--duration", type=int, default=30, help="seconds of sustained writes")
    parser.add_argument("--rate", type=float, default=0, help="tasks/s offered (0 = as fast as answered)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--accounts", type=int, default=1)
    parser.add_argument("--hello-seconds", type=int, default=10)
    parser.add_argument("--read-seconds", type=int, default=10)
    parser.add_argument("--read-write-rate", type=float, default=500,
                        help="tasks/s offered beside the reads (on a schedule): issue 16's reading, half the goal's "
                             "1,000 tasks/s (0: skip these read windows)")
    parser.add_argument("--read-half-pairs", type=int, default=1,
                        help="the second reading, writes at half the measured completion rate beside the reads: "
                             "its number of pairs as --read-pairs (1: one read window, 0: skip it)")
    parser.add_argument("--read-pairs", type=int, default=1,
                        help="N > 1: N pairs of idle hello-world then reads under writes (--read-seconds each); "
                             "reports each pair's ratio and their median")
    parser.add_argument("--quiet-hello", action=argparse.BooleanOptionalAction, default=True,
                        help="with --read-pairs N > 1: before each pair's idle hello-world, wait for PostgreSQL's "
                             "autovacuum workers to finish and CHECKPOINT (SQLite: a WAL checkpoint), so the idle "
                             "baseline is not depressed by the last write window's background work (default on)")
    parser.add_argument("--write-schedule", action="store_true",
                        help="offer --rate on a schedule (rate / 10 + 4 connections, as the read windows' writes) "
                             "instead of a pause after each answer, which offers less than the rate")
    parser.add_argument("--drain-timeout", type=int, default=300)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release/release/ploton"))
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--track-planning", action="store_true",
                        help="PostgreSQL: count planning time too (pg_stat_statements.track_planning; it costs a little)")
    parser.add_argument("--perf", help="profile the server over the write window into PERF.<db>, and over the reads into PERF.<db>.reads (perf record -g)")
    parser.add_argument("--env", action="append", default=[], help="extra server setting NAME=VALUE (repeatable)")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} not found: swift build -c release --scratch-path .build-release --product ploton")

    base = bench_env(**dict(item.split("=", 1) for item in args.env))
    results = [measure(name, args, base) for name in args.db.split(",")]
    report(results, args.json)


if __name__ == "__main__":
    sys.exit(main())
