"""``eas-reproduce TICKET [TICKET ...]``: replay a CEC's reported activation and say what happened.

For EAS staff, not programmers: one command, one plain-language verdict. The ticket's
values are typed exactly as the CEC typed them, the activation runs in a real browser and
stops at the first failure, and the usual triage bundle is written (triage/replay_run.py
runs the replay). Several tickets get one answer each.

Exit codes: 0 reproduced, 1 not reproduced or failed at a different step,
2 bad ticket or bad arguments, 3 the replay itself could not run; with several tickets,
the highest of theirs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from cec.ticket import Ticket, TicketError, load_ticket
from cec.words import CreateAccount
from tools.admin_client import PROBE_TIMEOUT_S, portal_answers
from triage.bundle import SHOW_TRACE, TRACE
from triage.findings import check_values
from triage.replay_run import (
    PROJECT_ROOT,
    ReplayOutcome,
    batches,
    keep_evidence,
    replay_command,
    run_replay,
    ticket_outcome,
)
from triage.verdict import ENVIRONMENT

#: What the tests and ``python -m triage.reproduce`` use; ReplayOutcome lives with the run.
__all__ = [
    "EXIT_BAD_TICKET",
    "EXIT_CANNOT_RUN",
    "EXIT_NOT_REPRODUCED",
    "EXIT_REPRODUCED",
    "ReplayOutcome",
    "build_parser",
    "main",
    "report_lines",
    "verdict",
]

EXIT_REPRODUCED, EXIT_NOT_REPRODUCED, EXIT_BAD_TICKET, EXIT_CANNOT_RUN = 0, 1, 2, 3


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
    parser.add_argument(
        "tickets", nargs="+", metavar="TICKET", help="the ticket (.toml) from the CEC's email; several: one answer each"
    )
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


def could_not_run(outcome: ReplayOutcome) -> bool:
    """True when the replay never tested the CEC's flow (no portal, no browser, bad arguments).

    pytest exits 0 (passed) or 1 (a scenario failed) when it tested; a failure whose
    bundle says ``"kind": "environment"`` was the machinery's, not the CEC's.
    """
    if outcome.exit_code not in (0, 1):
        return True
    return outcome.exit_code == 1 and (outcome.bundle is None or outcome.bundle.get("kind") == ENVIRONMENT)


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
    """Entry point of ``eas-reproduce`` and ``python -m triage.reproduce``.

    Several tickets are replayed in as few runs as keep each its own record (one browser
    per run); each gets its own answer, and the exit code is the worst of theirs.
    """
    args = build_parser().parse_args(argv)
    tickets: list[Ticket] = []
    codes = [EXIT_REPRODUCED]
    for path in args.tickets:
        try:
            tickets.append(load_ticket(path))
        except TicketError as error:
            sys.stderr.write(f"BAD TICKET: {error}\n")
            codes.append(EXIT_BAD_TICKET)
    if not tickets:
        return max(codes)
    several = len(args.tickets) > 1
    what = f"{len(tickets)} tickets" if len(tickets) > 1 else shown(tickets[0].path)
    sys.stdout.write(f"Replaying {what} in a real browser ...\n")
    sys.stdout.flush()
    # A portal given with --base-url that answers nothing is known before any browser starts:
    # EAS hears it at once, and the replay run (with its own, fuller check) is not started.
    silent = portal_answers(args.base_url.rstrip("/"), PROBE_TIMEOUT_S) if args.base_url else None
    for group in batches(tickets):
        for ticket, (text, code, outcome) in zip(group, _replay_batch(group, args, silent), strict=True):
            header = [f"{shown(ticket.path)}:"] if several else []
            sys.stdout.write("\n".join([*header, *report_lines(ticket, outcome, text)]) + "\n")
            codes.append(code)
    return max(codes)


def _replay_batch(
    group: list[Ticket], args: argparse.Namespace, silent: str | None
) -> list[tuple[str, int, ReplayOutcome | None]]:
    """Replay one group of tickets in one run: each ticket's verdict, exit code and outcome (None: no run)."""
    if silent is not None:
        return [(f"COULD NOT RUN the replay: {silent}", EXIT_CANNOT_RUN, None) for _ in group]
    reports = Path(args.reports).resolve()
    staging = reports / f".{group[0].name}.replaying"
    if staging.exists():
        shutil.rmtree(staging)
    run_code = run_replay(replay_command(group, args, staging), staging)
    answers: list[tuple[str, int, ReplayOutcome | None]] = []
    for ticket in group:
        outcome = ticket_outcome(ticket, run_code, staging)
        # Earlier evidence stays where it was: an empty replay must not replace it.
        if not could_not_run(outcome):
            outcome = keep_evidence(outcome, staging, reports / ticket.name, alone=len(group) == 1)
        answers.append((*verdict(ticket, outcome), outcome))
    if staging.exists() and not any(could_not_run(outcome) for _, _, outcome in answers if outcome is not None):
        shutil.rmtree(staging)
    return answers


if __name__ == "__main__":
    sys.exit(main())
