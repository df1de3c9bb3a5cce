"""What CI reads: pytest-html extras, JUnit XML properties, cucumber JSON embeddings, the summary.

The bundle's facts travel on the reports as ``user_properties`` (they survive xdist's
report serialisation), so the controller's :class:`TriageReporter` can print the summary
line and build the index for failures that happened on any worker. pytest-bdd's own
scenario record does not travel (it sits in a registry keyed by the worker's report
object), which left cucumber JSON empty under ``-n``: the reporter carries it across too.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pytest

from triage.bundle import SCREENSHOT, SHOW_TRACE, TRACE, write_index
from triage.redact import Redactor
from triage.run import Bundle, RunState
from triage.schema import TriageJson
from triage.verdict import ENVIRONMENT

if TYPE_CHECKING:
    from triage.flaky import FlakyReporter

#: JUnit XML property names (the issue names the first two).
PROP_GUIDE_STEP: Final = "guide_step"
PROP_KIND: Final = "triage_kind"
COULD_NOT_RUN: Final = "The test could not run"
PROP_GHERKIN_STEP: Final = "gherkin_step"
PROP_BUNDLE: Final = "triage_bundle"
PROP_MESSAGE: Final = "portal_message"
NO_MESSAGE: Final = "(no portal message)"
#: Where pytest-bdd's scenario record rides in a serialised report (worker to controller).
BDD_CONTEXT_KEY: Final = "triage_pytest_bdd_context"
Report = pytest.CollectReport | pytest.TestReport
Serialised = dict[str, Any]


def attach(item: pytest.Item, report: pytest.TestReport, bundle: Bundle) -> None:
    """JUnit properties (on the item, so the teardown report JUnit reads has them) and pytest-html extras."""
    document = bundle.document
    messages = document.get("portal_messages") or []
    properties = [
        (PROP_KIND, document["kind"]),
        (PROP_GUIDE_STEP, verdict_words(document)),
        (PROP_GHERKIN_STEP, document["gherkin_step"]),
        (PROP_BUNDLE, bundle.display),
        (PROP_MESSAGE, messages[0] if messages else NO_MESSAGE),
    ]
    item.user_properties.extend(properties)
    report.user_properties.extend(properties)
    extras = list(getattr(report, "extras", []))
    link = _link_from_report(item.config, bundle.folder)
    extras.append(_extra("html", html_summary(document, bundle.display, link, bundle.screenshot)))
    report.extras = extras  # type: ignore[attr-defined]


def _link_from_report(config: pytest.Config, folder: Path) -> str:
    """The bundle's folder as a link from report.html (pytest-html's ``--html`` path), else absolute."""
    html_path = getattr(config.option, "htmlpath", None)
    if not html_path:
        return folder.as_uri()
    base = (config.invocation_params.dir / str(html_path)).resolve().parent
    try:
        return folder.resolve().relative_to(base).as_posix()
    except ValueError:
        return folder.resolve().as_uri()


def _extra(
    format_type: str, content: str, name: str | None = None, mime_type: str | None = None, extension: str | None = None
) -> dict[str, str | None]:
    """A pytest-html extra, in the shape ``pytest_html.extras`` builds (its public format)."""
    return {
        "name": name,
        "format_type": format_type,
        "content": content,
        "mime_type": mime_type,
        "extension": extension,
    }


def verdict_words(document: TriageJson) -> str:
    """"4: Agree to the Terms ..." for a CEC's failure; "The test could not run: <cause>" otherwise."""
    step = document["guide_step"]
    if step is None:
        return f"{COULD_NOT_RUN}: {document['cause']}"
    return f"{step['number']}: {step['title']}"


def html_summary(document: TriageJson, display: str, link: str = "", screenshot: bytes | None = None) -> str:
    """The EAS summary for report.html: the verdict, the Gherkin step, what the portal said, the bundle.

    The annotated screenshot is shown at the report's full width (pytest-html's image
    extras are thumbnails), linked to the bundle's own copy.
    """
    step = document["guide_step"]
    messages = document.get("portal_messages") or [NO_MESSAGE]
    href = html.escape(link, quote=True)
    bundle_link = f'<a href="{href}/">{html.escape(display)}/</a>' if link else f"{html.escape(display)}/"
    picture = ""
    if screenshot is not None:
        data = base64.b64encode(screenshot).decode("ascii")
        image = f'<img src="data:image/png;base64,{data}" alt="EAS triage screenshot" style="width:100%">'
        picture = f'<p><a href="{href}/{SCREENSHOT}">{image}</a></p>' if link else f"<p>{image}</p>"
    headline = (
        f"<strong>{COULD_NOT_RUN}:</strong> {html.escape(document['cause'])}"
        if step is None
        else f"<strong>Guide step {step['number']} of 9:</strong> {html.escape(step['title'])}"
    )
    return (
        '<div class="eas-triage">'
        f"<p>{headline}</p>"
        f"<p><strong>Gherkin step:</strong> {html.escape(document['gherkin_step'])}</p>"
        f"<p><strong>Portal said:</strong> {'<br>'.join(html.escape(m) for m in messages)}</p>"
        f"<p><strong>EAS bundle:</strong> {bundle_link}</p>"
        f"{picture}"
        "</div>"
    )


def scrub_report(report: pytest.TestReport, redactor: Redactor) -> None:
    """Replace any secret in the failure text and captured output before any reporter sees it."""
    if not redactor.secrets:
        return
    if report.longrepr is not None:
        text = str(report.longrepr)
        if redactor.leaks(text):
            report.longrepr = redactor.text(text)
    report.sections = [(title, redactor.text(content)) for title, content in report.sections]


