"""Flaky said aloud (issue 12): a one-shot portal fault plus ``--reruns 1`` is green and FLAKY everywhere.

The fault is injected from outside on a mock started separately (so the rerun meets a
well-behaved portal); the flow project runs against it in a subprocess. Two faults in a
row make the same scenario fail twice: then it is a failure, not flaky, and every attempt
keeps its own bundle.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mock_portal.server import start_portal
from tests.triage_flow import project
from tools.admin_client import AdminClient

pytestmark = pytest.mark.real_browser

TOKEN = "ci-flaky-admin-token"
BUNDLE = "the-portal-fails-with-none-on-none-after-0-requests"


def run_with_fault(path: Path, times: int) -> tuple[int, str]:
    """The outline's no-fault row, against a mock whose CONTINUE fails ``times`` times."""
    project.make_project(path)
    with start_portal(port=0, db_path=path / "portal.sqlite3", admin_token=TOKEN) as running:
        AdminClient(running.base_url, TOKEN).inject_fault("signup", "http-500", after=2, times=times)
        return project.run_pytest(
            path,
            *project.REPORT_OPTIONS,
            "-o",
            "junit_logging=system-out",
            "-k",
            "none",
            "--reruns",
            "1",
            "--base-url",
            running.base_url,
            "--admin-token",
            TOKEN,
        )


def junit_cases(path: Path) -> list[ET.Element]:
    return list(ET.parse(path / "reports" / "junit.xml").getroot().iter("testcase"))


def test_a_one_shot_fault_is_green_and_flaky_in_terminal_index_and_junit(tmp_path: Path) -> None:
    code, output = run_with_fault(tmp_path, times=1)
    assert code == 0, output[-3000:]
    assert "1 passed" in output
    assert "1 rerun" in output
    assert "FLAKY test_activation.py::" in output
    assert f"reports/triage/{BUNDLE}-attempt-1/" in output
    folder = tmp_path / "reports" / "triage" / f"{BUNDLE}-attempt-1"
    assert (folder / "screenshot.png").exists()
    assert (folder / "trace.zip").exists()
    assert "SYS-999" in (folder / "triage.json").read_text(encoding="utf-8")
    index = (tmp_path / "reports" / "triage" / "index.html").read_text(encoding="utf-8")
    assert "1 FLAKY" in index
    assert "<strong>FLAKY</strong>" in index
    cases = junit_cases(tmp_path)
    assert len(cases) == 1, "the failed attempt must not be a testcase of its own"
    properties = {p.get("name"): p.get("value") for p in cases[0].iter("property")}
    assert properties["flaky"] == "true"
    assert str(properties["guide_step"]).startswith("2: ")
    assert properties["triage_bundle"] == f"reports/triage/{BUNDLE}-attempt-1"
    assert cases[0].find("failure") is None
    out = cases[0].findtext("system-out") or ""
    assert f"[[ATTACHMENT|{folder / 'screenshot.png'}]]" in out
    assert f"[[ATTACHMENT|{folder / 'trace.zip'}]]" in out


def test_a_fault_that_stays_is_a_failure_with_a_bundle_per_attempt(tmp_path: Path) -> None:
    code, output = run_with_fault(tmp_path, times=2)
    assert code == 1, output[-3000:]
    assert "FLAKY" not in output
    folders = sorted(p.name for p in (tmp_path / "reports" / "triage").iterdir() if p.is_dir())
    assert folders == [f"{BUNDLE}-attempt-1", f"{BUNDLE}-attempt-2"]
    cases = junit_cases(tmp_path)
    assert len(cases) == 1
    assert cases[0].find("failure") is not None
    assert "flaky" not in {p.get("name") for p in cases[0].iter("property")}
    out = cases[0].findtext("system-out") or ""
    for name in ("screenshot.png", "filmstrip.png", "trace.zip"):
        assert f"[[ATTACHMENT|{tmp_path / 'reports' / 'triage' / (BUNDLE + '-attempt-2') / name}]]" in out
