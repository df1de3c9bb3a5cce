"""Whose failure it is: the CEC's flow at a guide step, or the test machinery's (issue 10).

A CEC can only be stopped at a guide step by the portal. A browser that cannot start or
dies, a remote browser that drops, a portal that stops answering, a fixture that cannot
set a scenario up: none of these is a step of the guide, and a report that names guide
step 1 for them sends EAS after a CEC who did nothing wrong. Those failures are
"environment": "The test could not run: <cause>", with no guide step.
"""

from __future__ import annotations

from typing import Final

from tools.admin_client import portal_answers

#: The kinds of failure triage.json knows.
GUIDE_STEP: Final = "guide-step"
ENVIRONMENT: Final = "environment"
#: Words in an error that only the machinery produces (Playwright's own, first line).
MACHINERY_ERRORS: Final = (
    ("BrowserType.launch", "the browser could not start"),
    ("BrowserType.connect", "the remote browser could not be reached"),
    ("Executable doesn't exist", "the browser is not installed"),
    ("Browser has been closed", "the browser closed during the run"),
    ("Target page, context or browser has been closed", "the browser closed during the run"),
    ("Browser closed", "the browser closed during the run"),
    ("Connection closed", "the connection to the browser was lost"),
)
#: How long the portal has to answer when a failure might be its disappearance.
PROBE_TIMEOUT_S: Final = 2.0


def first_line(message: str) -> str:
    """The first non-empty line of an error, without Playwright's call log."""
    return next((line.strip() for line in message.splitlines() if line.strip()), "")


def environment_cause(
    error_type: str, error_message: str, *, phase: str, acted: bool, portal_url: str
) -> str | None:
    """Why the test could not run, or None when the failure is the CEC flow's.

    ``phase`` is pytest's ("setup", "call", "teardown"); ``acted`` whether any CEC did
    anything in the browser yet. A set-up failure before anything happened is the
    machinery's (the flow had not begun); so is any error only the machinery raises, and
    any failure after which the portal no longer answers at all.
    """
    for words, cause in MACHINERY_ERRORS:
        if words in error_message:
            return f"{cause}: {first_line(error_message)}"
    if phase == "setup" and not acted:
        return f"the scenario could not be set up: {error_type}: {first_line(error_message)}".rstrip(": ")
    if portal_url:
        silent = portal_answers(portal_url, PROBE_TIMEOUT_S)
        if silent is not None:
            return f"the portal stopped answering during the run ({silent})"
    return None
