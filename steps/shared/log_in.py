"""Guide step 9: the pop-up's Log In leads to the *Log In* page, and the CEC logs in."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from cec.journal import ActionJournal
from cec.records import CecPersona, Credentials
from cec.words import LogIn
from pages.account_created import AccountCreatedDialog
from pages.common import PortalPage
from pages.log_in import HomePage, LoginPage
from steps.journey import move_on
from steps.shared.state import on


@when(parsers.re(r"(?:the CEC )?selects Log In"), target_fixture="on_page")
def select_log_in(on_page: PortalPage) -> PortalPage:
    """Guide step 9: the pop-up's Log In leads to the CoveredCA.com Login page."""
    return move_on(on(on_page, AccountCreatedDialog))


@then("the page asks for the Username and Password")
def asks_for_credentials(on_page: PortalPage, credentials: Credentials) -> None:
    """The Login page's two fields, ready; the password is never filled in for the CEC.

    The portal may offer the username just created (the spec leaves that open), but no other.
    """
    login = on(on_page, LoginPage)
    expect(login.username.locator).to_be_editable()
    expect(login.username.locator).to_have_value(re.compile(f"^(?:{re.escape(credentials.username)})?$"))
    expect(login.password.locator).to_be_editable()
    expect(login.password.locator).to_have_value("")
    expect(login.log_in_button.locator).to_be_enabled()


@when(parsers.re(r"(?:the CEC )?logs in with the Username and Password created"))
def log_in(on_page: PortalPage, credentials: Credentials) -> None:
    """Log in with what the CEC chose on guide step 6."""
    on(on_page, LoginPage).enter_credentials(credentials.username, credentials.password).press_log_in()


@when(parsers.re(r"(?:the CEC )?logs in with the Username created and a wrong password"))
def log_in_wrongly(on_page: PortalPage, credentials: Credentials) -> None:
    """The right username, a password one character off."""
    on(on_page, LoginPage).enter_credentials(credentials.username, f"{credentials.password}x").press_log_in()


@then("the CoveredCA.com home page welcomes the CEC by first name", target_fixture="on_page")
def home_welcomes(page: Page, journal: ActionJournal, persona: CecPersona) -> HomePage:
    """Logged in: "Welcome, FIRSTNAME"."""
    home = HomePage(page, journal).wait_until_shown()
    assert home.welcome() == f"{LogIn.WELCOME}{persona.first_name}"
    return home


@then(parsers.re(r'the home page shows the role "(?P<role>[^"]+)"'))
def home_role(role: str, on_page: PortalPage) -> None:
    """The CEC's role label."""
    expect(on(on_page, HomePage).role_label.locator).to_have_text(role)
    expect(on(on_page, HomePage).log_out_button.locator).to_be_visible()
