"""Options for the project tests' subprocess runs of the suite whose checks never read the costly evidence.

A run of the suite in a subprocess (real-portal mode, a mutated mock or template, a portal that
cannot be tested) records, for every scenario, a Playwright trace and a small screenshot after
every step: a tenth to a quarter of such a run here (the real-portal run, interleaved: 70-85 s
with them, 63 s without). The tests that start those runs check outcomes, skip reasons,
accounts, ``triage.json`` and the checks' own images, never a trace or a filmstrip, so their
runs switch both off with the triage plugin's own settings (the ones bench/bench_triage.py
measures). A failure still writes its bundle: screenshot, ``triage.json`` with its findings,
``triage.md``. The tests that do check traces and filmstrips (test_ci_flaky, test_triage_e2e,
test_reproduce_tickets) keep them on.

Every child run that fails on purpose also says ``--triage-evidence every-attempt`` (issue 11): under
the default, on-first-retry, each failed scenario would run a second time, doubling the cost of
the runs that exist to fail, and its first attempt's bundle would lack the filmstrip and trace
the bundle tests check. The tests of on-first-retry itself (test_triage_retry) leave it out.
"""

from __future__ import annotations

from typing import Final

#: Every attempt records what the run's settings say, and a failed scenario is not run again.
EVERY_ATTEMPT: Final = ("--triage-evidence", "every-attempt")
#: Command-line options: no per-scenario trace, no per-step filmstrip frames, no retry.
NO_TRACE_NO_FILMSTRIP: Final = ("--triage-trace", "off", "--triage-filmstrip", "off", *EVERY_ATTEMPT)
