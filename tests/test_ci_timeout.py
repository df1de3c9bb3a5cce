"""The hang guard (issue 12): ``--timeout`` ends a scenario stuck on a slow page, and triage still writes its bundle."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.triage_flow import project

pytestmark = pytest.mark.real_browser


def test_timeout_ends_a_stuck_scenario_with_a_bundle_named_as_a_timeout(tmp_path: Path) -> None:
    # CONTINUE's answer takes 8 s and the browser would wait 60 s for it: only the timeout ends it sooner.
    project.make_project(tmp_path, [project.fault_row("slow", "signup", 2)])
    started = time.monotonic()
    code, output = project.run_pytest(
        tmp_path, "-k", "slow", "--timeout", "3", "-o", "timeout_method=signal", env={"TRIAGE_FLOW_WAIT_MS": "60000"}
    )
    elapsed = time.monotonic() - started
    assert code == 1, output[-3000:]
    assert elapsed < 45, f"the run took {elapsed:.0f} s"
    bundles = list((tmp_path / "reports" / "triage").glob("*/triage.json"))
    assert len(bundles) == 1, output[-3000:]
    document = json.loads(bundles[0].read_text(encoding="utf-8"))
    assert "Timeout" in document["error"]["message"]
    assert document["gherkin_step"] == "And the CEC enters the delegation email's values and clicks CONTINUE"
    assert document["page"]["heading"] == "Create Your Account"
    assert (bundles[0].parent / "screenshot.png").exists()
