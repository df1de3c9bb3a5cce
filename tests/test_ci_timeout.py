"""The hang guard (issue 12): ``--timeout`` ends a scenario stuck on a slow page, and triage still writes its bundle.

CONTINUE's answer is held for two minutes (a ``slow`` fault injected from outside on a mock
started separately) and the browser would wait five: only the timeout ends the scenario
sooner. As in the suite's own settings, the timeout counts the scenario's steps alone, not
the browser's start (``timeout_func_only``): all of its 15 s are room for the steps before
CONTINUE on a loaded machine (10 s was not: at a load average of 25 the sign-up link alone
took longer).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mock_portal.server import start_portal
from tests.lean_runs import EVERY_ATTEMPT
from tests.triage_flow import project
from tools.admin_client import AdminClient

pytestmark = pytest.mark.real_browser

TOKEN = "ci-timeout-admin-token"
TIMEOUT_S = 15
HELD_S = 120


def test_timeout_ends_a_stuck_scenario_with_a_bundle_named_as_a_timeout(tmp_path: Path) -> None:
    project.make_project(tmp_path)
    with start_portal(port=0, db_path=tmp_path / "portal.sqlite3", admin_token=TOKEN) as running:
        AdminClient(running.base_url, TOKEN).inject_fault("signup", "slow", after=2, times=1, seconds=HELD_S)
        started = time.monotonic()
        code, output = project.run_pytest(
            tmp_path,
            *("-k", "none", "--timeout", str(TIMEOUT_S), "-o", "timeout_method=signal", "-o", "timeout_func_only=true"),
            *("--base-url", running.base_url, "--admin-token", TOKEN, *EVERY_ATTEMPT),
            env={"TRIAGE_FLOW_WAIT_MS": "300000"},
        )
        elapsed = time.monotonic() - started
    assert code == 1, output[-3000:]
    assert elapsed < HELD_S, f"the run took {elapsed:.0f} s"
    bundles = list((tmp_path / "reports" / "triage").glob("*/triage.json"))
    assert len(bundles) == 1, output[-3000:]
    document = json.loads(bundles[0].read_text(encoding="utf-8"))
    assert document["error"]["message"] == f"Timeout (>{float(TIMEOUT_S)}s) from pytest-timeout."
    assert document["gherkin_step"] == "And the CEC enters the delegation email's values and clicks CONTINUE"
    assert document["page"]["heading"] == "Create Your Account"
    assert (bundles[0].parent / "screenshot.png").exists()
