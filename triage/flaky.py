"""Flaky said aloud, and the evidence as CI attachments (issue 12).

With pytest-rerunfailures' ``--reruns N`` a failed attempt is reported with the outcome
``rerun`` and the scenario runs again. Each attempt writes its own bundle (the folder ends
in ``-attempt-K``), and a scenario whose last attempt passed is green but **FLAKY**: in the
terminal summary, in ``reports/triage/index.html`` and in JUnit (property ``flaky`` =
``true`` on its testcase, beside the failed attempt's guide step, Gherkin step and bundle,
which stay on the item from that attempt).

Every failing or flaky testcase's ``system-out`` lists its screenshot, filmstrip and trace
as ``[[ATTACHMENT|path]]`` lines, which Jenkins' JUnit attachments plugin and GitLab's
junit reports show; pyproject's ``junit_logging = "system-out"`` lets JUnit write them.

Everything here reads reports only, so it works the same on the xdist controller.
"""

from __future__ import annotations

import copy
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pytest
from _pytest.junitxml import xml_key  # JUnit's writer: to drop a superseded attempt's testcase

from triage.bundle import FILMSTRIP, SCREENSHOT, TRACE
from triage.reports import PROP_BUNDLE
from triage.retry import retried

PROP_FLAKY: Final = "flaky"
#: The report section pytest's ``capstdout`` (and so JUnit's system-out) includes.
ATTACHMENTS_SECTION: Final = "Captured stdout EAS triage attachments"
ATTACHED: Final = (SCREENSHOT, FILMSTRIP, TRACE)


def attempt_suffix(item: pytest.Item) -> str:
    """``-attempt-K`` when pytest-rerunfailures may run this item again, so attempts never share a bundle."""
    return f"-attempt-{getattr(item, 'execution_count', 0)}" if retried(item) else ""


def attachment_lines(bundles: list[str], root: Path) -> str:
    """One ``[[ATTACHMENT|path]]`` line per screenshot, filmstrip and trace the bundles hold."""
    lines = []
    for bundle in bundles:
        folder = Path(bundle) if Path(bundle).is_absolute() else root / bundle
        lines += [f"[[ATTACHMENT|{folder / name}]]" for name in ATTACHED if (folder / name).exists()]
    return "\n".join(lines) + "\n" if lines else ""


@dataclass(eq=False)  # a plugin must stay hashable: pytest keeps plugins in sets
class FlakyReporter:
    """Tells a flaky scenario from a broken one as reports arrive (on the controller under xdist)."""

    config: pytest.Config
    #: Attempts (``report.rerun``) that ended with a rerun, by nodeid.
    rerun_attempts: dict[str, set[int]] = field(default_factory=dict)
    #: Nodeids whose final attempt failed somewhere.
    failed: set[str] = field(default_factory=set)
    #: Flaky scenarios: nodeid and the bundles their failed attempts left.
    flaky: dict[str, list[str]] = field(default_factory=dict)
    #: The rerun reports of each nodeid, with their pytest-html extras as they arrived.
    reruns: dict[str, list[tuple[pytest.TestReport, list[Any]]]] = field(default_factory=dict)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> Generator[None, None, None]:
        """Before the reporters read a report: note reruns, mark the final teardown flaky, add attachments.

        After them, for the teardown of an attempt that was run again: pytest-rerunfailures
        logs it as an ordinary one, so JUnit closes a testcase for the attempt (a second,
        seemingly passing, testcase of the same name). It is dropped; the scenario's final
        testcase carries the attempt's evidence and ``flaky``. pytest-html embeds the
        attempt's pictures in place at that teardown and again at the final one, so the
        extras get back their original content.
        """
        testcase = self._before(report)
        try:
            return (yield)
        finally:
            if testcase is not None:
                self._after_superseded(report, testcase)

    def _before(self, report: pytest.TestReport) -> object | None:
        if str(report.outcome) == "rerun":  # pytest-rerunfailures' own outcome
            self.rerun_attempts.setdefault(report.nodeid, set()).add(int(getattr(report, "rerun", 0) or 0))
            # pytest-bdd's cucumber JSON knows no "rerun" outcome (it raises INTERNALERROR):
            # it records the scenario's final attempt only.
            from pytest_bdd.reporting import test_report_context_registry

            test_report_context_registry.pop(report, None)
            extras = getattr(report, "extras", [])
            self.reruns.setdefault(report.nodeid, []).append((report, copy.deepcopy(extras)))
            return None
        if report.failed:
            self.failed.add(report.nodeid)
        if report.when != "teardown":
            return None
        if self.superseded(report):
            xml = self.config.stash.get(xml_key, None)
            return xml.node_reporter(report) if xml is not None else False
        bundles = [str(value) for name, value in report.user_properties if name == PROP_BUNDLE]
        if report.nodeid in self.rerun_attempts and report.nodeid not in self.failed:
            self.flaky[report.nodeid] = bundles
            report.user_properties.append((PROP_FLAKY, "true"))
        lines = attachment_lines(bundles, self.config.invocation_params.dir)
        if lines:
            report.sections.append((ATTACHMENTS_SECTION, lines))
        return None

    def _after_superseded(self, report: pytest.TestReport, testcase: object) -> None:
        xml = self.config.stash.get(xml_key, None)
        if xml is not None:
            xml.node_reporters_ordered[:] = [kept for kept in xml.node_reporters_ordered if kept is not testcase]
        for rerun, extras in self.reruns.get(report.nodeid, []):
            rerun.extras = copy.deepcopy(extras)  # type: ignore[attr-defined]

    def superseded(self, report: pytest.TestReport) -> bool:
        """True for a report of an attempt that was run again (its scenario's verdict comes later)."""
        return int(getattr(report, "rerun", 0) or 0) in self.rerun_attempts.get(report.nodeid, set())

    def flaky_folders(self) -> set[str]:
        """The bundle folder names of every flaky scenario's failed attempts (for the index)."""
        return {Path(bundle).name for bundles in self.flaky.values() for bundle in bundles}

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        """One FLAKY line per scenario that failed, then passed on a rerun, with its failed attempts' bundles."""
        if not self.flaky:
            return
        terminalreporter.write_sep("-", f"FLAKY: {len(self.flaky)} scenario(s) failed, then passed on a rerun")
        for nodeid, bundles in self.flaky.items():
            where = ", ".join(f"{bundle}/" for bundle in bundles) or "no bundle"
            terminalreporter.write_line(f"FLAKY {nodeid} (failed attempt: {where})", yellow=True)
