"""Guide step 8: the *Account Created* pop-up after Confirm, and the account the portal then holds."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import given, then

from cec.journal import ActionJournal
from cec.records import Cec, Credentials
from pages.account_created import AccountCreatedDialog
from pages.common import PortalPage
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
