"""The temporary project's conftest: the suite's own plugins, and waits short enough for faults."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

pytest_plugins = ["fixtures.portal", "fixtures.data", "fixtures.browser", "pages.landmarks", "triage.plugin"]

#: How long the CEC's browser waits for anything; an injected ``slow`` fault lasts longer.
WAIT_MS = float(os.environ.get("TRIAGE_FLOW_WAIT_MS", "3000"))


@pytest.fixture
def cec_page(page: Page) -> Page:
    """pytest-playwright's page with short waits (its fixtures are used, never overridden)."""
    page.set_default_timeout(WAIT_MS)
    page.set_default_navigation_timeout(WAIT_MS)
    expect.set_options(timeout=WAIT_MS)
    return page
