"""Load on the mock portal: N concurrent clients each doing the whole sign-up over HTTP (issue 11, goal 4).

Bounded: a fixed number of clients, each doing a fixed number of sign-ups, on loopback,
against a mock started by the caller. Clients are closed-loop with no think time: each
sends its next request as soon as the last answer is read. Every request is timed on its
own (redirects are not followed, so a POST and the GET it redirects to count as two
pages) and grouped by page, and each client checks the final answer is the home page: a
load test whose sign-ups failed would measure the error page.

Beside what the client waited, each answer's ``Server-Timing`` header says how long the
portal itself spent on it (wall time): the difference is queueing. The serving processes' CPU
(the portal, its WSGI server and the system calls they make) is read from ``/proc`` around the
run, when the caller names the server's process. With N clients that
never pause, a request waits on average N / throughput (Little's law), whatever the page.
Each client keeps its connection open between requests, as a browser does (HTTP/1.1
keep-alive); a server that closes it after each answer (werkzeug's, the embedded mock's)
gets a new one for the next request. Each sign-up is a fresh browser: a new connection, no
cookie. The delegation records (the CECs' emails) are made through the admin API before the
clients start, so the measured run holds the CECs' requests only.

The clients are asyncio tasks in ``processes`` processes (2 by default), one event loop each,
reading and writing HTTP/1.1 themselves: the load script shares the portal's 2 cores, and as
threads on ``http.client`` it took 0.3-0.4 ms of CPU per request and held each request in its
own GIL queue; an event loop takes about 0.1 ms and no GIL turns.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import re
import statistics
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Barrier
from pathlib import Path

from cec.records import DelegationRecord
from mock_portal.reference import SECURITY_QUESTIONS
from tools.admin_client import SIGNUP_PATH, AdminClient

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_SERVER_TIMING = re.compile(r"app;dur=([\d.]+)")
#: Every page's p95 must stay under this, except Confirm and the credentials POST (scrypt).
P95_BUDGET_MS = 20.0
SLOW_BY_DESIGN = ("POST /verify", "POST /credentials")


@dataclass
class Load:
    """What a load run measured, per page (ms): what the client waited, what the portal spent."""

    waited: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    served: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    clients: int = 0
    seconds: float = 0.0
    client_cpu_seconds: float = 0.0
    #: The serving processes' CPU seconds during the run (None: not measured).
    server_cpu_seconds: float | None = None

    def add(self, name: str, waited: float, server_timing: str) -> None:
        """Note one request: the client's wait and, when the portal said, its own time.

        No lock: a process's clients are tasks of one event loop, one thread.
        """
        found = _SERVER_TIMING.search(server_timing)
        self.waited[name].append(waited)
        if found:
            self.served[name].append(float(found.group(1)))

    @property
    def requests(self) -> int:
        """How many requests were timed."""
        return sum(len(values) for values in self.waited.values())


class Client:
    """One CEC's browser, reduced to a cookie, a CSRF token and one kept-alive connection."""

    def __init__(self, host: str, port: int, load: Load) -> None:
        self.host, self.port, self.load = host, port, load
        self.cookie = ""
        self.token = ""
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    def close(self) -> None:
        """Close the connection (a browser that is done)."""
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    async def _exchange(self, method: str, path: str, body: bytes, headers: str) -> tuple[int, dict[str, str], str]:
        """Send one request and read its answer: status, headers (lower-case names), body."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{headers}"
                          f"Content-Length: {len(body)}\r\n\r\n".encode("latin-1") + body)
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        found: dict[str, str] = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            if name:
                found[name.strip().lower()] = value.strip()
        length = int(found.get("content-length", "0"))
        text = (await self.reader.readexactly(length)).decode("utf-8", "replace") if length else ""
        if found.get("connection", "").lower() == "close":
            self.close()
        return int(head[0].split(" ", 2)[1]), found, text

    async def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """One request, timed under the name "METHOD /path"; answers status, Location and body."""
        headers = f"Cookie: cec_session={self.cookie}\r\n" if self.cookie else ""
        body = b""
        if form is not None:
            body = urllib.parse.urlencode({**form, "csrf_token": self.token}).encode()
            headers += "Content-Type: application/x-www-form-urlencoded\r\n"
        started = time.perf_counter()
        status, found, text = await self._exchange(method, path, body, headers)
        elapsed = (time.perf_counter() - started) * 1000
        name = f"{method} {urllib.parse.urlsplit(path).path if not path.startswith('/apspahbx') else '(sign-up link)'}"
        self.load.add(name, elapsed, found.get("server-timing", ""))
        cookie = found.get("set-cookie", "")
        if cookie.startswith("cec_session="):
            self.cookie = cookie.split(";", 1)[0].split("=", 1)[1]
        match = _TOKEN.search(text)
        if match:
            self.token = match.group(1)
        return status, found.get("location", ""), text

    async def page(self, path: str) -> str:
        """GET a page, expecting it (not a redirect)."""
        status, _, text = await self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        return text

    async def post(self, path: str, form: dict[str, str], expect: str) -> None:
        """POST a form, expecting a redirect to ``expect``."""
        status, location, _ = await self.request("POST", path, form)
        if status != 303 or not location.endswith(expect):
            raise RuntimeError(f"POST {path} answered {status} to {location or 'nowhere'}, not {expect}")


async def sign_up(client: Client, record: DelegationRecord, number: int) -> None:
    """The whole sign-up and a login, as the browser would request it."""
    status, location, _ = await client.request("GET", SIGNUP_PATH)
    if status != 302:
        raise RuntimeError(f"the sign-up link answered {status}")
    await client.page(urllib.parse.urlsplit(location).path)
    await client.post("/signup", {"delegation_code": record.code, "business_name": record.business_name,
                                  "cert_number": record.cert_number}, "/terms")
    await client.page("/terms")
    await client.page("/terms/document")
    await client.post("/terms", {"agree": "1"}, "/user-info/1")
    await client.page("/user-info/1")
    await client.post("/user-info/1", {
        "first_name": "Maria", "middle_initial": "L", "last_name": "Lopez", "suffix": "", "date_of_birth": "04/12/1985",
        "email": "maria@example.org", "email_confirm": "maria@example.org", "phone": "(916) 555-0100",
        "language": "English"}, "/user-info/2")
    await client.page("/user-info/2")
    await client.post("/user-info/2", {"street": "1601 Exposition Blvd", "apt": "", "city": "Sacramento",
                                       "state": "CA", "zip": "95815", "county": "Sacramento"}, "/credentials")
    await client.page("/credentials")
    questions = SECURITY_QUESTIONS[:3]
    username = f"load.cec{number:05d}{record.code.lower()}"
    password = "Sunny-Days42"  # noqa: S105 - a made-up password for a throwaway mock account
    form = {"username": username, "password": password, "password_confirm": password}
    for n, question in enumerate(questions, start=1):
        form |= {f"question{n}": question, f"answer{n}": f"answer {n}"}
    await client.post("/credentials", form, "/verify")
    await client.page("/verify")
    await client.post("/verify", {}, "/verify/created")
    await client.page("/verify/created")
    await client.page("/login")
    await client.post("/login", {"username": username, "password": password}, "/home")
    await client.page("/home")


#: How long a load run may take before it is given up (a bounded script never hangs).
LOAD_TIMEOUT_SECONDS = 600.0
#: One process's figures: waited and served per page, its CPU seconds, its failures.
Share = tuple[dict[str, list[float]], dict[str, list[float]], float, list[str]]


def _sign_ups(base_url: str, records: dict[int, list[DelegationRecord]], load: Load) -> list[str]:
    """One task per client index, each signing up once per record made for it; the failures, if any."""
    parsed = urllib.parse.urlsplit(base_url)
    failures: list[str] = []

    async def one_client(index: int) -> None:
        for round_number, record in enumerate(records[index]):
            client = Client(parsed.hostname or "127.0.0.1", parsed.port or 80, load)
            try:
                await sign_up(client, record, index * 1000 + round_number)
            except (RuntimeError, OSError, ValueError, asyncio.IncompleteReadError) as error:
                failures.append(str(error) or type(error).__name__)
            finally:
                client.close()

    async def every_client() -> None:
        await asyncio.gather(*(one_client(index) for index in records))

    asyncio.run(every_client())
    return failures


def _load_share(base_url: str, token: str, indexes: list[int], rounds: int, start: Barrier,
                results: multiprocessing.Queue[Share]) -> None:
    """In a process of its own: make its clients' records, wait until every process is ready, run its
    clients, send back what they measured."""
    load = Load(clients=len(indexes))
    admin = AdminClient(base_url, token)
    records = {index: [admin.create_delegation() for _ in range(rounds)] for index in indexes}
    start.wait(LOAD_TIMEOUT_SECONDS)
    cpu = time.process_time()
    failures = _sign_ups(base_url, records, load)
    results.put((dict(load.waited), dict(load.served), time.process_time() - cpu, failures))


def _gather(results: multiprocessing.Queue[Share], children: Sequence[BaseProcess]) -> list[Share]:
    """Every child's figures; a child that died without sending them fails the run at once, not at the timeout."""
    answers: list[Share] = []
    deadline = time.monotonic() + LOAD_TIMEOUT_SECONDS
    while len(answers) < len(children):
        try:
            answers.append(results.get(timeout=1))
        except queue.Empty:
            dead = [child.exitcode for child in children if child.exitcode not in (None, 0)]
            if dead:
                raise RuntimeError(f"a load process died (exit {dead[0]}) before it reported") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"the load did not finish in {LOAD_TIMEOUT_SECONDS:.0f} s") from None
    return answers


