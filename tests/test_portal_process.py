"""``python -m mock_portal`` as a process: usage errors, stopping on the first signal, its log."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest

from mock_portal.event_loop import event_loop_available
from tools.admin_client import SIGNUP_PATH, AdminApiError, AdminClient

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"Sign-up link: (http://127\.0\.0\.1:\d+)/")


@pytest.mark.parametrize("argv", [
    ["--port", "99999"], ["--port", "-1"], ["--port", "http"],
    ["--session-timeout", "-5"], ["--session-timeout", "0"], ["--session-timeout", "nan"],
    ["--session-timeout", "inf"], ["--session-timeout", "soon"], ["--workers", "0"], ["--workers", "many"],
])
def test_nonsense_options_are_usage_errors(argv: list[str], tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mock_portal", *argv, "--db", str(tmp_path / "p.sqlite3")],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 2
    assert "usage: python -m mock_portal" in done.stderr
    assert argv[0] in done.stderr
    assert "Traceback" not in done.stderr


class Drained:
    """A stream read as it comes, in a thread: a pipe nobody reads fills (64 KiB) and blocks the
    portal at its next log line; under load (a thousand lines a second) that was its stop."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.reader.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.append(line)

    def text(self) -> str:
        """Everything written, once the portal (and every process sharing the pipe) is gone."""
        self.reader.join(timeout=10)
        return "".join(self.lines)


@contextmanager
def serving(tmp_path: Path, *options: str, own_group: bool = False) -> Iterator[
        tuple[subprocess.Popen[str], str, Drained]]:
    """The portal in its own process, on a temporary database in a private temp directory; its stderr.

    ``own_group``: in a process group of its own, as a terminal's foreground job (what a Ctrl-C reaches).
    """
    temp = tmp_path / "tmp"
    temp.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_portal", "--port", "0", "--demo", *options], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=own_group,
    )
    assert process.stderr is not None
    stderr = Drained(process.stderr)
    try:
        assert process.stdout is not None
        base = ""
        for line in process.stdout:
            found = LINK.search(line)
            if found:
                base = found.group(1)
                break
        assert base, "the portal printed no sign-up link"
        yield process, base, stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def hammer(base: str, stop: threading.Event) -> None:
    """Keep the portal busy until ``stop`` (errors expected once it is gone, a half-sent answer too)."""
    while not stop.is_set():
        try:
            with urllib.request.urlopen(f"{base}/signup", timeout=2) as response:
                response.read()
        except (urllib.error.URLError, OSError, http.client.HTTPException):
            if stop.wait(0.01):
                return


@pytest.mark.parametrize("try_number", range(8))
@pytest.mark.parametrize("signum", [signal.SIGTERM])
def test_the_first_sigterm_under_load_stops_within_a_second(tmp_path: Path, try_number: int,
                                                            signum: int) -> None:
    with serving(tmp_path) as (process, base, _):
        stop = threading.Event()
        clients = [threading.Thread(target=hammer, args=(base, stop)) for _ in range(4)]
        for client in clients:
            client.start()
        try:
            urllib.request.urlopen(f"{base}/signup", timeout=5).close()
            sent = time.monotonic()
            process.send_signal(signum)
            code = process.wait(timeout=5)
            took = time.monotonic() - sent
        finally:
            stop.set()
            for client in clients:
                client.join(timeout=10)
    assert code == 0
    assert took < 1.0, f"try {try_number}: {took:.2f}s"
    assert list((tmp_path / "tmp").iterdir()) == []


