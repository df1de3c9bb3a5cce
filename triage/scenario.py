"""One test item's evidence: what the plugin learns while it runs, and its bundle when it fails.

:class:`ScenarioState` follows the browser (pages, console, failed requests), collects
filmstrip frames, captures the page at the failure and assembles triage.json. The trace
is :class:`~triage.recorder.TraceRecorder`'s, the sentences :mod:`triage.narrator`'s, the
schema :mod:`triage.schema`'s; the pytest hooks in :mod:`triage.plugin` only route events here.
"""

from __future__ import annotations

import shutil
import time
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import BrowserContext, Locator, Page

from cec.evidence import ScenarioFacts
from cec.journal import ActionJournal, Journals
from triage.annotate import Banner
from triage.bundle import FILMSTRIP, FULL_PAGE, RAW, SCREENSHOT, TRACE, clean_error, new_folder, reproduce_command, slug
from triage.bundle import display_path as display
from triage.bundle import write_bundle as write_files
from triage.capture import Capture, capture_failure
from triage.frames import FrameCamera
from triage.guide import Attribution, attribute
from triage.narrator import callouts, data_used, doing, findings, whereabouts
from triage.pictures import annotated_screenshot, filmstrip_png, placeholder
from triage.recorder import TraceRecorder
from triage.redact import Redactor
from triage.retry import LEAN_NOTE
from triage.run import Bundle, RunState
from triage.schema import TriageJson
from triage.verdict import ENVIRONMENT, GUIDE_STEP, environment_cause
from triage.watch import PageWatch


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
    page: Page | None = None
    #: The journal the failure concerns (the scenario CEC's, or whoever acted last).
    journal: ActionJournal | None = None
    #: Every journal of the scenario (other CECs have their own, in their own browsers).
    journals: Journals | None = None
    #: What the project's fixtures registered for this item (cec.evidence).
    facts: ScenarioFacts = field(default_factory=ScenarioFacts)
    recorder: TraceRecorder = field(default_factory=TraceRecorder)
    watch: PageWatch = field(default_factory=PageWatch)
    camera: FrameCamera = field(default_factory=FrameCamera)
    watched: set[int] = field(default_factory=set)
    completed_steps: list[str] = field(default_factory=list)
    failed_step: str = ""
    error: tuple[str, str] | None = None
    failed_at: datetime | None = None
    capture: Capture | None = None
    attribution: Attribution | None = None
    #: Why the test could not run, when the failure is the machinery's (triage.verdict), else None.
    environment: str | None = None
    pictures: dict[str, Future[bytes]] = field(default_factory=dict)
    #: Main-thread time the failure cost, by part (ms): the benchmark's number.
    cost: dict[str, float] = field(default_factory=dict)
    bundle: Bundle | None = None
    #: A first attempt with a retry to come (triage.retry): no filmstrip frames, no trace, and its bundle says so.
    lean: bool = False

    def book(self) -> Journals | None:
        """The scenario's journals: as given, or as the journal fixtures registered them."""
        if self.journals is None:
            self.journals = self.facts.journals
        if self.journal is None and self.journals is not None and self.journals.made:
            self.journal = self.journals.made[0]
        return self.journals

    def redactor(self, run: RunState) -> Redactor:
        """A redactor that knows every secret registered so far, run-wide and in this scenario."""
        redactor = Redactor()
        redactor.add(run.facts.secrets)
        redactor.add(self.facts.secrets)
        book = self.book()
        if self.journal is not None:
            redactor.add(self.journal.secrets())
        if book is not None:
            redactor.add(book.secrets())
        return redactor

    def secret_locators(self) -> list[Locator]:
        """Fields the journal typed secrets into (masked even if they are not password-type)."""
        if self.journal is None:
            return []
        return [action.locator for action in self.journal.actions if action.secret]

    def wants_bundle(self) -> bool:
        """Only an activation scenario, or a test that drove the browser, concerns EAS."""
        return self.bdd or self.page is not None

    def watch_page(self, page: Page) -> None:
        """Follow a page; runs inside Playwright's event dispatch too, where it must never raise."""
        if self.page is None:
            self.page = page
        if id(page) not in self.watched:
            self.watched.add(id(page))
            with suppress(Exception):
                self.watch.attach(page)

    def watch_context(self, context: BrowserContext, *, trace: bool, groups: bool = True) -> None:
        """Follow the context's pages and start the trace recorder on it (``groups``: some trace runs)."""
        context.on("page", self.watch_page)
        self.recorder.start(context, self.nodeid, trace=trace, groups=groups)

    def finish_step(self, label: str, run: RunState) -> None:
        """A step passed: close its group and post a filmstrip frame (read only if the scenario fails)."""
        self.recorder.close_group()
        self.completed_steps.append(label)
        if run.filmstrip and not self.lean and self.page is not None:
            self.camera.shoot(self.page, label)

    def fail(self, run: RunState, gherkin_step: str, error: tuple[str, str], phase: str = "call") -> None:
        """Capture everything now, while the page still shows the error.

        The trace stops first, so the capture's own calls are neither recorded nor slowed by its
        DOM snapshots (on a hung page those wait past our limits); pictures are drawn in a thread.
        """
        started = time.perf_counter()
        self.failed_step = self.failed_step or gherkin_step
        self.error = self.error or error
        self.failed_at = datetime.now(UTC)
        self.recorder.keep()
        traced = time.perf_counter()
        self.follow_who_acted_last()
        last = self.journal.last if self.journal is not None else None
        self.capture = capture_failure(
            self.page,
            last.locator if last is not None else None,
            last.target if last is not None else "",
            secret_locators=self.secret_locators(),
            limits=run.limits,
            on_screenshot=lambda picture: self._draw_filmstrip(run, picture),
            landmarks=run.landmarks,
            callouts=callouts(self.journal) if self.journal is not None else (),
        )
        if self.capture.viewport_png is not None:
            self.recorder.snapshot_failure(self.page, run.limits.element_ms)
        self.attribution = attribute(whereabouts(self.journal or ActionJournal(), self.capture))
        book = self.book()
        acted = book is not None and any(journal.last_activity for journal in book.made)
        self.environment = environment_cause(
            *self.error, phase=phase, acted=acted, portal_url=run.facts.portal_url
        )
        headline = self.attribution.step.label() if self.environment is None else "The test could not run"
        banner = Banner(headline, self.failed_step, self.scenario, self._failed_at_text(), run.run_id)
        self.pictures[SCREENSHOT] = run.pictures().submit(annotated_screenshot, self.capture, banner)
        if FILMSTRIP not in self.pictures:
            self._draw_filmstrip(run, placeholder(self.capture))
        self.cost["trace"] = (traced - started) * 1000
        self.cost["capture"] = (time.perf_counter() - traced) * 1000

    def follow_who_acted_last(self) -> None:
        """Make the failure about the CEC who acted last: another CEC in their browser, if it was them.

        Their page takes over if it is still open (also when they failed before doing anything,
        say their sign-up link never opened). The filmstrip keeps the scenario CEC's steps,
        "how the CEC got here", and ends with the failure's picture.
        """
        book = self.book()
        latest = book.most_recent() if book is not None else None
        if latest is None or self.journal is None or latest is self.journal or latest.page is None:
            return
        if latest.last_activity <= self.journal.last_activity or latest.page.is_closed():
            return
        self.journal, self.page = latest, latest.page

    def doing(self) -> str:
        """One plain sentence: what the CEC had just done when it failed."""
        return doing(self.journal, self.failed_step)

    def _failed_at_text(self) -> str:
        return (self.failed_at or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S UTC")

    def _draw_filmstrip(self, run: RunState, failing_picture: bytes) -> None:
        """Start the filmstrip as soon as the failure's screenshot exists (none on a lean attempt)."""
        if self.lean:
            return
        size = self.page.viewport_size if self.page is not None else None
        viewport = (size["width"], size["height"]) if size else (1280, 900)
        self.pictures[FILMSTRIP] = run.pictures().submit(
            filmstrip_png,
            self.camera.collect(run.limits.frame_ms),
            f"FAILED: {self.failed_step}",
            failing_picture,
            f"How the CEC got here: {self.scenario}",
            viewport,
        )

    def write_bundle(self, run: RunState, folder_name: str, display_root: Path) -> Bundle:
        """Write ``reports/triage/<slug>/``: pictures, trace, triage.json and triage.md."""
        started = time.perf_counter()
        capture = self.capture or Capture(missing=["nothing was captured"])
        redactor = self.redactor(run)
        folder = new_folder(run.root, folder_name)
        trace = self.recorder.take()
        if trace is not None:
            shutil.move(trace, folder / TRACE)
            redactor.zip_file(folder / TRACE)
        files: dict[str, bytes] = {name: job.result() for name, job in self.pictures.items()}
        if capture.viewport_png is not None:
            files[RAW] = capture.viewport_png
        if capture.full_png is not None and capture.full_png is not capture.viewport_png:
            files[FULL_PAGE] = capture.full_png
        document = self.document(run, capture, redactor)
        self.cost["bundle"] = (time.perf_counter() - started) * 1000
        document["capture_cost_ms"] = {key: round(value, 1) for key, value in self.cost.items()}
        document["capture_ms"] = round(sum(self.cost.values()), 1)
        shown = display(folder, display_root)
        written = write_files(folder, document, files, redactor, shown)
        self.bundle = Bundle(folder, shown, written, files.get(SCREENSHOT))
        return self.bundle

    def document(self, run: RunState, capture: Capture, redactor: Redactor) -> TriageJson:
        """Every fact of the failure, as triage.json holds it (redacted when written)."""
        journal = self.journal or ActionJournal()
        attribution = self.attribution or attribute(whereabouts(journal, capture))
        error_type, error_message = self.error or ("", "")
        record = self.facts.delegation
        seed = run.faker_seed
        return {
            "scenario": self.scenario,
            "feature": self.feature,
            "gherkin_step": self.failed_step,
            "kind": GUIDE_STEP if self.environment is None else ENVIRONMENT,
            "cause": redactor.text(self.environment or ""),
            "guide_step": (
                {"number": attribution.step.number, "title": attribution.step.title}
                if self.environment is None
                else None
            ),
            "page": {"url": capture.url, "heading": capture.heading, "dialogs": list(capture.dialogs)},
            "portal_messages": list(capture.portal_messages),
            "error": {"type": error_type, "message": redactor.text(clean_error(error_message))},
            "input_findings": [finding.as_json() for finding in findings(journal)],
            "artifacts": [],
            "reproduce": reproduce_command(
                self.nodeid,
                seed or 0,
                run.facts.portal_url,
                run.facts.external_portal,
                [*run.facts.reproduce_options, *self.facts.reproduce_options],
            ),
            "faker_seed": seed,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "failed_at": (self.failed_at or datetime.now(UTC)).isoformat(timespec="seconds"),
            "run_id": run.run_id,
            "nodeid": self.nodeid,
            "feature_file": self.feature_file,
            "portal_codes": capture.codes(),
            "attribution": attribution.reason if self.environment is None else "",
            "doing": self.doing(),
            "completed_steps": list(self.completed_steps),
            "data_used": data_used(journal),
            "delegation_email": None if record is None else {
                "delegation_code": record.code, "business_name": record.business_name, "cert_number": record.cert_number
            },
            "fast_forward": self.facts.fast_forward,
            "console_errors": list(self.watch.console_errors),
            "failed_requests": list(self.watch.failed_requests),
            "browser": self.recorder.browser(),
            "portal_url": run.facts.portal_url,
            "show_trace": "",
            "not_captured": [*capture.missing, *([LEAN_NOTE] if self.lean else [])],
            "capture_notes": list(capture.notes),
            "capture_ms": 0.0,
            "capture_cost_ms": {},
        }

    def bundle_name(self, item_name: str, parameter_id: str | None) -> str:
        """The bundle's folder: the scenario's slug, plus the example's id when the name is the same for all."""
        same_for_all = not self.template or self.scenario == self.template
        suffix = f"-{slug(parameter_id, 40)}" if parameter_id and same_for_all else ""
        return slug(self.scenario or item_name) + suffix
