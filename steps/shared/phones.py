"""Phone steps (issue 13, @mobile): the activation on emulated phones, and reflow at 320 CSS px."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, ViewportSize
from pytest_bdd import given, parsers, then, when

from cec.journal import ActionJournal, Journals
from cec.records import Cec, CecPersona
from cec.words import LogIn
from fixtures.portal import Portal
from pages.account_created import AccountCreatedDialog
from pages.common import PortalPage
from pages.create_account import CreateAccountPage
from pages.layout import widths
from pages.log_in import HomePage, LoginPage
from pages.use_of_website import UseOfWebsitePage
from steps.journey import FAST_FORWARD_TO, advance, page_after, walk_to
from steps.shared.state import on
from steps.shared.walking import reach, walks

#: WCAG 1.4.10: content reflows at 320 CSS px wide without scrolling in two directions.
NARROW: Final = ViewportSize(width=320, height=640)


@pytest.fixture
def phone_context(
    playwright: Playwright, browser: Browser, browser_context_args: dict[str, Any]
) -> Iterator[Callable[[str], Page]]:
    """A page in a browser context emulating a phone, closed after the scenario.

    pytest-playwright's ``new_context`` refuses a second ``viewport`` (the suite's own sits in
    ``browser_context_args``), so the context is made here from the same arguments plus the phone's.
    """
    contexts: list[BrowserContext] = []

    def open_phone(device: str) -> Page:
        if device not in playwright.devices:
            raise pytest.UsageError(f"no device called {device!r}; Playwright knows e.g. 'Pixel 7', 'iPhone 13'")
        descriptor = playwright.devices[device]
        emulated = {key: value for key, value in descriptor.items() if key != "default_browser_type"}
        contexts.append(browser.new_context(**{**browser_context_args, **emulated}))
        page = contexts[-1].new_page()
        assert page.viewport_size == emulated["viewport"], f"the {device} screen was not emulated"
        return page

    yield open_phone
    for context in contexts:
        context.close()


@when(parsers.re(r'the CEC activates on an? "(?P<device>[^"]+)" phone'), target_fixture="on_page")
def activate_on_phone(
    device: str,
    phone_context: Callable[[str], Page],
    portal: Portal,
    cec: Cec,
    journal: ActionJournal,
    make_journal: Journals,
) -> PortalPage:
    """The whole activation, guide steps 1-9, in Chromium emulating the phone's screen, touch and user agent.

    The phone has a journal of its own, so triage follows whoever acted last: the phone.
    """
    phone_journal = make_journal(f"the CEC on a {device}")
    return walk_to(HomePage.page_name, phone_context(device), phone_journal, portal.signup_url, cec)


@then("the phone shows the CoveredCA.com home page welcoming the CEC by first name")
def phone_welcomes(on_page: PortalPage, persona: CecPersona) -> None:
    """Logged in on the phone: "Welcome, FIRSTNAME"."""
    assert on(on_page, HomePage).welcome() == f"{LogIn.WELCOME}{persona.first_name}"


@given("the CEC's screen is 320 CSS pixels wide")
def narrow_screen(page: Page) -> None:
    """The narrowest screen WCAG's reflow criterion asks for."""
    page.set_viewport_size(NARROW)


def _assert_no_sideways(current: PortalPage, what: str) -> None:
    __tracebackhide__ = True
    measured = widths(current.page)
    assert not measured.scrolls_sideways, (
        f"{what} scrolls sideways at {NARROW['width']} CSS px: it is {measured.scroll} px wide, "
        f"the window shows {measured.client} px (WCAG 1.4.10 reflow)"
    )


@when("the CEC follows the guide to the home page, and no page scrolls sideways")
def no_page_scrolls_sideways(
    page: Page, journal: ActionJournal, portal: Portal, cec: Cec, request: pytest.FixtureRequest
) -> None:
    """Every page of the activation, the Terms dialog open too, fits the narrow screen.

    The subject is each page's layout, not the typing: on the mock each page up to the
    *Account Created* pop-up is started through the admin API (issue 11) in this browser,
    and the evidence names the page last started so; a walk (``--full-walk``, a real
    portal) follows the guide from the link.
    """
    jumps = not walks(request, portal, AccountCreatedDialog.page_name)
    current: PortalPage = CreateAccountPage.open_sign_up_link(page, journal, portal.signup_url)
    while not isinstance(current, HomePage):
        _assert_no_sideways(current, current.page_name)
        if isinstance(current, UseOfWebsitePage):
            dialog = current.view_terms().read()
            _assert_no_sideways(dialog, f"{current.page_name} with the terms dialog open")
            current = dialog.close()
        following = page_after(current)
        if jumps and following in JUMPS:
            current = reach(following.page_name, page, journal, portal, cec, request)
        else:
            current = advance(current, cec)
    _assert_no_sideways(current, current.page_name)


#: The pages the narrow-screen check starts on through the mock: up to the pop-up, whose
#: start makes the account (so *Log In* is reached from it by pressing Log In).
JUMPS = tuple(kind for kind in FAST_FORWARD_TO if kind is not LoginPage)
