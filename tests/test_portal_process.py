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
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"Sign-up link: (http://127\.0\.0\.1:\d+)/")


@pytest.mark.parametrize("argv", [
    ["--port", "99999"], ["--port", "-1"], ["--port", "http"],
    ["--session-timeout", "-5"], ["--session-timeout", "0"], ["--session-timeout", "nan"],
    ["--session-timeout", "inf"], ["--session-timeout", "soon"],
])
def test_nonsense_options_are_usage_errors(argv: list[str], tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mock_portal", *argv, "--db", str(tmp_path / "p.sqlite3")],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 2
    assert "usage: python -m mock_portal" in done.stderr
    assert argv[0] in done.stderr
    assert "Traceback" not in done.stderr


@contextmanager
def serving(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """The portal in its own process, on a temporary database in a private temp directory."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_portal", "--port", "0", "--demo"], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        base = ""
        for line in process.stdout:
            found = LINK.search(line)
            if found:
                base = found.group(1)
                break
        assert base, "the portal printed no sign-up link"
        yield process, base
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
    with serving(tmp_path) as (process, base):
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
    with serving(tmp_path) as (process, _):
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=1) == 0
        assert process.stderr is not None
        assert "Traceback" not in process.stderr.read()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_path_cannot_forge_a_log_line(tmp_path: Path) -> None:
    forged = "%0A2026-01-01 00:00:00,000 ERROR mock_portal SYS-999 ref=FORGED%0D%1B[31m".replace(" ", "%20")
    with serving(tmp_path) as (process, base):
        for path in (f"/nothing{forged}", f"/signup{forged}"):
            with pytest.raises(urllib.error.HTTPError):
                urllib.request.urlopen(f"{base}{path}", timeout=5)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=5)
        assert process.stderr is not None
        log = process.stderr.read()
    lines = log.splitlines()
    assert not any("ref=FORGED" in line and not line.startswith(tuple("0123456789")) for line in lines)
    assert not any(line.startswith("2026-01-01") for line in lines)
    forged_lines = [line for line in lines if "FORGED" in line]
    assert len(forged_lines) == 2
    assert all("GET /nothing\\n2026" in line or "GET /signup\\n2026" in line for line in forged_lines)
    assert not any("\x1b" in line or "\r" in line for line in lines)
