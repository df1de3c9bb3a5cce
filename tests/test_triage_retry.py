"""``--triage-evidence on-first-retry`` (issue 11), the default on the mock: lean first attempts, one full retry.

One run of the flow project, against a mock started separately, with nothing but the
default evidence setting: its first scenario meets a one-shot fault injected from outside
(so its retry passes: green and FLAKY), its second injects CONTINUE's failure on every
attempt (two bundles: the first lean, the second today's full one), its third passes. A
spy plugin in the child run counts the filmstrip frames each attempt asked for. A second
run, on a mock without the admin API (real-portal mode), fails deterministically: one
attempt with everything recorded, never a retry.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

from mock_portal.server import start_portal
from tests.conftest import PORTAL_HASH_COST, RunOnce
from tests.triage_flow import project
from triage.bundle import FILMSTRIP, JSON, MARKDOWN, RAW, SCREENSHOT, TRACE
from triage.retry import LEAN_NOTE
from triage.schema import TriageJson

pytestmark = pytest.mark.real_browser

TOKEN = "triage-retry-admin-token"
ROOT = Path(__file__).resolve().parent.parent
TICKET = ROOT / "tickets" / "clean-activation.toml"
#: The outline's example that injects nothing: it meets the fault injected from outside, once.
ONE_SHOT = ("none-none-0", "the-portal-fails-with-none-on-none-after-0-requests")
#: The example that injects CONTINUE's failure itself, on each attempt.
STAYS = ("http-500-signup-2", "the-portal-fails-with-http-500-on-signup-after-2-requests")
PASTES = "the-cec-pastes-a-code-with-a-non-breaking-space"
#: Today's full bundle (every-attempt): these files, whatever else a failure adds.
FULL = {SCREENSHOT, RAW, FILMSTRIP, TRACE, JSON, MARKDOWN}

#: A plugin for the child run: how many filmstrip frames each attempt of each test asked for.
SHOTS_SPY = '''
import json
from pathlib import Path

from triage.frames import FrameCamera

SHOTS = {}
CURRENT = [""]
_shoot = FrameCamera.shoot


def _counted(self, *args, **kwargs):
    SHOTS[CURRENT[0]] = SHOTS.get(CURRENT[0], 0) + 1
    return _shoot(self, *args, **kwargs)


FrameCamera.shoot = _counted


def pytest_runtest_setup(item):
    CURRENT[0] = f"{item.nodeid}#{getattr(item, 'execution_count', 0)}"
    SHOTS.setdefault(CURRENT[0], 0)


def pytest_sessionfinish(session):
    Path("shots.json").write_text(json.dumps(SHOTS), encoding="utf-8")
'''


def run_on_first_retry(path: Path) -> dict[str, object]:
    """The three scenarios in one run (in this order, no xdist), CONTINUE failing once from outside first."""
    (path / "shots_spy.py").write_text(SHOTS_SPY, encoding="utf-8")
    code, output = project.run_after_a_one_shot_fault(
        path,
        [project.fault_row("none", "none", 0), project.fault_row("http-500", "signup", 2)],
        *("-o", "junit_logging=system-out", "-k", "fails or activates", "-p", "shots_spy"),
        token=TOKEN,
    )
    return {"code": code, "output": output}


def run_on_a_real_portal(path: Path) -> dict[str, object]:
    """The pasted code's scenario (it fails at guide step 2 every time) on a portal without the admin API."""
    project.make_project(path)
    ticket = path / TICKET.name  # inside the project: a path outside it would move pytest's rootdir
    ticket.write_bytes(TICKET.read_bytes())
    with start_portal(
        port=0, db_path=path / "portal.sqlite3", admin_enabled=False, demo=True, hash_cost=PORTAL_HASH_COST
    ) as running:
        code, output = project.run_pytest(
            path, *project.REPORT_OPTIONS, "-k", "pastes", "--base-url", running.base_url, "--ticket", ticket.name
        )
    return {"code": code, "output": output}


@pytest.fixture(scope="module")
def retry_run(run_once: RunOnce) -> tuple[Path, int, str]:
    """The on-first-retry run's folder, exit code and output, made once for all xdist workers."""
    path, result = run_once("triage-retry", run_on_first_retry)
    return path, int(str(result["code"])), str(result["output"])


def folders(path: Path, bundle: str) -> list[str]:
    """The bundle folders of one scenario, sorted."""
    triage = path / "reports" / "triage"
    return sorted(p.name for p in triage.iterdir() if p.is_dir() and p.name.startswith(bundle))


def files(folder: Path) -> set[str]:
    """The file names a bundle holds."""
    return {p.name for p in folder.iterdir()}


def document(folder: Path) -> dict[str, Any]:
    """A bundle's triage.json."""
    loaded: dict[str, Any] = json.loads((folder / JSON).read_text(encoding="utf-8"))
    return loaded