def serving_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user and system) of process ``pid`` and its children (gunicorn's workers); None without /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    try:
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # a process that ended while we looked
            if stat.parent.name == str(pid) or fields[1] == str(pid):
                total += int(fields[11]) + int(fields[12])
    except OSError:
        return None
    return total / ticks if total else None


def run_load(base_url: str, token: str, clients: int = 20, rounds: int = 3, processes: int = 2,
             server_pid: int | None = None) -> Load:
    """``clients`` clients spread over ``processes`` processes, each signing up ``rounds`` times; times in ms.

    With ``server_pid``, the serving processes' CPU during the run is measured too.
    """
    load = Load(clients=clients)
    # fork: a spawned child would import the calling script again (the bench imports Playwright), seconds each.
    context = multiprocessing.get_context("fork")
    shares = [indexes for indexes in (list(range(clients))[n::processes] for n in range(processes)) if indexes]
    start = context.Barrier(len(shares) + 1)
    results: multiprocessing.Queue[Share] = context.Queue()
    children = [context.Process(target=_load_share, args=(base_url, token, indexes, rounds, start, results),
                                daemon=True) for indexes in shares]
    for child in children:
        child.start()
    try:
        server_cpu = serving_cpu_seconds(server_pid) if server_pid is not None else None
        start.wait(LOAD_TIMEOUT_SECONDS)
        started = time.perf_counter()
        answers = _gather(results, children)
        load.seconds = time.perf_counter() - started
        server_cpu_after = serving_cpu_seconds(server_pid) if server_pid is not None else None
        if server_cpu is not None and server_cpu_after is not None:
            load.server_cpu_seconds = server_cpu_after - server_cpu
    finally:
        for child in children:
            child.join(timeout=5)
            if child.is_alive():
                child.kill()
    failures: list[str] = []
    for waited, served, cpu_seconds, failed in answers:
        for mine, theirs in ((load.waited, waited), (load.served, served)):
            for name, values in theirs.items():
                mine[name].extend(values)
        load.client_cpu_seconds += cpu_seconds
        failures += failed
    if failures:
        raise RuntimeError(f"{len(failures)} sign-ups failed under load, e.g.: {failures[0]}")
    return load


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0.95 for p95) of ``values``."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def report(load: Load) -> list[str]:
    """One line per page (client p50/p95 against the budget, the portal's own p50/p95), then why."""
    lines = [f"  {'page':<22} {'n':>4} {'p50 ms':>7} {'p95 ms':>7}   {'portal p50':>10} {'p95':>6}"]
    for name in sorted(load.waited):
        waited, served = load.waited[name], load.served.get(name, [])
        p95 = percentile(waited, 0.95)
        verdict = "(scrypt, no budget)" if name in SLOW_BY_DESIGN else ("ok" if p95 <= P95_BUDGET_MS else "OVER")
        lines.append(f"  {name:<22} {len(waited):>4} {percentile(waited, 0.5):>7.1f} {p95:>7.1f}   "
                     f"{percentile(served, 0.5):>10.1f} {percentile(served, 0.95):>6.1f}  {verdict}")
    return lines + explain(load)


