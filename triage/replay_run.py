"""One replay run of ``eas-reproduce``: the child pytest run, and each ticket's share of what it left.

The replay itself is the suite's own "replay a reported activation" scenario
(steps/test_eas_replay.py) run by pytest in a child process, so what EAS sees is exactly
what CI would see. Several tickets share one run where their records allow (issue 11:
a child run per ticket was the project tests' dearest cost), each its own scenario,
named by the ticket, with its own record and bundle.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cec.ticket import Ticket

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REPLAY_MODULE = PROJECT_ROOT / "steps" / "test_eas_replay.py"
#: A ticket's scenario that has no result of its own (skipped, or never run): pytest's "no tests".
EXIT_NO_RESULT = 5
LOG, JUNIT = "pytest.log", "junit.xml"


@dataclass(frozen=True)
class ReplayOutcome:
    """What the replay run left behind: its exit code, its bundle (if it failed), its log."""

    exit_code: int
    bundle: dict[str, Any] | None
    bundle_dir: Path | None
    log: Path


def replay_command(tickets: Sequence[Ticket], args: argparse.Namespace, out_dir: Path) -> list[str]:
    """The pytest command line that replays the tickets (one scenario each), writing its evidence under ``out_dir``."""
    command = [sys.executable, "-m", "pytest", str(REPLAY_MODULE)]
    for ticket in tickets:
        command += ["--replay-ticket", str(ticket.path.resolve())]
    command += [
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        "-q",
        "--junitxml",
        str(out_dir / JUNIT),
        "--html",
        str(out_dir / "report.html"),
        "--self-contained-html",
        "--output",
        str(out_dir / "playwright"),
        "--triage-dir",
        str(out_dir / "triage"),
        # A few scenarios, read closely: a DOM snapshot at every action, not only at the failure.
        "--triage-trace",
        "full",
        # One attempt, all its evidence: a replay that passed on a retry would blur the verdict EAS reads.
        "--triage-evidence",
        "every-attempt",
    ]
    if args.headed:
        command.append("--headed")
    if args.slowmo:
        command += ["--slowmo", str(args.slowmo)]
    if args.base_url:
        command += ["--base-url", args.base_url]
    if args.admin_token:
        command += ["--admin-token", args.admin_token]
    if args.pause_on_failure:
        command.append("--pause-on-failure")
    return command


def batches(tickets: Sequence[Ticket]) -> list[list[Ticket]]:
    """The tickets in groups that can share one replay run, in the order given.

    One portal holds one record per delegation code and one account per username, and a
    ticket's scenario is named by its file name: two tickets that share any of these go
    to different runs, so each still meets its own fresh record.
    """
    groups: list[list[Ticket]] = []
    for ticket in tickets:
        home = next((group for group in groups if all(_apart(ticket, other) for other in group)), None)
        if home is None:
            groups.append([ticket])
        else:
            home.append(ticket)
    return groups


def _apart(one: Ticket, other: Ticket) -> bool:
    """True when two tickets' replays cannot meet in one portal or one run."""
    return (
        one.on_file.code != other.on_file.code
        and one.name != other.name
        and (one.username is None or one.username != other.username)
    )


def run_replay(command: Sequence[str], out_dir: Path) -> int:
    """Run the replay, its own output kept in a log file rather than in EAS's face; pytest's exit code."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / LOG).open("w", encoding="utf-8") as sink:
        return subprocess.run(command, cwd=PROJECT_ROOT, stdout=sink, stderr=subprocess.STDOUT, check=False).returncode


def ticket_outcome(ticket: Ticket, run_code: int, out_dir: Path) -> ReplayOutcome:
    """One ticket's share of a replay run: its scenario's result (junit) and its bundle, if it failed.

    A scenario the run never reported (the run stopped first) takes the run's exit code; a
    skipped one did not test, which :func:`could_not_run` tells from the code.
    """
    code = run_code if run_code not in (0, 1) else EXIT_NO_RESULT
    # The scenario's id is the ticket's name as pytest writes ids: non-ASCII escaped ("mar\\xeda").
    named = f"[{ticket.name.encode('unicode_escape').decode('ascii')}]"
    junit = out_dir / JUNIT
    if junit.exists():
        for case in ET.parse(junit).getroot().iter("testcase"):  # noqa: S314 - our own run's report
            if case.get("name", "").endswith(named):
                failed = case.find("failure") is not None or case.find("error") is not None
                code = 1 if failed else EXIT_NO_RESULT if case.find("skipped") is not None else 0
    for found in sorted((out_dir / "triage").glob("*/triage.json")):
        bundle = json.loads(found.read_text(encoding="utf-8"))
        if str(bundle.get("nodeid", "")).endswith(named):
            return ReplayOutcome(code, bundle, found.parent, out_dir / LOG)
    return ReplayOutcome(code, None, None, out_dir / LOG)


def keep_evidence(outcome: ReplayOutcome, staging: Path, out_dir: Path, *, alone: bool) -> ReplayOutcome:
    """Put a ticket's evidence where EAS looks, replacing its previous replay's; the outcome's paths moved.

    A ticket replayed alone takes the whole run folder; one of several takes its own bundle
    and a copy of the run's log and reports.
    """
    if out_dir.exists():
        shutil.rmtree(out_dir)
    if alone:
        staging.rename(out_dir)
    else:
        out_dir.mkdir(parents=True)
        for name in (LOG, JUNIT, "report.html"):
            if (staging / name).exists():
                shutil.copy2(staging / name, out_dir / name)
        if outcome.bundle_dir is not None:
            (out_dir / "triage").mkdir()
            shutil.move(outcome.bundle_dir, out_dir / "triage" / outcome.bundle_dir.name)
    moved = out_dir / outcome.bundle_dir.relative_to(staging) if outcome.bundle_dir is not None else None
    return ReplayOutcome(outcome.exit_code, outcome.bundle, moved, out_dir / LOG)
