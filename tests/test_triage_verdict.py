"""Whose failure: the CEC's flow at a guide step, or the machinery's ("environment") — issue 10."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from mock_portal.server import RunningPortal
from tests.lean_runs import EVERY_ATTEMPT
from triage.verdict import environment_cause

ROOT = Path(__file__).resolve().parent.parent


def test_a_browser_that_cannot_start_is_the_machinery() -> None:
    cause = environment_cause(
        "Error", "BrowserType.launch: Failed to launch chromium\n=== logs ===", phase="setup", acted=False,
        portal_url="",
    )
    assert cause == "the browser could not start: BrowserType.launch: Failed to launch chromium"


def test_a_set_up_failure_before_anything_happened_is_the_machinery() -> None:
    cause = environment_cause("AdminApiError", "nothing answers at http://x", phase="setup", acted=False, portal_url="")
    assert cause == "the scenario could not be set up: AdminApiError: nothing answers at http://x"


def test_a_portal_that_stopped_answering_is_the_machinery(free_port: int) -> None:
    url = f"http://127.0.0.1:{free_port}"
    cause = environment_cause("AssertionError", "heading not visible", phase="call", acted=True, portal_url=url)
    assert cause == f"the portal stopped answering during the run (nothing answers at {url}: connection refused)"


def test_a_portal_error_the_cec_sees_is_the_cec_s_step(portal_server: RunningPortal) -> None:
    cause = environment_cause(
        "AssertionError", "DC-102 shown", phase="call", acted=True, portal_url=portal_server.base_url
    )
    assert cause is None


def test_a_browser_that_cannot_start_gives_an_environment_bundle_not_guide_step_1(tmp_path: Path) -> None:
    """CEC_BROWSER_PATH names a program that is not a browser: it exists, but cannot be launched."""
    fake = tmp_path / "not-a-browser"
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    junit = tmp_path / "junit.xml"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "steps/test_full_activation.py", "-o", "addopts=", "-p", "no:cacheprovider",
         "-q", "--triage-dir", str(tmp_path / "triage"), "--junitxml", str(junit), "--triage-trace", "off",
         *EVERY_ATTEMPT],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "CEC_BROWSER_PATH": str(fake)},
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    bundles = sorted((tmp_path / "triage").glob("*/triage.json"))
    assert bundles, output
    for bundle in bundles:
        document = json.loads(bundle.read_text(encoding="utf-8"))
        assert document["kind"] == "environment"
        assert document["guide_step"] is None
        assert document["cause"].startswith("the browser could not start")
        markdown = (bundle.parent / "triage.md").read_text(encoding="utf-8")
        assert markdown.startswith("# The test could not run: the browser could not start")
        assert "guide step 1" not in markdown.lower()
    assert "EAS triage: The test could not run: the browser could not start" in result.stdout
    properties = {p.get("name"): p.get("value") for p in ET.parse(junit).getroot().iter("property")}
    assert properties["triage_kind"] == "environment"
    assert str(properties["guide_step"]).startswith("The test could not run:")
