"""A fast-forwarded scenario that fails is attributed as a walked one, and its bundle says it started late.

The real suite runs one guide-step-6 scenario against a separately started mock whose
Continue on *Username & Password* answers HTTP 500: once started there through the admin
API, once with ``--full-walk``. Both must blame guide step 6; only the first bundle names
the fast-forward, and its filmstrip starts on the page it started on.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mock_portal.server import RunningPortal, start_portal
from tests.conftest import PORTAL_ADMIN_TOKEN
from tools.admin_client import AdminClient

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = "steps/test_06_username_and_password.py::test_a_username_that_breaks_the_rules_cr402[cec.abc]"
#: A scenario about Log In, which starts past Confirm (the mock made the account).
LOG_IN_SCENARIO = "steps/test_accessibility.py::test_log_in_clean_and_with_li601"

pytestmark = pytest.mark.real_browser


@pytest.fixture(scope="module")
def shared_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPortal]:
    """One mock for both runs (each run seeds its own record)."""
    db_path = tmp_path_factory.mktemp("ff") / "portal.sqlite3"
    with start_portal(port=0, db_path=db_path, admin_token=PORTAL_ADMIN_TOKEN) as running:
        yield running


def failing_run(
    portal: RunningPortal, reports: Path, *extra: str, scenario: str = SCENARIO, fault_page: str = "credentials"
) -> dict[str, Any]:
    """Run the scenario with its page's form answering 500; return its triage.json (and triage.md as ``_md``)."""
    admin = AdminClient(portal.base_url, PORTAL_ADMIN_TOKEN)
    admin.clear_faults()
    admin.inject_fault(fault_page, "http-500", after=1)
    done = subprocess.run(
        [
            sys.executable, "-m", "pytest", scenario, "-o", "addopts=", "-p", "no:cacheprovider", "-q",
            "--base-url", portal.base_url, "--admin-token", PORTAL_ADMIN_TOKEN,
            "--triage-dir", str(reports / "triage"), "--output", str(reports / "playwright"), *extra,
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    found = sorted((reports / "triage").rglob("triage.json"))
    assert len(found) == 1, done.stdout + done.stderr
    document: dict[str, Any] = json.loads(found[0].read_text(encoding="utf-8"))
    document["_md"] = (found[0].parent / "triage.md").read_text(encoding="utf-8")
    return document


def test_a_fast_forwarded_failure_is_blamed_on_its_guide_step_and_says_it_started_late(
    shared_portal: RunningPortal, tmp_path: Path
) -> None:
    fast = failing_run(shared_portal, tmp_path / "fast")
    walked = failing_run(shared_portal, tmp_path / "walked", "--full-walk")
    assert fast["guide_step"]["number"] == walked["guide_step"]["number"] == 6
    assert fast["fast_forward"] == "Username & Password"
    assert walked["fast_forward"] == ""
    assert "Fast-forwarded: the scenario started on Username & Password" in fast["_md"]
    assert "Fast-forwarded" not in walked["_md"]
    assert "SYS-999" in fast["portal_codes"]
    assert len(fast["data_used"]) < len(walked["data_used"]), "the walk typed steps 2-5 too"


def test_a_scenario_started_past_confirm_is_blamed_on_log_in(shared_portal: RunningPortal, tmp_path: Path) -> None:
    fast = failing_run(shared_portal, tmp_path / "fast", scenario=LOG_IN_SCENARIO, fault_page="login")
    assert fast["guide_step"]["number"] == 9
    assert fast["fast_forward"] == "Log In"
    assert "Fast-forwarded: the scenario started on Log In" in fast["_md"]
    assert "SYS-999" in fast["portal_codes"]
