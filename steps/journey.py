"""The activation as one table: per page, how to complete it, which button moves on, what follows.

Page objects act and read; which page comes next is a workflow, so it lives here, once:
:data:`ACTIVATION` lists the guide's pages in order, one :class:`Leg` per page, and the
page after a row is the next row. A new page of the guide is one new row.

A feature about guide step 6 should not repeat steps 1-5; it says "Given the CEC has
reached the "Username & Password" page" and :func:`walk_to` walks there through the same
page objects (and so the same journal) a CEC-by-CEC scenario uses. The triage tests use
it too, to drive a CEC to the page where they inject a fault. On the mock,
:func:`fast_forward_to` starts there instead: the admin API makes a session with the
earlier steps done, and the browser opens the page with its cookie (issue 11).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from playwright.sync_api import Page

from cec.journal import ActionJournal
from cec.records import Cec, CecPersona, DelegationRecord
from cec.words import CreateAccount, UserInformation, UsernamePassword, VerifyInformation
from pages.account_created import AccountCreatedDialog
from pages.common import PortalPage
from pages.create_account import CreateAccountPage
from pages.log_in import HomePage, LoginPage
from pages.problems import ErrorPage, MaintenancePage, SessionExpiredPage
from pages.use_of_website import TermsDialog, UseOfWebsitePage
from pages.user_information import UserInformationPage1, UserInformationPage2
from pages.username_password import UsernamePasswordPage
from pages.verify_information import VerifyInformationPage
from tools.admin_client import FAST_FORWARD_PAGES, AdminClient

P = TypeVar("P", bound=PortalPage)


def delegation_values(record: DelegationRecord) -> dict[str, str]:
    """The three values of a delegation email by the labels of *Create Your Account*."""
    return {
        CreateAccount.DELEGATION_CODE: record.code,
        CreateAccount.BUSINESS_NAME: record.business_name,
        CreateAccount.CERT_NUMBER: record.cert_number,
    }


def persona_values(persona: CecPersona) -> dict[str, str]:
    """The CEC's User Information by the labels of both User Information pages."""
    return {
        UserInformation.FIRST_NAME: persona.first_name,
        UserInformation.MIDDLE_INITIAL: persona.middle_initial,
        UserInformation.LAST_NAME: persona.last_name,
        UserInformation.SUFFIX: persona.suffix,
        UserInformation.DATE_OF_BIRTH: persona.date_of_birth,
        UserInformation.EMAIL: persona.email,
        UserInformation.PHONE: persona.phone,
        UserInformation.PREFERRED_LANGUAGE: persona.preferred_language,
        UserInformation.STREET_ADDRESS: persona.street_address,
        UserInformation.APT_SUITE: persona.apt_suite,
        UserInformation.CITY: persona.city,
        UserInformation.STATE: persona.state,
        UserInformation.ZIP_CODE: persona.zip_code,
        UserInformation.COUNTY: persona.county,
    }


def _first_page_values(cec: Cec) -> dict[str, str]:
    """*User Information (1 of 2)* as completed: the email twice, a Suffix only if the CEC has one."""
    values = {**persona_values(cec.persona), UserInformation.CONFIRM_EMAIL: cec.persona.email}
    shown = {label: values[label] for label in UserInformationPage1.labels}
    if not shown[UserInformation.SUFFIX]:
        del shown[UserInformation.SUFFIX]
    return shown


def _nothing(*_: object) -> dict[str, str]:
    """A page the CEC completes by pressing its button alone (or whose values nobody reads back)."""
    return {}


@dataclass(frozen=True)
class Leg(Generic[P]):
    """One page of the activation: how the CEC completes it and moves on, and what it then holds."""

    page: type[P]
    #: Do what the guide asks on the page, short of its last button.
    complete: Callable[[P, Cec], object]
    #: Press the button that moves the activation on (CONTINUE, Continue, Confirm, Log In).
    go_on: Callable[[P], object] | None
    #: Press Back, towards the row before (pages without a Back button have none).
    go_back: Callable[[P], object] | None = None
    #: What the page's fields show once completed, by label (for "still shows what the CEC entered").
    entered: Callable[[Cec], dict[str, str]] = _nothing


