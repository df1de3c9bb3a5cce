"""Steps every feature uses: the delegation email, walking to a page, pages opening, buttons, errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from cec.evidence import register_fast_forward
from cec.journal import ActionJournal
from cec.records import Cec, DelegationRecord
from fixtures.portal import Portal
from pages.account_created import AccountCreatedDialog
from pages.common import PortalPage
from pages.create_account import CreateAccountPage
from steps.journey import (
    advance,
    entered_values,
    fast_forward_start,
    fast_forward_to,
    fill_in,
    go_back,
    go_on,
    page_named,
    walk_to,
)
from steps.shared.state import on
from tools.admin_client import AdminClient

#: The tag of a scenario that walks every earlier guide step in the browser even on the mock.
FULL_WALK = "full-walk"
PAGE_NAME = r'"(?P<name>[^"]+)" (?:page|pop-up|dialog)'
MESSAGE = r'"(?P<message>[^"]*)" \((?P<code>[A-Z]+-\d+)\)'


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--full-walk``: never fast-forward; every scenario walks the guide from the sign-up link."""
    parser.getgroup("cec", "CEC activation suite").addoption(
        "--full-walk",
        action="store_true",
        default=False,
        help="walk every earlier guide step in the browser instead of starting later pages through the mock",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``@full-walk`` tag (a step's walk-through scenario keeps the whole walk)."""
    config.addinivalue_line("markers", f"{FULL_WALK}: walk the earlier guide steps even where fast-forward is on")


def walks(request: pytest.FixtureRequest, portal: Portal, name: str) -> bool:
    """Whether this scenario walks to the page named rather than starting there.

    It walks under ``--full-walk``, in a scenario tagged ``@full-walk`` or ``@smoke``, on a
    portal without the mock's admin API (a real portal), and to a page no session can
    start at or before (*Create Your Account*).
    """
    return (
        bool(request.config.getoption("full_walk"))
        or portal.admin is None
        or any(request.node.get_closest_marker(tag) for tag in (FULL_WALK, "smoke"))
        or fast_forward_start(name) is None
    )


def reach(name: str, page: Page, journal: ActionJournal, portal: Portal, cec: Cec,
          request: pytest.FixtureRequest, *, said: bool = True) -> PortalPage:
    """Walk to the page named, or start on it through the mock and say so in the evidence.

    ``said=False`` for another CEC (a colleague's browser): the evidence's fast-forward
    names where the scenario's own CEC started.
    """
    __tracebackhide__ = True
    if walks(request, portal, name) or portal.admin is None:
        return walk_to(name, page, journal, portal.signup_url, cec)
    current = fast_forward_to(name, page, journal, portal.admin, cec)
    if said:
        register_fast_forward(request, name)
    return current


@given("a CEC has a delegation email", target_fixture="delegation_email")
def a_delegation_email(delegation: DelegationRecord) -> DelegationRecord:
    """The three values the CEC's email holds: a fresh record for this scenario alone."""
    return delegation


@given("the code in the CEC's email has already been used", target_fixture="delegation_email")
def a_used_code(admin: AdminClient) -> DelegationRecord:
    """An email whose code already made an account."""
    return admin.create_delegation(status="used")


@given("the code in the CEC's email has expired", target_fixture="delegation_email")
def an_expired_code(admin: AdminClient) -> DelegationRecord:
    """An email whose code is past its expiry."""
    return admin.create_delegation(status="expired")


@given("the CEC has opened the sign-up link", target_fixture="on_page")
@when(parsers.re(r"(?:the CEC )?opens the sign-up link"), target_fixture="on_page")
def open_sign_up_link(page: Page, journal: ActionJournal, portal: Portal) -> PortalPage:
    """Guide step 1: select the link in the email."""
    return CreateAccountPage.open_sign_up_link(page, journal, portal.signup_url)


@given(parsers.re(rf"the CEC has reached the {PAGE_NAME}"), target_fixture="on_page")
def reached(
    name: str, page: Page, journal: ActionJournal, portal: Portal, cec: Cec, request: pytest.FixtureRequest
) -> PortalPage:
    """The CEC is on the page named: walked there as the CEC would, or started there on the mock."""
    return reach(name, page, journal, portal, cec, request)


@given("the CEC has activated the account with it", target_fixture="on_page")
def activated(
    page: Page, journal: ActionJournal, portal: Portal, cec: Cec, request: pytest.FixtureRequest
) -> PortalPage:
    """The whole activation up to the pop-up: the account exists and the code is used."""
    return reach(AccountCreatedDialog.page_name, page, journal, portal, cec, request)


@given(parsers.re(rf"the CEC has completed the {PAGE_NAME}"), target_fixture="on_page")
def completed(name: str, on_page: PortalPage, cec: Cec) -> PortalPage:
    """Complete the page the CEC is on and move on to the next one."""
    return advance(on(on_page, page_named(name)), cec)


@then(parsers.re(rf"the {PAGE_NAME} opens"), target_fixture="on_page")
def page_opens(name: str, page: Page, journal: ActionJournal) -> PortalPage:
    """The page named appears (its heading, or a dialog's name); the CEC is on it now."""
    return page_named(name)(page, journal).wait_until_shown()


@then(parsers.re(rf"the CEC is still on the {PAGE_NAME}"))
def still_on(name: str, on_page: PortalPage) -> None:
    """The CEC did not move on: the page named still shows."""
    expect(on(on_page, page_named(name)).heading_element.locator).to_be_visible()


@when(parsers.re(r"(?:the CEC )?clicks (?:CONTINUE|Continue|Confirm)"))
def click_continue(on_page: PortalPage) -> None:
    """Press the page's button that moves on, and wait for the portal's answer."""
    go_on(on_page)


@when(parsers.re(r"(?:the CEC )?clicks Back"), target_fixture="on_page")
def click_back(on_page: PortalPage) -> PortalPage:
    """Press Back; the previous page shows."""
    return go_back(on_page)


@when("the CEC completes the page and goes on")
def complete_and_go_on(on_page: PortalPage, cec: Cec) -> None:
    """Do what the guide asks on the page and press its button, whatever the portal answers."""
    fill_in(on_page, cec)
    go_on(on_page)


@then(parsers.re(rf"the page says {MESSAGE}"))
def page_says(message: str, code: str, on_page: PortalPage) -> None:
    """The portal shows the message with its code, as "Message. (CODE)"."""
    on_page.expect_alert(f"{message} ({code})")


@then(parsers.re(rf"the page says only {MESSAGE}"))
def page_says_only(message: str, code: str, on_page: PortalPage) -> None:
    """The portal shows exactly this one error."""
    expected = f"{message} ({code})"
    on_page.expect_alert(expected)
    assert on_page.error_messages() == [expected]


@then(parsers.re(r"the (?P<label>.+) field is marked as invalid"))
def field_invalid(label: str, on_page: PortalPage) -> None:
    """The field in error is marked for assistive technology too."""
    expect(on_page.field(label).locator).to_have_attribute("aria-invalid", "true")


@then(parsers.re(r"the (?P<label>.+) field is empty"))
def field_empty(label: str, on_page: PortalPage) -> None:
    """The field holds nothing (passwords and refused values are never shown again)."""
    expect(on_page.field(label).locator).to_have_value("")


@then("the page still shows what the CEC entered")
def still_shows(on_page: PortalPage, cec: Cec) -> None:
    """Coming back to a page, the CEC finds every value as they entered it."""
    expected = entered_values(on_page, cec)
    assert expected, f"no values known for {on_page.page_name}"
    shown = {label: on_page.value_of(on_page.field(label)) for label in expected}
    assert shown == expected
