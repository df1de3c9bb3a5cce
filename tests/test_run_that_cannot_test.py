"""A run that cannot test fails at start and says why (issue 10): never green, never skipped.

Each case runs the smoke scenario against a portal that cannot be tested: nothing
listening, a server that accepts and never answers, a mock that refuses the token, and
real-portal mode (no token) with nothing listening. Each must exit non-zero before any
scenario, naming the cause; the subprocess timeout bounds how long that may take. Every
run selects the smoke scenario alone (``-m smoke``): the control needs one scenario to
show the same command tests and passes, and the others stop before any.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mock_portal.server import RunningPortal
from tests.lean_runs import NO_TRACE_NO_FILMSTRIP

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers a byte."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def _run(tmp_path: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "steps/test_full_activation.py", "-o", "addopts=", "-p", "no:cacheprovider",
         "-q", "-m", "smoke", "--triage-dir", str(tmp_path / "triage"), *NO_TRACE_NO_FILMSTRIP, *args],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False,
    )


def _says_it_could_not_run(result: subprocess.CompletedProcess[str], cause: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "The test could not run:" in output
    assert cause in output
    assert "passed" not in output
    assert "skipped" not in output
    assert "guide step 1" not in output.lower()
    assert "Traceback" not in output


def test_nothing_listening_with_a_token(tmp_path: Path, free_port: int) -> None:
    url = f"http://127.0.0.1:{free_port}"
    _says_it_could_not_run(_run(tmp_path, "--base-url", url, "--admin-token", "T"), "connection refused")


def test_nothing_listening_in_real_portal_mode(tmp_path: Path, free_port: int) -> None:
    url = f"http://127.0.0.1:{free_port}"
    _says_it_could_not_run(_run(tmp_path, "--base-url", url), f"nothing answers at {url}")


def test_a_server_that_never_answers(tmp_path: Path, silent_server: str) -> None:
    _says_it_could_not_run(_run(tmp_path, "--base-url", silent_server, "--admin-token", "T"), "no answer in time")


def test_a_refused_admin_token(tmp_path: Path, portal_server: RunningPortal) -> None:
    result = _run(tmp_path, "--base-url", portal_server.base_url, "--admin-token", "not-the-token")
    _says_it_could_not_run(result, "refused the admin token")


def test_the_right_token_runs(tmp_path: Path, portal_server: RunningPortal) -> None:
    """The control: the same command with the right token tests, and passes."""
    token = portal_server.admin_token
    result = _run(tmp_path, "--base-url", portal_server.base_url, "--admin-token", token, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b1 passed", result.stdout)
    assert "failed" not in result.stdout
