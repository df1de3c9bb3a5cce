"""The trace recorder: a failure's trace has the Gherkin steps as groups and the failing page's DOM.

By default the trace snapshots no DOM while the scenario runs (issue 11: those snapshots
were most of the evidence's cost to a passing scenario); the failing page's snapshot is
recorded once it failed and merged into the same zip. ``--triage-trace full`` snapshots
every action instead.
"""

from __future__ import annotations

import asyncio
import json
import zipfile
from collections.abc import Coroutine
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from playwright.sync_api import BrowserContext, Page

from triage.posted import post
from triage.recorder import FAILURE_TRACE, TraceRecorder, merge_trace

FORM = "<!doctype html><html><body><h1>Log In</h1><input aria-label='Username'></body></html>"

pytestmark = pytest.mark.real_browser


def events(archive: zipfile.ZipFile, entry: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in archive.read(entry).splitlines()]


def failed_trace(page: Page, recorder: TraceRecorder) -> Path:
    """Trace one Gherkin step that fills a field, then fail: keep the trace, snapshot the failing page."""
    recorder.start(page.context, "a scenario", trace=True)
    page.set_content(FORM)
    recorder.start_step("When the CEC types a username", traced=True)
    page.get_by_label("Username").fill("cec.someone")
    recorder.keep()
    recorder.snapshot_failure(page, 1000)
    kept = recorder.take()
    assert kept is not None
    return kept


def snapshots(archive: zipfile.ZipFile, entry: str) -> int:
    return sum(1 for event in events(archive, entry) if event.get("type") == "frame-snapshot")


def test_a_failure_s_trace_has_the_step_groups_and_only_the_failing_page_s_snapshot(bare_page: Page) -> None:
    trace = failed_trace(bare_page, TraceRecorder())
    with zipfile.ZipFile(trace) as archive:
        groups = [e.get("title") for e in events(archive, "trace.trace") if e.get("method") == "tracingGroup"]
        assert groups == ["When the CEC types a username"]
        assert snapshots(archive, "trace.trace") == 0, "no DOM snapshot per action by default"
        assert snapshots(archive, f"{FAILURE_TRACE}.trace") >= 1
        failing = archive.read(f"{FAILURE_TRACE}.trace").decode("utf-8")
        assert "cec.someone" in failing, "the snapshot is of the page as it failed (the typed value)"
    trace.unlink()


def test_full_tracing_snapshots_every_action_and_adds_nothing(bare_page: Page) -> None:
    trace = failed_trace(bare_page, TraceRecorder(snapshots=True))
    with zipfile.ZipFile(trace) as archive:
        assert snapshots(archive, "trace.trace") >= 2
        assert f"{FAILURE_TRACE}.trace" not in archive.namelist()
    trace.unlink()


def test_a_closed_page_leaves_the_trace_as_it_was(bare_page: Page) -> None:
    recorder = TraceRecorder()
    recorder.start(bare_page.context, "a scenario", trace=True)
    bare_page.set_content(FORM)
    recorder.keep()
    bare_page.close()
    recorder.snapshot_failure(bare_page, 1000)
    kept = recorder.take()
    assert kept is not None
    with zipfile.ZipFile(kept) as archive:
        assert archive.namelist() == [name for name in archive.namelist() if not name.startswith(FAILURE_TRACE)]
    kept.unlink()


def test_merge_renames_the_other_trace_and_shares_resources(tmp_path: Path) -> None:
    into, other = tmp_path / "into.zip", tmp_path / "other.zip"
    with zipfile.ZipFile(into, "w") as archive:
        archive.writestr("trace.trace", "a")
        archive.writestr("resources/same", "r")
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("trace.trace", "b")
        archive.writestr("trace.network", "n")
        archive.writestr("resources/same", "r")
        archive.writestr("resources/new", "s")
    merge_trace(into, other, "moment")
    with zipfile.ZipFile(into) as archive:
        assert sorted(archive.namelist()) == [
            "moment.network", "moment.trace", "resources/new", "resources/same", "trace.trace"
        ]
        assert archive.read("trace.trace") == b"a"
        assert archive.read("moment.trace") == b"b"


def test_without_playwright_s_private_loop_nothing_is_posted_and_the_step_goes_on() -> None:
    """A Playwright that moved ``_loop``/``_impl_obj`` costs the trace groups, never a step."""
    made: list[object] = []

    def make(tracing: Any) -> Coroutine[Any, Any, None]:
        made.append(tracing)
        return asyncio.sleep(0)

    closed = asyncio.new_event_loop()
    closed.close()
    assert post(object(), make) is None
    assert post(SimpleNamespace(_loop=closed, _impl_obj=object()), make) is None
    assert made == [], "no coroutine is made that nobody would await"
    recorder = TraceRecorder(context=cast(BrowserContext, SimpleNamespace(tracing=object())))
    recorder.start_step("When the CEC presses CONTINUE", traced=True)
    assert not recorder.group_open


def stack_count(page: Page) -> int:
    """Playwright's count of traces that want every call's stack (its private connection)."""
    return int(page.context.tracing._impl_obj._connection._tracing_count)


@pytest.mark.parametrize("ending", ["drop", "keep"])
def test_the_trace_sends_no_call_stacks_and_leaves_playwright_s_count_as_it_was(bare_page: Page, ending: str) -> None:
    """About 180 stack messages per activation were the trace's cost (issue 11); later traces still get theirs."""
    before = stack_count(bare_page)
    recorder = TraceRecorder()
    recorder.start(bare_page.context, "a scenario", trace=True)
    assert stack_count(bare_page) == before, "no stack is sent while the recorder's own trace runs"
    bare_page.set_content(FORM)
    getattr(recorder, ending)()
    bare_page.get_by_label("Username").fill("cec.someone")  # the posted stop has run once a call went out
    assert stack_count(bare_page) == before
    recorder.discard()


def test_full_tracing_keeps_the_call_stacks(bare_page: Page) -> None:
    before = stack_count(bare_page)
    recorder = TraceRecorder(snapshots=True)
    recorder.start(bare_page.context, "a scenario", trace=True)
    assert stack_count(bare_page) == before + 1
    recorder.keep()
    assert stack_count(bare_page) == before
    recorder.discard()


class CountingTracing:
    """A context's tracing that notes every call made to it."""

    def __init__(self, calls: list[str]) -> None:
        self.calls = calls

    def start(self, **_: object) -> None:
        self.calls.append("start")

    def stop(self, *_: object, **__: object) -> None:
        self.calls.append("stop")


@pytest.mark.parametrize("tracing", ["off", "pytest-playwright's"])
def test_a_lean_attempt_makes_no_tracing_call_of_its_own(monkeypatch: pytest.MonkeyPatch, tracing: str) -> None:
    """A passing first attempt under on-first-retry runs no trace: it must not ask to group or stop one
    (each a round trip through the browser, issue 11), nor stop pytest-playwright's ``--tracing`` trace."""
    calls: list[str] = []
    def posted(_owner: object, _make: object) -> None:
        calls.append("posted")

    monkeypatch.setattr("triage.recorder.post", posted)
    recorder = TraceRecorder()
    recorder.start_step("Given a CEC has a delegation email", traced=False)
    context = cast(BrowserContext, SimpleNamespace(tracing=CountingTracing(calls)))
    recorder.start(context, "a scenario", trace=False, groups=tracing != "off")
    recorder.close_group()
    recorder.drop()
    assert calls == ([] if tracing == "off" else ["posted"])  # a group in pytest-playwright's trace, no stop
