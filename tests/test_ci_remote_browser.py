"""Remote browsers (issue 12): a scenario runs on a local ``playwright run-server`` (loopback only)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lean_runs import NO_TRACE_NO_FILMSTRIP
from tests.triage_flow import project

pytestmark = pytest.mark.real_browser


@pytest.fixture
def browser_server(free_port: int) -> Iterator[str]:
    """``playwright run-server`` on 127.0.0.1; its ws:// address once it listens."""
    playwright = Path(sys.executable).with_name("playwright")
    command = [str(playwright), "run-server", "--host", "127.0.0.1", "--port", str(free_port), "--unsafe"]
    # Its own process group: `playwright` is a wrapper whose node driver would outlive a plain terminate().
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        match = re.search(r"ws://\S+", line)
        assert match, f"run-server did not start: {line}"
        yield match.group(0)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def test_a_scenario_runs_on_a_playwright_browser_server(tmp_path: Path, browser_server: str) -> None:
    project.make_project(tmp_path)
    system = shutil.which("chromium") or "/usr/bin/chromium"
    launch = ["--connect-launch-options", json.dumps({"executablePath": system})] if os.path.exists(system) else []
    code, output = project.run_pytest(
        tmp_path, "-v", "-k", "activates", "--connect", browser_server, *launch, *NO_TRACE_NO_FILMSTRIP
    )
    assert code == 0, output[-3000:]
    assert f"browser: remote chromium on the Playwright browser server at {browser_server}" in output
    assert "1 passed" in output


def test_an_endpoint_from_the_environment_that_does_not_answer_fails_the_run(tmp_path: Path, free_port: int) -> None:
    project.make_project(tmp_path)
    endpoint = f"ws://127.0.0.1:{free_port}/"
    code, output = project.run_pytest(
        tmp_path, "-v", "-k", "activates", env={"PW_TEST_CONNECT_WS_ENDPOINT": endpoint}
    )
    assert code != 0
    assert f"browser: remote chromium on the Playwright browser server at {endpoint}" in output
    assert "passed" not in output.splitlines()[-1]
