"""Flaky said aloud (issue 12): a one-shot portal fault plus ``--reruns 1`` is green and FLAKY everywhere.

One run of the flow project, against a mock started separately, serves both tests. Its first
scenario meets a one-shot fault injected from outside (so its rerun meets a well-behaved
portal): green and FLAKY. Its second injects the fault itself, again on every attempt, so it
fails twice: a failure, not flaky, and every attempt keeps its own bundle. Each scenario is
checked on its own, by its testcase, its bundles and the lines that name it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import RunOnce
from tests.lean_runs import EVERY_ATTEMPT
from tests.triage_flow import project

pytestmark = pytest.mark.real_browser

TOKEN = "ci-flaky-admin-token"
#: The outline's example that injects nothing: it meets the fault injected from outside, once.
ONE_SHOT = ("none-none-0", "the-portal-fails-with-none-on-none-after-0-requests")
#: The example that injects CONTINUE's failure itself, on each attempt.
STAYS = ("http-500-signup-2", "the-portal-fails-with-http-500-on-signup-after-2-requests")


def run_with_faults(path: Path) -> dict[str, object]:
    """Both examples in one run (in this order, no xdist), with CONTINUE failing once from outside first."""
    code, output = project.run_after_a_one_shot_fault(
        path,
        [project.fault_row("none", "none", 0), project.fault_row("http-500", "signup", 2)],
        *("-o", "junit_logging=system-out", "-k", "fails", "--reruns", "1", *EVERY_ATTEMPT),
        token=TOKEN,
    )
    return {"code": code, "output": output}


@pytest.fixture(scope="module")
def flaky_run(run_once: RunOnce) -> tuple[Path, int, str]:
    """The run's folder, exit code and output, made once for all xdist workers."""
    path, result = run_once("ci-flaky", run_with_faults)
    return path, int(str(result["code"])), str(result["output"])


def junit_case(path: Path, example: str) -> ET.Element:
    """The one testcase of ``example`` (the failed attempts must not be testcases of their own)."""
    cases = list(ET.parse(path / "reports" / "junit.xml").getroot().iter("testcase"))
    assert len(cases) == 2, "the failed attempts must not be testcases of their own"
    [case] = [case for case in cases if f"[{example}]" in str(case.get("name"))]
    return case


def test_a_one_shot_fault_is_green_and_flaky_in_terminal_index_and_junit(flaky_run: tuple[Path, int, str]) -> None:
    path, code, output = flaky_run
    example, bundle = ONE_SHOT
    assert code == 1, output[-3000:]  # the other scenario's failure
    last = output.rstrip().splitlines()[-1]
    assert re.search(r"\b1 failed, 1 passed\b", last), output[-3000:]
    assert re.search(r"\b2 rerun\b", last), last  # this scenario once, the other once
    assert any(line.startswith("FLAKY test_activation.py::") and example in line for line in output.splitlines())
    assert f"reports/triage/{bundle}-attempt-1/" in output
    triage = path / "reports" / "triage"
    assert not (triage / f"{bundle}-attempt-2").exists(), "the rerun passed: it leaves no bundle"
    folder = triage / f"{bundle}-attempt-1"
    assert (folder / "screenshot.png").exists()
    assert (folder / "trace.zip").exists()
    assert "SYS-999" in (folder / "triage.json").read_text(encoding="utf-8")
    index = (triage / "index.html").read_text(encoding="utf-8")
    assert "1 FLAKY" in index
    assert "<strong>FLAKY</strong>" in index
    case = junit_case(path, example)
    properties = {p.get("name"): p.get("value") for p in case.iter("property")}
    assert properties["flaky"] == "true"
    assert str(properties["guide_step"]).startswith("2: ")
    assert properties["triage_bundle"] == f"reports/triage/{bundle}-attempt-1"
    assert case.find("failure") is None
    out = case.findtext("system-out") or ""
    assert f"[[ATTACHMENT|{folder / 'screenshot.png'}]]" in out
    assert f"[[ATTACHMENT|{folder / 'trace.zip'}]]" in out


def test_a_fault_that_stays_is_a_failure_with_a_bundle_per_attempt(flaky_run: tuple[Path, int, str]) -> None:
    path, code, output = flaky_run
    example, bundle = STAYS
    assert code == 1, output[-3000:]
    assert not [line for line in output.splitlines() if "FLAKY" in line and (example in line or bundle in line)]
    triage = path / "reports" / "triage"
    folders = sorted(p.name for p in triage.iterdir() if p.is_dir() and p.name.startswith(bundle))
    assert folders == [f"{bundle}-attempt-1", f"{bundle}-attempt-2"]
    case = junit_case(path, example)
    assert case.find("failure") is not None
    assert "flaky" not in {p.get("name") for p in case.iter("property")}
    out = case.findtext("system-out") or ""
    for name in ("screenshot.png", "filmstrip.png", "trace.zip"):
        assert f"[[ATTACHMENT|{triage / (bundle + '-attempt-2') / name}]]" in out
