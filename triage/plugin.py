"""The EAS triage pytest plugin: evidence at the failing step, a bundle per failure, report attachments.

How evidence flows (architecture.md: back from the browser only through pytest hooks):

- ``pytest_fixture_setup`` sees pytest-playwright's ``context`` and ``page`` fixtures (by
  name and type) the moment they exist (they are never overridden), starts the trace
  recorder on the context and subscribes to console errors and failed requests.
- The project's fixtures register the scenario's journals, delegation record and secrets,
  and the run's portal and admin token, on pytest's stash (:mod:`cec.evidence`); triage
  reads only that.
- pytest-bdd's step hooks open a trace group per Gherkin step, post a small filmstrip frame
  after each step (read only for a failure), and capture the page in ``pytest_bdd_step_error`` while it still shows
  the error.
- ``pytest_runtest_makereport`` writes the bundle (capturing first, for a failure outside a
  step), drops the trace of passing scenarios, redacts secrets from the report, and
  attaches the evidence to pytest-html, JUnit XML and cucumber JSON (:mod:`triage.reports`).

Options: ``--triage-dir``, ``--triage-filmstrip``, ``--triage-trace``, ``--triage-evidence``
(:mod:`triage.retry`: on the mock, filmstrip and trace on a failed scenario's retry only). Disable the whole
plugin with ``-p no:triage.plugin``.
"""

from __future__ import annotations

import secrets as token_source
import shutil
from collections.abc import Callable, Generator
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pytest
from playwright.sync_api import BrowserContext, Page

from cec.evidence import FAKER_SEED_KEY, run_facts, scenario_facts
from tools.settings import add_setting, setting
from triage import hooks
from triage.capture import Limits
from triage.flaky import FlakyReporter, attempt_suffix
from triage.frames import FrameCamera
from triage.recorder import TraceRecorder
from triage.reports import TriageReporter, attach, scrub_playwright_traces, scrub_report
from triage.retry import MODES, ON_FIRST_RETRY, add_retries, lean_attempt
from triage.run import RunState
from triage.scenario import ScenarioState

