"""Order and session: pages opened out of order, sessions that expired."""

from __future__ import annotations

from playwright.sync_api import Page
from pytest_bdd import given, parsers, when

from cec.journal import ActionJournal
from pages.common import PortalPage
from pages.problems import SessionExpiredPage
from steps.journey import page_named, start_again
from steps.shared.state import on
from tools.admin_client import AdminClient


@when(parsers.re(r'the CEC opens the address of the "(?P<name>[^"]+)" page directly'))
def open_directly(name: str, page: Page, journal: ActionJournal) -> None:
    """Skip ahead by typing a later page's address."""
    page_named(name).open_address(page, journal)


@given("the CEC's session has expired")
def session_expired(on_page: PortalPage, admin: AdminClient) -> None:
    """Make this browser's session count as idle past the timeout (other sessions are untouched)."""
    cookie = on_page.session_cookie()
    assert cookie, "the browser holds no portal session cookie"
    admin.expire_session(cookie)


@when("the CEC follows the link to start again", target_fixture="on_page")
def follow_start_again(on_page: PortalPage) -> PortalPage:
    """Back to the sign-up link, as the message says."""
    return start_again(on(on_page, SessionExpiredPage))
