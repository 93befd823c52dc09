#!/usr/bin/env python3
"""Dashboard pages benchmark: how fast the server-rendered dashboard answers, through a real `ploton serve`.

Signs in with the first-run banner's one-time link (its `ploton_session` cookie), seeds a little data
with the test key (20 sandbox weather tasks, waited on until they finish, and one webhook endpoint),
checks that each page answers 200 once, then runs wrk against it with the session cookie:
  /dashboard (API keys), /dashboard/webhooks, /dashboard/events, /dashboard/tasks, /dashboard/tasks/{id},
  /dashboard/connections, /dashboard/tools, /dashboard/tools/weather, /dashboard/subagents.
Baselines, on the same server with the same wrk settings (-t2 -c16 --latency):
  - hello world (`GET /`, constant answer, no database), the denominator of the ratio column,
  - `GET /health` (one database query), for reference.
Reported per page: req/s, req/s ÷ hello-world req/s, p50/p99 latency in ms (wrk's), and any non-2xx/3xx
answers or socket errors wrk saw. Then password sign-in: after setting an email and password through
the dashboard's account form, N sequential `POST /dashboard/sign-in` (each after `GET /dashboard/sign-in`
for its form cookie and token, which is not timed); p50/p99 ms. That figure is dominated by bcrypt
(cost 12) on purpose.

How to run:
  swift build -c release --product ploton        # once; the script never builds
  Benchmarks/dashboard_pages.py [--seconds 5] [--sign-ins 10] [--binary .build/release/ploton]
The server runs in a fresh temp dir (SQLite) on a free port, with PLOTON_RATE_LIMIT_TEST/LIVE raised so the
seeding is not throttled and PLOTON_ALLOW_PRIVATE_NETWORK=true so the webhook endpoint may point at 127.0.0.1.
Needs wrk (http://github.com/wg/wrk) on PATH.
This is a measurement, not a test: it asserts nothing and prints a table (it stops with a message when
a page does not answer 200, since measuring an error page would be meaningless).
"""
import argparse
import http.client
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

from common import ROOT, WEATHER, Server, percentile, request

TASKS = 20
EMAIL = "bench@example.com"
PASSWORD = "benchmark-password-0123"
WRK_THREADS, WRK_CONNECTIONS = 2, 16


class Browser:
    """http.client against the server, one request per connection, never following redirects."""

    def __init__(self, port):
        self.port = port

    def send(self, method, path, cookies=None, form=None):
        """Returns (status, headers as a list of (name, value), body text)."""
        headers = {}
        data = None
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
        finally:
            connection.close()


def cookie(headers, name):
    """The value `name` is set to by a Set-Cookie header, or None."""
    for header, value in headers:
        if header.lower() == "set-cookie":
            first = value.split(";", 1)[0]
            key, _, cookie_value = first.partition("=")
            if key.strip() == name:
                return cookie_value.strip()
    return None


def hidden_field(page, name):
    match = re.search(r'<input type="hidden" name="' + re.escape(name) + r'" value="([^"]*)"', page)
    return html.unescape(match.group(1)) if match else None


def sign_in_with_link(browser, link):
    """Opens the one-time link; returns the session cookie."""
    path = urllib.parse.urlsplit(link)
    status, headers, body = browser.send("GET", path.path + "?" + path.query)
    session = cookie(headers, "ploton_session")
    if status not in (302, 303) or not session:
        raise SystemExit(f"sign-in link answered {status} without a ploton_session cookie:\n{body[:500]}")
    return session


def seed(server):
    """20 sandbox weather tasks (waited on until none is pending or running) and one webhook endpoint."""
    ids = [request("POST", server.url + "/v1/tasks", server.test_key, {"prompt": WEATHER, "user_id": "bench"})["id"]
           for _ in range(TASKS)]
    deadline = time.time() + 300
    statuses = {}
    pending = list(ids)
    while pending:
        if time.time() > deadline:
            raise SystemExit(f"{len(pending)} of {TASKS} seed tasks still unfinished after 300 s")
        still = []
        for task_id in pending:
            status = request("GET", f"{server.url}/v1/tasks/{task_id}", server.test_key)["status"]
            if status in ("pending", "running"):
                still.append(task_id)
            else:
                statuses[task_id] = status
        pending = still
        if pending:
            time.sleep(0.05)
    request("POST", server.url + "/v1/webhook_endpoints", server.test_key, {"url": "http://127.0.0.1:9/hook"})
    counts = {}
    for status in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    return ids, counts


def check_page(browser, path, session):
    status, _, body = browser.send("GET", path, {"ploton_session": session})
    if status != 200:
        raise SystemExit(f"GET {path} with the session cookie answered {status}, not 200:\n{body[:1000]}")
    return body


def to_ms(text):
    """A wrk latency such as 812.00us, 1.23ms, 2.01s or 1.00m, in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        return None
    return float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[match.group(2)]


def wrk(url, seconds, session=None):
    """wrk -t2 -c16 --latency: {rps, p50, p99 (ms), requests, problems (non-2xx/3xx and socket errors)}."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--latency"]
    if session:
        command += ["-H", f"Cookie: ploton_session={session}"]
    out = subprocess.run(command + [url], capture_output=True, text=True).stdout
    result = {"rps": None, "p50": None, "p99": None, "requests": None, "problems": []}
    for line in out.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            result["rps"] = float(words[1])
        elif len(words) == 2 and words[0] in ("50%", "99%"):
            result["p50" if words[0] == "50%" else "p99"] = to_ms(words[1])
        elif "requests in" in line:
            result["requests"] = int(words[0])
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            result["problems"].append(f"{words[-1]} non-2xx/3xx")
        elif line.strip().startswith("Socket errors:"):
            result["problems"].append(line.strip())
    if result["rps"] is None:
        raise SystemExit(f"could not read wrk's output for {url}:\n{out}")
    return result


