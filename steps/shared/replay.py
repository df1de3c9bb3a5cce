"""Steps of the EAS replay: a ticket's values typed exactly as the CEC typed them.

With ``--ticket`` the delegation record the portal should hold (the ticket's ``on_file``)
is seeded on the mock, and the activation is walked with the ticket's ``entered`` values;
the first failure stops the walk and triage writes the bundle. Without a ticket the
scenario replays a clean report of a fresh record, so it runs, and must pass, in every
suite run.

Several tickets (``--replay-ticket`` once per ticket, or with ``--ticket``) make one replay
scenario per ticket, named by the ticket (``[nbsp-in-code]``), in one run: one Python, one
browser, one portal for all of them (issue 11), each scenario its own ticket, record and
bundle, and its own reproduce command (``--ticket PATH``, which makes the same scenario).
"""

from __future__ import annotations

from dataclasses import replace
from http import HTTPStatus
from pathlib import Path
from typing import Final

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, then, when

from cec.evidence import register_delegation, register_scenario_reproduce_options
from cec.journal import ActionJournal
from cec.records import Cec, CecPersona, Credentials, DelegationRecord
from cec.ticket import Ticket, TicketError, load_ticket
from fixtures.portal import Portal
from pages.common import PortalPage
from pages.log_in import HomePage
from steps.journey import walk_to
from steps.shared.state import on
from tools.admin_client import AdminApiError
from tools.settings import setting

#: The tickets of this run's replay scenarios, loaded once at configure time.
REPLAY_TICKETS: Final = pytest.StashKey[list[Ticket]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--replay-ticket``: more tickets to replay in the same run (eas-reproduce with several)."""
    parser.getgroup("cec").addoption(
        "--replay-ticket",
        action="append",
        default=[],
        metavar="PATH",
        help="an EAS ticket (.toml) to replay; repeat it for several: one replay scenario per ticket",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Load the tickets to replay; a bad one stops the run with its message, before any browser starts."""
    paths = [*filter(None, [setting(config, "ticket")]), *config.getoption("replay_ticket", default=[])]
    tickets: dict[Path, Ticket] = {}
    for path in paths:
        try:
            loaded = load_ticket(path)
        except TicketError as error:
            raise pytest.UsageError(str(error)) from None
        tickets.setdefault(loaded.path.resolve(), loaded)
    config.stash[REPLAY_TICKETS] = list(tickets.values())


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One replay scenario per ticket, named by it; the ticket stands in for the ``ticket`` fixture.

    pytest-bdd's scenario function asks for its steps' fixtures only when it runs, so
    ``ticket`` is added to the names pytest may parametrize before it is parametrized.
    """
    tickets = metafunc.config.stash.get(REPLAY_TICKETS, [])
    if not tickets or metafunc.definition.get_closest_marker("eas-replay") is None:
        return
    if "ticket" not in metafunc.fixturenames:
        metafunc.fixturenames.append("ticket")
    metafunc.parametrize("ticket", tickets, ids=[ticket.name for ticket in tickets])


def _hold_on_file(portal: Portal, record: DelegationRecord) -> None:
    """Make the mock hold the ticket's record; a record already there must be the same one."""
    __tracebackhide__ = True
    if portal.admin is None:
        return
    try:
        portal.admin.create_delegation(
            code=record.code,
            business_name=record.business_name,
            cert_number=record.cert_number,
            status=record.status,
        )
    except AdminApiError as error:
        if error.status != HTTPStatus.CONFLICT:
            raise
        held = portal.admin.delegation(record.code)
        if held != record:
            raise AdminApiError(
                f"the portal already holds delegation code {record.code!r} with other values ({held}); "
                "replay against a fresh portal (leave out --base-url)"
            ) from None


@given("a CEC reported a problem with their activation", target_fixture="reported")
def reported_activation(
    request: pytest.FixtureRequest,
    ticket: Ticket | None,
    portal: Portal,
    delegation: DelegationRecord,
    persona: CecPersona,
    credentials: Credentials,
) -> Cec:
    """The CEC of the ticket (their typed values, details and username) or a clean report.

    The ticket's record on file is what the delegation email said: the bundle shows that,
    not the fresh record the scenario would otherwise have used.
    """
    if ticket is None:
        return Cec(delegation, persona, credentials)
    _hold_on_file(portal, ticket.on_file)
    register_delegation(request, ticket.on_file)
    register_scenario_reproduce_options(request, "--ticket", str(ticket.path.resolve()))
    details = replace(persona, **ticket.user_information)
    chosen = credentials if ticket.username is None else replace(credentials, username=ticket.username)
    return Cec(ticket.entered, details, chosen)


@when(
    "the CEC follows the guide from the sign-up link, typing the values exactly as reported",
    target_fixture="on_page",
)
def follow_the_guide(page: Page, journal: ActionJournal, portal: Portal, reported: Cec) -> PortalPage:
    """Walk guide steps 1 to 9; the first page that does not come as the guide says stops it."""
    return walk_to(HomePage.page_name, page, journal, portal.signup_url, reported)


@then("the activation completes through guide step 9")
def activation_completes(on_page: PortalPage) -> None:
    """The CEC is logged in on the home page as an Enrollment Counselor."""
    home = on(on_page, HomePage)
    expect(home.role_label.locator).to_be_visible()
