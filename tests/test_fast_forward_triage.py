"""A fast-forwarded scenario that fails is attributed as a walked one, and its bundle says it started late.

The real suite runs one guide-step-6 scenario against a separately started mock whose
Continue on *Username & Password* answers HTTP 500: once started there through the admin
API, once with ``--full-walk``. Both must blame guide step 6; only the first bundle names
the fast-forward, and its filmstrip starts on the page it started on. The fast-forwarded
run also holds a Log In scenario (the mock's Log In answering 500): one child pytest and one
browser for both fast-forwarded failures, each found by its own bundle. The walked run goes
at the same time, on a mock of its own: both mostly wait on their browsers.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from mock_portal.server import start_portal
from tests.conftest import PORTAL_ADMIN_TOKEN, PORTAL_HASH_COST, RunOnce
from tests.lean_runs import EVERY_ATTEMPT
from tools.admin_client import AdminClient

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = "steps/test_06_username_and_password.py::test_a_username_that_breaks_the_rules_cr402[cec.abc]"
#: A scenario about Log In, which starts past Confirm (the mock made the account).
LOG_IN_SCENARIO = "steps/test_accessibility.py::test_log_in_clean_and_with_li601"

pytestmark = pytest.mark.real_browser


def failing_run(reports: Path, faults: dict[str, str], *extra: str) -> dict[str, dict[str, Any]]:
    """Run each scenario (key) on a fresh mock with its page's (value) form answering 500; triage.json, by scenario.

    A document carries its triage.md as ``_md``. The faults count each page's own requests,
    so every scenario meets only its own.
    """
    reports.mkdir(parents=True, exist_ok=True)
    with start_portal(
        port=0, db_path=reports / "portal.sqlite3", admin_token=PORTAL_ADMIN_TOKEN, hash_cost=PORTAL_HASH_COST
    ) as portal:
        admin = AdminClient(portal.base_url, PORTAL_ADMIN_TOKEN)
        for fault_page in faults.values():
            admin.inject_fault(fault_page, "http-500", after=1)
        return documents_of(run_scenarios(portal.base_url, reports, faults, *extra), reports, faults)


def run_scenarios(base_url: str, reports: Path, faults: dict[str, str], *extra: str) -> str:
    """The scenarios in a child pytest against ``base_url``, which must fail; its output."""
    done = subprocess.run(
        [
            sys.executable, "-m", "pytest", *faults, "-o", "addopts=", "-p", "no:cacheprovider", "-q",
            "--base-url", base_url, "--admin-token", PORTAL_ADMIN_TOKEN,
            "--triage-dir", str(reports / "triage"), "--output", str(reports / "playwright"), *EVERY_ATTEMPT, *extra,
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    return done.stdout + done.stderr


def documents_of(output: str, reports: Path, faults: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Each failing scenario's triage.json (with its triage.md as ``_md``), by scenario: one per fault."""
    found = sorted((reports / "triage").rglob("triage.json"))
    assert len(found) == len(faults), output
    documents: dict[str, dict[str, Any]] = {}
    for path in found:
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        document["_md"] = (path.parent / "triage.md").read_text(encoding="utf-8")
        documents[document["nodeid"]] = document
    assert set(documents) == set(faults), output
    return documents


@pytest.fixture(scope="module")
def fast_forwarded(run_once: RunOnce) -> dict[str, Any]:
    """The guide-step-6 and the Log In scenario, fast-forwarded, failing in one run made once for all workers.

    Under ``walked``: the guide-step-6 scenario's document from the ``--full-walk`` run, made alongside.
    """

    def both(folder: Path) -> dict[str, object]:
        with ThreadPoolExecutor(max_workers=1) as pool:
            walked = pool.submit(failing_run, folder / "walked", {SCENARIO: "credentials"}, "--full-walk")
            fast = failing_run(folder, {SCENARIO: "credentials", LOG_IN_SCENARIO: "login"})
            return {**fast, "walked": walked.result()[SCENARIO]}

    return run_once("fast-forward-triage", both)[1]


def test_a_fast_forwarded_failure_is_blamed_on_its_guide_step_and_says_it_started_late(
    fast_forwarded: dict[str, Any],
) -> None:
    fast, walked = fast_forwarded[SCENARIO], fast_forwarded["walked"]
    assert fast["guide_step"]["number"] == walked["guide_step"]["number"] == 6
    assert fast["fast_forward"] == "Username & Password"
    assert walked["fast_forward"] == ""
    assert "Fast-forwarded: the scenario started on Username & Password" in fast["_md"]
    assert "Fast-forwarded" not in walked["_md"]
    assert "SYS-999" in fast["portal_codes"]
    assert len(fast["data_used"]) < len(walked["data_used"]), "the walk typed steps 2-5 too"


def test_a_scenario_started_past_confirm_is_blamed_on_log_in(fast_forwarded: dict[str, Any]) -> None:
    fast = fast_forwarded[LOG_IN_SCENARIO]
    assert fast["guide_step"]["number"] == 9
    assert fast["fast_forward"] == "Log In"
    assert "Fast-forwarded: the scenario started on Log In" in fast["_md"]
    assert "SYS-999" in fast["portal_codes"]
