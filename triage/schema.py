"""The one typed schema of ``triage.json``; ``triage.md`` and ``index.html`` are rendered from it.

Every fact of a failure is assembled once, into :class:`TriageJson` (keys promised by the
issue first); the bundle writes it redacted, and the Jinja templates in
``triage/templates/`` turn that same document into the EAS email's words and the run's
index, so the three can never drift apart.
"""

from __future__ import annotations

from typing import TypedDict


class GuideStepJson(TypedDict):
    """``guide_step``: the guide's number (1-9) and title."""

    number: int
    title: str


class PageJson(TypedDict):
    """``page``: where the CEC was when it failed."""

    url: str
    heading: str
    dialogs: list[str]


class ErrorJson(TypedDict):
    """``error``: the exception the test raised (redacted, without terminal colours)."""

    type: str
    message: str


class FindingJson(TypedDict):
    """One entry of ``input_findings``: a suspicious character in a typed value."""

    field: str
    kind: str
    character: str
    character_name: str
    position: int
    message: str


class TypedJson(TypedDict):
    """One entry of ``data_used``: a value typed, secrets replaced."""

    guide_step: int
    field: str
    value: str


class TriageJson(TypedDict):
    """``triage.json``: every fact of one failure, for tools (triage.md says the same in words)."""

    scenario: str
    feature: str
    gherkin_step: str
    #: "guide-step": the CEC's flow failed at ``guide_step``; "environment": the test could not run.
    kind: str
    #: For "environment": why the test could not run, in words ("" otherwise).
    cause: str
    guide_step: GuideStepJson | None
    page: PageJson
    portal_messages: list[str]
    error: ErrorJson
    input_findings: list[FindingJson]
    artifacts: list[str]
    reproduce: str
    faker_seed: int | None
    started_at: str
    failed_at: str
    run_id: str
    nodeid: str
    feature_file: str
    portal_codes: list[str]
    attribution: str
    doing: str
    completed_steps: list[str]
    data_used: list[TypedJson]
    delegation_email: dict[str, str] | None
    console_errors: list[str]
    failed_requests: list[str]
    browser: str
    portal_url: str
    show_trace: str
    not_captured: list[str]
    capture_notes: list[str]
    capture_ms: float
    capture_cost_ms: dict[str, float]
    #: The page the scenario started on through the mock's admin API (issue 11), "" when it walked.
    fast_forward: str
