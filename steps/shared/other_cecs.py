"""Other CECs, each in a browser of their own: a username already taken, a code used twice.

They get their own browser context (pytest-playwright's ``new_context``, so its tracing
and screenshots still cover them) and their own journal, so the scenario's evidence
stays about the CEC the scenario is about. Where their walk is not the subject, they
start late as the scenario's CEC does (issue 11): the colleague on the page named, and
the CEC whose username is taken has the account made through the admin API, with no
browser at all. ``--full-walk`` and real-portal mode walk them as before.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
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
from steps.journey import FAST_FORWARD_TO, move_on
from steps.shared.state import on
from steps.shared.walking import reach, walks
from tools.admin_client import AdminClient


def other_cec_reaches(
    name: str,
    new_context: CreateContextCallback,
    portal: Portal,
    cec: Cec,
    journal: ActionJournal,
    request: pytest.FixtureRequest,
) -> PortalPage:
    """Another CEC, in another browser, reaches the page named: walked, or started there on the mock."""
    __tracebackhide__ = True
    page = new_context().new_page()
    return reach(name, page, journal, portal, cec, request, said=False)


@given("another CEC has already activated an account", target_fixture="taken_username")
def another_cec_activated(
    new_context: CreateContextCallback,
    portal: Portal,
    admin: AdminClient,
    persona: CecPersona,
    fake: Faker,
    make_journal: Journals,
    request: pytest.FixtureRequest,
) -> str:
    """Another CEC, with their own delegation email, activates an account; their username is taken.

    On the mock their activation is made through the admin API (the same Confirm), unless
    the scenario walks.
    """
    other = Cec(admin.create_delegation(), persona, build_credentials(fake))
    name = AccountCreatedDialog.page_name
    if walks(request, portal, name):
        other_cec_reaches(name, new_context, portal, other, make_journal("another CEC"), request)
    else:
        admin.fast_forward(FAST_FORWARD_TO[AccountCreatedDialog], other)
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
    request: pytest.FixtureRequest,
) -> PortalPage:
    """A second CEC with the very same delegation email, and a username of their own."""
    colleague = replace(cec, credentials=build_credentials(fake))
    return other_cec_reaches(name, new_context, portal, colleague, make_journal("the colleague"), request)


@when("the colleague clicks Confirm")
def colleague_confirms(colleague: PortalPage) -> None:
    """The colleague confirms first: their account is created with the code."""
    move_on(on(colleague, VerifyInformationPage))
