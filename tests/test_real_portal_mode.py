"""Real-portal mode: a portal without the admin API, delegation data from a ticket.

The mock is started with its admin API off, standing in for a UAT portal. Scenarios that
need seeded records or faults must skip with a reason naming what they need, the rest
must pass, and the final Confirm must not be pressed without --allow-account-creation.
The two checks without --allow-account-creation read one run of both feature files against
one portal (one child pytest, one browser), made in a fixture: set-up is outside the
two-minute hang guard, which a run of both could come near on a loaded machine. The run
with --allow-account-creation, on a portal of its own, is made in the same fixture at the
same time: both mostly wait on their browsers.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from mock_portal.server import start_portal
from tests.conftest import PORTAL_HASH_COST, RunOnce
from tests.lean_runs import NO_TRACE_NO_FILMSTRIP

ROOT = Path(__file__).resolve().parent.parent
TICKET = ROOT / "tickets" / "clean-activation.toml"
FULL_ACTIVATION = "steps/test_full_activation.py"
ENTER_DELEGATION = "steps/test_02_enter_delegation.py"

pytestmark = pytest.mark.real_browser

#: Outcome (passed, failed, skipped) -> scenario node ids (a skip with its reason).
Outcomes = dict[str, list[str]]


def _run_suite(features: list[str], base_url: str, reports: Path, *extra: str) -> Outcomes:
    """Run the features' scenarios against ``base_url``; outcome -> scenario node ids (skips with reasons)."""
    junit = reports / "junit.xml"
    subprocess.run(
        [
            sys.executable, "-m", "pytest", *features, "-o", "addopts=", "-p", "no:cacheprovider", "-q",
            "--base-url", base_url, "--ticket", str(TICKET), "--junitxml", str(junit),
            "--triage-dir", str(reports / "triage"), "--output", str(reports / "playwright"), *NO_TRACE_NO_FILMSTRIP,
            *extra,
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
    )
    outcomes: Outcomes = {"passed": [], "failed": [], "skipped": []}
    for case in ET.parse(junit).getroot().iter("testcase"):
        name = f"{case.get('classname', '')}.{case.get('name', '')}"
        skipped = case.find("skipped")
        if skipped is not None:
            outcomes["skipped"].append(f"{name}: {skipped.get('message', '')}")
        elif case.find("failure") is not None or case.find("error") is not None:
            outcomes["failed"].append(name)
        else:
            outcomes["passed"].append(name)
    return outcomes


@dataclass(frozen=True)
class SharedRun:
    """The run of both feature files without the admin API: outcome -> scenarios, and the accounts made.

    ``allowed`` and ``allowed_accounts``: the full activation's run with --allow-account-creation.
    """

    outcomes: Outcomes
    accounts: int
    allowed: Outcomes
    allowed_accounts: int

    def of(self, feature: str) -> Outcomes:
        """The outcomes of one feature file's scenarios (junit's classname is the module's dotted path)."""
        module = feature.removesuffix(".py").replace("/", ".") + "."
        return {outcome: [n for n in names if n.startswith(module)] for outcome, names in self.outcomes.items()}


def _run_on_a_uat_portal(folder: Path, features: list[str], *extra: str) -> tuple[Outcomes, int]:
    """The features' outcomes on a fresh mock with no admin API (only the guide's example record), and its accounts.

    The mock hashes at the embedded mock's cost: what is tested is the suite on a portal
    without the admin API, not the stand-in's hashing.
    """
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "uat.sqlite3"
    with start_portal(port=0, db_path=db_path, admin_enabled=False, demo=True, hash_cost=PORTAL_HASH_COST) as running:
        outcomes = _run_suite(features, running.base_url, folder, *extra)
    return outcomes, _accounts(db_path)


@pytest.fixture(scope="module")
def without_admin_api(run_once: RunOnce) -> SharedRun:
    """Both feature files, and the full activation allowed to confirm, each on its own portal (made once)."""

    def run(folder: Path) -> dict[str, object]:
        with ThreadPoolExecutor(max_workers=1) as pool:
            allowed = pool.submit(
                _run_on_a_uat_portal, folder / "allowed", [FULL_ACTIVATION],
                "-k", "activates_the_delegation_code", "--allow-account-creation",
            )
            outcomes, accounts = _run_on_a_uat_portal(folder, [FULL_ACTIVATION, ENTER_DELEGATION])
            allowed_outcomes, allowed_accounts = allowed.result()
        return {
            "outcomes": outcomes, "accounts": accounts,
            "allowed": allowed_outcomes, "allowed_accounts": allowed_accounts,
        }

    result = run_once("real-portal-mode", run)[1]
    outcomes, accounts = result["outcomes"], result["accounts"]
    allowed, allowed_accounts = result["allowed"], result["allowed_accounts"]
    assert isinstance(outcomes, dict), result
    assert isinstance(allowed, dict), result
    assert isinstance(accounts, int), result
    assert isinstance(allowed_accounts, int), result
    return SharedRun(outcomes, accounts, allowed, allowed_accounts)


def _accounts(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0])


def test_without_admin_api_the_activations_stop_before_the_final_confirm_and_no_account_is_made(
    without_admin_api: SharedRun,
) -> None:
    outcomes = without_admin_api.of(FULL_ACTIVATION)
    assert outcomes["failed"] == []
    reasons = "\n".join(outcomes["skipped"])
    assert "refused to press the final Confirm" in reasons
    assert any("activates_the_delegation_code" in s and "final Confirm" in s for s in outcomes["skipped"]), reasons
    assert without_admin_api.accounts == 0


def test_without_admin_api_seeding_scenarios_skip_the_rest_pass_and_no_account_is_made(
    without_admin_api: SharedRun,
) -> None:
    outcomes = without_admin_api.of(ENTER_DELEGATION)
    assert outcomes["failed"] == []
    assert len(outcomes["passed"]) >= 5, outcomes
    assert "needs the mock portal's admin API to seed records" in "\n".join(outcomes["skipped"])
    assert without_admin_api.accounts == 0


def test_allow_account_creation_lets_the_full_activation_confirm(without_admin_api: SharedRun) -> None:
    outcomes = without_admin_api.allowed
    assert outcomes["failed"] == []
    # It logs in with the new account; only its last check, reading the account through the
    # mock's admin API, cannot run on a real portal.
    assert outcomes["passed"] == [], outcomes
    assert len(outcomes["skipped"]) == 1, outcomes
    assert "admin API" in outcomes["skipped"][0]
    assert "final Confirm" not in outcomes["skipped"][0]
    assert without_admin_api.allowed_accounts == 1