#: The rows as written, so mypy checks each row's actions against its own page class.
_ROWS = (
    Leg(
        CreateAccountPage,
        lambda page, cec: page.enter_delegation(cec.delegation),
        CreateAccountPage.press_continue,
        entered=lambda cec: delegation_values(cec.delegation),
    ),
    Leg(
        UseOfWebsitePage,
        lambda page, cec: page.review_terms().agree(),
        UseOfWebsitePage.press_continue,
        UseOfWebsitePage.press_back,
    ),
    Leg(
        UserInformationPage1,
        lambda page, cec: page.enter_user_information(cec.persona),
        UserInformationPage1.press_continue,
        UserInformationPage1.press_back,
        _first_page_values,
    ),
    Leg(
        UserInformationPage2,
        lambda page, cec: page.enter_address(cec.persona),
        UserInformationPage2.press_continue,
        UserInformationPage2.press_back,
        lambda cec: {label: persona_values(cec.persona)[label] for label in UserInformationPage2.labels},
    ),
    Leg(
        UsernamePasswordPage,
        lambda page, cec: page.enter_credentials(cec.credentials),
        UsernamePasswordPage.press_continue,
        UsernamePasswordPage.press_back,
        lambda cec: {UsernamePassword.USERNAME: cec.credentials.username},
    ),
    Leg(VerifyInformationPage, _nothing, VerifyInformationPage.press_confirm, VerifyInformationPage.press_back),
    Leg(AccountCreatedDialog, _nothing, AccountCreatedDialog.press_log_in),
    Leg(
        LoginPage,
        lambda page, cec: page.enter_credentials(cec.credentials.username, cec.credentials.password),
        LoginPage.press_log_in,
    ),
    Leg(HomePage, _nothing, None),
)
#: The pages of the activation in guide order; the page after a row is the next row.
ACTIVATION: tuple[Leg[Any], ...] = _ROWS
#: The pages of the activation in guide order.
ACTIVATION_ORDER: tuple[type[PortalPage], ...] = tuple(leg.page for leg in ACTIVATION)
#: Where each group's Edit link on *Verify Your Information* leads: the page its values came from.
EDIT_LEADS_TO: dict[str, type[PortalPage]] = {
    VerifyInformation.DELEGATION: CreateAccountPage,
    VerifyInformation.USER_INFORMATION: UserInformationPage1,
    VerifyInformation.ACCOUNT: UsernamePasswordPage,
}
#: Pages a fast-forwarded session can start on, each with the mock's name for it (issue 11).
FAST_FORWARD_TO: dict[type[PortalPage], str] = dict(zip(
    (UseOfWebsitePage, UserInformationPage1, UserInformationPage2, UsernamePasswordPage, VerifyInformationPage,
     AccountCreatedDialog, LoginPage),
    FAST_FORWARD_PAGES,
    strict=True,
))
_ASIDE: tuple[type[PortalPage], ...] = (TermsDialog, ErrorPage, MaintenancePage, SessionExpiredPage)
#: Every page object by the name the feature files use for it.
PAGES: dict[str, type[PortalPage]] = {cls.page_name: cls for cls in (*ACTIVATION_ORDER, *_ASIDE)}


def page_named(name: str) -> type[PortalPage]:
    """The page object for a page name as the feature files write it."""
    try:
        return PAGES[name]
    except KeyError:
        raise KeyError(f"no page called {name!r}; the pages are: {', '.join(PAGES)}") from None


def _position(current: PortalPage) -> int:
    """The row of the current page in :data:`ACTIVATION`."""
    __tracebackhide__ = True
    if type(current) not in ACTIVATION_ORDER:
        raise ValueError(f"{current.page_name} is not a page of the activation")
    return ACTIVATION_ORDER.index(type(current))


def _arrive(current: PortalPage, kind: type[P]) -> P:
    """Wait for the page ``kind`` to show in the same browser, written into the same journal."""
    return kind(current.page, current.journal).wait_until_shown()


def fill_in(current: P, cec: Cec) -> P:
    """Do what the guide asks on the current page, short of its last button."""
    __tracebackhide__ = True
    ACTIVATION[_position(current)].complete(current, cec)
    return current


