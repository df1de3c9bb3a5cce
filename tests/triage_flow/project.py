"""Write the flow into a temporary project and run pytest there (shared by the bench and the e2e tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Final

from fixtures.portal import EMBEDDED_HASH_COST
from mock_portal.server import start_portal
from tools.admin_client import AdminClient

FLOW: Final = Path(__file__).resolve().parent
ROOT: Final = FLOW.parents[1]
#: The fault outline's placeholder example; replaced by the rows a run needs.
EXAMPLE_ROW: Final = "      | none | none | 0     |"
#: What make_project writes (everything else in the folder was written by the run).
SOURCES: Final = frozenset({"conftest.py", "test_activation.py", "features", "pytest-output.txt"})
REPORT_OPTIONS: Final = (
    "--html=reports/report.html",
    "--self-contained-html",
    "--junitxml=reports/junit.xml",
    "--cucumberjson=reports/cucumber.json",
    "--output=reports/playwright",
    "-o",
    "junit_family=xunit2",
)


def fault_row(kind: str, page: str, after: int) -> str:
    """One example of the fault outline."""
    return f"      | {kind} | {page} | {after} |"


def make_project(path: Path, rows: list[str] | None = None) -> Path:
    """Write conftest, feature and steps into ``path``; ``rows`` are the fault outline's examples."""
    (path / "features").mkdir(parents=True, exist_ok=True)
    (path / "conftest.py").write_text((FLOW / "flow_conftest.py").read_text(encoding="utf-8"), encoding="utf-8")
    steps = (FLOW / "activation_steps.py").read_text(encoding="utf-8")
    (path / "test_activation.py").write_text(steps, encoding="utf-8")
    feature = (FLOW / "activation.feature").read_text(encoding="utf-8")
    (path / "features" / "activation.feature").write_text(
        feature.replace(EXAMPLE_ROW, "\n".join(rows or [EXAMPLE_ROW])), encoding="utf-8"
    )
    return path


def pytest_command(*args: str, env: dict[str, str] | None = None) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of a run in a temporary project (no cache, no outer addopts)."""
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rf", *args]
    return command, {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}


def run_pytest(path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run pytest in ``path`` in a subprocess (like pytester's runpytest_subprocess); return code and output."""
    command, environment = pytest_command(*args, env=env)
    done = subprocess.run(command, cwd=path, env=environment, capture_output=True, text=True, timeout=1800)
    return done.returncode, done.stdout + done.stderr


def run_after_a_one_shot_fault(path: Path, rows: list[str], *args: str, token: str) -> tuple[int, str]:
    """The flow's ``rows`` against a mock started separately, whose CONTINUE fails once (injected from outside).

    The first scenario to press CONTINUE meets the fault; its rerun, and every other scenario,
    a well-behaved portal: the way to a flaky scenario (issue 12's ``--reruns``, issue 11's retry).
    """
    make_project(path, rows)
    with start_portal(port=0, db_path=path / "portal.sqlite3", admin_token=token, hash_cost=EMBEDDED_HASH_COST) as mock:
        AdminClient(mock.base_url, token).inject_fault("signup", "http-500", after=2, times=1)
        return run_pytest(path, *REPORT_OPTIONS, *args, "--base-url", mock.base_url, "--admin-token", token)
