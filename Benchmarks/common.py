"""What the benchmarks share: a real `ploton serve` in a temp dir, JSON requests, wrk's hello-world
baseline and percentiles. Standard library only (plus wrk when installed)."""
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEATHER = "Look up the current weather in San Francisco and return temperature, conditions, and humidity"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method, url, key=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if key:
        req.add_header("Authorization", f"Bearer {key}")
    if data:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=60) as response:
        return json.loads(response.read())


class Server:
    """`ploton serve` on a free port in `workdir`; `test_key` comes from the first-run banner (None
    when the database already had its account: another process's run, a `worker` process)."""

    def __init__(self, binary, workdir, env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.out = open(os.path.join(workdir, "stdout"), "w+")
        self.err = open(os.path.join(workdir, "stderr"), "w+")
        self.process = subprocess.Popen(
            [os.path.abspath(binary), "serve", "--port", str(self.port)], cwd=workdir, env=env, stdout=self.out, stderr=self.err)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("server exited:\n" + open(self.err.name).read())
            try:
                request("GET", self.url + "/health")
                break
            except OSError:
                time.sleep(0.1)
        else:
            self.stop()
            raise SystemExit("server did not start:\n" + open(self.err.name).read())
        self.out.seek(0)
        self.banner = banner = self.out.read()
        self.test_key = next((line.split()[-1] for line in banner.splitlines() if "Test API key:" in line), None)
        self.sign_in_url = self._sign_in_url(banner)

    def _sign_in_url(self, banner):
        """The banner's one-time dashboard link (the line after "Dashboard sign-in"), pointed at this
        server: it is printed with PLOTON_PUBLIC_URL (default http://localhost:8080). None if absent."""
        lines = banner.splitlines()
        for index, line in enumerate(lines[:-1]):
            if "Dashboard sign-in" in line:
                link = lines[index + 1].strip()
                path = link.split("://", 1)[-1].partition("/")[2]
                return f"{self.url}/{path}" if path else None
        return None

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def hello_world(url, seconds):
    """The same server's `GET /` under wrk (2 threads, 32 connections): requests per second, or None."""
    if not shutil.which("wrk") or seconds <= 0:
        return None
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", url + "/"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    return None


def percentile(values, fraction):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(fraction * (len(values) - 1))))]


def bench_env(**settings):
    """The server environment every benchmark runs with (a fixed encryption key, no rate limit,
    warnings only), plus `settings`."""
    return dict(os.environ, PLOTON_ENCRYPTION_KEYS="bench:" + "A" * 43 + "=", PLOTON_RATE_LIMIT_TEST="1000000",
                LOG_LEVEL="warning", **settings)


def report(results, path=None):
    """Each result as one JSON line, and all of them to `path` when given."""
    for result in results:
        print(json.dumps(result))
    if path:
        with open(path, "w") as f:
            json.dump(results, f, indent=2)