def test_sigint_stops_too(tmp_path: Path) -> None:
    with serving(tmp_path) as (process, _, stderr):
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=1) == 0
        assert "Traceback" not in stderr.text()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_path_cannot_forge_a_log_line(tmp_path: Path) -> None:
    forged = "%0A2026-01-01 00:00:00,000 ERROR mock_portal SYS-999 ref=FORGED%0D%1B[31m".replace(" ", "%20")
    with serving(tmp_path) as (process, base, stderr):
        for path in (f"/nothing{forged}", f"/signup{forged}"):
            with pytest.raises(urllib.error.HTTPError):
                urllib.request.urlopen(f"{base}{path}", timeout=5)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=5)
        log = stderr.text()
    lines = log.splitlines()
    assert not any("ref=FORGED" in line and not line.startswith(tuple("0123456789")) for line in lines)
    assert not any(line.startswith("2026-01-01") for line in lines)
    forged_lines = [line for line in lines if "FORGED" in line]
    assert len(forged_lines) == 2
    assert all("GET /nothing\\n2026" in line or "GET /signup\\n2026" in line for line in forged_lines)
    assert not any("\x1b" in line or "\r" in line for line in lines)


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux's /proc)."""
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _exchange(conn: http.client.HTTPConnection, method: str, path: str, cookie: str = "",
              form: dict[str, str] | None = None) -> http.client.HTTPResponse:
    """One request on ``conn``, its answer read."""
    headers = {"Cookie": f"cec_session={cookie}"} if cookie else {}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    return response


WORKERS_LINE = re.compile(r"^Workers: 2 \((.*)\)$", re.MULTILINE)


@pytest.mark.parametrize("worker_type", ["event-loop", "threads"])
def test_workers_share_sessions_keep_connections_open_and_stop_at_once(tmp_path: Path, worker_type: str) -> None:
    """``--workers 2``: two processes, one sign-up's session seen by whichever answers, keep-alive,
    the drop fault closing the connection (threads) or refused saying why (the event loop), and
    the first SIGTERM stopping everything."""
    if worker_type == "event-loop" and not event_loop_available():
        _refused_without_bjoern(tmp_path)
        return
    with serving(tmp_path, "--workers", "2", "--worker-type", worker_type, "--admin-token", "t0ken") as (
            process, base, stderr):
        admin = AdminClient(base, "t0ken")
        record = admin.create_delegation()
        port = int(base.rsplit(":", 1)[1])
        kept = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        opened = _exchange(kept, "GET", SIGNUP_PATH)
        # gunicorn's own HTTP code adds its name to the portal's Server header; bjoern adds nothing.
        assert (opened.getheader("Server") or "").startswith("gunicorn") is (worker_type == "threads")
        cookie = (opened.getheader("Set-Cookie") or "").split(";", 1)[0].split("=", 1)[1]
        sock = kept.sock
        assert sock is not None, "the portal closed the connection after its answer"
        for _ in range(3):
            assert _exchange(kept, "GET", "/signup", cookie).status == 200
        assert kept.sock is sock, "the connection was not kept open"
        # The master forks its workers once it listens: ask until the second one is there too.
        for _ in range(500):
            if len(_children(process.pid)) == 2:
                break
            _exchange(kept, "GET", "/signup", cookie)
        assert len(_children(process.pid)) == 2
        # New connections land on either worker; the session and its CSRF token are in the database.
        fresh = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/signup", headers={"Cookie": f"cec_session={cookie}"})
        token = re.search(r'name="csrf_token" value="([^"]+)"', conn.getresponse().read().decode())
        assert token is not None
        posted = _exchange(fresh, "POST", "/signup", cookie, {
            "delegation_code": record.code, "business_name": record.business_name,
            "cert_number": record.cert_number, "csrf_token": token.group(1)})
        assert (posted.status, posted.getheader("Location")) == (303, "/terms")
        if worker_type == "threads":
            admin.inject_fault("signup", "drop")
            with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
                _exchange(http.client.HTTPConnection("127.0.0.1", port, timeout=10), "GET", "/signup", cookie)
        else:
            with pytest.raises(AdminApiError, match=r"HTTP 400: drop is not available here: .*--worker-type threads"):
                admin.inject_fault("signup", "drop")
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=5)
        took = time.monotonic() - sent
        log = stderr.text()
        said = process.stdout.read() if process.stdout else ""
    assert code == 0
    assert took < 1.0, f"{took:.2f}s"
    assert list((tmp_path / "tmp").iterdir()) == []
    # Each worker's log writer wrote its lines, the last ones (just before the stop) too.
    assert re.search(r"INFO mock_portal POST /signup 303 \d+ms\n", log), log
    if worker_type == "threads":
        assert re.search(r"INFO mock_portal GET /signup 200 \d+ms fault=drop dropped\n", log), log
    else:
        assert re.search(r"INFO mock_portal POST /__mock__/faults 400 \d+ms\n", log), log
    assert "Stopping." in said