def password_sign_ins(browser, session, count):
    """Sets an email and password through the account form, then times `count` sequential sign-ins (ms)."""
    csrf = hidden_field(check_page(browser, "/dashboard/account", session), "csrf_token")
    if not csrf:
        raise SystemExit("no csrf_token field on /dashboard/account")
    status, _, body = browser.send("POST", "/dashboard/account", {"ploton_session": session},
                                   {"email": EMAIL, "password": PASSWORD, "csrf_token": csrf})
    if status != 200 or "Saved." not in body:
        raise SystemExit(f"POST /dashboard/account answered {status} without 'Saved.':\n{body[:1000]}")
    latencies = []
    for _ in range(count):
        status, headers, body = browser.send("GET", "/dashboard/sign-in")
        form_cookie, token = cookie(headers, "ploton_sign_in"), hidden_field(body, "form_token")
        if status != 200 or not form_cookie or not token:
            raise SystemExit(f"GET /dashboard/sign-in answered {status} without a form cookie and token:\n{body[:500]}")
        started = time.perf_counter()
        status, headers, body = browser.send("POST", "/dashboard/sign-in", {"ploton_sign_in": form_cookie},
                                             {"email": EMAIL, "password": PASSWORD, "form_token": token})
        latencies.append((time.perf_counter() - started) * 1000)
        if status != 303 or not cookie(headers, "ploton_session"):
            raise SystemExit(f"POST /dashboard/sign-in answered {status}, not 303 with a session:\n{body[:500]}")
    return latencies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per page and baseline")
    parser.add_argument("--sign-ins", type=int, default=10, help="timed sequential password sign-ins")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/ploton"))
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)  # the server runs in a temp dir
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} not found: swift build -c release --product ploton (or pass --binary)")
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found on PATH; this benchmark needs it (apt-get install wrk)")

    env = dict(os.environ, PLOTON_ENCRYPTION_KEYS="bench:" + "A" * 43 + "=", PLOTON_RATE_LIMIT_TEST="100000",
               PLOTON_RATE_LIMIT_LIVE="100000", PLOTON_ALLOW_PRIVATE_NETWORK="true", LOG_LEVEL="warning")
    workdir = tempfile.mkdtemp(prefix="ploton-bench-dashboard-")
    server = Server(args.binary, workdir, env)
    rows = []
    try:
        if not server.sign_in_url:
            raise SystemExit("no dashboard sign-in link in the first-run banner:\n" + server.banner)
        browser = Browser(server.port)
        session = sign_in_with_link(browser, server.sign_in_url)
        ids, outcomes = seed(server)
        pages = [("keys", "/dashboard"), ("webhooks", "/dashboard/webhooks"), ("events", "/dashboard/events"),
                 ("tasks", "/dashboard/tasks"), ("task", f"/dashboard/tasks/{ids[0]}"),
                 ("connections", "/dashboard/connections"), ("tools", "/dashboard/tools"),
                 ("tool weather", "/dashboard/tools/weather"), ("subagents", "/dashboard/subagents")]
        sizes = {path: len(check_page(browser, path, session).encode()) for _, path in pages}
        hello = wrk(server.url + "/", args.seconds)
        rows.append(("hello world", "/", hello, None))
        rows.append(("health", "/health", wrk(server.url + "/health", args.seconds), None))
        for name, path in pages:
            rows.append((name, path, wrk(server.url + path, args.seconds, session), sizes[path]))
        sign_ins = password_sign_ins(browser, session, args.sign_ins)
    finally:
        server.stop()

    print(f"dashboard pages: wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{args.seconds}s --latency per row, SQLite, "
          f"{os.path.relpath(args.binary, ROOT)}; seeded {TASKS} tasks ("
          + ", ".join(f"{count} {status}" for status, count in sorted(outcomes.items())) + ") and 1 webhook endpoint")
    print()
    print(f"{'page':14} {'path':34} {'req/s':>9} {'÷ hello':>8} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>7}  notes")
    for name, path, result, size in rows:
        shown = path if len(path) <= 34 else path[:33] + "…"
        ratio = result["rps"] / hello["rps"] if hello["rps"] else float("nan")
        p50 = f"{result['p50']:.2f}" if result["p50"] is not None else "n/a"
        p99 = f"{result['p99']:.2f}" if result["p99"] is not None else "n/a"
        print(f"{name:14} {shown:34} {result['rps']:>9.0f} {ratio:>8.3f} {p50:>8} {p99:>8} "
              f"{size if size is not None else '':>7}  {', '.join(result['problems']) or ('(baseline)' if path == '/' else '')}")
    print()
    print(f"password sign-in (POST /dashboard/sign-in, bcrypt cost 12, {len(sign_ins)} sequential): "
          f"p50 {percentile(sign_ins, 0.50):.1f} ms, p99 {percentile(sign_ins, 0.99):.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
