"""The folder EAS receives for one failed scenario, and the index of all of them.

``reports/triage/<scenario-slug>/`` holds the annotated screenshot, the raw and full-page
screenshots, the filmstrip, the trace, ``triage.md`` (plain words for an email) and
``triage.json`` (the same facts for tools). Everything text passes through the
:class:`~triage.redact.Redactor` before it is written.
"""

from __future__ import annotations

import html
import json
import re
import shlex
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from triage.findings import Finding
from triage.guide import Attribution
from triage.redact import Redactor

SCREENSHOT: Final = "screenshot.png"
RAW: Final = "raw.png"
FULL_PAGE: Final = "fullpage.png"
FILMSTRIP: Final = "filmstrip.png"
TRACE: Final = "trace.zip"
MARKDOWN: Final = "triage.md"
JSON: Final = "triage.json"
INDEX: Final = "index.html"
#: Every file a bundle may hold, in the order triage.md lists them.
ARTIFACT_ORDER: Final = (SCREENSHOT, RAW, FULL_PAGE, FILMSTRIP, TRACE, MARKDOWN, JSON)
_ANSI: Final = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def slug(text: str, limit: int = 80) -> str:
    """A folder name from a scenario name: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "scenario"


def new_folder(root: Path, name: str) -> Path:
    """Create ``root/name``, or ``name-2``, ``name-3``... (atomic, so parallel workers never share one)."""
    root.mkdir(parents=True, exist_ok=True)
    candidate, counter = name, 1
    while True:
        try:
            (root / candidate).mkdir()
        except FileExistsError:
            counter += 1
            candidate = f"{name}-{counter}"
            continue
        return root / candidate


def clean_error(text: str, limit: int = 4000) -> str:
    """An exception message without terminal colours, cut to a readable length."""
    text = _ANSI.sub("", text).strip()
    return text if len(text) <= limit else text[:limit] + " …"


def reproduce_command(nodeid: str, faker_seed: int, base_url: str | None, external: bool) -> str:
    """The command line that replays this scenario with the same test data.

    For a portal started separately the admin token comes from the environment, so the
    command can be pasted into an email without the token.
    """
    parts = ["python", "-m", "pytest", nodeid, "--faker-seed", str(faker_seed)]
    command = shlex.join(parts)
    if external and base_url:
        command += f" --base-url {shlex.quote(base_url)} --admin-token \"$MOCK_ADMIN_TOKEN\""
    return command


@dataclass
class Evidence:
    """Every fact of one failure, before redaction."""

    scenario: str
    feature: str
    feature_file: str
    nodeid: str
    gherkin_step: str
    attribution: Attribution
    url: str
    heading: str
    dialogs: Sequence[str]
    portal_messages: Sequence[str]
    portal_codes: Sequence[str]
    error_type: str
    error_message: str
    findings: Sequence[Finding]
    data_used: Sequence[dict[str, Any]]
    delegation: dict[str, str] | None
    doing: str
    completed_steps: Sequence[str]
    console_errors: Sequence[str]
    failed_requests: Sequence[str]
    browser: str
    portal_url: str
    reproduce: str
    faker_seed: int | None
    run_id: str
    started_at: str
    failed_at: str
    missing: Sequence[str] = ()
    capture_notes: Sequence[str] = ()
    capture_ms: float = 0.0
    cost_ms: dict[str, float] = field(default_factory=dict)
    artifacts: list[str] = field(default_factory=list)

    def as_json(self, folder: str) -> dict[str, Any]:
        """The triage.json document (keys promised by the issue first)."""
        return {
            "scenario": self.scenario,
            "feature": self.feature,
            "gherkin_step": self.gherkin_step,
            "guide_step": self.attribution.step.as_json(),
            "page": {"url": self.url, "heading": self.heading, "dialogs": list(self.dialogs)},
            "portal_messages": list(self.portal_messages),
            "error": {"type": self.error_type, "message": self.error_message},
            "input_findings": [finding.as_json() for finding in self.findings],
            "artifacts": list(self.artifacts),
            "reproduce": self.reproduce,
            "faker_seed": self.faker_seed,
            "started_at": self.started_at,
            "failed_at": self.failed_at,
            "run_id": self.run_id,
            "nodeid": self.nodeid,
            "feature_file": self.feature_file,
            "portal_codes": list(self.portal_codes),
            "attribution": self.attribution.reason,
            "doing": self.doing,
            "completed_steps": list(self.completed_steps),
            "data_used": list(self.data_used),
            "delegation_email": self.delegation,
            "console_errors": list(self.console_errors),
            "failed_requests": list(self.failed_requests),
            "browser": self.browser,
            "portal_url": self.portal_url,
            "show_trace": f"playwright show-trace {folder}/{TRACE}" if TRACE in self.artifacts else "",
            "not_captured": list(self.missing),
            "capture_notes": list(self.capture_notes),
            "capture_ms": round(self.capture_ms, 1),
            "capture_cost_ms": {key: round(value, 1) for key, value in self.cost_ms.items()},
        }

    def markdown(self, folder: str) -> str:
        """triage.md: what an EAS email needs, in plain language."""
        step = self.attribution.step
        lines = [
            f"# CEC activation failed at guide step {step.number}: {step.title}",
            "",
            f"**Scenario:** {self.scenario} (feature: {self.feature or 'n/a'})",
            "",
            "## What the CEC was doing",
            "",
            f"{self.doing}",
            "",
            f"The failing Gherkin step: `{self.gherkin_step}`",
            "",
            f"**Guide step {step.number} of 9: {step.title}.** Why this step: {self.attribution.reason}.",
            "",
            "## What the page said",
            "",
            f"- Page: {self.heading or '(no heading)'} — {self.url or '(no address)'}",
        ]
        if self.dialogs:
            lines.append(f"- Open dialog: {', '.join(self.dialogs)}")
        if self.portal_messages:
            lines += [f"- Portal message: \"{message}\"" for message in self.portal_messages]
        else:
            lines.append("- The portal showed no error message.")
        lines += ["", "## What went wrong in the test", "", "```", f"{self.error_type}: {self.error_message}"]
        lines += ["```", ""]
        lines += ["## Input findings", ""]
        if self.findings:
            lines += [f"- {finding.message}" for finding in self.findings]
        else:
            lines.append("- None: every value was typed without stray spaces or look-alike characters.")
        lines += ["", "## Data used (secrets redacted)", ""]
        if self.delegation:
            lines.append(
                "The delegation email said: "
                + ", ".join(f"{key.replace('_', ' ')} `{value}`" for key, value in self.delegation.items())
            )
            lines.append("")
        if self.data_used:
            lines += ["| Guide step | Field | Typed |", "|---|---|---|"]
            lines += [
                f"| {row['guide_step']} | {row['field']} | `{row['value']}` |" for row in self.data_used
            ]
        else:
            lines.append("Nothing was typed before the failure.")
        lines += ["", "## Browser and portal", "", f"- Browser: {self.browser or 'unknown'}"]
        lines += [f"- Portal: {self.portal_url or 'unknown'}", f"- Faker seed: {self.faker_seed}"]
        lines += [f"- Run: {self.run_id}, started {self.started_at}, failed {self.failed_at}", ""]
        if self.console_errors or self.failed_requests:
            lines += ["## Browser console errors and failed requests", ""]
            lines += [f"- console: {entry}" for entry in self.console_errors]
            lines += [f"- request: {entry}" for entry in self.failed_requests]
            lines.append("")
        lines += ["## Attachments", ""]
        lines += [f"- `{name}`" for name in self.artifacts]
        if self.missing or self.capture_notes:
            lines += ["", "## Not captured, and why", ""]
            lines += [f"- {entry}" for entry in self.missing]
            lines += [f"- Note: {entry}" for entry in self.capture_notes]
        lines += ["", "## Reproduce", "", "```", self.reproduce, "```"]
        if TRACE in self.artifacts:
            lines += ["", "Open the trace:", "", "```", f"playwright show-trace {folder}/{TRACE}", "```"]
        return "\n".join(lines) + "\n"


def write_bundle(
    folder: Path, evidence: Evidence, files: dict[str, bytes], redactor: Redactor, display_folder: str
) -> dict[str, Any]:
    """Write the images, then triage.json and triage.md (redacted); return the JSON written."""
    for name, content in files.items():
        (folder / name).write_bytes(content)
    present = {path.name for path in folder.iterdir()} | {MARKDOWN, JSON}
    evidence.artifacts = [name for name in ARTIFACT_ORDER if name in present]
    document = redactor.data(evidence.as_json(display_folder))
    assert isinstance(document, dict)
    (folder / JSON).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / MARKDOWN).write_text(redactor.text(evidence.markdown(display_folder)), encoding="utf-8")
    return document


def write_index(root: Path, run_id: str) -> Path | None:
    """``index.html``: every bundle of this run with its thumbnail, guide step and message."""
    bundles = []
    for path in sorted(root.glob(f"*/{JSON}")):
        try:
            bundles.append((path.parent.name, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError):
            continue
    if not bundles and not root.exists():
        return None
    rows = []
    for name, data in bundles:
        step = data.get("guide_step", {})
        messages = data.get("portal_messages") or ["(no portal message)"]
        picture = RAW if (root / name / RAW).exists() else SCREENSHOT
        thumb = (
            f'<a href="{html.escape(name)}/{SCREENSHOT}"><img src="{html.escape(name)}/{picture}" width="320" '
            f'alt="screenshot of {html.escape(str(data.get("scenario", "")))}"></a>'
            if (root / name / picture).exists()
            else "(no screenshot)"
        )
        rows.append(
            "<tr>"
            f"<td>{thumb}</td>"
            f"<td><strong>Step {html.escape(str(step.get('number', '?')))}</strong>: "
            f"{html.escape(str(step.get('title', '')))}</td>"
            f"<td>{html.escape(str(data.get('scenario', '')))}<br>"
            f"<code>{html.escape(str(data.get('gherkin_step', '')))}</code></td>"
            f"<td>{'<br>'.join(html.escape(str(message)) for message in messages)}</td>"
            f'<td><a href="{html.escape(name)}/{MARKDOWN}">{MARKDOWN}</a><br>'
            f'<a href="{html.escape(name)}/{FILMSTRIP}">{FILMSTRIP}</a></td>'
            "</tr>"
        )
    body = "\n".join(rows) or '<tr><td colspan="5">No failures in this run.</td></tr>'
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>EAS triage: run {html.escape(run_id)}</title>
<style>body{{font-family:sans-serif;margin:1.5rem}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.5rem;vertical-align:top;text-align:left}}img{{border:1px solid #999}}</style>
</head><body><h1>EAS triage: {len(bundles)} failed scenario(s), run {html.escape(run_id)}</h1>
<table><thead><tr><th>Screenshot</th><th>Guide step</th><th>Scenario and Gherkin step</th>
<th>Portal message</th><th>Bundle</th></tr></thead><tbody>
{body}
</tbody></table></body></html>
"""
    root.mkdir(parents=True, exist_ok=True)
    index = root / INDEX
    index.write_text(page, encoding="utf-8")
    return index
