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
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from cec.ticket import Ticket, TicketError, load_ticket

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


def describe_finding(finding: Any) -> str:
    """One input finding, as the triage bundle words it."""
    if isinstance(finding, dict):
        text = finding.get("text") or finding.get("description") or finding.get("message")
        if text:
            return str(text)
        return ", ".join(f"{key}: {value}" for key, value in finding.items())
    return str(finding)


def verdict(ticket: Ticket, outcome: ReplayOutcome) -> tuple[str, int]:
    """The plain-language verdict and the exit code for one replay."""
    if outcome.exit_code == 0:
        return ("NOT REPRODUCED: the activation completed through guide step 9", EXIT_NOT_REPRODUCED)
    if outcome.bundle is None:
        return (
            f"COULD NOT RUN the replay (pytest exit {outcome.exit_code}); its output is in {outcome.log}",
            EXIT_CANNOT_RUN,
        )
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


def report_lines(ticket: Ticket, outcome: ReplayOutcome, text: str) -> list[str]:
    """Everything EAS reads after a replay: the verdict, the findings, where the evidence is."""
    lines = [text]
    findings = (outcome.bundle or {}).get("input_findings") or []
    if findings:
        lines.append("What was typed that the guide warns about:")
        lines += [f"  - {describe_finding(finding)}" for finding in findings]
    if outcome.bundle_dir is not None:
        lines.append(f"Evidence for the EAS email: {outcome.bundle_dir}")
        lines.append(f"  screenshot: {outcome.bundle_dir / 'screenshot.png'}")
        lines.append(f"  summary to paste: {outcome.bundle_dir / 'triage.md'}")
        lines.append(f"  step-by-step trace: playwright show-trace {outcome.bundle_dir / 'trace.zip'}")
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
    out_dir = Path(args.reports) / ticket.name
    sys.stdout.write(f"Replaying {ticket.path} in a real browser ...\n")
    sys.stdout.flush()
    outcome = run_replay(replay_command(ticket, args, out_dir), out_dir)
    text, code = verdict(ticket, outcome)
    sys.stdout.write("\n".join(report_lines(ticket, outcome, text)) + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
