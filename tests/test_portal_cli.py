"""``python -m mock_portal --demo --port 0`` serves the example record and prints where."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from mock_portal.testing import EXAMPLE_DELEGATION

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def portal_process(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MOCK_ADMIN_TOKEN": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_portal", "--demo", "--port", "0", "--db", str(tmp_path / "cli.sqlite3")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    printed: dict[str, str] = {}
    try:
        assert process.stdout is not None
        for line in process.stdout:
            key, _, value = line.partition(": ")
            printed[key.strip()] = value.strip()
            if key.startswith("Demo record") or len(printed) > 10:
                break
        yield process, printed
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_demo_prints_a_working_signup_link_and_admin_token(
    portal_process: tuple[subprocess.Popen[str], dict[str, str]],
) -> None:
    _, printed = portal_process
    signup_url = printed["Sign-up link"]
    token = printed["Admin token"]
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/apspahbx/ahbxanonym\.portal\?_nfpb=true&.*assisterAccount",
                        signup_url)
    assert token
    with urllib.request.urlopen(signup_url, timeout=10) as response:
        assert response.status == 200
        assert "<h1>Create Your Account</h1>" in response.read().decode()
    base = signup_url.split("/apspahbx")[0]
    request = urllib.request.Request(f"{base}/__mock__/delegations/SJ5Nen", headers={"X-Mock-Admin-Token": token})
    with urllib.request.urlopen(request, timeout=10) as response:
        record = json.loads(response.read())
    assert record["code"] == EXAMPLE_DELEGATION["delegation_code"]
    assert record["business_name"] == EXAMPLE_DELEGATION["business_name"]
    assert record["cert_number"] == EXAMPLE_DELEGATION["cert_number"]
    assert record["status"] == "issued"


def test_a_port_in_use_is_a_plain_message_not_a_traceback(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "mock_portal", "--port", str(port), "--db", str(tmp_path / "cli.sqlite3")],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=30,
        )
    assert done.returncode == 1
    assert f"Port {port} is in use by another program." in done.stderr
    assert "Traceback" not in done.stderr
