"""``make flake``: each scenario's flake rate over a repeated run (pytest-repeat's ``--count N``).

pytest-repeat runs every selected test N times as ``name[...-K-N]``; this reads the run's
JUnit XML, groups the repetitions back by scenario and prints how many failed, worst
first. A run that could not test (pytest's status above 1, or no JUnit file) says so and
fails, rather than printing a 0 % that was never measured.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Final

#: pytest-repeat's id, ``K-N`` (alone or after the test's own parameters).
REPEAT_ID: Final = re.compile(r"(\[|-)\d+-\d+\]$")


def scenario_of(name: str) -> str:
    """The test's name without pytest-repeat's ``K-N``: ``t[a-3-20]`` → ``t[a]``, ``t[3-20]`` → ``t``."""
    return REPEAT_ID.sub(lambda match: "]" if match.group(1) == "-" else "", name)


def has_failed(case: ET.Element) -> bool:
    """A JUnit testcase that failed or errored (bench/bench_suite.py names a suite run's with it too)."""
    return case.find("failure") is not None or case.find("error") is not None


def _passed_on_a_retry(case: ET.Element) -> bool:
    """A repetition that failed, then passed on its retry (on-first-retry, ``--reruns``): triage marks it flaky.

    Its testcase passes in JUnit; counted as a pass, it would hide exactly the flakiness measured here.
    """
    return any(
        prop.get("name") == "flaky" and prop.get("value") == "true" for prop in case.iter("property")
    )


def flake_rates(junit: Path) -> list[tuple[str, int, int]]:
    """(scenario, failed runs, runs) per scenario in ``junit``, the flakiest first."""
    runs: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    for case in ET.parse(junit).getroot().iter("testcase"):  # noqa: S314 - our own run's report
        name = f"{case.get('classname', '')}::{scenario_of(case.get('name', ''))}"
        if case.find("skipped") is not None:
            continue
        runs[name] += 1
        if has_failed(case) or _passed_on_a_retry(case):
            failed[name] += 1
    return sorted(((name, failed[name], runs[name]) for name in runs), key=lambda row: (-row[1] / row[2], row[0]))


def main(argv: list[str] | None = None) -> int:
    """Print one line per scenario: flake rate, failed and total runs; 0 when nothing failed."""
    parser = argparse.ArgumentParser(prog="make flake", description=__doc__.splitlines()[0])
    parser.add_argument("junit", type=Path, help="JUnit XML of the repeated run")
    parser.add_argument("--pytest-status", type=int, default=0, help="the repeated run's exit status")
    args = parser.parse_args(argv)
    if args.pytest_status > 1 or not args.junit.exists():
        sys.stderr.write(f"The test could not run: pytest ended with status {args.pytest_status}; no flake rate\n")
        return 2
    try:
        rates = flake_rates(args.junit)
    except ET.ParseError as error:
        sys.stderr.write(f"The test could not run: {args.junit} is not JUnit XML ({error})\n")
        return 2
    if not rates:
        sys.stderr.write("The test could not run: the run selected no scenario\n")
        return 2
    for name, failures, total in rates:
        verdict = "FLAKY" if 0 < failures < total else ("BROKEN" if failures else "stable")
        sys.stdout.write(f"{failures / total:6.1%}  {failures:>3}/{total:<3} {verdict:<6} {name}\n")
    return 1 if any(failures for _, failures, _ in rates) else 0


if __name__ == "__main__":
    sys.exit(main())
