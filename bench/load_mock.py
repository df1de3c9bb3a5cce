"""Load on the mock portal: N concurrent clients each doing the whole sign-up over HTTP (issue 11, goal 4).

Bounded: a fixed number of clients, each doing a fixed number of sign-ups, on loopback,
against a mock started by the caller. Every request is timed on its own (redirects are
not followed, so a POST and the GET it redirects to count as two pages) and grouped by
page, and each client checks the final answer is the home page: a load test whose
sign-ups failed would measure the error page.
"""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
import urllib.parse
from collections import defaultdict

from mock_portal.reference import SECURITY_QUESTIONS
from tools.admin_client import SIGNUP_PATH, AdminClient

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
#: Every page's p95 must stay under this, except Confirm and the credentials POST (scrypt).
P95_BUDGET_MS = 20.0
SLOW_BY_DESIGN = ("POST /verify", "POST /credentials")


class Client:
    """One CEC's browser, reduced to a cookie and a CSRF token."""

    def __init__(self, base_url: str, timings: dict[str, list[float]], lock: threading.Lock) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 80
        self.cookie = ""
        self.token = ""
        self.timings = timings
        self.lock = lock

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """One request, timed under the name "METHOD /path"; answers status, Location and body."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Cookie": f"cec_session={self.cookie}"} if self.cookie else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode({**form, "csrf_token": self.token})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        elapsed = (time.perf_counter() - started) * 1000
        conn.close()
        name = f"{method} {urllib.parse.urlsplit(path).path if not path.startswith('/apspahbx') else '(sign-up link)'}"
        with self.lock:
            self.timings[name].append(elapsed)
        cookie = response.getheader("Set-Cookie") or ""
        if cookie.startswith("cec_session="):
            self.cookie = cookie.split(";", 1)[0].split("=", 1)[1]
        match = _TOKEN.search(text)
        if match:
            self.token = match.group(1)
        return response.status, response.getheader("Location") or "", text

    def page(self, path: str) -> str:
        """GET a page, expecting it (not a redirect)."""
        status, _, text = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        return text

    def post(self, path: str, form: dict[str, str], expect: str) -> None:
        """POST a form, expecting a redirect to ``expect``."""
        status, location, _ = self.request("POST", path, form)
        if status != 303 or not location.endswith(expect):
            raise RuntimeError(f"POST {path} answered {status} to {location or 'nowhere'}, not {expect}")


def sign_up(client: Client, admin: AdminClient, number: int) -> None:
    """The whole sign-up and a login, as the browser would request it."""
    record = admin.create_delegation()
    status, location, _ = client.request("GET", SIGNUP_PATH)
    if status != 302:
        raise RuntimeError(f"the sign-up link answered {status}")
    client.page(urllib.parse.urlsplit(location).path)
    client.post("/signup", {"delegation_code": record.code, "business_name": record.business_name,
                            "cert_number": record.cert_number}, "/terms")
    client.page("/terms")
    client.page("/terms/document")
    client.post("/terms", {"agree": "1"}, "/user-info/1")
    client.page("/user-info/1")
    client.post("/user-info/1", {
        "first_name": "Maria", "middle_initial": "L", "last_name": "Lopez", "suffix": "", "date_of_birth": "04/12/1985",
        "email": "maria@example.org", "email_confirm": "maria@example.org", "phone": "(916) 555-0100",
        "language": "English"}, "/user-info/2")
    client.page("/user-info/2")
    client.post("/user-info/2", {"street": "1601 Exposition Blvd", "apt": "", "city": "Sacramento", "state": "CA",
                                 "zip": "95815", "county": "Sacramento"}, "/credentials")
    client.page("/credentials")
    questions = SECURITY_QUESTIONS[:3]
    username = f"load.cec{number:05d}{record.code.lower()}"
    password = "Sunny-Days42"  # noqa: S105 - a made-up password for a throwaway mock account
    form = {"username": username, "password": password, "password_confirm": password}
    for n, question in enumerate(questions, start=1):
        form |= {f"question{n}": question, f"answer{n}": f"answer {n}"}
    client.post("/credentials", form, "/verify")
    client.page("/verify")
    client.post("/verify", {}, "/verify/created")
    client.page("/verify/created")
    client.page("/login")
    client.post("/login", {"username": username, "password": password}, "/home")
    client.page("/home")


def run_load(base_url: str, token: str, clients: int = 20, rounds: int = 3) -> dict[str, list[float]]:
    """``clients`` threads, each signing up ``rounds`` times; per-page request times in ms."""
    timings: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()
    admin = AdminClient(base_url, token)
    failures: list[str] = []

    def one_client(index: int) -> None:
        for round_number in range(rounds):
            try:
                sign_up(Client(base_url, timings, lock), admin, index * 1000 + round_number)
            except (RuntimeError, OSError) as error:
                with lock:
                    failures.append(str(error))

    threads = [threading.Thread(target=one_client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{len(failures)} sign-ups failed under load, e.g.: {failures[0]}")
    return dict(timings)


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0.95 for p95) of ``values``."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def report(timings: dict[str, list[float]]) -> list[str]:
    """One line per page: p50, p95 and whether the p95 is within the budget."""
    lines = [f"  {'page':<28} {'n':>4} {'p50 ms':>8} {'p95 ms':>8}"]
    for name in sorted(timings):
        values = timings[name]
        p95 = percentile(values, 0.95)
        verdict = "(scrypt, no budget)" if name in SLOW_BY_DESIGN else ("ok" if p95 <= P95_BUDGET_MS else "OVER")
        lines.append(f"  {name:<28} {len(values):>4} {percentile(values, 0.5):>8.1f} {p95:>8.1f}  {verdict}")
    return lines
