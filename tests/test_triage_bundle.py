"""The bundle files: names, the keys triage.json promises, redaction, the index."""

from __future__ import annotations

import json
from pathlib import Path

from cec.guide import GuideStep
from triage.bundle import Evidence, new_folder, reproduce_command, slug, write_bundle, write_index
from triage.findings import check_value
from triage.guide import Attribution
from triage.redact import Redactor

REQUIRED_KEYS = {
    "scenario", "feature", "gherkin_step", "guide_step", "page", "portal_messages", "error",
    "input_findings", "artifacts", "reproduce", "faker_seed", "started_at",
}


def evidence(**changes: object) -> Evidence:
    values: dict[str, object] = {
        "scenario": "A CEC pastes the code",
        "feature": "Create Your Account",
        "feature_file": "features/02.feature",
        "nodeid": "steps/test_x.py::test_a[x]",
        "gherkin_step": "When the CEC clicks CONTINUE",
        "attribution": Attribution(GuideStep.of(2), "the last thing the CEC did was click the CONTINUE button"),
        "url": "http://127.0.0.1/signup",
        "heading": "Create Your Account",
        "dialogs": [],
        "portal_messages": ["We could not verify your delegation information. (DC-102)"],
        "portal_codes": ["DC-102"],
        "error_type": "AssertionError",
        "error_message": "typed Secret12!x into a box",
        "findings": check_value("the Delegation Code field", "SJ5\u00a0Nen"),
        "data_used": [{"guide_step": 6, "field": "the Password field", "value": "[redacted]"}],
        "delegation": {"delegation_code": "SJ5Nen"},
        "doing": "The CEC clicked the CONTINUE button.",
        "completed_steps": ["Given a CEC has a delegation email"],
        "console_errors": [],
        "failed_requests": ["POST /signup: HTTP 500"],
        "browser": "chromium 1",
        "portal_url": "http://127.0.0.1",
        "reproduce": "python -m pytest x --faker-seed 1",
        "faker_seed": 1,
        "run_id": "run",
        "started_at": "2025-01-01T00:00:00+00:00",
        "failed_at": "2025-01-01T00:00:01+00:00",
    }
    values.update(changes)
    return Evidence(**values)  # type: ignore[arg-type]


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
