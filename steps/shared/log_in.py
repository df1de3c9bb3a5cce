"""Guide steps 8-9: the *Account Created* pop-up, the *Log In* page, logging in."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from cec.journal import ActionJournal
from cec.records import Cec, CecPersona, Credentials
from cec.words import LogIn
from pages.account_created import AccountCreatedDialog
from pages.common import PortalPage
from pages.log_in import HomePage, LoginPage
from pages.verify_information import VerifyInformationPage
from steps.journey import move_on
from steps.shared.state import on
from tools.admin_client import AdminClient


@given("the CEC has confirmed the information", target_fixture="on_page")
def confirmed(on_page: PortalPage) -> PortalPage:
    """Guide step 7 done: Confirm, and the pop-up shows."""
    return move_on(on(on_page, VerifyInformationPage))


@then("a pop-up window prompts the CEC to Log In with the Username and Password", target_fixture="on_page")
def pop_up_prompts(page: Page, journal: ActionJournal) -> AccountCreatedDialog:
    """Guide step 8: the pop-up, its sentence and its Log In button."""
    dialog = AccountCreatedDialog(page, journal).wait_until_shown()
    expect(dialog.message.locator).to_be_visible()
    expect(dialog.log_in_button.locator).to_be_enabled()
    return dialog


@then("the pop-up's Log In button has the focus")
def log_in_focused(on_page: PortalPage) -> None:
    """Enter alone takes the CEC on to Log In."""
    expect(on(on_page, AccountCreatedDialog).log_in_button.locator).to_be_focused()


@then("the portal holds the CEC's account, made with the code from the email")
def account_exists(admin: AdminClient, cec: Cec) -> None:
    """The account exists, tied to the delegation code, and the portal hands out no hash."""
    account = admin.account(cec.credentials.username)
    assert account is not None, "the portal holds no account for the new username"
    assert account.get("delegation_code") == cec.delegation.code
    assert account.get("first_name") == cec.persona.first_name
    assert not [key for key in account if "password" in key or "hash" in key]


@then("the portal holds no account for the CEC's username")
def no_account(admin: AdminClient, credentials: Credentials) -> None:
    """Nothing was created for this CEC."""
    assert admin.account(credentials.username) is None


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
