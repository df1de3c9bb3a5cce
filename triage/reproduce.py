"""``eas-reproduce TICKET``: replay a CEC's reported activation and say what happened.

For EAS staff, not programmers: one command, one plain-language verdict. The ticket's
values are typed exactly as the CEC typed them, the activation runs in a real browser and
stops at the first failure, and the usual triage bundle is written. The replay itself is
the suite's own "replay a reported activation" scenario (steps/test_eas_replay.py)
run by pytest in a child process, so what EAS sees is exactly what CI would see.

Exit codes: 0 reproduced, 1 not reproduced or failed at a different step,
2 bad ticket or bad arguments, 3 the replay itself could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from cec.ticket import Ticket, TicketError, load_ticket
from cec.words import CreateAccount
from tools.admin_client import PROBE_TIMEOUT_S, portal_answers
from triage.bundle import SHOW_TRACE, TRACE
from triage.findings import check_values
from triage.verdict import ENVIRONMENT

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REPLAY_MODULE = PROJECT_ROOT / "steps" / "test_eas_replay.py"
EXIT_REPRODUCED, EXIT_NOT_REPRODUCED, EXIT_BAD_TICKET, EXIT_CANNOT_RUN = 0, 1, 2, 3


@dataclass(frozen=True)
class ReplayOutcome:
    """What the replay run left behind: its exit code, its bundle (if it failed), its log."""

    exit_code: int
    bundle: dict[str, Any] | None
    bundle_dir: Path | None
    log: Path


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one clear line instead of a usage dump on stderr only."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_TICKET, f"eas-reproduce: {message}\nTry: eas-reproduce --help\n")


def build_parser() -> argparse.ArgumentParser:
    """The command line EAS staff use."""
    parser = _Parser(
        prog="eas-reproduce",
        description="Replay a CEC's reported activation from a ticket file and say whether the error reproduces.",
        epilog="Example: eas-reproduce tickets/trailing-space-in-name.toml",
    )
    parser.add_argument("ticket", help="the ticket (.toml) filled in from the CEC's email")
    parser.add_argument("--headed", action="store_true", help="show the browser window")
    parser.add_argument("--slowmo", type=int, default=0, metavar="MS", help="pause MS milliseconds between actions")
    parser.add_argument("--base-url", help="a portal started separately (default: start the embedded mock)")
    parser.add_argument("--admin-token", help="admin token of the portal at --base-url (mock only)")
    parser.add_argument(
        "--pause-on-failure", action="store_true", help="with --headed: open the Playwright Inspector at the failure"
    )
    parser.add_argument(
        "--reports", default=str(PROJECT_ROOT / "reports" / "reproduce"), help="where the evidence goes"
    )
    return parser


def replay_command(ticket: Ticket, args: argparse.Namespace, out_dir: Path) -> list[str]:
    """The pytest command line that replays the ticket, writing its evidence under ``out_dir``."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(REPLAY_MODULE),
        "--ticket",
        str(ticket.path.resolve()),
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        "-q",
        "--junitxml",
        str(out_dir / "junit.xml"),
        "--html",
        str(out_dir / "report.html"),
        "--self-contained-html",
        "--output",
        str(out_dir / "playwright"),
        "--triage-dir",
        str(out_dir / "triage"),
        # One scenario, read closely: a DOM snapshot at every action, not only at the failure.
        "--triage-trace",
        "full",
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


def run_replay(command: Sequence[str], out_dir: Path) -> ReplayOutcome:
    """Run the replay, its own output kept in a log file rather than in EAS's face."""
    out_dir.mkdir(parents=True, exist_ok=True)
    log = out_dir / "pytest.log"
    with log.open("w", encoding="utf-8") as sink:
        result = subprocess.run(command, cwd=PROJECT_ROOT, stdout=sink, stderr=subprocess.STDOUT, check=False)
    bundles = sorted((out_dir / "triage").glob("*/triage.json"))
    bundle = json.loads(bundles[0].read_text(encoding="utf-8")) if bundles else None
    return ReplayOutcome(result.returncode, bundle, bundles[0].parent if bundles else None, log)


def could_not_run(outcome: ReplayOutcome) -> bool:
    """True when the replay never tested the CEC's flow (no portal, no browser, bad arguments).

    pytest exits 0 (passed) or 1 (a scenario failed) when it tested; a failure whose
    bundle says ``"kind": "environment"`` was the machinery's, not the CEC's.
    """
    if outcome.exit_code not in (0, 1):
        return True
    return outcome.exit_code == 1 and (outcome.bundle is None or outcome.bundle.get("kind") == ENVIRONMENT)