RUN: Final = pytest.StashKey[RunState]()
STATE: Final = pytest.StashKey[ScenarioState]()


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    """Declare the hooks other plugins implement for triage (triage/hooks.py)."""
    pluginmanager.add_hookspecs(hooks)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Where bundles go, and switches for the costlier parts (for benchmarks and slow machines); also ini options."""
    parser.getgroup("triage", "EAS triage evidence")
    add_setting(parser, "triage", "--triage-dir", help="folder for failure bundles (default: reports/triage)")
    add_setting(
        parser, "triage", "--triage-filmstrip", choices=("on", "off"), default="on",
        help="a small screenshot after every step",
    )
    add_setting(
        parser, "triage", "--triage-trace", choices=("on", "full", "off"), default="on",
        help="a Playwright trace per scenario, kept for failures only: 'on' snapshots the failing page's DOM, "
        "'full' every action's (slower); off when pytest-playwright's --tracing is on",
    )
    add_setting(
        parser, "triage", "--triage-evidence", choices=MODES, default=ON_FIRST_RETRY,
        help="on-first-retry: a scenario's first attempt records no filmstrip and no trace (its bundle keeps the "
        "annotated screenshot, triage.json and the rest) and a failed scenario runs once more, recording "
        "everything (a rerun that passes is reported FLAKY; with --reruns N the user's reruns are used); "
        "every-attempt: every attempt records everything, no retry of our own. Real-portal mode (--base-url "
        "without an admin token) always behaves as every-attempt and never retries on its own",
    )


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Fix the run id (xdist workers receive the controller's) and clear the last run's bundles.

    Last, so the project's own configure (fixtures/data.py fixes the Faker seed) has run.
    """
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    run_id = workerinput.get("triage_run_id") if workerinput else None
    option_dir = setting(config, "triage_dir")
    root = Path(option_dir) if option_dir else config.rootpath / "reports" / "triage"
    if not root.is_absolute():
        root = config.invocation_params.dir / root
    playwright_trace = config.getoption("tracing", "off") != "off"
    run = RunState(
        run_id=str(run_id or f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{token_source.token_hex(3)}"),
        root=root,
        filmstrip=setting(config, "triage_filmstrip") == "on",
        trace=setting(config, "triage_trace") != "off" and not playwright_trace,
        trace_snapshots=setting(config, "triage_trace") == "full",
        limits=Limits(),
        controller=workerinput is None,
        faker_seed=config.stash.get(FAKER_SEED_KEY, None),
        landmarks=config.hook.pytest_triage_landmarks(config=config),
        facts=run_facts(config),
        evidence=setting(config, "triage_evidence") or ON_FIRST_RETRY,
        playwright_trace=playwright_trace,
    )
    config.stash[RUN] = run
    flaky = FlakyReporter(config)
    if run.controller:  # it reads the reports every worker sends: once, where they arrive
        config.pluginmanager.register(flaky, "triage-flaky")
    config.pluginmanager.register(TriageReporter(config, run, flaky), "triage-reporter")
    if run.controller and root.exists():
        shutil.rmtree(root)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give each scenario its one retry under ``--triage-evidence on-first-retry`` (triage.retry)."""
    run = config.stash.get(RUN, None)
    if run is not None:
        add_retries(config, items, run.evidence)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Give every xdist worker the controller's run id, so bundles and index agree."""
    node.workerinput["triage_run_id"] = node.config.stash[RUN].run_id


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Start this item's evidence before any fixture runs (so a setup failure is named too)."""
    run = item.config.stash[RUN]
    item.stash[STATE] = ScenarioState(
        item.nodeid,
        item.name,
        datetime.now(UTC),
        scenario=item.name,
        camera=FrameCamera(run.landmarks),
        recorder=TraceRecorder(snapshots=run.trace_snapshots),
        facts=scenario_facts(item),
        # pytest-bdd scenarios request this fixture: known before their set-up, which may fail.
        bdd="_pytest_bdd_example" in getattr(item, "fixturenames", ()),
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    """Let the run's picture threads finish."""
    run = config.stash.get(RUN, None)
    if run is not None:
        run.close()


def _state(node: Any) -> ScenarioState | None:
    stash = getattr(node, "stash", None)
    return stash.get(STATE, None) if stash is not None else None


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
) -> Generator[None, Any, Any]:
    """Follow pytest-playwright's ``context`` and ``page`` the moment they exist (by name and type).

    Everything else triage needs, the project's fixtures register (cec.evidence).
    """
    value = yield
    run = request.config.stash.get(RUN, None)
    state = _state(request.node)
    if run is not None and state is not None:
        if fixturedef.argname == "context" and isinstance(value, BrowserContext):
            # Decided here: the portal fixture (which tells real-portal mode) is set up before any context.
            state.lean = isinstance(request.node, pytest.Item) and lean_attempt(request.node, run.evidence)
            trace = run.trace and not state.lean
            state.watch_context(value, trace=trace, groups=trace or run.playwright_trace)
        elif fixturedef.argname == "page" and isinstance(value, Page):
            state.watch_page(value)
    return value


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    """Name the scenario as rendered (an outline's placeholders filled in by its example) and as written."""
    state = _state(request.node)
    if state is not None:
        state.bdd = True
        state.scenario = str(getattr(scenario, "name", state.scenario))
        state.template = _template_name(feature, scenario) or state.scenario
        state.feature = str(getattr(feature, "name", ""))
        state.feature_file = str(getattr(feature, "rel_filename", ""))


def _template_name(feature: Any, scenario: Any) -> str:
    """The scenario's name as the feature file writes it: the feature's scenario at the same line."""
    line = getattr(scenario, "line_number", None)
    for template in getattr(feature, "scenarios", {}).values():
        if getattr(template, "line_number", None) == line:
            return str(getattr(template, "name", ""))
    return ""


def _step_label(step: Any) -> str:
    return f"{getattr(step, 'keyword', '')} {getattr(step, 'name', '')}".strip()


def pytest_bdd_before_step(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Callable[..., object]
) -> None:
    """Open a trace group named after the Gherkin step."""
    state = _state(request.node)
    run = request.config.stash.get(RUN, None)
    if state is not None and run is not None:
        state.recorder.start_step(_step_label(step), traced=state.recorder.own_trace or run.playwright_trace)


def pytest_bdd_after_step(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Callable[..., object],
    step_func_args: dict[str, object],
) -> None:
    """Close the step's trace group and keep a small picture of the page for the filmstrip."""
    state = _state(request.node)
    run = request.config.stash.get(RUN, None)
    if state is not None and run is not None:
        state.finish_step(_step_label(step), run)


def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Callable[..., object],
    step_func_args: dict[str, object],
    exception: Exception,
) -> None:
    """Capture the page now, while it still shows the error (never raising into the test)."""
    state = _state(request.node)
    run = request.config.stash.get(RUN, None)
    if state is None or run is None:
        return
    with suppress(Exception):
        state.fail(run, _step_label(step), (type(exception).__name__, str(exception)))


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, exception: Exception
) -> None:
    """A step without a definition fails the scenario: name it, capture as for any failing step."""
    pytest_bdd_step_error(request, feature, scenario, step, lambda: None, {}, exception)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Bundle a failure, drop a passing scenario's trace, and keep secrets out of the report."""
    report: pytest.TestReport = yield
    run = item.config.stash.get(RUN, None)
    state = _state(item)
    if run is None or state is None:
        return report
    try:
        _on_report(item, call, report, run, state)
    except Exception as error:  # triage must never change a test's outcome
        report.sections.append(("EAS triage", f"triage could not write its bundle: {type(error).__name__}: {error}"))
    scrub_report(report, state.redactor(run))
    return report


def _on_report(
    item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport, run: RunState, state: ScenarioState
) -> None:
    if report.failed and state.bundle is None and state.wants_bundle():
        if state.capture is None:
            error = (call.excinfo.typename, str(call.excinfo.value)) if call.excinfo is not None else ("", "")
            state.fail(run, f"(outside any Gherkin step, during {report.when})", error, phase=report.when)
        callspec = getattr(item, "callspec", None)
        name = state.bundle_name(item.name, callspec.id if callspec is not None else None) + attempt_suffix(item)
        attach(item, report, state.write_bundle(run, name, item.config.invocation_params.dir))
    if report.when == "call" and state.recorder.own_trace:
        state.recorder.drop()
    if report.when == "teardown":
        scrub_playwright_traces(report, state.redactor(run), state.bundle)
        state.recorder.discard()
        state.camera.drop()
