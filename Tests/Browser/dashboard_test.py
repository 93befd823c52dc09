#!/usr/bin/env python3
"""Black-box browser tests of the Ploton dashboard.

Starts `ploton serve --json` on a free port with a fresh data directory, drives headless Chromium
through the dashboard (sign-in, keys, webhooks, events, tasks, connections, tools, environment
switch, lockout) and checks every outcome against the HTTP API and a local webhook receiver.
Screenshots of the main pages go to $PLOTON_SCREENSHOT_DIR (default .build/browser-screenshots/).

    python3 Tests/Browser/dashboard_test.py        # or scripts/browser-tests.sh

Environment:
    PLOTON_BINARY                the server binary (default .build/debug/ploton in the repo)
    PLOTON_BROWSER_DATABASE_URL  run against this (empty) PostgreSQL database instead of SQLite
    PLOTON_SCREENSHOT_DIR        where screenshots (and failure pages) go

Only the standard library and selenium are used. Steps run in order in one browser session; a
step whose prerequisite failed is skipped with the name of that step.
"""

import errno
import functools
import hashlib
import hmac
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BINARY = os.environ.get("PLOTON_BINARY") or os.path.join(REPO, ".build", "debug", "ploton")
SCREENSHOT_DIR = os.path.abspath(
    os.environ.get("PLOTON_SCREENSHOT_DIR") or os.path.join(REPO, ".build", "browser-screenshots"))

EMAIL = "ops@example.com"
PASSWORD = "correct-horse-battery-staple-42"
# The event a finished task sends: docs/webhooks.md and WebhookEventType.all name it task.complete.
COMPLETE_EVENT = "task.complete"
WEATHER_PROMPT = "Look up the current weather in San Francisco and return temperature, conditions, and humidity"
CUSTOM_TOOL = {
    "name": "acme_crm", "description": "Acme CRM", "base_url": "https://crm.acme.example",
    "auth": {"type": "api_key", "header": "X-API-Key"},
    "capabilities": [{"name": "list_contacts", "description": "List contacts", "method": "GET", "path": "/contacts",
                      "parameters": {}}],
}
CUSTOM_TOOL_SECRET = "acme-secret-value-9f8e7d6c5b4a"

DESKTOP = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}

WAIT = 15           # seconds for page changes
TASK_WAIT = 30      # seconds for the sandbox task to complete
WEBHOOK_WAIT = 30   # seconds for a webhook to reach the receiver


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def poll(condition, timeout, message, interval=0.2):
    """Calls `condition` until it returns something truthy; fails with `message` after `timeout` s."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    last_error = None
    while True:
        try:
            value = condition()
            if value:
                return value
        except AssertionError as error:  # let a condition explain itself on the last round
            last_error = error
        if time.monotonic() >= deadline:
            raise AssertionError(f"{message} (waited {timeout} s)" + (f": {last_error}" if last_error else ""))
        pause.wait(interval)


# ---------------------------------------------------------------------------------------------
# A webhook receiver: records every POST, answers 200.


class Receiver:
    def __init__(self):
        self.requests = []
        self.changed = threading.Condition()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    parsed = json.loads(body)
                except ValueError:
                    parsed = None
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
                with receiver.changed:
                    receiver.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                              "body": body, "json": parsed})
                    receiver.changed.notify_all()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, predicate, timeout, message):
        """Waits until `predicate(requests)` is truthy and returns its value."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                value = predicate(list(self.requests))
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [(r["path"], (r["json"] or {}).get("event")) for r in self.requests]
                    raise AssertionError(f"{message} (waited {timeout} s; receiver got {seen})")
                self.changed.wait(remaining)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------------------------------------
# The server under test.


