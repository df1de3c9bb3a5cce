"""Thin steps over the project's page objects; the fault step uses the mock's admin API."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_bdd import given, parsers, scenarios, then, when

from cec.journal import ActionJournal
from cec.records import Cec, CecPersona, Credentials, DelegationRecord
from fixtures.portal import Portal
from pages.common import PortalPage
from pages.create_account import CreateAccountPage
from pages.use_of_website import UseOfWebsitePage
from steps.journey import advance, move_on
from tools.admin_client import AdminClient

scenarios("features/activation.feature")

#: A dropped connection on a reused socket is retried once by Chromium, so drop it twice.
TIMES = {"drop": 2}


@given(parsers.parse('the portal fails with "{kind}" on "{fault_page}" after {after:d} requests'))
def portal_fails(request: pytest.FixtureRequest, kind: str, fault_page: str, after: int) -> None:
    """Inject the fault through the mock's admin API (``none``: it was injected from outside the run)."""
    if kind == "none":
        return
    admin: AdminClient = request.getfixturevalue("admin")
    admin.inject_fault(fault_page, kind, after=after, times=TIMES.get(kind, 1), seconds=8)


@given("the CEC copies the delegation email exactly", target_fixture="cec")
def copies_exactly(delegation: DelegationRecord, persona: CecPersona, credentials: Credentials) -> Cec:
    return Cec(delegation, persona, credentials)


@given(
    parsers.parse("the CEC pastes the delegation code with a non-breaking space after {count:d} characters"),
    target_fixture="cec",
)
def pastes_with_nbsp(delegation: DelegationRecord, persona: CecPersona, credentials: Credentials, count: int) -> Cec:
    code = delegation.code[:count] + "\u00a0" + delegation.code[count:]
    return Cec(delegation.with_values(code=code), persona, credentials)


@when("the CEC opens the sign-up link", target_fixture="current")
def opens_link(cec_page: Page, journal: ActionJournal, portal: Portal) -> PortalPage:
    return CreateAccountPage.open_sign_up_link(cec_page, journal, portal.signup_url)


@when("the CEC enters the delegation email's values and clicks CONTINUE", target_fixture="current")
def enters_delegation(current: CreateAccountPage, cec: Cec) -> PortalPage:
    return move_on(current.enter_delegation(cec.delegation))


@when("the CEC views the Terms and Conditions of Use and closes them", target_fixture="current")
def views_terms(current: UseOfWebsitePage) -> PortalPage:
    return current.review_terms()


@when("the CEC agrees to the Terms and Conditions and continues", target_fixture="current")
def agrees(current: UseOfWebsitePage) -> PortalPage:
    return move_on(current.agree())


@when("the CEC completes the User Information pages", target_fixture="current")
def user_information(current: PortalPage, cec: Cec) -> PortalPage:
    return advance(advance(current, cec), cec)


@when("the CEC creates a username and password", target_fixture="current")
@when("the CEC verifies the information and confirms", target_fixture="current")
@when("the CEC selects Log In in the pop-up", target_fixture="current")
def next_step(current: PortalPage, cec: Cec) -> PortalPage:
    return advance(current, cec)


@then("the CEC logs in with the new account")
def logs_in(current: PortalPage, cec: Cec) -> None:
    advance(current, cec)


@then("the CEC has reached the Terms and Conditions")
def reached_terms(current: PortalPage) -> None:
    assert isinstance(current, UseOfWebsitePage)
