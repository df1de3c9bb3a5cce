"""One test item's evidence: what the plugin learns while it runs, and its bundle when it fails.

:class:`ScenarioState` follows the browser (pages, console, failed requests), keeps the
trace going with a named group per Gherkin step, collects filmstrip frames, captures the
page at the failure and writes the bundle. The pytest hooks in :mod:`triage.plugin` only
route events here.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from playwright.sync_api import BrowserContext, Error, Locator, Page

from cec.journal import WAIT_VERB, ActionJournal, Journals
from cec.landmarks import Landmarks
from triage.annotate import Banner, Frame
from triage.bundle import (
    FILMSTRIP,
    FULL_PAGE,
    RAW,
    SCREENSHOT,
    TRACE,
    Evidence,
    clean_error,
    new_folder,
    reproduce_command,
    slug,
    write_bundle,
)
from triage.capture import Capture, Limits, PageWatch, capture_failure
from triage.findings import check_values, visible
from triage.frames import FrameCamera
from triage.guide import Attribution, Whereabouts, attribute
from triage.pictures import annotated_screenshot, filmstrip_png, placeholder
from triage.redact import Redactor

PAST_TENSE: Final = {
    "click": "clicked", "type": "typed into", "select": "chose an option in", "check": "ticked", WAIT_VERB: "waited for"
}
#: Pillow releases the GIL while it decodes and encodes, so pictures are drawn here while
#: the main thread waits on the browser or writes pytest's own report.
PICTURES: Final = ThreadPoolExecutor(max_workers=2, thread_name_prefix="triage-pictures")


@dataclass
class RunState:
    """What the whole run shares: its id, where bundles go, run-wide secrets, the summary lines."""

    run_id: str
    root: Path
    filmstrip: bool
    trace: bool
    limits: Limits
    controller: bool
    secrets: set[str] = field(default_factory=set)
    summary: list[str] = field(default_factory=list)
    portal_url: str = ""
    external_portal: bool = False
    faker_seed: int | None = None
    #: The portal's landmark locators, from the ``pytest_triage_landmarks`` hook (pages/ answers it).
    landmarks: Landmarks | None = None


@dataclass
class Bundle:
    """A written bundle: where it is, as reports show it, and its triage.json."""

    folder: Path
    display: str
    document: dict[str, Any]
    screenshot: bytes | None
    evidence: Evidence

    def rewrite(self, redactor: Redactor) -> None:
        """Write triage.json and triage.md again (a file was added after the bundle was written)."""
        self.document = write_bundle(self.folder, self.evidence, {}, redactor, self.display)


@dataclass
class ScenarioState:
    """Evidence gathered for one test item while it runs."""

    nodeid: str
    name: str
    started_at: datetime
    scenario: str = ""
    #: The scenario's name as the feature file writes it (an outline's placeholders unfilled).
    template: str = ""
    feature: str = ""
    feature_file: str = ""
    #: True for pytest-bdd scenarios; other tests get a bundle only if they used the browser.
    bdd: bool = False
    current_step: str = ""
    completed_steps: list[str] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    page: Page | None = None
    context: BrowserContext | None = None
    journal: ActionJournal | None = None
    #: Every journal of the scenario (other CECs have their own, in their own browsers).
    journals: Journals | None = None
    delegation: dict[str, str] | None = None
    secrets: set[str] = field(default_factory=set)
    watch: PageWatch = field(default_factory=PageWatch)
    camera: FrameCamera = field(default_factory=FrameCamera)
    watched: set[int] = field(default_factory=set)
    own_trace: bool = False
    group_open: bool = False
    trace_file: Path | None = None
    failed_step: str = ""
    error: tuple[str, str] | None = None
    failed_at: datetime | None = None
    capture: Capture | None = None
    attribution: Attribution | None = None
    pictures: dict[str, Future[bytes]] = field(default_factory=dict)
    #: Main-thread time the failure cost, by part (ms): the benchmark's number.
    cost: dict[str, float] = field(default_factory=dict)
    bundle: Bundle | None = None

    # -- what the scenario is allowed to show -------------------------------------------

    def redactor(self, run: RunState) -> Redactor:
        """A redactor that knows every secret seen so far, run-wide and in this scenario."""
        redactor = Redactor()
        redactor.add(run.secrets)
        redactor.add(self.secrets)
        if self.journal is not None:
            redactor.add(self.journal.secrets())
        if self.journals is not None:
            redactor.add(self.journals.secrets())
        return redactor

    def secret_locators(self) -> list[Locator]:
        """Fields the journal typed secrets into (masked even if they are not password-type)."""
        if self.journal is None:
            return []
        return [action.locator for action in self.journal.actions if action.secret]

    def wants_bundle(self) -> bool:
        """Only an activation scenario, or a test that drove the browser, concerns EAS."""
        return self.bdd or self.page is not None

    # -- following the browser -----------------------------------------------------------

    def watch_page(self, page: Page) -> None:
        """Follow a page; runs inside Playwright's event dispatch too, where it must never raise."""
        if self.page is None:
            self.page = page
        if id(page) not in self.watched:
            self.watched.add(id(page))
            with suppress(Exception):
                self.watch.attach(page)

    def watch_context(self, context: BrowserContext, *, trace: bool) -> None:
        """Follow the context's pages and start the trace (trace groups need it running).

        The trace keeps DOM snapshots but no screencast: the screencast costs the happy path
        about a third of its time and its export a quarter of a second per failure, while
        the snapshots already show the page at every action and the filmstrip shows the rest.
        """
        self.context = context
        context.on("page", self.watch_page)
        if trace:
            context.tracing.start(title=self.nodeid, screenshots=False, snapshots=True, sources=False)
            self.own_trace = True
        self.open_group()

    def start_step(self, label: str, *, traced: bool) -> None:
        """A Gherkin step begins: its trace group opens."""
        self.current_step = label
        if traced:
            self.open_group()

    def open_group(self) -> None:
        """Open the trace group named after the current Gherkin step."""
        if self.current_step and self.context is not None and not self.group_open:
            try:
                self.context.tracing.group(self.current_step)
                self.group_open = True
            except Error:
                self.group_open = False

    def close_group(self) -> None:
        """Close the current step's trace group."""
        if self.group_open and self.context is not None:
            self.group_open = False
            with suppress(Error):
                self.context.tracing.group_end()

    def finish_step(self, label: str, run: RunState) -> None:
        """A step passed: close its group and keep a small masked picture of the page."""
        self.close_group()
        self.completed_steps.append(label)
        if run.filmstrip and self.page is not None:
            picture = self.camera.take(self.page)
            if picture is not None:
                self.frames.append(Frame(label, picture))

    # -- the trace ----------------------------------------------------------------------------

    def drop_trace(self) -> None:
        """A passing scenario's trace is thrown away, never written."""
        context, self.own_trace = self.context, False
        self.close_group()
        if context is not None:
            with suppress(Error):
                context.tracing.stop()

    def keep_trace(self) -> None:
        """Stop this plugin's trace into a temporary file; the bundle takes it, redacted."""
        if not self.own_trace or self.context is None:
            return
        self.own_trace = False
        self.close_group()
        handle, name = tempfile.mkstemp(prefix="triage-trace-", suffix=".zip")
        os.close(handle)
        try:
            self.context.tracing.stop(path=name)
        except Error:
            Path(name).unlink(missing_ok=True)
            return
        self.trace_file = Path(name)

    def discard_trace_file(self) -> None:
        """Remove a kept trace nobody took (the bundle could not be written)."""
        if self.trace_file is not None:
            self.trace_file.unlink(missing_ok=True)
            self.trace_file = None

    # -- the failure ----------------------------------------------------------------------------

    def fail(self, run: RunState, gherkin_step: str, error: tuple[str, str]) -> None:
        """Capture everything now, while the page still shows the error.

        The trace stops first: afterwards the capture's own calls are neither recorded in it
        nor slowed by its DOM snapshots (which, on a hung page, would wait far past our
        limits). The pictures are then drawn in a worker thread.
        """
        started = time.perf_counter()
        self.failed_step = self.failed_step or gherkin_step
        self.error = self.error or error
        self.failed_at = datetime.now(UTC)
        self.keep_trace()
        traced = time.perf_counter()
        self.follow_who_acted_last()
        last = self.journal.last if self.journal is not None else None
        self.capture = capture_failure(
            self.page,
            last.locator if last is not None else None,
            last.target if last is not None else "",
            secret_locators=self.secret_locators(),
            limits=run.limits,
            on_screenshot=self._draw_filmstrip,
            landmarks=run.landmarks,
        )
        self.attribution = attribute(self.whereabouts())
        banner = Banner(
            self.attribution.step.label(), self.failed_step, self.scenario, self._failed_at_text(), run.run_id
        )
        self.pictures[SCREENSHOT] = PICTURES.submit(annotated_screenshot, self.capture, banner)
        if FILMSTRIP not in self.pictures:
            self._draw_filmstrip(placeholder(self.capture))
        self.cost["trace"] = (traced - started) * 1000
        self.cost["capture"] = (time.perf_counter() - traced) * 1000

    def follow_who_acted_last(self) -> None:
        """Make the failure about the CEC who acted last: another CEC in their browser, if it was them.

        Their page takes over if it is still open (also when they failed before doing anything,
        say their sign-up link never opened). The filmstrip keeps the scenario CEC's steps,
        "how the CEC got here", and ends with the failure's picture.
        """
        latest = self.journals.most_recent() if self.journals is not None else None
        if latest is None or self.journal is None or latest is self.journal or latest.page is None:
            return
        if latest.last_activity <= self.journal.last_activity or latest.page.is_closed():
            return
        self.journal, self.page = latest, latest.page

    def _failed_at_text(self) -> str:
        return (self.failed_at or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S UTC")

    def _draw_filmstrip(self, failing_picture: bytes) -> None:
        """Start the filmstrip as soon as the failure's screenshot exists."""
        size = self.page.viewport_size if self.page is not None else None
        viewport = (size["width"], size["height"]) if size else (1280, 900)
        self.pictures[FILMSTRIP] = PICTURES.submit(
            filmstrip_png,
            list(self.frames),
            f"FAILED: {self.failed_step}",
            failing_picture,
            f"How the CEC got here: {self.scenario}",
            viewport,
        )

    def whereabouts(self) -> Whereabouts:
        """What the journal and the captured page say about where the CEC was."""
        journal = self.journal or ActionJournal()
        capture = self.capture or Capture()
        last = journal.last
        return Whereabouts(
            journal_step=journal.current_guide_step,
            last_verb=last.verb if last else "",
            last_target=last.target if last else "",
            last_page=last.page_name if last else "",
            last_completed=journal.last_completed,
            arrived_since=journal.arrived_since_last_action,
            portal_messages=tuple(capture.portal_messages),
            heading=capture.heading,
            dialogs=tuple(capture.dialogs),
            who=journal.who,
        )

    def doing(self) -> str:
        """One plain sentence: what the CEC had just done when it failed."""
        journal = self.journal
        step = f'During the step "{self.failed_step}"' if self.failed_step else "Outside any Gherkin step"
        who = journal.who if journal is not None else "the CEC"
        if journal is None or (journal.last is None and not journal.current_page):
            return f"{step}, before {who} had done anything on the portal."
        last = journal.last
        if journal.arrived_since_last_action or last is None:
            return f"{step}, {who} was on {journal.current_page}."
        verb = PAST_TENSE.get(last.verb, last.verb)
        if journal.last_completed:
            sentence = f"{step}, {who} {verb} {last.target} on {last.page_name}"
        elif last.verb == WAIT_VERB:
            sentence = f"{step}, {who} waited for {last.target} on {last.page_name}, and it never became usable"
        else:
            sentence = (
                f"{step}, {who} went to {last.verb} {last.target} on {last.page_name}, "
                "and the browser never finished doing it"
            )
        if journal.awaiting_page:
            sentence += f"; {who} was then waiting for {journal.awaiting_page} to appear"
        return sentence + "."

    def write_bundle(self, run: RunState, folder_name: str, display_root: Path) -> Bundle:
        """Write ``reports/triage/<slug>/``: pictures, trace, triage.json and triage.md."""
        started = time.perf_counter()
        capture = self.capture or Capture(missing=["nothing was captured"])
        redactor = self.redactor(run)
        folder = new_folder(run.root, folder_name)
        if self.trace_file is not None:
            shutil.move(self.trace_file, folder / TRACE)
            self.trace_file = None
            redactor.zip_file(folder / TRACE)
        files: dict[str, bytes] = {name: job.result() for name, job in self.pictures.items()}
        if capture.viewport_png is not None:
            files[RAW] = capture.viewport_png
        if capture.full_png is not None and capture.full_png is not capture.viewport_png:
            files[FULL_PAGE] = capture.full_png
        evidence = self.evidence(run, capture, redactor)
        self.cost["bundle"] = (time.perf_counter() - started) * 1000
        evidence.cost_ms = dict(self.cost)
        evidence.capture_ms = sum(self.cost.values())
        display = _display(folder, display_root)
        document = write_bundle(folder, evidence, files, redactor, display)
        self.bundle = Bundle(folder, display, document, files.get(SCREENSHOT), evidence)
        return self.bundle

    def evidence(self, run: RunState, capture: Capture, redactor: Redactor) -> Evidence:
        """Every fact of the failure, for triage.json and triage.md (redacted when written)."""
        journal = self.journal or ActionJournal()
        attribution = self.attribution or attribute(self.whereabouts())
        error_type, error_message = self.error or ("", "")
        return Evidence(
            scenario=self.scenario,
            feature=self.feature,
            feature_file=self.feature_file,
            nodeid=self.nodeid,
            gherkin_step=self.failed_step,
            attribution=attribution,
            url=capture.url,
            heading=capture.heading,
            dialogs=capture.dialogs,
            portal_messages=capture.portal_messages,
            portal_codes=capture.codes(),
            error_type=error_type,
            error_message=redactor.text(clean_error(error_message)),
            findings=check_values((typed.field, typed.value) for typed in journal.typed),
            data_used=[
                {"guide_step": typed.guide_step, "field": typed.field, "value": visible(typed.shown())}
                for typed in journal.typed
            ],
            delegation=self.delegation,
            doing=self.doing(),
            completed_steps=self.completed_steps,
            console_errors=self.watch.console_errors,
            failed_requests=self.watch.failed_requests,
            browser=self.browser(),
            portal_url=run.portal_url,
            reproduce=reproduce_command(self.nodeid, run.faker_seed or 0, run.portal_url, run.external_portal),
            faker_seed=run.faker_seed,
            run_id=run.run_id,
            started_at=self.started_at.isoformat(timespec="seconds"),
            failed_at=(self.failed_at or datetime.now(UTC)).isoformat(timespec="seconds"),
            missing=capture.missing,
            capture_notes=capture.notes,
        )

    def browser(self) -> str:
        """"chromium 126.0..." for the bundle."""
        browser = self.context.browser if self.context is not None else None
        if browser is None:
            return ""
        return f"{browser.browser_type.name} {browser.version}"


def bundle_name(state: ScenarioState, item_name: str, parameter_id: str | None) -> str:
    """The bundle's folder name: the scenario's slug, plus the example's id when the name is the same for all."""
    same_for_all = not state.template or state.scenario == state.template
    suffix = f"-{slug(parameter_id, 40)}" if parameter_id and same_for_all else ""
    return slug(state.scenario or item_name) + suffix


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