def test_workers_serve_from_the_event_loop_where_bjoern_is_installed_and_say_which(tmp_path: Path) -> None:
    """Without ``--worker-type``, the start-up lines say which way the workers serve, and why not bjoern."""
    with serving(tmp_path, "--workers", "2", "--admin-token", "t0ken") as (process, _base, _stderr):
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=5)
        said = process.stdout.read() if process.stdout else ""
    found = WORKERS_LINE.search(said)
    expected = "bjoern event loop" if event_loop_available() else (
        "gunicorn threads; bjoern is not installed (make setup builds it; it needs libev-dev)")
    assert found is not None, said
    assert found.group(1) == expected


def _refused_without_bjoern(tmp_path: Path) -> None:
    """Where bjoern is missing, asking for the event loop is a usage error naming the set-up that builds it."""
    done = subprocess.run([sys.executable, "-m", "mock_portal", "--workers", "2", "--worker-type", "event-loop"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "needs bjoern, which is not installed here: `make setup` builds it" in done.stderr


def _within(seconds: float, condition: Callable[[], bool]) -> bool:
    """Whether ``condition`` holds, asked every 10 ms for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _both_workers(master: int) -> list[int]:
    """The two workers ``master`` forks once it listens (asked for until both are there, at most 5 s)."""
    assert _within(5, lambda: len(_children(master)) == 2)
    return _children(master)


def _running(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie nobody reaped has stopped running)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_workers_leave_when_their_master_is_killed(tmp_path: Path) -> None:
    """A master killed outright (no stop to pass on) leaves no worker serving on: each looks for it every second."""
    with serving(tmp_path, "--workers", "2", "--admin-token", "t0ken") as (process, base, _stderr):
        admin = AdminClient(base, "t0ken")
        admin.create_delegation()
        workers = _both_workers(process.pid)
        process.kill()
        process.wait(timeout=5)
        assert _within(5, lambda: not any(_running(pid) for pid in workers)), "a worker went on without its master"


@pytest.mark.parametrize("worker_type", ["event-loop", "threads"])
def test_a_ctrl_c_stops_every_worker_at_once_and_quietly(tmp_path: Path, worker_type: str) -> None:
    """Ctrl-C reaches the terminal's whole process group: master and workers stop within a second, no log noise."""
    if worker_type == "event-loop" and not event_loop_available():
        _refused_without_bjoern(tmp_path)
        return
    with serving(tmp_path, "--workers", "2", "--worker-type", worker_type, own_group=True) as (
            process, base, stderr):
        workers = _both_workers(process.pid)
        # bjoern would take a Ctrl-C itself (stop accepting, stop looking at signals, serve on): an
        # event-loop worker keeps out of the terminal's group and hears of it from its master.
        # A fresh worker moves to its own group as it starts serving.
        assert _within(5, lambda: all((os.getpgid(pid) == process.pid) is (worker_type == "threads")
                                      for pid in workers))
        assert _exchange(http.client.HTTPConnection("127.0.0.1", int(base.rsplit(":", 1)[1]), timeout=10),
                         "GET", "/signup").status == 200
        sent = time.monotonic()
        os.killpg(process.pid, signal.SIGINT)
        code = process.wait(timeout=10)
        took = time.monotonic() - sent
        log = stderr.text()
    assert code == 0
    assert took < 1.0, f"{took:.2f}s"
    assert re.fullmatch(r"(.* INFO mock_portal GET /signup 200 \d+ms\n)*", log), log
