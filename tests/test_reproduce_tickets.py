"""``eas-reproduce`` end to end: each example ticket gets the verdict and exit code it should.

The tickets share invocations (issue 11: a child run per ticket was this module's cost):
``eas-reproduce`` replays several tickets in one child pytest run, one browser, one portal,
and its exit code is the highest of theirs. So the tickets that must reproduce (exit 0)
share one invocation, which exits 0 only if every one of them did, and those that must not
(exit 1) share another; each test reads its own ticket's block of the output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cec.ticket import load_ticket
from tests.conftest import RunOnce
from tests.short_waits import ADDOPTS
from triage.replay_run import batches

ROOT = Path(__file__).resolve().parent.parent
TICKETS = ROOT / "tickets"

pytestmark = pytest.mark.real_browser

#: (ticket, exit code, verdict line's start, a detail the output must hold), per example ticket.
EXAMPLES = [
    ("trailing-space-in-name", 0, "REPRODUCED at guide step 2 (", "CEE Business Legal Name: a space after"),
    ("nbsp-in-code", 0, "REPRODUCED at guide step 2 (", "U+00A0"),
    ("nbsp-inside-name", 0, "REPRODUCED at guide step 2 (", "CEE Business Legal Name: a non-breaking space"),
    ("code-already-used", 0, "REPRODUCED at guide step 2 (", "(DC-103)"),
    ("expired-code", 0, "REPRODUCED at guide step 2 (", "(DC-104)"),
    ("clean-activation", 1, "NOT REPRODUCED: the activation completed through guide step 9", "guide step 7"),
]


def _reproduce(tickets: list[Path], reports: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``eas-reproduce`` in a subprocess; its child pytest loads ``tests.short_waits``."""
    return subprocess.run(
        [sys.executable, "-m", "triage.reproduce", *map(str, tickets), "--reports", str(reports), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **ADDOPTS},
    )


@dataclass(frozen=True)
class Invocation:
    """One ``eas-reproduce`` of several tickets: its result and where its evidence went."""

    result: subprocess.CompletedProcess[str]
    reports: Path

    def block(self, ticket: Path) -> list[str]:
        """The lines of one ticket's answer: from its header (its path) to the next ticket's."""
        lines = self.result.stdout.splitlines()
        headers = [number for number, line in enumerate(lines) if line.endswith(".toml:")]
        mine = [number for number in headers if lines[number] == f"{os.path.relpath(ticket, ROOT)}:"]
        assert len(mine) == 1, self.result.stdout
        end = next((number for number in headers if number > mine[0]), len(lines))
        return lines[mine[0] : end]


def _wrong_step_ticket(folder: Path) -> Path:
    """The trailing-space ticket reported at step 5, on a code of its own (it shares a run with clean-activation)."""
    ticket = folder / "wrong-step.toml"
    text = (TICKETS / "trailing-space-in-name.toml").read_text(encoding="utf-8")
    ticket.write_text(text.replace("guide_step = 2", "guide_step = 5").replace("SJ5Nen", "Wr5Stp"), encoding="utf-8")
    return ticket


def _shared(run_once: RunOnce, name: str, tickets: Callable[[Path], list[Path]]) -> Invocation:
    """One invocation of ``tickets`` (made in its folder), made once for all xdist workers."""

    def make(folder: Path) -> dict[str, object]:
        done = _reproduce(tickets(folder), folder / "reports")
        return {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}

    folder, kept = run_once(name, make)
    code, stdout, stderr = int(str(kept["returncode"])), str(kept["stdout"]), str(kept["stderr"])
    result = subprocess.CompletedProcess[str]([], code, stdout, stderr)
    return Invocation(result, folder / "reports")


@pytest.fixture(scope="module")
def reproducing(run_once: RunOnce) -> Invocation:
    """The example tickets that must reproduce, in one invocation."""
    names = [name for name, code, *_ in EXAMPLES if code == 0]
    return _shared(run_once, "reproducing", lambda _: [TICKETS / f"{name}.toml" for name in names])


@pytest.fixture(scope="module")
def not_reproducing(run_once: RunOnce) -> Invocation:
    """The tickets that must not reproduce (a clean one, one reported at another step), in one invocation."""
    names = [name for name, code, *_ in EXAMPLES if code == 1]
    return _shared(
        run_once,
        "not-reproducing",
        lambda folder: [*(TICKETS / f"{name}.toml" for name in names), _wrong_step_ticket(folder)],
    )


