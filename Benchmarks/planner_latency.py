#!/usr/bin/env python3
"""Planner latency benchmark: how long the embedded planner takes per prompt, through a real `ploton serve`.

For each prompt, N sequential `POST /v1/tasks` with {"prompt": ..., "mode": "test"} and the test key.
`mode: "test"` runs only the planner and answers 200 with a `task_preview` (nothing is stored or run).
Baselines, on the same server with the same client (one keep-alive http.client.HTTPConnection):
  - N sequential `GET /health` (authless, one database query), the denominator of the ratio column,
  - N sequential `GET /` (constant answer, no database), for reference,
  - hello-world throughput of `GET /` under wrk, when wrk is installed (context only).

Reported per prompt: HTTP status, p50/p99 latency in ms, p50 ÷ baseline p50, the planner's tools and
step count (or the error code for a prompt that cannot be planned).

How to run:
  swift build -c release --product ploton        # once; the script never builds
  Benchmarks/planner_latency.py [--requests 200] [--warmup 10] [--seconds 5] [--binary .build/release/ploton]
  Benchmarks/planner_latency.py --show-preview   # also print one full task_preview per prompt
The server runs in a fresh temp dir (SQLite) on a free port, with PLOTON_RATE_LIMIT_TEST/LIVE raised so
the 25 req/s test-key limit does not throttle the run. Sequential requests: this is latency, not throughput.
This is a measurement, not a test: it asserts nothing and prints a table.
"""
import argparse
import http.client
import json
import os
import sys
import tempfile
import time

from common import ROOT, Server, hello_world, percentile
PROMPTS = [
    ("weather", "Look up the current weather in San Francisco and return temperature, conditions, and humidity"),
    ("crm deals", "Pull all open deals from user_123's CRM account. Return deal name, amount, stage, and expected close date."),
    ("crm contacts", "Pull all contacts from user_123's CRM account created this month"),
    ("chat+invoice", "Connect to user_123's team chat, find the #engineering channel, and post a summary of their latest "
                     "invoice from the payment service."),
    ("subscriptions", "Pull all active subscriptions for user_123. Return plan name, amount, and next billing date."),
    ("unplannable", "Book me a flight to Lisbon next Tuesday"),
]


class Client:
    """One keep-alive connection, reused for every request, so all rows pay the same client overhead."""

    def __init__(self, port, key=None):
        self.port = port
        self.key = key
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def send(self, method, path, body=None):
        """Returns (status, parsed JSON or None, elapsed seconds from send to last body byte)."""
        headers = {}
        data = None
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (0, 1):
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                raw = response.read()
                elapsed = time.perf_counter() - started
                break
            except (http.client.HTTPException, ConnectionError):
                # The server closed the kept-alive connection: reconnect once and retry (not timed twice).
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return response.status, parsed, elapsed

    def close(self):
        self.connection.close()


def series(client, method, path, body, requests, warmup):
    """Warm-up requests (untimed), then `requests` timed ones. Returns latencies in ms, statuses seen, last body."""
    for _ in range(warmup):
        client.send(method, path, body)
    latencies, statuses, last = [], {}, None
    for _ in range(requests):
        status, parsed, elapsed = client.send(method, path, body)
        latencies.append(elapsed * 1000)
        statuses[status] = statuses.get(status, 0) + 1
        last = parsed
    return latencies, statuses, last


def describe(status, body):
    """What the planner did, from one response: tools and steps, or the error."""
    if not isinstance(body, dict):
        return "(no JSON body)"
    if body.get("object") != "task_preview":
        error = body.get("error") if isinstance(body.get("error"), dict) else body
        return f"HTTP {status} {error.get('code') or error.get('type') or ''}: {error.get('message', '')}"[:120]
    steps = body.get("steps") or []
    tools = body.get("tools") or sorted({step.get("tool") for step in steps if step.get("tool")})
    parts = [f"{len(steps)} step(s)", "tools=" + (",".join(tools) or "-")]
    if steps:
        parts.append("caps=" + ",".join(step.get("capability", "?") for step in steps))
    if body.get("waiting"):
        waiting = body["waiting"]
        parts.append("waiting=" + str(waiting.get("reason")) + (f"({waiting['service']})" if waiting.get("service") else ""))
    if body.get("error"):
        parts.append("error=" + str(body["error"].get("code") or body["error"].get("message")))
    return " ".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200, help="timed sequential requests per prompt and baseline")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests before each series")
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration for the hello-world figure (0 to skip)")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/ploton"))
    parser.add_argument("--show-preview", action="store_true", help="print one full task_preview per prompt")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} not found: swift build -c release --product ploton")

    env = dict(os.environ, PLOTON_ENCRYPTION_KEYS="bench:" + "A" * 43 + "=", PLOTON_RATE_LIMIT_TEST="100000",
               PLOTON_RATE_LIMIT_LIVE="100000", LOG_LEVEL="warning")
    workdir = tempfile.mkdtemp(prefix="ploton-bench-planner-")
    server = Server(args.binary, workdir, env)
    rows = []
    try:
        anonymous = Client(server.port)
        health = series(anonymous, "GET", "/health", None, args.requests, args.warmup)
        root = series(anonymous, "GET", "/", None, args.requests, args.warmup)
        anonymous.close()
        client = Client(server.port, server.test_key)
        for name, prompt in PROMPTS:
            latencies, statuses, last = series(
                client, "POST", "/v1/tasks", {"prompt": prompt, "mode": "test"}, args.requests, args.warmup)
            rows.append((name, prompt, latencies, statuses, last))
        client.close()
        hello = hello_world(server.url, args.seconds)
    finally:
        server.stop()

    def status_text(statuses):
        return ",".join(f"{code}" if len(statuses) == 1 else f"{code}×{count}" for code, count in sorted(statuses.items()))

    base_p50 = percentile(health[0], 0.50)
    print(f"planner latency: {args.requests} sequential requests per row after {args.warmup} warm-up, "
          f"one keep-alive connection, SQLite, {os.path.relpath(args.binary, ROOT)}")
    if hello:
        print(f"hello world (GET /, wrk -t2 -c32 -d{args.seconds}s): {hello:.0f} req/s")
    print()
    print(f"{'row':16} {'status':>7} {'p50 ms':>8} {'p99 ms':>8} {'p50 ÷ health':>13}  planner")
    for name, (latencies, statuses, _) in (("GET /health", health), ("GET /", root)):
        print(f"{name:16} {status_text(statuses):>7} {percentile(latencies, 0.50):>8.3f} {percentile(latencies, 0.99):>8.3f} "
              f"{percentile(latencies, 0.50) / base_p50:>13.2f}  (baseline)")
    for name, _, latencies, statuses, last in rows:
        status = max(statuses, key=statuses.get)
        print(f"{name:16} {status_text(statuses):>7} {percentile(latencies, 0.50):>8.3f} {percentile(latencies, 0.99):>8.3f} "
              f"{percentile(latencies, 0.50) / base_p50:>13.2f}  {describe(status, last)}")
    print()
    for index, (name, prompt, *_rest) in enumerate(rows, 1):
        print(f"{index}. {name}: {prompt}")
    if rows and isinstance(rows[0][4], dict):
        print("\ntask_preview keys:", ", ".join(rows[0][4].keys()))
    if args.show_preview:
        for name, _, _, _, last in rows:
            print(f"\n--- {name}\n{json.dumps(last, indent=2)}")


if __name__ == "__main__":
    sys.exit(main())