class Server:
    def __init__(self):
        if not os.access(BINARY, os.X_OK):
            raise RuntimeError(f"no ploton binary at {BINARY} (build it, or set PLOTON_BINARY)")
        self.dir = tempfile.mkdtemp(prefix="ploton-browser-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        env.pop("PLOTON_DATABASE_URL", None)
        env.update({
            "PLOTON_DATA_DIR": self.dir, "PLOTON_PORT": str(self.port), "PLOTON_HOST": "127.0.0.1",
            "PLOTON_PUBLIC_URL": self.base, "PLOTON_ALLOW_PRIVATE_NETWORK": "true",
        })
        if os.environ.get("PLOTON_BROWSER_DATABASE_URL"):
            env["PLOTON_DATABASE_URL"] = os.environ["PLOTON_BROWSER_DATABASE_URL"]
        self.stderr_path = os.path.join(self.dir, "server.stderr")
        self.saved_tail = None
        self.stderr = open(self.stderr_path, "wb")
        try:
            self.process = subprocess.Popen([BINARY, "serve", "--json"], env=env, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.PIPE, stderr=self.stderr)
        except OSError as error:
            self.stderr.close()
            shutil.rmtree(self.dir, ignore_errors=True)
            hint = " (a build is writing it right now?)" if error.errno == errno.ETXTBSY else ""
            raise RuntimeError(f"cannot start {BINARY}: {error}{hint}") from None
        self.stdout_lines = []
        self.first_run = None
        self.first_run_seen = threading.Event()
        threading.Thread(target=self._read_stdout, daemon=True).start()

    def _read_stdout(self):
        # Keeps draining stdout so the server never blocks on a full pipe.
        for raw in self.process.stdout:
            line = raw.decode("utf-8", "replace").strip()
            self.stdout_lines.append(line)
            if self.first_run is None and line.startswith("{"):
                try:
                    value = json.loads(line)
                except ValueError:
                    continue
                if isinstance(value, dict):
                    self.first_run = value
                    self.first_run_seen.set()
        self.first_run_seen.set()  # stdout closed: stop waiting

    def wait_ready(self, timeout=90):
        if not self.first_run_seen.wait(timeout) or self.first_run is None:
            raise RuntimeError("the server printed no first-run JSON object on stdout "
                               f"(exit code {self.process.poll()}; is the database empty?)")

        def healthy():
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with code {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=2) as response:
                    return response.status == 200
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                return False

        poll(healthy, timeout, "GET /health never returned 200")

    def stderr_tail(self, lines=60):
        if self.saved_tail is not None:
            return self.saved_tail
        try:
            if not self.stderr.closed:
                self.stderr.flush()
            with open(self.stderr_path, "rb") as f:
                return b"\n".join(f.read().splitlines()[-lines:]).decode("utf-8", "replace")
        except OSError as error:
            return f"(no stderr: {error})"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.stderr.close()

    def remove(self):
        self.saved_tail = self.stderr_tail()  # kept for the report after the directory is gone
        shutil.rmtree(self.dir, ignore_errors=True)

    def api(self, method, path, key, body=None):
        """Calls the API; returns (status, parsed JSON or None)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {key}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, None


# ---------------------------------------------------------------------------------------------
# Steps.

PASSED = set()
FAILED = []


def step(*requires):
    """Marks a test as a step: skipped when a step it needs did not pass; on failure, the page's
    source and a screenshot are saved as failure-<test>.{html,png}."""

    def decorate(method):
        @functools.wraps(method)
        def run(self):
            missing = [name for name in requires if name not in PASSED]
            if missing:
                self.skipTest("needs " + ", ".join(missing) + ", which did not pass")
            try:
                method(self)
            except unittest.SkipTest:
                raise
            except BaseException:
                FAILED.append(method.__name__)
                self.save_failure(method.__name__)
                raise
            PASSED.add(method.__name__)

        return run

    return decorate


class DashboardTest(unittest.TestCase):
    server = None
    driver = None
    receiver = None

    @classmethod
    def setUpClass(cls):
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        for name in os.listdir(SCREENSHOT_DIR):
            if name.startswith("failure-"):
                os.remove(os.path.join(SCREENSHOT_DIR, name))
        started = time.monotonic()
        cls.server = Server()
        cls.addClassCleanup(cls.server.remove)
        cls.addClassCleanup(cls.server.stop)
        cls.server.wait_ready()
        print(f"\nserver ready on {cls.server.base} in {time.monotonic() - started:.1f} s; "
              f"first-run keys: {sorted(cls.server.first_run)}", file=sys.stderr)
        first = cls.server.first_run
        for field in ("dashboard_sign_in_url", "test_api_key", "live_api_key", "test_webhook_secret"):
            if not first.get(field):
                raise RuntimeError(f"first-run JSON has no {field}: keys {sorted(first)}")
        cls.sign_in_url = first["dashboard_sign_in_url"]
        cls.test_key = first["test_api_key"]
        cls.live_key = first["live_api_key"]
        cls.test_webhook_secret = first["test_webhook_secret"]

        cls.receiver = Receiver()
        cls.addClassCleanup(cls.receiver.stop)

        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        opts.add_argument("--headless=new")
        if os.geteuid() == 0:
            opts.add_argument("--no-sandbox")
        opts.add_argument("--disable-dev-shm-usage")
        opts.add_argument("--window-size=1280,900")
        cls.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        cls.addClassCleanup(cls.driver.quit)
        cls.driver.set_page_load_timeout(30)
        cls.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", DESKTOP)

    # --- helpers ------------------------------------------------------------------------------

    def url(self, path):
        return self.server.base + path

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    def open(self, path):
        self.driver.get(path if path.startswith("http") else self.url(path))

    def title(self):
        """The page's <h1>, which every Ploton page sets to its title."""
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def wait(self, condition, message, timeout=WAIT):
        try:
            return WebDriverWait(self.driver, timeout).until(condition)
        except TimeoutException:
            raise AssertionError(f"{message} (waited {timeout} s; at {self.driver.current_url}, "
                                 f"title {self.safe_title()!r})") from None

    def safe_title(self):
        try:
            return self.title()
        except WebDriverException:
            return None

    def submit(self, button):
        """Clicks a button that submits a form, and waits for the next page to load."""
        # A marker on the old page's window: gone once the next page is loaded. (Waiting for the old
        # <html> to go stale races with chromedriver: "Node with given id does not belong to the document".)
        self.driver.execute_script("window.__plotonOldPage = true")
        button.click()

        def next_page_loaded(driver):
            try:
                return driver.execute_script("return !window.__plotonOldPage && document.readyState === 'complete'")
            except WebDriverException:  # mid-navigation
                return False

        self.wait(next_page_loaded, "the form was submitted but no new page loaded")

    def button(self, label, within=None):
        scope = within or self.driver
        buttons = [b for b in scope.find_elements(By.TAG_NAME, "button") if b.text.strip() == label]
        self.assertTrue(buttons, f"no button {label!r} on {self.path()} (title {self.safe_title()!r})")
        return buttons[0]

    def expect_title(self, title):
        self.wait(lambda d: self.safe_title() == title,
                  f"expected the page titled {title!r}; page text: {self.page_excerpt()}")

    def page_excerpt(self, limit=400):
        try:
            return " ".join(self.text().split())[:limit]
        except WebDriverException:
            return "(unreadable)"

    def alert_text(self):
        alerts = self.driver.find_elements(By.CSS_SELECTOR, "[role=alert]")
        return alerts[0].text if alerts else None

    def row(self, needle, table=None):
        """The first table row whose text contains `needle`, or None."""
        scope = table or self.driver
        for row in scope.find_elements(By.CSS_SELECTOR, "tbody tr"):
            if needle in row.text:
                return row
        return None

    def row_form(self, row, action_suffix):
        forms = [f for f in row.find_elements(By.TAG_NAME, "form") if (f.get_attribute("action") or "").endswith(action_suffix)]
        self.assertTrue(forms, f"no form with action ending {action_suffix!r} in row {row.text!r}")
        return forms[0]

    def confirm_and_submit(self, form, label):
        form.find_element(By.CSS_SELECTOR, "input[type=checkbox][name=confirm]").click()
        self.submit(self.button(label, within=form))

    def table_after_heading(self, heading):
        """The first table after the <h2> with this text."""
        headings = [h for h in self.driver.find_elements(By.TAG_NAME, "h2") if h.text.strip() == heading]
        self.assertTrue(headings, f"no heading {heading!r} on {self.path()}")
        tables = headings[0].find_elements(By.XPATH, "following::table[1]")
        self.assertTrue(tables, f"no table after the heading {heading!r}; page text: {self.page_excerpt()}")
        return tables[0]

    def shot(self, name, metrics=DESKTOP):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        try:
            self.driver.save_screenshot(os.path.join(SCREENSHOT_DIR, f"{name}.png"))
        finally:
            if metrics is not DESKTOP:
                self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", DESKTOP)

    def save_failure(self, name):
        try:
            with open(os.path.join(SCREENSHOT_DIR, f"failure-{name}.html"), "w", encoding="utf-8") as f:
                f.write(f"<!-- {self.driver.current_url} -->\n{self.driver.page_source}")
            self.driver.save_screenshot(os.path.join(SCREENSHOT_DIR, f"failure-{name}.png"))
        except Exception as error:  # the browser itself may be gone
            print(f"could not save the failure page: {error}", file=sys.stderr)

    def sign_in(self, email, password):
        self.open("/dashboard/sign-in")
        self.driver.find_element(By.ID, "email").send_keys(email)
        self.driver.find_element(By.ID, "password").send_keys(password)
        self.submit(self.button("Sign in"))

    def sign_out(self):
        self.open("/dashboard")
        self.submit(self.button("Sign out"))
        self.assertEqual(self.path(), "/dashboard/sign-in", "Sign out did not return to the sign-in page")

    # --- steps --------------------------------------------------------------------------------

    @step()
    def test_01_sign_in_page(self):
        """Step 1: the sign-in page has its fields, and wrong credentials show an alert."""
        self.open("/dashboard")
        self.assertEqual(self.path(), "/dashboard/sign-in", "signed out, /dashboard should redirect to sign-in")
        self.assertEqual(self.title(), "Sign in to Ploton")
        self.driver.find_element(By.ID, "email")
        self.driver.find_element(By.ID, "password")
        self.button("Sign in")
        self.shot("01-sign-in")
        self.sign_in("nobody@example.com", "not-the-password-at-all")
        alert = self.alert_text()
        self.assertIsNotNone(alert, f"no role=alert after wrong credentials; page: {self.page_excerpt()}")
        self.assertIn("do not match", alert)
        self.assertEqual(self.path(), "/dashboard/sign-in")

    @step()
    def test_02_first_run_link_and_account(self):
        """Step 2: the first-run link signs in (the Overview, with a notice to set a password); set email and
        password under Account; the link is single-use."""
        self.open(self.sign_in_url)
        self.assertEqual(self.path(), "/dashboard/overview", "the first-run link should land on the Overview")
        self.assertIn("Set an email and password", self.text())
        self.driver.find_element(By.LINK_TEXT, "Set an email and password").click()
        self.expect_title("Account")
        self.shot("02-account")
        email = self.driver.find_element(By.ID, "email")
        email.clear()
        email.send_keys(EMAIL)
        password = self.driver.find_element(By.ID, "new-password")
        self.assertEqual(password.get_attribute("name"), "password")
        password.send_keys(PASSWORD)
        self.submit(self.button("Save"))
        self.assertIn("Saved.", self.text(), f"no 'Saved.' notice; page: {self.page_excerpt()}")
        self.open(self.sign_in_url)
        self.assertEqual(self.title(), "Link used or expired", f"the link worked twice; page: {self.page_excerpt()}")

    @step("test_02_first_run_link_and_account")
    def test_03_sign_out_and_sign_in(self):
        """Step 3: sign out, then sign in with email and password; the navigation lists every section."""
        self.open("/dashboard/account")
        self.assertEqual(self.path(), "/dashboard/account", "the session from the first-run link is gone")
        self.sign_out()
        self.open("/dashboard")
        self.assertEqual(self.path(), "/dashboard/sign-in", "still signed in after Sign out")
        self.sign_in(EMAIL, PASSWORD)
        self.assertEqual(self.path(), "/dashboard/overview", f"sign-in failed; alert: {self.alert_text()!r}")
        self.assertEqual(self.title(), "Overview")
        nav = [a.text for a in self.driver.find_elements(By.CSS_SELECTOR, "nav a")]
        self.assertEqual(nav, ["Overview", "API keys", "Webhooks", "Events", "Tasks", "Connections", "Tools", "Subagents", "Account"])
        self.open("/dashboard")
        self.assertEqual(self.title(), "API keys")
        self.shot("03-keys")
        self.shot("03-keys-phone", PHONE)

    @step("test_03_sign_out_and_sign_in")
    def test_04_create_key(self):
        """Step 4: create a key; the secret is shown once with a working Copy button and authenticates."""
        self.open("/dashboard")
        self.driver.find_element(By.ID, "key-name").send_keys("browser test key")
        self.submit(self.button("Create key"))
        self.assertEqual(self.title(), "Key created", f"page: {self.page_excerpt()}")
        secret_field = self.driver.find_element(By.ID, "secret")
        self.assertIsNotNone(secret_field.get_attribute("readonly"), "#secret should be readonly")
        secret = secret_field.get_attribute("value")
        self.assertTrue(secret.startswith("pk_test_"), f"secret {secret[:8]}… does not start with pk_test_")
        copy = self.driver.find_element(By.CSS_SELECTOR, 'button[data-copy="secret"]')
        self.assertEqual(copy.text, "Copy")
        self.shot("04-key-created")
        copy.click()
        self.wait(lambda d: copy.text == "Copied", "the Copy button did not change to 'Copied'", timeout=5)
        status, _ = self.server.api("GET", "/v1/tasks", secret)
        self.assertEqual(status, 200, "GET /v1/tasks with the new key")
        type(self).created_key = secret

    @step("test_04_create_key")
    def test_05_revoke_key(self):
        """Step 5: the key's row shows prefix…last4 only; Revoke it; the API then refuses the secret."""
        secret = self.created_key
        self.open("/dashboard")
        self.assertNotIn(secret, self.driver.page_source, "the full secret is on the keys page")
        row = self.row("browser test key")
        self.assertIsNotNone(row, "no row for the new key")
        shown = row.find_element(By.TAG_NAME, "code").text
        self.assertIn("…", shown)
        prefix, last4 = shown.split("…", 1)
        self.assertTrue(secret.startswith(prefix) and secret.endswith(last4) and len(last4) == 4,
                        f"row shows {shown!r}, not prefix…last4 of the secret")
        self.assertLess(len(prefix) + len(last4), len(secret))
        self.confirm_and_submit(self.row_form(row, "/revoke"), "Revoke")
        self.assertEqual(self.path(), "/dashboard", f"page: {self.page_excerpt()}")
        row = self.row("browser test key")
        self.assertIsNotNone(row, "the revoked key's row is gone")
        self.assertIn("revoked", row.text)
        status, _ = self.server.api("GET", "/v1/tasks", secret)
        self.assertEqual(status, 401, "GET /v1/tasks with the revoked key")

    @step("test_03_sign_out_and_sign_in")
    def test_06_webhook_secret_reveal_and_roll(self):
        """Step 6: reveal the test webhook secret (equals the first-run one), roll it with an overlap."""
        self.open("/dashboard/webhooks")
        self.assertEqual(self.title(), "Webhooks")
        field = self.driver.find_element(By.ID, "webhook-secret")
        self.assertFalse(field.is_displayed(), "the secret is visible before Reveal")
        summary = self.driver.find_element(By.TAG_NAME, "summary")
        self.assertEqual(summary.text, "Reveal the test webhook secret")
        self.shot("06-webhooks")  # before Reveal, so the PNG holds no secret
        summary.click()
        self.wait(lambda d: field.is_displayed(), "#webhook-secret did not become visible")
        value = field.get_attribute("value")
        self.assertTrue(value.startswith("whsec_"))
        self.assertEqual(value, self.test_webhook_secret, "revealed secret differs from the first-run test_webhook_secret")
        Select(self.driver.find_element(By.ID, "overlap")).select_by_value("3600")
        self.submit(self.button("Roll secret"))
        self.assertEqual(self.path(), "/dashboard/webhooks")
        self.assertIn("The previous secret also signs until", self.text())
        self.driver.find_element(By.TAG_NAME, "summary").click()
        field = self.driver.find_element(By.ID, "webhook-secret")
        self.wait(lambda d: field.is_displayed(), "#webhook-secret did not become visible after the roll")
        rolled = field.get_attribute("value")
        self.assertTrue(rolled.startswith("whsec_"))
        self.assertNotEqual(rolled, value, "Roll secret did not change the secret")
        type(self).webhook_secret = rolled

    @step("test_03_sign_out_and_sign_in")
    def test_07_webhook_endpoint(self):
        """Step 7: add an endpoint, disable and enable it, edit its description."""
        url = f"http://127.0.0.1:{self.receiver.port}/hook"
        self.open("/dashboard/webhooks")
        self.driver.find_element(By.ID, "endpoint-url").send_keys(url)
        self.driver.find_element(By.ID, "endpoint-description").send_keys("browser receiver")
        url_box, description_box = (self.driver.find_element(By.ID, i) for i in ("endpoint-url", "endpoint-description"))
        self.assertEqual(url_box.size["width"], description_box.size["width"], "the URL box is narrower than the other fields")
        self.submit(self.button("Add endpoint"))
        self.assertEqual(self.path(), "/dashboard/webhooks", f"page: {self.page_excerpt()}")
        row = self.row(url)
        self.assertIsNotNone(row, f"the endpoint is not listed; page: {self.page_excerpt()}")
        self.assertIn("enabled", row.text)
        self.assertIn("browser receiver", row.text)
        self.submit(self.button("Disable", within=row))
        row = self.row(url)
        self.assertIn("disabled", row.text)
        self.assertNotIn("enabled", row.text.replace("Enable", ""))
        self.submit(self.button("Enable", within=row))
        row = self.row(url)
        self.assertIn("enabled", row.text)
        self.assertNotIn("disabled", row.text)
        edit = row.find_element(By.LINK_TEXT, "Edit")
        self.assertRegex(urllib.parse.urlsplit(edit.get_attribute("href")).path, r"^/dashboard/webhooks/endpoints/[^/]+$")
        edit.click()
        self.expect_title("Edit endpoint")
        self.assertEqual(self.driver.find_element(By.ID, "endpoint-url").get_attribute("value"), url)
        description = self.driver.find_element(By.ID, "endpoint-description")
        description.clear()
        description.send_keys("browser receiver, edited")
        self.submit(self.button("Save"))
        self.assertEqual(self.path(), "/dashboard/webhooks", f"page: {self.page_excerpt()}")
        row = self.row(url)
        self.assertIn("browser receiver, edited", row.text)
        self.assertIn("enabled", row.text)
        self.shot("07-webhooks-endpoint")
        type(self).endpoint_url = url

    @step("test_03_sign_out_and_sign_in")
    def test_08_sandbox_task(self):
        """Step 8: a sandbox weather task completes; its detail page shows prompt, result and trace."""
        status, task = self.server.api("POST", "/v1/tasks", self.test_key, {"prompt": WEATHER_PROMPT, "user_id": "ann"})
        self.assertIn(status, (200, 201, 202), f"POST /v1/tasks answered {status}: {task}")
        task_id = task["id"]
        type(self).task_id = task_id

        def complete(driver):
            self.open("/dashboard/tasks?user=ann")
            row = self.row(task_id)
            return row if row is not None and row.find_elements(By.TAG_NAME, "td")[1].text == "complete" else None

        row = self.wait(complete, f"task {task_id} never showed status complete on /dashboard/tasks?user=ann", TASK_WAIT)
        self.assertEqual(self.title(), "Tasks")
        self.assertIn("ann", row.text)
        status, user = (self.driver.find_element(By.ID, i) for i in ("status", "user"))
        self.assertLess(abs(status.rect["y"] + status.rect["height"] - user.rect["y"] - user.rect["height"]), 4,
                        "the filter's fields should sit side by side")
        wrapped = self.driver.execute_script(
            "return [...document.querySelectorAll('td time')].filter(t => t.getClientRects().length > 1"
            " || t.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(t).lineHeight)).length")
        self.assertEqual(wrapped, 0, "a timestamp wraps inside its table cell")
        self.shot("08-tasks")
        row.find_element(By.LINK_TEXT, task_id).click()
        self.expect_title(f"Task {task_id}")
        self.assertIn(WEATHER_PROMPT, self.text())
        headings = [h.text for h in self.driver.find_elements(By.TAG_NAME, "h2")]
        self.assertIn("Result", headings)
        self.assertIn("Trace", headings)
        result = self.driver.find_element(By.XPATH, "//h2[.='Result']/following-sibling::pre[1]").text
        self.assertIn("temperature", result)
        steps = [li.text for li in self.driver.find_elements(By.XPATH, "//h2[.='Trace']/following-sibling::ol[1]/li")]
        joined = "\n".join(steps)
        for capability in ("weather.geocode", "weather.current"):
            self.assertIn(capability, joined, f"trace steps: {steps}")
        self.assertTrue(any("ms" in s for s in steps), f"no durations in the trace: {steps}")
        self.shot("08-task-detail")

    @step("test_08_sandbox_task")
    def test_08a_overview(self):
        """Step 8a: the Overview counts the finished task and draws its chart on the server, also on a phone."""
        self.open("/dashboard/overview")
        self.assertEqual(self.title(), "Overview")
        tiles = {t.text.split("\n")[0]: t.find_element(By.TAG_NAME, "b").text
                 for t in self.driver.find_elements(By.CSS_SELECTOR, ".tile")}
        self.assertGreaterEqual(int(tiles.get("Tasks", "0")), 1, f"tiles: {tiles}")
        self.assertNotEqual(tiles.get("Duration p50"), "–", f"tiles: {tiles}")
        chart = self.driver.find_element(By.CSS_SELECTOR, "figure.chart svg")
        self.assertIn("Tasks per minute", chart.get_attribute("aria-label"))
        self.assertGreaterEqual(len(chart.find_elements(By.TAG_NAME, "rect")), 1, "no bar for the finished task")
        charts = {c.get_attribute("aria-label").split(",")[0]: c for c in self.driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")}
        self.assertEqual(sorted(charts), ["Task duration p50 and p99", "Tasks per minute by outcome", "Webhook delivery latency p50 and p99",
                                          "Webhook success rate"], f"charts: {sorted(charts)}")
        marks = charts["Task duration p50 and p99"].find_elements(By.CSS_SELECTOR, "circle, polyline")
        self.assertGreaterEqual(len(marks), 2, "no p50/p99 point for the finished task")
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "script:not([src='/dashboard/assets/dashboard.js'])"), [])
        self.shot("08a-overview")
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
        try:
            overflow = self.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            self.assertLessEqual(overflow, 0, "the Overview scrolls sideways on a phone")
        finally:
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", DESKTOP)
        self.shot("08a-overview-phone", PHONE)
        self.driver.find_element(By.LINK_TEXT, "Last day").click()
        self.wait(lambda d: "window=day" in d.current_url, "the Last day link did not switch the window")

    @step("test_07_webhook_endpoint", "test_08_sandbox_task")
    def test_09_events_and_redelivery(self):
        """Step 9: task.complete reaches the receiver, signed; the event page shows the attempt; Redeliver now."""
        task_id = self.task_id

        def completed(requests):
            return [r for r in requests if (r["json"] or {}).get("event") == COMPLETE_EVENT
                    and task_id in json.dumps(r["json"])]

        first = self.receiver.wait_for(completed, WEBHOOK_WAIT, f"the receiver got no {COMPLETE_EVENT} POST")[0]
        headers = first["headers"]
        for name in ("x-ploton-signature", "webhook-id", "webhook-signature"):
            self.assertIn(name, headers, f"{COMPLETE_EVENT} delivery has no {name} header: {sorted(headers)}")
        event_id = headers["webhook-id"]
        self.assertEqual(first["json"].get("id"), event_id, "webhook-id differs from the payload's id")
        if getattr(self, "webhook_secret", None):
            expected = hmac.new(self.webhook_secret.encode(), first["body"], hashlib.sha256).hexdigest()
            self.assertEqual(headers["x-ploton-signature"], expected, "X-Ploton-Signature is not HMAC-SHA256 with the rolled secret")

        self.open("/dashboard/events")
        self.assertEqual(self.title(), "Events")
        row = self.row(event_id)
        self.assertIsNotNone(row, f"/dashboard/events does not list {event_id}")
        self.assertIn(COMPLETE_EVENT, row.text)
        self.shot("09-events")
        row.find_element(By.LINK_TEXT, event_id).click()
        self.expect_title(f"Event {event_id}")

        def attempts():
            return [[td.text for td in r.find_elements(By.TAG_NAME, "td")]
                    for r in self.table_after_heading("Delivery attempts").find_elements(By.CSS_SELECTOR, "tbody tr")]

        before = attempts()
        self.assertTrue(any(cells[2] == "succeeded" and cells[3] == "200" for cells in before),
                        f"no succeeded attempt with HTTP 200: {before}")
        self.shot("09-event-detail")
        self.submit(self.button("Redeliver now"))
        self.assertEqual(self.path(), f"/dashboard/events/{event_id}", f"page: {self.page_excerpt()}")

        def more_attempts(driver):
            # The new attempt is listed as pending from the moment it is queued; wait for its outcome.
            self.driver.refresh()
            now = attempts()
            added = now[: len(now) - len(before)]
            return now if added and all(cells[2] != "pending" for cells in added) else None

        after = self.wait(more_attempts, f"no finished delivery attempt after Redeliver now (had {len(before)})", WEBHOOK_WAIT)
        self.receiver.wait_for(
            lambda requests: len([r for r in requests if r["headers"].get("webhook-id") == event_id]) >= 2,
            WEBHOOK_WAIT, f"the receiver did not get {event_id} a second time")
        self.assertTrue(any(cells[2] == "succeeded" for cells in after[: len(after) - len(before)]),
                        f"the redelivery attempt did not succeed: {after}")

    @step("test_03_sign_out_and_sign_in")
    def test_10_connection(self):
        """Step 10: authorize a sandbox connection in the browser, then revoke it in the dashboard."""
        status, body = self.server.api("POST", "/v1/connections/authorize", self.test_key, {"user_id": "bob", "tool": "email"})
        self.assertEqual(status, 201, f"POST /v1/connections/authorize: {body}")
        self.assertTrue(body.get("auth_url"), f"no auth_url: {body}")
        self.open(body["auth_url"])
        self.expect_title("Sandbox: connect email")
        self.submit(self.button("Approve"))
        self.assertEqual(self.title(), "Connected", f"after Approve: {self.page_excerpt()}")

        self.open("/dashboard/connections?user_id=bob")
        self.assertEqual(self.title(), "Connections")
        row = self.row("email")
        self.assertIsNotNone(row, f"no connection row for email; page: {self.page_excerpt()}")
        self.assertIn("bob", row.text)
        self.assertIn("active", row.text)
        self.shot("10-connections")
        self.confirm_and_submit(self.row_form(row, "/revoke"), "Revoke")
        self.assertEqual(self.title(), "Connection revoked", f"page: {self.page_excerpt()}")
        status, body = self.server.api("GET", "/v1/connections?user_id=bob", self.test_key)
        self.assertEqual(status, 200)
        statuses = [(c.get("tool"), c.get("status")) for c in body.get("data", [])]
        self.assertIn(("email", "revoked"), statuses)

    @step("test_03_sign_out_and_sign_in")
    def test_11_tools(self):
        """Step 11: built-in tools and execution memory; register, configure and delete a custom tool."""
        self.open("/dashboard/tools")
        self.assertEqual(self.title(), "Tools")
        links = [a.text for a in self.driver.find_elements(By.CSS_SELECTOR, "tbody tr td:first-child a")]
        for name in ("weather", "email"):
            self.assertIn(name, links)
        self.shot("11-tools")

        self.open("/dashboard/tools/weather")
        self.assertEqual(self.title(), "Tool weather")
        self.assertIsNotNone(self.row("current", self.table_after_heading("Capabilities")), "weather has no capability current")
        if "test_08_sandbox_task" in PASSED:
            memory = self.table_after_heading("Execution memory")
            row = self.row("current", memory)
            self.assertIsNotNone(row, "Execution memory has no row for current")
            cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
            self.assertEqual(cells[0], "current")
            self.assertGreaterEqual(int(cells[1]), 1, f"runs of current: {cells}")
        self.shot("11-tool-detail")

        # Invalid JSON is explained.
        self.open("/dashboard/tools")
        self.driver.find_element(By.ID, "definition").send_keys("{not json")
        self.submit(self.button("Register tool"))
        self.assertIsNotNone(self.alert_text(), f"invalid JSON shows no role=alert; page: {self.page_excerpt()}")

        # Register.
        self.open("/dashboard/tools")
        definition = self.driver.find_element(By.ID, "definition")
        self.driver.execute_script("arguments[0].value = arguments[1]", definition, json.dumps(CUSTOM_TOOL))
        self.submit(self.button("Register tool"))
        alert = self.alert_text()
        self.assertIsNone(alert, f"the custom tool was refused: {alert}")
        self.assertEqual(self.path(), "/dashboard/tools/acme_crm")
        self.assertEqual(self.title(), "Tool acme_crm")
        self.assertIn("No credentials set.", self.text())

        # Credentials are write-only.
        self.driver.find_element(By.ID, "cred-api_key").send_keys(CUSTOM_TOOL_SECRET)
        self.submit(self.button("Save credentials"))
        self.assertEqual(self.path(), "/dashboard/tools/acme_crm", f"page: {self.page_excerpt()}")
        self.assertIn("Credentials are set", self.text())
        self.assertNotIn(CUSTOM_TOOL_SECRET, self.driver.page_source)
        self.shot("11-custom-tool")

        # Delete.
        form = self.driver.find_element(By.CSS_SELECTOR, 'form[action$="/dashboard/tools/acme_crm/delete"]')
        self.confirm_and_submit(form, "Delete tool")
        self.assertEqual(self.path(), "/dashboard/tools", f"page: {self.page_excerpt()}")
        links = [a.text for a in self.driver.find_elements(By.CSS_SELECTOR, "tbody tr td:first-child a")]
        self.assertNotIn("acme_crm", links)

    @step("test_03_sign_out_and_sign_in")
    def test_12_environment_switch(self):
        """Step 12: switch to live (live key listed), then back to test."""
        self.open("/dashboard")
        self.submit(self.button("Switch to live"))
        self.assertIn("Viewing live data", self.text())
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "form[action='/dashboard/environment'] strong").text, "live")
        codes = [c.text for c in self.driver.find_elements(By.CSS_SELECTOR, "tbody td code")]
        self.assertTrue(any(c.endswith("…" + self.live_key[-4:]) for c in codes), f"live key not listed: {codes}")
        self.assertFalse(any(c.endswith("…" + self.test_key[-4:]) for c in codes), "the test key is listed in live")
        self.shot("12-keys-live")
        self.submit(self.button("Switch to test"))
        self.assertIn("Viewing test data", self.text())

    @step("test_03_sign_out_and_sign_in")
    def test_12a_subagents(self):
        """Step 12a: deploy a subagent from its domain prompt; a task inside it keeps to its tools."""
        self.open("/dashboard/subagents")
        self.assertEqual(self.title(), "Subagents")
        self.assertIsNotNone(self.row("billing"), "the prebuilt billing subagent is not listed")
        self.driver.find_element(By.ID, "subagent-name").send_keys("forecaster")
        self.driver.find_element(By.ID, "subagent-prompt").send_keys("Weather forecasts for our field teams")
        self.submit(self.button("Deploy subagent"))
        self.assertEqual(self.title(), "Subagent forecaster", f"page: {self.page_excerpt()}")
        self.assertIn("Tools: weather", self.text())
        self.shot("12a-subagent")
        status, task = self.server.api("POST", "/v1/tasks", self.test_key,
                                       {"prompt": WEATHER_PROMPT, "sub_agent": "forecaster", "tool": "email"})
        self.assertEqual(status, 422, f"a pinned tool outside the subagent was accepted: {task}")
        self.assertEqual(task["error"]["param"], "tool")
        status, task = self.server.api("POST", "/v1/tasks", self.test_key, {"prompt": WEATHER_PROMPT, "sub_agent": "forecaster"})
        self.assertEqual(status, 201, f"{task}")
        poll(lambda: self.server.api("GET", f"/v1/tasks/{task['id']}", self.test_key)[1]["status"] == "complete",
             TASK_WAIT, "the task inside the subagent did not complete")
        form = self.driver.find_element(By.CSS_SELECTOR, 'form[action$="/delete"]')
        self.confirm_and_submit(form, "Delete subagent")
        self.assertIsNone(self.row("forecaster"), "the deleted subagent is still listed")

    @step()
    def test_12b_approval_page(self):
        """Step 12b: a sandbox refund (payments: an account-level key, no end-user consent) waits for approval;
        the hosted approval page approves it once."""
        status, task = self.server.api("POST", "/v1/tasks", self.test_key, {
            "prompt": "Refund Ben Chen's last invoice", "user_id": "carol"})
        self.assertEqual(status, 201, f"{task}")

        def waiting(reason):
            def check():
                body = self.server.api("GET", f"/v1/tasks/{task['id']}", self.test_key)[1]
                return body if body["status"] == "waiting" and body["waiting"]["reason"] == reason else None
            return poll(check, TASK_WAIT, f"the task never waited for {reason}")

        approval = waiting("approval_required")
        self.open(approval["waiting"]["auth_url"])
        self.assertEqual(self.title(), "Approve this action?")
        self.assertIn("payments.create_refund", self.text())
        self.shot("12b-approval")
        self.submit(self.button("Approve"))
        self.assertEqual(self.title(), "Approved", f"page: {self.page_excerpt()}")
        poll(lambda: self.server.api("GET", f"/v1/tasks/{task['id']}", self.test_key)[1]["status"] == "complete",
             TASK_WAIT, "the approved refund did not complete")
        self.open(approval["waiting"]["auth_url"])
        self.assertEqual(self.title(), "Nothing to approve", "the approval link worked twice")

    @step("test_03_sign_out_and_sign_in")
    def test_13_lockout(self):
        """Step 13: five wrong passwords lock the operator; the right one is then refused too."""
        self.sign_out()
        for attempt in range(1, 6):
            self.sign_in(EMAIL, f"wrong-password-number-{attempt}")
            alert = self.alert_text() or ""
            self.assertEqual(self.path(), "/dashboard/sign-in")
            # The failure that reaches the limit already answers with the lock (OperatorPasswords.signIn).
            expected = ("do not match",) if attempt < 5 else ("do not match", "Too many failed sign-ins")
            self.assertTrue(any(e in alert for e in expected), f"wrong password {attempt}: alert {alert!r}")
        self.sign_in(EMAIL, PASSWORD)
        self.assertEqual(self.path(), "/dashboard/sign-in", "signed in despite five failures just before")
        alert = self.alert_text() or ""
        self.assertIn("Too many failed sign-ins", alert)
        self.shot("13-locked")


def main():
    started = time.monotonic()
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(DashboardTest)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stderr).run(suite)
    server = DashboardTest.server
    if not result.wasSuccessful() and server is not None:
        print("\n--- server stderr (last lines) ---", file=sys.stderr)
        print(server.stderr_tail(), file=sys.stderr)
    print(f"\nbrowser tests: {'passed' if result.wasSuccessful() else 'FAILED'} in {time.monotonic() - started:.1f} s; "
          f"screenshots in {SCREENSHOT_DIR}", file=sys.stderr)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