def scrub_playwright_traces(report: pytest.TestReport, redactor: Redactor, bundle: Bundle | None) -> None:
    """With ``--tracing``, pytest-playwright keeps its own traces: redact those too; a bundle gets a copy."""
    for name, value in report.user_properties:
        if name != "playwright_trace":
            continue
        path = Path(str(value))
        if not path.is_absolute():
            path = Path.cwd() / path
        if not path.exists():
            continue
        redactor.zip_file(path)
        if bundle is not None and not (bundle.folder / TRACE).exists():
            (bundle.folder / TRACE).write_bytes(path.read_bytes())
            bundle.rewrite(redactor)


def embed_in_cucumber(config: pytest.Config, report: pytest.TestReport, bundle: Path) -> None:
    """Add the annotated screenshot to the failing step of pytest-bdd's cucumber JSON element.

    pytest-bdd's writer appends the scenario in its own ``pytest_runtest_logreport``; this
    runs after it (trylast) and finds the first failed step, the one that raised.
    """
    from pytest_bdd.cucumber_json import LogBDDCucumberJSON
    from pytest_bdd.reporting import test_report_context_registry

    writer = next((p for p in config.pluginmanager.get_plugins() if isinstance(p, LogBDDCucumberJSON)), None)
    context = test_report_context_registry.get(report)
    if writer is None or context is None:
        return
    feature = writer.features.get(context.scenario["feature"]["filename"])
    path = bundle if bundle.is_absolute() else config.invocation_params.dir / bundle
    if not feature or not feature["elements"]:
        return
    steps = feature["elements"][-1]["steps"]
    failing = next((s for s in steps if s["result"]["status"] == "failed"), None)
    if failing is None:
        return
    # pytest-bdd marks every step after the failing one "failed" too; they never ran.
    for later in steps[steps.index(failing) + 1 :]:
        later["result"] = {"status": "skipped", "duration": 0}
    if not (path / SCREENSHOT).exists():
        return
    data = base64.b64encode((path / SCREENSHOT).read_bytes()).decode("ascii")
    # Cucumber JSON's step "embeddings" is standard, but pytest-bdd's TypedDict leaves it out.
    step: dict[str, Any] = failing  # type: ignore[assignment]
    step.setdefault("embeddings", []).append({"mime_type": "image/png", "data": data, "name": "EAS triage screenshot"})


class TriageReporter:
    """The hooks that only see reports: cucumber embedding, summary lines, the index.

    Registered per run in ``pytest_configure`` so each hook knows its config; under xdist
    the controller's instance sees every worker's reports.
    """

    def __init__(self, config: pytest.Config, run: RunState, flaky: FlakyReporter) -> None:
        self.config = config
        self.run = run
        self.flaky = flaky

    @pytest.hookimpl(wrapper=True)
    def pytest_report_to_serializable(self, report: Report) -> Generator[None, Serialised | None, Serialised | None]:
        """On a worker: add pytest-bdd's scenario record to the report xdist sends."""
        data = yield
        if data is not None and isinstance(report, pytest.TestReport):
            from pytest_bdd.reporting import test_report_context_registry

            context = test_report_context_registry.get(report)
            if context is not None:
                data[BDD_CONTEXT_KEY] = {"scenario": context.scenario, "name": context.name}
        return data

    @pytest.hookimpl(wrapper=True)
    def pytest_report_from_serializable(self, data: Serialised) -> Generator[None, Report | None, Report | None]:
        """On the controller: put the record back where pytest-bdd's cucumber JSON writer looks."""
        carried = data.pop(BDD_CONTEXT_KEY, None)
        report = yield
        if carried is not None and isinstance(report, pytest.TestReport):
            from pytest_bdd.reporting import ReportContext, test_report_context_registry

            test_report_context_registry[report] = ReportContext(scenario=carried["scenario"], name=carried["name"])
        return report

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Embed the screenshot in cucumber JSON (after pytest-bdd added the scenario); note the summary line."""
        properties = dict(report.user_properties)
        bundle = properties.get(PROP_BUNDLE)
        if bundle is None:
            return
        if report.when == "call":
            try:
                embed_in_cucumber(self.config, report, Path(str(bundle)))
            except (OSError, KeyError, TypeError, ImportError):
                return
        if report.when == "teardown" and not self.flaky.superseded(report):
            flaky = properties.get("flaky") == "true"  # triage.flaky.PROP_FLAKY, set before this runs
            verdict = properties.get(PROP_GUIDE_STEP)
            where = verdict if properties.get(PROP_KIND) == ENVIRONMENT else f"guide step {verdict}"
            lead = "FLAKY (passed on a rerun), failed attempt at" if flaky else "EAS triage:"
            self.run.summary.append(
                f"{lead} {where} | {properties.get(PROP_GHERKIN_STEP)}"
                f" | {properties.get(PROP_MESSAGE)} | {bundle}/"
            )
            trace = f"{bundle}/{TRACE}"
            if (self.config.invocation_params.dir / trace).exists():
                self.run.summary.append(f"  open its trace: {SHOW_TRACE} {trace}")

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_terminal_summary(self, terminalreporter: Any) -> Generator[None, None, None]:
        """End the summary (after pytest's own short summary) with one line per failure."""
        try:
            return (yield)
        finally:
            if self.run.summary:
                terminalreporter.write_sep("-", "EAS triage")
                for line in self.run.summary:
                    terminalreporter.write_line(line)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Write index.html over every bundle of the run (the controller does, once)."""
        if self.run.controller and self.run.root.exists():
            write_index(self.run.root, self.run.run_id, flaky=self.flaky.flaky_folders())
