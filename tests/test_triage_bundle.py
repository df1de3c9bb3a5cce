"""The bundle files: names, the keys triage.json promises, redaction, the index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import cast

from cec.guide import GuideStep
from triage.bundle import new_folder, render_markdown, reproduce_command, slug, write_bundle, write_index
from triage.findings import check_value
from triage.redact import Redactor
from triage.schema import TriageJson

REQUIRED_KEYS = {
    "scenario", "feature", "gherkin_step", "guide_step", "page", "portal_messages", "error",
    "input_findings", "artifacts", "reproduce", "faker_seed", "started_at",
}


def evidence(**changes: object) -> TriageJson:
    """A triage.json document before writing, as ScenarioState.document assembles it."""
    values: TriageJson = {
        "scenario": "A CEC pastes the code",
        "feature": "Create Your Account",
        "gherkin_step": "When the CEC clicks CONTINUE",
        "kind": "guide-step",
        "cause": "",
        "guide_step": {"number": 2, "title": GuideStep.of(2).title},
        "page": {"url": "http://127.0.0.1/signup", "heading": "Create Your Account", "dialogs": []},
        "portal_messages": ["We could not verify your delegation information. (DC-102)"],
        "error": {"type": "AssertionError", "message": "typed Secret12!x into a box"},
        "input_findings": [finding.as_json() for finding in check_value("the Delegation Code field", "SJ5\u00a0Nen")],
        "artifacts": [],
        "reproduce": "python -m pytest x --faker-seed 1",
        "faker_seed": 1,
        "started_at": "2025-01-01T00:00:00+00:00",
        "failed_at": "2025-01-01T00:00:01+00:00",
        "run_id": "run",
        "nodeid": "steps/test_x.py::test_a[x]",
        "feature_file": "features/02.feature",
        "portal_codes": ["DC-102"],
        "attribution": "the last thing the CEC did was click the CONTINUE button",
        "doing": "The CEC clicked the CONTINUE button.",
        "completed_steps": ["Given a CEC has a delegation email"],
        "data_used": [{"guide_step": 6, "field": "the Password field", "value": "[redacted]"}],
        "delegation_email": {"delegation_code": "SJ5Nen"},
        "console_errors": [],
        "failed_requests": ["POST /signup: HTTP 500"],
        "browser": "chromium 1",
        "portal_url": "http://127.0.0.1",
        "show_trace": "",
        "not_captured": [],
        "capture_notes": [],
        "capture_ms": 0.0,
        "capture_cost_ms": {},
        "fast_forward": "",
    }
    return cast(TriageJson, {**values, **changes})


def test_slug_and_unique_folders(tmp_path: Path) -> None:
    assert slug("A CEC pastes the code (DC-102) — José") == "a-cec-pastes-the-code-dc-102-jose"
    assert slug("!!!") == "scenario"
    first, second = new_folder(tmp_path, "a"), new_folder(tmp_path, "a")
    assert (first.name, second.name) == ("a", "a-2")


def test_reproduce_never_prints_the_admin_token() -> None:
    command = reproduce_command("steps/test_x.py::test_a[x y]", 42, "http://portal:8080", external=True)
    assert command.startswith("python -m pytest 'steps/test_x.py::test_a[x y]' --faker-seed 42")
    assert '--admin-token "$MOCK_ADMIN_TOKEN"' in command
    assert "--base-url" not in reproduce_command("t", 1, "http://embedded", external=False)


def test_bundle_json_has_the_promised_keys_and_no_secret(tmp_path: Path) -> None:
    redactor = Redactor()
    redactor.add(["Secret12!x"])
    document = write_bundle(tmp_path, evidence(), {"screenshot.png": b"png"}, redactor, "reports/triage/a")
    assert set(document) >= REQUIRED_KEYS
    written = json.loads((tmp_path / "triage.json").read_text())
    assert written["guide_step"] == {"number": 2, "title": GuideStep.of(2).title}
    assert written["artifacts"] == ["screenshot.png", "triage.md", "triage.json"]
    assert written["input_findings"][0]["character"] == "U+00A0"
    markdown = (tmp_path / "triage.md").read_text()
    assert "guide step 2" in markdown
    assert "U+00A0" in markdown
    for path in tmp_path.iterdir():
        assert b"Secret12!x" not in path.read_bytes()


def test_index_lists_every_bundle(tmp_path: Path) -> None:
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        write_bundle(folder, evidence(scenario=f"scenario {name}"), {"raw.png": b"x"}, Redactor(), name)
    index = write_index(tmp_path, "run-1")
    assert index is not None
    page = index.read_text()
    assert "2 failed scenario(s)" in page
    assert 'src="one/raw.png"' in page
    assert "We could not verify your delegation information. (DC-102)" in page
    assert "Step 2" in page


def test_markdown_says_what_triage_json_says() -> None:
    markdown = render_markdown(evidence(show_trace="playwright show-trace a/trace.zip", artifacts=["trace.zip"]))
    assert markdown.startswith("# CEC activation failed at guide step 2: ")
    assert "- Portal message: \"We could not verify your delegation information. (DC-102)\"" in markdown
    assert "The delegation email said: delegation code `SJ5Nen`\n\n| Guide step | Field | Typed |" in markdown
    assert "| 6 | the Password field | `[redacted]` |" in markdown
    assert "- request: POST /signup: HTTP 500" in markdown
    assert "- `trace.zip`\n\n## Reproduce" in markdown
    assert markdown.endswith("```\nplaywright show-trace a/trace.zip\n```\n")
    quiet = render_markdown(evidence(portal_messages=[], failed_requests=[], delegation_email=None, data_used=[]))
    assert "- The portal showed no error message." in quiet
    assert "## Browser console errors" not in quiet
    assert "Nothing was typed before the failure." in quiet