def keep_evidence(staging: Path, out_dir: Path) -> None:
    """Put a replay's evidence where EAS looks, replacing the previous replay's."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    staging.rename(out_dir)


def shown(path: Path) -> str:
    """A path as EAS types it: relative to where the command ran, when it is below it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def ticket_findings(ticket: Ticket) -> list[str]:
    """What the ticket's typed values hold that the guide warns about, whatever the replay says."""
    typed = zip(
        (CreateAccount.DELEGATION_CODE, CreateAccount.BUSINESS_NAME, CreateAccount.CERT_NUMBER),
        (ticket.entered.code, ticket.entered.business_name, ticket.entered.cert_number),
        strict=True,
    )
    return [finding.message for finding in check_values(typed)]


def verdict(ticket: Ticket, outcome: ReplayOutcome) -> tuple[str, int]:
    """The plain-language verdict and the exit code for one replay."""
    if could_not_run(outcome):
        cause = _cause(outcome)
        return (f"COULD NOT RUN the replay: {cause}; its output is in {shown(outcome.log)}", EXIT_CANNOT_RUN)
    if outcome.exit_code == 0 or outcome.bundle is None:
        return ("NOT REPRODUCED: the activation completed through guide step 9", EXIT_NOT_REPRODUCED)
    step = outcome.bundle.get("guide_step") or {}
    number, title = step.get("number"), step.get("title", "")
    messages = outcome.bundle.get("portal_messages") or []
    said = f': "{messages[0]}"' if messages else ""
    if ticket.reported_step is None or number == ticket.reported_step:
        return (f"REPRODUCED at guide step {number} ({title}){said}", EXIT_REPRODUCED)
    return (
        f"DIFFERENT: failed at guide step {number} ({title}){said}, the report said step {ticket.reported_step}",
        EXIT_NOT_REPRODUCED,
    )


def _cause(outcome: ReplayOutcome) -> str:
    """Why the replay could not run, from the bundle or the last "ERROR:" line pytest printed."""
    if outcome.bundle is not None and outcome.bundle.get("kind") == ENVIRONMENT:
        return str(outcome.bundle.get("cause") or "the test machinery failed")
    try:
        lines = outcome.log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    said = [
        line.removeprefix("ERROR: ").removeprefix("The test could not run: ")
        for line in lines
        if line.startswith("ERROR: ")
    ]
    return said[-1] if said else f"pytest stopped with exit code {outcome.exit_code}"


def report_lines(ticket: Ticket, outcome: ReplayOutcome | None, text: str) -> list[str]:
    """Everything EAS reads after a replay: the verdict, the findings, where the evidence is (None: no replay ran)."""
    lines = [text]
    findings = ticket_findings(ticket)
    if findings:
        lines.append("What the ticket's values hold that the guide warns about:")
        lines += [f"  - {finding}" for finding in findings]
    else:
        lines.append("The ticket's values hold no stray, doubled or invisible characters the guide warns about.")
    if outcome is not None and outcome.bundle_dir is not None and not could_not_run(outcome):
        folder = outcome.bundle_dir
        lines.append(f"Evidence for the EAS email: {shown(folder)}")
        lines.append(f"  screenshot: {shown(folder / 'screenshot.png')}")
        lines.append(f"  summary to paste: {shown(folder / 'triage.md')}")
        lines.append(f"  step-by-step trace: {SHOW_TRACE} {shown(folder / TRACE)}")
    if ticket.note:
        lines.append(f'The CEC reported (guide step {ticket.reported_step}): "{ticket.note}"')
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``eas-reproduce`` and ``python -m triage.reproduce``."""
    args = build_parser().parse_args(argv)
    try:
        ticket = load_ticket(args.ticket)
    except TicketError as error:
        sys.stderr.write(f"BAD TICKET: {error}\n")
        return EXIT_BAD_TICKET
    out_dir = Path(args.reports).resolve() / ticket.name
    staging = out_dir.with_name(f".{ticket.name}.replaying")
    if staging.exists():
        shutil.rmtree(staging)
    sys.stdout.write(f"Replaying {shown(ticket.path)} in a real browser ...\n")
    sys.stdout.flush()
    # A portal given with --base-url that answers nothing is known before any browser starts:
    # EAS hears it at once, and the replay run (with its own, fuller check) is not started.
    silent = portal_answers(args.base_url.rstrip("/"), PROBE_TIMEOUT_S) if args.base_url else None
    if silent is not None:
        sys.stdout.write("\n".join(report_lines(ticket, None, f"COULD NOT RUN the replay: {silent}")) + "\n")
        return EXIT_CANNOT_RUN
    outcome = run_replay(replay_command(ticket, args, staging), staging)
    if could_not_run(outcome):
        # Earlier evidence stays where it was: an empty replay must not replace it.
        text, code = verdict(ticket, outcome)
    else:
        keep_evidence(staging, out_dir)
        outcome = ReplayOutcome(
            outcome.exit_code,
            outcome.bundle,
            out_dir / outcome.bundle_dir.relative_to(staging) if outcome.bundle_dir is not None else None,
            out_dir / outcome.log.relative_to(staging),
        )
        text, code = verdict(ticket, outcome)
    sys.stdout.write("\n".join(report_lines(ticket, outcome, text)) + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