def entered_values(current: PortalPage, cec: Cec) -> dict[str, str]:
    """What :func:`fill_in` leaves in the current page's fields, by label."""
    __tracebackhide__ = True
    return ACTIVATION[_position(current)].entered(cec)


def go_on(current: PortalPage) -> None:
    """Press the page's button that moves the activation on, and wait for the portal's answer."""
    __tracebackhide__ = True
    press = ACTIVATION[_position(current)].go_on
    if press is None:
        raise ValueError(f"the activation does not go on from {current.page_name}")
    press(current)


def page_after(current: PortalPage) -> type[PortalPage]:
    """The page the guide says comes after the current one."""
    __tracebackhide__ = True
    return ACTIVATION_ORDER[_position(current) + 1]


def move_on(current: PortalPage) -> PortalPage:
    """Press the button that moves on, expecting the page the guide says comes next."""
    __tracebackhide__ = True
    go_on(current)
    return _arrive(current, page_after(current))


def advance(current: PortalPage, cec: Cec) -> PortalPage:
    """Complete the current page, move on, and wait for the page the guide says comes next."""
    __tracebackhide__ = True
    return move_on(fill_in(current, cec))


def go_back(current: PortalPage) -> PortalPage:
    """Press Back and wait for the page before it in the guide."""
    __tracebackhide__ = True
    position = _position(current)
    press = ACTIVATION[position].go_back
    if press is None:
        raise ValueError(f"{current.page_name} has no Back button")
    press(current)
    return _arrive(current, ACTIVATION_ORDER[position - 1])


def edit(current: VerifyInformationPage, group: str) -> PortalPage:
    """Follow a group's Edit link back to the page where those values were entered."""
    return _arrive(current.press_edit(group), EDIT_LEADS_TO[group])


def start_again(current: SessionExpiredPage) -> PortalPage:
    """Follow the expired-session page's link back to the first page of the activation."""
    return _arrive(current.press_start_again(), ACTIVATION_ORDER[0])


def walk_to(name: str, page: Page, journal: ActionJournal, sign_up_url: str, cec: Cec) -> PortalPage:
    """Open the guide's link and follow the guide until the page called ``name`` shows."""
    __tracebackhide__ = True
    target = page_named(name)
    if target not in ACTIVATION_ORDER:
        raise ValueError(f"{name!r} is not a page of the activation walk")
    current: PortalPage = CreateAccountPage.open_sign_up_link(page, journal, sign_up_url)
    while not isinstance(current, target):
        current = advance(current, cec)
    return current


def fast_forward_start(name: str) -> type[PortalPage] | None:
    """The last page at or before the page called ``name`` a session can start on (None: walk it all)."""
    target = page_named(name)
    if target not in ACTIVATION_ORDER:
        raise ValueError(f"{name!r} is not a page of the activation walk")
    earlier = ACTIVATION_ORDER[: ACTIVATION_ORDER.index(target) + 1]
    starts = [kind for kind in earlier if kind in FAST_FORWARD_TO]
    return starts[-1] if starts else None


def fast_forward_to(name: str, page: Page, journal: ActionJournal, admin: AdminClient, cec: Cec) -> PortalPage:
    """Start on the page called ``name`` with the steps before it done, through the mock's admin API.

    The session's cookie goes into this browser; opening the page's address is journalled
    as an arrival at that page's guide step (as typing its address would be), so a failure
    from here on is attributed as in a walked scenario. Pages after the last one a session
    can start on are reached by following the guide from there.
    """
    __tracebackhide__ = True
    start = fast_forward_start(name)
    if start is None:
        raise ValueError(f"no session can start at or before {name!r}; walk there")
    session = admin.fast_forward(FAST_FORWARD_TO[start], cec)
    page.context.add_cookies([{"name": session.cookie, "value": session.session, "url": admin.base_url}])
    start.open_address(page, journal)
    current: PortalPage = start(page, journal).wait_until_shown()
    target = page_named(name)
    while not isinstance(current, target):
        current = advance(current, cec)
    return current
