"""A pytest plugin for the project tests' subprocess runs of the suite: Playwright's assertions give up sooner.

The runs that show a check can fail (a mock that tidies pastes, a replayed ticket, a mutated
template) fail their scenarios on an ``expect`` waiting for what the broken portal never
shows, and Playwright waits 5 s for each. Loaded with ``-p tests.short_waits`` (a child
pytest gets it through ``PYTEST_ADDOPTS``), the wait is the flow project's instead: long
enough for a page that is coming, and the failures come sooner. The suite itself never
loads it.

A "the page says ..." step waits for the portal's error on the page the CEC acted on. When
the portal has already answered with another page and no error at all (a mock that tidies
pastes accepts them), no alert is coming to that document: the step's ``expect`` then
gives up at once instead of after the whole wait (issue 11: twelve such waits were most
of a mutation run). The step, its assertion and its bundle are the same; only the wait
for what cannot come is cut, and only on that positive sign, never on a clock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from pages.common import PortalPage

#: How long an ``expect`` waits; the same as tests/triage_flow's browser waits.
EXPECT_MS: Final = 3000
#: How long a "the page says" step's ``expect`` waits once the portal has answered with another page.
ANSWERED_MS: Final = 1
#: What a child pytest needs in its environment to load this plugin.
ADDOPTS: Final = {"PYTEST_ADDOPTS": "-p tests.short_waits"}


def pytest_configure(config: pytest.Config) -> None:
    """Set Playwright's default ``expect`` timeout for the whole run."""
    expect.set_options(timeout=EXPECT_MS)


def answered_with_another_page(on_page: PortalPage) -> bool:
    """True when the browser's loaded document is neither ``on_page`` again nor any page with a portal error.

    The form posts and the step before waited for the answer's navigation; once it has
    loaded, a server-rendered error is in it or is not. Both questions are asked of the
    page objects' own locators, without waiting.
    """
    on_page.page.wait_for_load_state()
    return not on_page.heading_element.locator.is_visible() and not on_page.portal_errors.first.is_visible()


def _on_a_left_page(step_func: Callable[..., object], on_page: object) -> bool:
    """True for a "the page says" step whose page the portal has already left without an error.

    The suite's modules are imported here, late: its conftest loads them as plugins first
    (imported earlier, pytest could not rewrite their asserts).
    """
    from pages.common import PortalPage
    from steps.shared.walking import page_says, page_says_only

    return step_func in (page_says, page_says_only) and isinstance(on_page, PortalPage) and (
        answered_with_another_page(on_page)
    )


def pytest_bdd_before_step_call(step_func: Callable[..., object], step_func_args: dict[str, object]) -> None:
    """Before a "the page says" step on a page the portal has already left without an error: no wait."""
    if _on_a_left_page(step_func, step_func_args.get("on_page")):
        expect.set_options(timeout=ANSWERED_MS)


@pytest.hookimpl(specname="pytest_bdd_after_step")
def wait_as_ever_after_a_step() -> None:
    """The next step waits as long as ever."""
    expect.set_options(timeout=EXPECT_MS)


@pytest.hookimpl(specname="pytest_bdd_step_error")
def wait_as_ever_after_a_failed_step() -> None:
    """The next scenario waits as long as ever."""
    expect.set_options(timeout=EXPECT_MS)
