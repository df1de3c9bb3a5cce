"""A pytest plugin for the project tests' subprocess runs of the suite: Playwright's assertions give up sooner.

The runs that show a check can fail (a mock that tidies pastes, a replayed ticket, a mutated
template) fail their scenarios on an ``expect`` waiting for what the broken portal never
shows, and Playwright waits 5 s for each. Loaded with ``-p tests.short_waits`` (a child
pytest gets it through ``PYTEST_ADDOPTS``), the wait is the flow project's instead: long
enough for a page that is coming, and the failures come sooner. The suite itself never
loads it.
"""

from __future__ import annotations

from typing import Final

import pytest
from playwright.sync_api import expect

#: How long an ``expect`` waits; the same as tests/triage_flow's browser waits.
EXPECT_MS: Final = 3000
#: What a child pytest needs in its environment to load this plugin.
ADDOPTS: Final = {"PYTEST_ADDOPTS": "-p tests.short_waits"}


def pytest_configure(config: pytest.Config) -> None:
    """Set Playwright's default ``expect`` timeout for the whole run."""
    expect.set_options(timeout=EXPECT_MS)
