"""The activation walked page by page, so a scenario can start at any guide step.

A feature about guide step 6 should not repeat steps 1-5; it says "Given the CEC has
reached the "Username & Password" page" and this module walks there through the same
page objects (and so the same journal) a CEC-by-CEC scenario uses. The triage tests use
it too, to drive a CEC to the page where they inject a fault.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

from cec.journal import ActionJournal
from cec.records import CecPersona, Credentials, DelegationRecord
from pages.account_created import AccountCreatedDialog
from pages.common import PortalPage
from pages.create_account import CreateAccountPage
from pages.log_in import HomePage, LoginPage
from pages.problems import ErrorPage, MaintenancePage, SessionExpiredPage
from pages.use_of_website import TermsDialog, UseOfWebsitePage
from pages.user_information import UserInformationPage1, UserInformationPage2
from pages.username_password import UsernamePasswordPage
from pages.verify_information import VerifyInformationPage

#: The pages of the activation in guide order.
ACTIVATION_ORDER: tuple[type[PortalPage], ...] = (
    CreateAccountPage,
    UseOfWebsitePage,
    UserInformationPage1,
    UserInformationPage2,
    UsernamePasswordPage,
    VerifyInformationPage,
    AccountCreatedDialog,
    LoginPage,
    HomePage,
)
_ASIDE: tuple[type[PortalPage], ...] = (TermsDialog, ErrorPage, MaintenancePage, SessionExpiredPage)
#: Every page object by the name the feature files use for it.
PAGES: dict[str, type[PortalPage]] = {cls.page_name: cls for cls in (*ACTIVATION_ORDER, *_ASIDE)}


@dataclass(frozen=True)
class Cec:
    """What one CEC brings to the activation: the email's values, their details, their choices."""

    delegation: DelegationRecord
    persona: CecPersona
    credentials: Credentials


def page_named(name: str) -> type[PortalPage]:
    """The page object for a page name as the feature files write it."""
    try:
        return PAGES[name]
    except KeyError:
        raise KeyError(f"no page called {name!r}; the pages are: {', '.join(PAGES)}") from None


def fill_in(current: PortalPage, cec: Cec) -> PortalPage:
    """Do what the guide asks on the current page, short of its last button."""
    match current:
        case CreateAccountPage():
            return current.enter_delegation(cec.delegation)
        case UseOfWebsitePage():
            return current.review_terms().agree()
        case UserInformationPage1():
            return current.enter_user_information(cec.persona)
        case UserInformationPage2():
            return current.enter_address(cec.persona)
        case UsernamePasswordPage():
            return current.enter_credentials(cec.credentials)
        case LoginPage():
            return current.enter_credentials(cec.credentials.username, cec.credentials.password)
    return current


def go_on(current: PortalPage) -> None:
    """Press the page's button that moves the activation on (CONTINUE, Continue, Confirm, Log In)."""
    match current:
        case (
            CreateAccountPage()
            | UseOfWebsitePage()
            | UserInformationPage1()
            | UserInformationPage2()
            | UsernamePasswordPage()
        ):
            current.press_continue()
        case VerifyInformationPage():
            current.press_confirm()
        case AccountCreatedDialog() | LoginPage():
            current.press_log_in()
        case _:
            raise ValueError(f"the activation does not go on from {current.page_name}")


def advance(current: PortalPage, cec: Cec) -> PortalPage:
    """Complete the current page, move on, and wait for the page the guide says comes next."""
    if type(current) not in ACTIVATION_ORDER[:-1]:
        raise ValueError(f"the activation does not go on from {current.page_name}")
    position = ACTIVATION_ORDER.index(type(current))
    fill_in(current, cec)
    go_on(current)
    return ACTIVATION_ORDER[position + 1](current.page, current.journal).wait_until_shown()


def walk_to(name: str, page: Page, journal: ActionJournal, sign_up_url: str, cec: Cec) -> PortalPage:
    """Open the guide's link and follow the guide until the page called ``name`` shows."""
    target = page_named(name)
    if target not in ACTIVATION_ORDER:
        raise ValueError(f"{name!r} is not a page of the activation walk")
    current: PortalPage = CreateAccountPage.open_sign_up_link(page, journal, sign_up_url)
    while not isinstance(current, target):
        current = advance(current, cec)
    return current