def explain(load: Load) -> list[str]:
    """Throughput, CPU per request on each side, and the wait Little's law predicts from them."""
    count = load.requests
    if not count or load.seconds <= 0:
        return []
    throughput = count / load.seconds
    client_ms = load.client_cpu_seconds * 1000 / count
    if load.server_cpu_seconds is None:
        cpu = f"server CPU not measured; load script CPU {client_ms:.2f} ms/request"
    else:
        server_ms = load.server_cpu_seconds * 1000 / count
        cpu = (f"server CPU {server_ms:.2f} ms/request (every serving process: app, WSGI server, system calls; "
               f"from /proc), load script CPU {client_ms:.2f} ms/request, together {server_ms + client_ms:.2f}")
    return [
        f"  {count} requests in {load.seconds:.1f} s = {throughput:.0f} req/s; {cpu}",
        f"  {load.clients} clients without think time: mean wait = clients / throughput = "
        f"{load.clients / throughput * 1000:.1f} ms (Little's law); measured mean "
        f"{sum(sum(v) for v in load.waited.values()) / count:.1f} ms",
        f"  a {P95_BUDGET_MS:.0f} ms p95 needs a mean wait under {P95_BUDGET_MS:.0f} ms: over "
        f"{load.clients / P95_BUDGET_MS * 1000:.0f} req/s, i.e. under {P95_BUDGET_MS / load.clients:.2f} ms of CPU "
        f"per request, server and clients together, per free core",
    ]
