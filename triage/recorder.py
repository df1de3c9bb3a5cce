"""The trace recorder: one Playwright trace per scenario, a named group per Gherkin step, kept for failures.

Like pytest-playwright's artifacts recorder: it starts on the scenario's browser context,
groups what follows under each Gherkin step, and at the end either throws the trace
away (a pass) or stops it into a file the bundle takes (a failure).

What the trace records (issue 11, measured with bench/bench_suite.py's smoke figure): by
default every action, console message and Gherkin step group, but no DOM snapshot per
action. Snapshots were nearly all of the evidence's cost to a passing scenario (about
0.6x of a plain Playwright run of the same clicks), and a passing scenario's trace is
thrown away. A failure's trace still gets the DOM of the failing page: once the page is
captured, a second, snapshotting trace records that one moment and is merged into the same
zip (the trace viewer shows each ``*.trace`` in a zip). ``--triage-trace full`` brings back
a snapshot at every action (for EAS reproducing a ticket, and headed debugging).

While the scenario runs, Playwright would send the driver the Python call stack of every
browser call (one message per call, about 180 per activation, issue 11), only to write
``trace.stacks``: the call locations the trace viewer shows beside its actions. A passing
scenario's trace is thrown away, and a failure's error already carries the failing call's
stack, so the recorder turns that collection off for its own trace (:func:`collect_stacks`,
Playwright's private connection; nothing changes if it moves). ``--triage-trace full`` keeps it.

A trace group is two messages to Playwright's driver per Gherkin step; waiting for their
answers cost every step two round trips (about 15 ms, issue 11). They are posted
instead: queued on Playwright's own event loop, in order, sent before the step's first
browser call (the loop runs them first), and their answers never waited for (:mod:`triage.posted`).
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Error, Page

from triage.posted import post

#: The failing page's snapshot, beside the scenario's ``trace.trace`` in the same zip.
FAILURE_TRACE = "failing-page"


@dataclass
class TraceRecorder:
    """The triage plugin's trace of one scenario's context (or only its step groups, under ``--tracing``)."""

    context: BrowserContext | None = None
    #: True while this plugin's own trace runs (not pytest-playwright's ``--tracing``).
    own_trace: bool = False
    group_open: bool = False
    current_step: str = ""
    trace_file: Path | None = None
    #: A DOM snapshot at every action (``--triage-trace full``); else only of the failing page.
    snapshots: bool = False
    #: True while Playwright's per-call stack collection is off for this trace (module doc).
    stacks_off: bool = False

    def start(self, context: BrowserContext, name: str, *, trace: bool, groups: bool = True) -> None:
        """Start on the context (trace groups need a running trace).

        ``trace``: this plugin records its own trace. ``groups``: some trace runs (this
        plugin's or pytest-playwright's ``--tracing``) to hold the Gherkin steps as groups;
        without one, no tracing call is made at all (a lean first attempt, issue 11).
        No screencast either: it costs the happy path about a third of its time and its
        export a quarter of a second per failure, while the filmstrip shows every step.
        """
        self.context = context
        if trace:
            context.tracing.start(title=name, screenshots=False, snapshots=self.snapshots, sources=False)
            self.own_trace = True
            self.stacks_off = not self.snapshots and collect_stacks(context, on=False)
        if trace or groups:
            self.open_group()

    def start_step(self, label: str, *, traced: bool) -> None:
        """A Gherkin step begins: its trace group opens."""
        self.current_step = label
        if traced:
            self.open_group()

    def open_group(self) -> None:
        """Open the trace group named after the current Gherkin step."""
        if self.current_step and self.context is not None and not self.group_open:
            label = self.current_step
            self.group_open = post(self.context.tracing, lambda tracing: tracing.group(label, None)) is not None

    def close_group(self) -> None:
        """Close the current step's trace group."""
        if self.group_open and self.context is not None:
            self.group_open = False
            post(self.context.tracing, lambda tracing: tracing.group_end())

    def browser(self) -> str:
        """"chromium 126.0..." for the bundle: the browser of the context the recorder started on."""
        browser = self.context.browser if self.context is not None else None
        if browser is None:
            return ""
        return f"{browser.browser_type.name} {browser.version}"

    def drop(self) -> None:
        """A passing scenario's trace is thrown away, never written: posted, its two round trips not waited for.

        Only this plugin's own trace: none ran on a lean attempt, and pytest-playwright's is its own to end.
        """
        context, running, self.own_trace = self.context, self.own_trace, False
        self.close_group()
        self.restore_stacks()
        if not running:
            return
        if context is not None and post(context.tracing, lambda tracing: tracing.stop(None)) is None:
            with suppress(Error):
                context.tracing.stop()

    def keep(self) -> None:
        """Stop this plugin's trace into a temporary file; the bundle takes it, redacted."""
        if not self.own_trace or self.context is None:
            return
        self.own_trace = False
        self.close_group()
        self.restore_stacks()
        handle, name = tempfile.mkstemp(prefix="triage-trace-", suffix=".zip")
        os.close(handle)
        try:
            self.context.tracing.stop(path=name)
        except Error:
            Path(name).unlink(missing_ok=True)
            return
        self.trace_file = Path(name)

    def restore_stacks(self) -> None:
        """Turn Playwright's stack collection back on before the trace stops (the stop turns it off once)."""
        if self.stacks_off and self.context is not None:
            self.stacks_off = False
            collect_stacks(self.context, on=True)

    def snapshot_failure(self, page: Page | None, timeout_ms: float) -> None:
        """Add the failing page's DOM to the kept trace (when the trace had no snapshots).

        Called only once the page answered the failure's screenshot: a snapshot of a hung
        page would wait past every limit. One bounded, snapshotted call (Playwright snapshots
        the DOM before and after it) in a trace of its own, merged into the kept zip.
        """
        if self.snapshots or self.trace_file is None or self.context is None or page is None or page.is_closed():
            return
        handle, name = tempfile.mkstemp(prefix="triage-failing-page-", suffix=".zip")
        os.close(handle)
        moment = Path(name)
        try:
            self.context.tracing.start(title=FAILURE_TRACE, screenshots=False, snapshots=True, sources=False)
            with suppress(Error):
                page.wait_for_function("() => true", timeout=timeout_ms)
            self.context.tracing.stop(path=moment)
            merge_trace(self.trace_file, moment, FAILURE_TRACE)
        except Error:
            return
        finally:
            moment.unlink(missing_ok=True)

    def take(self) -> Path | None:
        """The kept trace file, handed over once (the bundle moves it)."""
        taken, self.trace_file = self.trace_file, None
        return taken

    def discard(self) -> None:
        """Remove a kept trace nobody took (the bundle could not be written)."""
        taken = self.take()
        if taken is not None:
            taken.unlink(missing_ok=True)


def collect_stacks(context: BrowserContext, *, on: bool) -> bool:
    """Count one trace more (``on``) or fewer in Playwright's "send every call's stack" counter.

    Playwright counts running traces per connection and sends stacks while any runs; a
    trace started here counts once, so turning it off for this trace leaves other traces
    (pytest-playwright's ``--tracing``) collecting. False if the connection moved.
    """
    connection = getattr(getattr(context.tracing, "_impl_obj", None), "_connection", None)
    counter = getattr(connection, "set_is_tracing", None)
    if not callable(counter):
        return False
    counter(on)
    return True


def merge_trace(into: Path, other: Path, ordinal: str) -> None:
    """Put ``other``'s trace into the zip ``into`` as ``<ordinal>.trace`` (its resources shared)."""
    with zipfile.ZipFile(other) as source, zipfile.ZipFile(into, "a", zipfile.ZIP_DEFLATED) as target:
        present = set(target.namelist())
        for entry in source.namelist():
            stem, dot, kind = entry.partition(".")
            renamed = f"{ordinal}.{kind}" if stem == "trace" and dot else entry
            if renamed not in present:
                target.writestr(renamed, source.read(entry))
