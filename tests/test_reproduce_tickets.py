"""``eas-reproduce`` end to end: each example ticket gets the verdict and exit code it should."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cec.ticket import load_ticket
from tests.short_waits import ADDOPTS

ROOT = Path(__file__).resolve().parent.parent
TICKETS = ROOT / "tickets"

pytestmark = pytest.mark.real_browser


def _reproduce(ticket: Path, reports: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``eas-reproduce`` in a subprocess; its child pytest loads ``tests.short_waits``."""
    return subprocess.run(
        [sys.executable, "-m", "triage.reproduce", str(ticket), "--reports", str(reports), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **ADDOPTS},
    )


@pytest.mark.parametrize(
    ("ticket", "exit_code", "verdict", "detail"),
    [
        ("trailing-space-in-name", 0, "REPRODUCED at guide step 2 (", "CEE Business Legal Name: a space after"),
        ("nbsp-in-code", 0, "REPRODUCED at guide step 2 (", "U+00A0"),
        ("nbsp-inside-name", 0, "REPRODUCED at guide step 2 (", "CEE Business Legal Name: a non-breaking space"),
        ("code-already-used", 0, "REPRODUCED at guide step 2 (", "(DC-103)"),
        ("expired-code", 0, "REPRODUCED at guide step 2 (", "(DC-104)"),
        ("clean-activation", 1, "NOT REPRODUCED: the activation completed through guide step 9", "guide step 7"),
    ],
)
def test_example_ticket_verdict(ticket: str, exit_code: int, verdict: str, detail: str, tmp_path: Path) -> None:
    result = _reproduce(TICKETS / f"{ticket}.toml", tmp_path)
    assert result.returncode == exit_code, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].startswith(verdict), result.stdout
    assert detail in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    if exit_code == 0:
        bundles = list((tmp_path / ticket / "triage").glob("*/screenshot.png"))
        assert len(bundles) == 1
        document = json.loads((bundles[0].parent / "triage.json").read_text(encoding="utf-8"))
        on_file = load_ticket(TICKETS / f"{ticket}.toml").on_file
        assert document["delegation_email"] == {
            "delegation_code": on_file.code, "business_name": on_file.business_name, "cert_number": on_file.cert_number
        }
        assert f"--ticket {TICKETS / f'{ticket}.toml'}" in document["reproduce"]


def test_a_failure_at_another_step_is_different(tmp_path: Path) -> None:
    ticket = tmp_path / "wrong-step.toml"
    text = (TICKETS / "trailing-space-in-name.toml").read_text(encoding="utf-8")
    ticket.write_text(text.replace("guide_step = 2", "guide_step = 5"), encoding="utf-8")
    result = _reproduce(ticket, tmp_path / "reports")
    assert result.returncode == 1
    assert "DIFFERENT: failed at guide step 2 (" in result.stdout
    assert result.stdout.rstrip().splitlines()[1].endswith("the report said step 5")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('[entered]\ndelegation_code = "SJ5Nen"\nbusiness_name = "UAT"\n', "cert_number is missing"),
        ('[entered]\ndelegation_code = "SJ5Nen"\nbusiness_name = "UAT"\ncert_number = 500000142\n', "must be text"),
        ("this is not toml at all", "line 1: this line is not written as the ticket expects"),
    ],
    ids=["missing-key", "wrong-type", "not-toml"],
)
def test_a_malformed_ticket_exits_2_naming_the_problem(text: str, named: str, tmp_path: Path) -> None:
    ticket = tmp_path / "bad.toml"
    ticket.write_text(text, encoding="utf-8")
    result = _reproduce(ticket, tmp_path / "reports")
    assert result.returncode == 2
    assert named in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "reports").exists()


def test_a_dead_portal_could_not_run_and_keeps_the_earlier_evidence(tmp_path: Path) -> None:
    """Exit 3, the cause named, and the last real replay's evidence left where it was."""
    earlier = tmp_path / "nbsp-in-code" / "triage" / "earlier" / "triage.md"
    earlier.parent.mkdir(parents=True)
    earlier.write_text("the evidence EAS already sent", encoding="utf-8")
    result = _reproduce(TICKETS / "nbsp-in-code.toml", tmp_path, "--base-url", "http://127.0.0.1:9")
    assert result.returncode == 3, result.stdout + result.stderr
    assert "COULD NOT RUN the replay: nothing answers at http://127.0.0.1:9: connection refused" in result.stdout
    assert "U+00A0" in result.stdout
    assert "guide step" not in result.stdout.splitlines()[1]
    assert earlier.read_text(encoding="utf-8") == "the evidence EAS already sent"
