"""Other CECs, each in a browser of their own: a username already taken, a code used twice.

They get their own browser context (pytest-playwright's ``new_context``, so its tracing
and screenshots still cover them) and their own journal, so the scenario's evidence
stays about the CEC the scenario is about.
"""

from __future__ import annotations

from dataclasses import replace

from faker import Faker
from pytest_bdd import given, parsers, when
from pytest_playwright import CreateContextCallback

from cec.journal import ActionJournal, Journals
from cec.personas import build_credentials
from cec.records import Cec, CecPersona
from fixtures.portal import Portal
from pages.account_created import AccountCreatedDialog
from pages.common import PortalPage
from pages.verify_information import VerifyInformationPage
from steps.journey import move_on, walk_to
from steps.shared.state import on
from tools.admin_client import AdminClient


def other_cec_walks_to(
    name: str, new_context: CreateContextCallback, portal: Portal, cec: Cec, journal: ActionJournal
) -> PortalPage:
    """Another CEC, in another browser, follows the guide to the page named."""
    __tracebackhide__ = True
    page = new_context().new_page()
    return walk_to(name, page, journal, portal.signup_url, cec)


@given("another CEC has already activated an account", target_fixture="taken_username")
def another_cec_activated(
    new_context: CreateContextCallback,
    portal: Portal,
    admin: AdminClient,
    persona: CecPersona,
    fake: Faker,
    make_journal: Journals,
) -> str:
    """Another CEC, with their own delegation email, activates an account; their username is taken."""
    other = Cec(admin.create_delegation(), persona, build_credentials(fake))
    other_cec_walks_to(AccountCreatedDialog.page_name, new_context, portal, other, make_journal("another CEC"))
    return other.credentials.username


@given(
    parsers.re(r'a colleague with the same email has reached the "(?P<name>[^"]+)" page in another browser'),
    target_fixture="colleague",
)
def colleague_reached(
    name: str,
    new_context: CreateContextCallback,
    portal: Portal,
    cec: Cec,
    fake: Faker,
    make_journal: Journals,
) -> PortalPage:
    """A second CEC with the very same delegation email, and a username of their own."""
    colleague = replace(cec, credentials=build_credentials(fake))
    return other_cec_walks_to(name, new_context, portal, colleague, make_journal("the colleague"))


@when("the colleague clicks Confirm")
def colleague_confirms(colleague: PortalPage) -> None:
    """The colleague confirms first: their account is created with the code."""
    move_on(on(colleague, VerifyInformationPage))