@pytest.mark.parametrize(("ticket", "exit_code", "verdict", "detail"), EXAMPLES)
def test_example_ticket_verdict(
    ticket: str, exit_code: int, verdict: str, detail: str, request: pytest.FixtureRequest
) -> None:
    # Only the invocation this ticket belongs to: `-k trailing` makes one child run, not two.
    run: Invocation = request.getfixturevalue("reproducing" if exit_code == 0 else "not_reproducing")
    result = run.result
    assert result.returncode == exit_code, result.stdout + result.stderr
    lines = run.block(TICKETS / f"{ticket}.toml")
    assert lines[1].startswith(verdict), result.stdout
    assert any(detail in line for line in lines), result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    if exit_code == 0:
        bundles = list((run.reports / ticket / "triage").glob("*/screenshot.png"))
        assert len(bundles) == 1
        document = json.loads((bundles[0].parent / "triage.json").read_text(encoding="utf-8"))
        on_file = load_ticket(TICKETS / f"{ticket}.toml").on_file
        assert document["delegation_email"] == {
            "delegation_code": on_file.code, "business_name": on_file.business_name, "cert_number": on_file.cert_number
        }
        assert f"--ticket {TICKETS / f'{ticket}.toml'}" in document["reproduce"]


def test_a_failure_at_another_step_is_different(not_reproducing: Invocation) -> None:
    lines = not_reproducing.block(not_reproducing.reports.parent / "wrong-step.toml")
    assert not_reproducing.result.returncode == 1
    assert lines[1].startswith("DIFFERENT: failed at guide step 2 ("), not_reproducing.result.stdout
    assert lines[1].endswith("the report said step 5")


def test_tickets_that_share_a_record_are_replayed_in_separate_runs() -> None:
    """One portal holds a code once: clean-activation and trailing-space-in-name (both SJ5Nen) never meet."""
    names = ["clean-activation", "nbsp-in-code", "trailing-space-in-name"]
    groups = batches([load_ticket(TICKETS / f"{name}.toml") for name in names])
    assert [[ticket.name for ticket in group] for group in groups] == [
        ["clean-activation", "nbsp-in-code"],
        ["trailing-space-in-name"],
    ]


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
    result = _reproduce([ticket], tmp_path / "reports")
    assert result.returncode == 2
    assert named in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "reports").exists()


def test_a_dead_portal_could_not_run_and_keeps_the_earlier_evidence(tmp_path: Path) -> None:
    """Exit 3, the cause named, and the last real replay's evidence left where it was."""
    earlier = tmp_path / "nbsp-in-code" / "triage" / "earlier" / "triage.md"
    earlier.parent.mkdir(parents=True)
    earlier.write_text("the evidence EAS already sent", encoding="utf-8")
    result = _reproduce([TICKETS / "nbsp-in-code.toml"], tmp_path, "--base-url", "http://127.0.0.1:9")
    assert result.returncode == 3, result.stdout + result.stderr
    assert "COULD NOT RUN the replay: nothing answers at http://127.0.0.1:9: connection refused" in result.stdout
    assert "U+00A0" in result.stdout
    assert "guide step" not in result.stdout.splitlines()[1]
    assert earlier.read_text(encoding="utf-8") == "the evidence EAS already sent"


def test_a_bad_ticket_among_others_is_named_and_the_others_still_answered(tmp_path: Path) -> None:
    """The bad ticket's message on stderr, every good ticket's answer on stdout, the worst exit code (3 > 2)."""
    bad = tmp_path / "bad.toml"
    bad.write_text('[entered]\ndelegation_code = "SJ5Nen"\n', encoding="utf-8")
    tickets = [TICKETS / "nbsp-in-code.toml", bad, TICKETS / "expired-code.toml"]
    result = _reproduce(tickets, tmp_path / "reports", "--base-url", "http://127.0.0.1:9")
    assert result.returncode == 3, result.stdout + result.stderr
    assert f"BAD TICKET: {bad}: [entered] business_name is missing" in result.stderr
    assert result.stdout.splitlines()[0] == "Replaying 2 tickets in a real browser ..."
    run = Invocation(result, tmp_path / "reports")
    for good in (TICKETS / "nbsp-in-code.toml", TICKETS / "expired-code.toml"):
        assert run.block(good)[1].startswith("COULD NOT RUN the replay: nothing answers at http://127.0.0.1:9")
    assert "Traceback" not in result.stdout + result.stderr


def test_one_good_ticket_left_is_named_not_counted(tmp_path: Path) -> None:
    """With the other ticket bad, the replay names the one left, as a single ticket's replay does."""
    bad = tmp_path / "bad.toml"
    bad.write_text('[entered]\ndelegation_code = "SJ5Nen"\n', encoding="utf-8")
    result = _reproduce([bad, TICKETS / "expired-code.toml"], tmp_path / "reports", "--base-url", "http://127.0.0.1:9")
    assert result.stdout.splitlines()[0] == "Replaying tickets/expired-code.toml in a real browser ...", result.stdout