def junit_case(path: Path, example: str) -> ET.Element:
    """The one testcase of ``example``."""
    cases = ET.parse(path / "reports" / "junit.xml").getroot().iter("testcase")
    [case] = [case for case in cases if f"[{example}]" in str(case.get("name"))]
    return case


def assert_lean(folder: Path) -> None:
    """A first attempt's bundle: the failing step's annotated screenshot and triage.json; no filmstrip, no trace."""
    assert {SCREENSHOT, RAW, JSON, MARKDOWN} <= files(folder)
    assert not {FILMSTRIP, TRACE} & files(folder), files(folder)
    assert LEAN_NOTE in document(folder)["not_captured"]
    assert "filmstrip and trace are recorded on the retry" in (folder / MARKDOWN).read_text(encoding="utf-8")


def test_a_scenario_failing_twice_leaves_a_lean_bundle_then_todays_full_one(retry_run: tuple[Path, int, str]) -> None:
    path, code, output = retry_run
    example, bundle = STAYS
    assert code == 1, output[-3000:]
    assert folders(path, bundle) == [f"{bundle}-attempt-1", f"{bundle}-attempt-2"], output[-3000:]
    triage = path / "reports" / "triage"
    first, second = triage / f"{bundle}-attempt-1", triage / f"{bundle}-attempt-2"
    assert_lean(first)
    assert files(second) >= FULL, files(second)
    full = document(second)
    assert set(full) == set(TriageJson.__annotations__), "the retry's triage.json has today's keys"
    assert LEAN_NOTE not in full["not_captured"]
    for attempt in (document(first), full):
        assert attempt["guide_step"]["number"] == 2
        assert attempt["gherkin_step"] == "And the CEC enters the delegation email's values and clicks CONTINUE"
    with zipfile.ZipFile(second / TRACE) as archive:
        events = [json.loads(line) for line in archive.read("trace.trace").splitlines()]
    groups = [event.get("title") for event in events if event.get("method") == "tracingGroup"]
    assert "When the CEC opens the sign-up link" in groups
    case = junit_case(path, example)
    assert case.find("failure") is not None
    assert "flaky" not in {p.get("name") for p in case.iter("property")}
    index = (triage / "index.html").read_text(encoding="utf-8")
    assert "(filmstrip and trace: recorded on the retry)" in index


def test_a_scenario_failing_only_on_its_first_attempt_is_green_and_flaky(retry_run: tuple[Path, int, str]) -> None:
    path, code, output = retry_run
    example, bundle = ONE_SHOT
    assert code == 1, output[-3000:]  # the scenario that fails twice
    last = output.rstrip().splitlines()[-1]
    assert re.search(r"\b1 failed, 2 passed\b", last), output[-3000:]
    assert re.search(r"\b2 rerun\b", last), last  # this scenario once, the failing one once
    assert any(line.startswith("FLAKY test_activation.py::") and example in line for line in output.splitlines())
    assert folders(path, bundle) == [f"{bundle}-attempt-1"], "the retry passed: it leaves no bundle"
    assert_lean(path / "reports" / "triage" / f"{bundle}-attempt-1")
    case = junit_case(path, example)
    properties = {p.get("name"): p.get("value") for p in case.iter("property")}
    assert properties["flaky"] == "true"
    assert properties["triage_bundle"] == f"reports/triage/{bundle}-attempt-1"
    assert case.find("failure") is None
    assert "<strong>FLAKY</strong>" in (path / "reports" / "triage" / "index.html").read_text(encoding="utf-8")


def test_first_attempts_take_no_filmstrip_frames_and_retries_do(retry_run: tuple[Path, int, str]) -> None:
    path = retry_run[0]
    shots: dict[str, int] = json.loads((path / "shots.json").read_text(encoding="utf-8"))
    first = {attempt: count for attempt, count in shots.items() if attempt.endswith("#1")}
    assert len(first) == 3, shots
    assert not any(first.values()), f"a first attempt shot filmstrip frames: {shots}"
    retries = {attempt: count for attempt, count in shots.items() if attempt.endswith("#2")}
    assert len(retries) == 2, shots
    assert all(retries.values()), f"the spy saw no retry's frames: {shots}"


def test_real_portal_mode_never_retries_and_records_everything(run_once: RunOnce) -> None:
    path, result = run_once("triage-retry-real-portal", run_on_a_real_portal)
    output = str(result["output"])
    assert result["code"] == 1, output[-3000:]
    last = output.rstrip().splitlines()[-1]
    assert re.search(r"\b1 failed\b", last), last
    assert "rerun" not in last, last
    assert folders(path, PASTES) == [PASTES], output[-3000:]
    folder = path / "reports" / "triage" / PASTES
    assert files(folder) >= FULL, files(folder)
    assert LEAN_NOTE not in document(folder)["not_captured"]
