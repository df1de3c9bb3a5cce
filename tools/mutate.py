"""``make mutate``: mutation testing of the mock portal's rule and record modules (issue 15).

Runs mutmut 3 (configured in pyproject.toml's ``[tool.mutmut]``), then prints the mutation
score and every surviving mutant with its diff. Mutants that no CEC can observe are listed,
each with its reason, in ``mutation/equivalents.toml``; they count neither as killed nor as
survivors. mutmut keeps its results in ``mutants/``, so a rerun only tries what changed,
plus the survivors left open by the last run: mutmut keeps a verdict until the mutated
function changes, so a test written since to kill a survivor would otherwise never be tried.

Exit status: 0 when every survivor is explained and the score reaches the target, 1 when
not, 2 when the run could not test (mutmut missing or failing, a bad equivalents file).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

EQUIVALENTS = Path("mutation/equivalents.toml")
MUTANTS = Path("mutants")
TARGET = 95.0
_RESULT = re.compile(r"^\s*(?P<name>\S+):\s*(?P<status>.+?)\s*$")
#: mutmut's statuses that mean a test noticed the mutant.
KILLED = frozenset({"killed", "timeout", "caught by type check"})
UNTRIED = "not checked"
#: Statuses worth another try once tests change: a run tried the mutant and nothing noticed it.
OPEN = frozenset({"survived", "no tests"})


class CannotTest(Exception):
    """The run could not test; the message says why."""


@dataclass(frozen=True)
class Outcome:
    """What a mutmut run found, the equivalent mutants set apart."""

    statuses: dict[str, str]
    equivalents: dict[str, str]

    @property
    def counted(self) -> dict[str, str]:
        """Every tried mutant a CEC could observe, with its status."""
        return {
            name: status for name, status in self.statuses.items()
            if name not in self.equivalents and status != UNTRIED
        }

    @property
    def untried(self) -> int:
        """Mutants an interrupted run has not tried yet (the next run tries them first)."""
        return sum(status == UNTRIED for status in self.statuses.values())

    @property
    def survivors(self) -> list[str]:
        """Observable mutants no test noticed."""
        return sorted(name for name, status in self.counted.items() if status not in KILLED)

    @property
    def score(self) -> float:
        """Killed mutants as a percentage of the observable ones."""
        counted = self.counted
        if not counted:
            return 0.0
        return 100.0 * sum(status in KILLED for status in counted.values()) / len(counted)


def load_equivalents(path: Path) -> dict[str, str]:
    """The committed list: mutant name -> reason; a bad file is a clear error."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        raise CannotTest(f"{path} is not valid TOML: {error}") from None
    found: dict[str, str] = {}
    for index, entry in enumerate(data.get("equivalent", []), start=1):
        mutant, reason = entry.get("mutant"), entry.get("reason")
        if not isinstance(mutant, str) or not isinstance(reason, str) or not reason.strip():
            raise CannotTest(f"{path}: entry {index} needs a mutant name and a reason")
        found[mutant] = reason
    return found


def parse_results(text: str) -> dict[str, str]:
    """``mutmut results --all true`` lines (``name: status``) as a mapping."""
    statuses: dict[str, str] = {}
    for line in text.splitlines():
        match = _RESULT.match(line)
        if match and "__mutmut_" in match["name"]:
            statuses[match["name"]] = match["status"]
    return statuses


def open_survivors(statuses: dict[str, str], equivalents: dict[str, str]) -> list[str]:
    """Mutants of an earlier run that no test noticed and no reason explains: retried every run."""
    return sorted(name for name, status in statuses.items() if status in OPEN and name not in equivalents)


def load_average() -> str:
    """The machine's 1-minute load average, for the report (timings mean little without it)."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


def _mutmut(*args: str, timeout: float, capture: bool = True) -> subprocess.CompletedProcess[str]:
    """Run mutmut; the long ``run`` shows its own progress (capture=False)."""
    command = [sys.executable, "-m", "mutmut", *args]
    try:
        return subprocess.run(command, capture_output=capture, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise CannotTest(f"mutmut {' '.join(args)} did not finish within {timeout:.0f} s") from None


def _run(max_children: int, names: Sequence[str]) -> None:
    """``mutmut run``: every new or changed mutant, or only ``names``; its progress shows live."""
    run = _mutmut("run", "--max-children", str(max_children), *names, timeout=3 * 3600, capture=False)
    if run.returncode != 0:
        raise CannotTest(f"mutmut run failed (exit {run.returncode}); its output is above")


def _statuses() -> dict[str, str]:
    """Every mutant mutmut knows of, with its status (empty before the first run)."""
    results = _mutmut("results", "--all", "true", timeout=600)
    if results.returncode != 0:
        sys.stderr.write(results.stdout[-2000:] + results.stderr[-2000:])
    return parse_results(results.stdout)


def report(outcome: Outcome, diffs: dict[str, str], seconds: float, load: str = "unknown") -> str:
    """The score, the survivors with their diffs, and what was counted out."""
    counted = outcome.counted
    killed = len(counted) - len(outcome.survivors)
    timeouts = sum(status == "timeout" for status in counted.values())
    lines = [
        f"Mutation score: {outcome.score:.1f}% ({killed} of {len(counted)} observable mutants killed"
        f"{f', {timeouts} of them by timeout' if timeouts else ''}; "
        f"{len(outcome.equivalents.keys() & outcome.statuses.keys())} equivalent; target {TARGET:.0f}%) "
        f"in {seconds / 60:.1f} min (load average {load})",
    ]
    if outcome.untried:
        lines.append(f"Not finished: {outcome.untried} of {len(outcome.statuses)} mutants not tried yet "
                     "(the run was stopped); `make mutate` tries them next, keeping every verdict above.")
    for name in outcome.survivors:
        lines += ["", f"SURVIVED ({outcome.statuses[name]}): {name}", diffs.get(name, "").rstrip()]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run mutmut, print the score and the survivors; exit 1 if any survivor is unexplained."""
    parser = argparse.ArgumentParser(prog="make mutate", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--max-children", type=int, default=2, help="parallel mutants (default 2, for 2 cores)")
    parser.add_argument("--report-only", action="store_true", help="report the kept results without running")
    parser.add_argument(
        "--only", action="append", default=[], metavar="PATTERN",
        help="run only the mutants matching this name pattern, e.g. 'mock_portal.records.*' (repeatable)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        equivalents = load_equivalents(EQUIVALENTS)
        if not args.report_only:
            earlier = set(open_survivors(_statuses(), equivalents)) if MUTANTS.is_dir() and not args.only else set()
            _run(args.max_children, args.only)
            # Only names that still exist: a changed function's mutants were made (and tried) afresh.
            retry = [name for name in open_survivors(_statuses(), equivalents) if name in earlier]
            if retry:
                sys.stdout.write(f"Retrying {len(retry)} survivors of the last run against the current tests\n")
                _run(args.max_children, retry)
        statuses = _statuses()
        if not statuses:
            raise CannotTest("mutmut reported no mutants; its output is above")
    except CannotTest as problem:
        sys.stderr.write(f"The mutation run could not test: {problem}\n")
        return 2
    outcome = Outcome(statuses, equivalents)
    diffs = {name: _mutmut("show", name, timeout=120).stdout for name in outcome.survivors}
    sys.stdout.write(report(outcome, diffs, time.monotonic() - started, load_average()))
    return 0 if not outcome.survivors and not outcome.untried and outcome.score >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
