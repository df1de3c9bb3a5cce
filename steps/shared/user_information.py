"""Guide step 5 (and the same moves on guide step 6): completing a page, one field at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pytest_bdd import parsers, when

from cec.records import Cec, CecPersona
from pages.common import PortalPage
from pages.user_information import UserInformationPage1
from steps.journey import fill_in, page_named
from steps.shared.state import on


@when(parsers.re(r'the CEC completes the required fields on the "(?P<name>[^"]+)" page'))
def complete_page(name: str, on_page: PortalPage, cec: Cec) -> None:
    """Fill in the page named with the CEC's details."""
    fill_in(on(on_page, page_named(name)), cec)


@when(parsers.re(r"the CEC completes the (?:page|window) but leaves the (?P<label>.+) empty"))
def complete_leaving_empty(label: str, on_page: PortalPage, cec: Cec) -> None:
    """Fill in everything, then empty one field again."""
    fill_in(on_page, cec).clear(label)


@when(parsers.re(r'the CEC completes the (?:page|window) but enters "(?P<value>[^"]*)" as the (?P<label>.+)'))
def complete_with_value(value: str, label: str, on_page: PortalPage, cec: Cec) -> None:
    """Fill in everything, then put one particular value (or nothing) in one field."""
    completed = fill_in(on_page, cec)
    if value:
        completed.enter(label, value)
    else:
        completed.clear(label)


@when(parsers.re(r"the CEC completes the page with a Date of Birth that makes the CEC (?P<age>\d+) years old"))
def complete_with_age(age: str, on_page: PortalPage, persona: CecPersona) -> None:
    """Fill in the page as a CEC born on 1 January ``age`` years ago: exactly ``age`` today."""
    born = date(date.today().year - int(age), 1, 1)
    on(on_page, UserInformationPage1).enter_user_information(replace(persona, date_of_birth=born.strftime("%m/%d/%Y")))


@when(
    parsers.re(r'the CEC completes the page with the First Name "(?P<first>[^"]+)" and the Last Name "(?P<last>[^"]+)"')
)
def complete_with_name(first: str, last: str, on_page: PortalPage, persona: CecPersona) -> None:
    """Fill in the page with a name of the CEC's own spelling."""
    on(on_page, UserInformationPage1).enter_user_information(replace(persona, first_name=first, last_name=last))


@when(parsers.re(r'(?:the CEC )?changes the (?P<label>.+) to "(?P<value>[^"]*)"'))
def change_field(label: str, value: str, on_page: PortalPage) -> None:
    """Correct one value on the page."""
    on_page.enter(label, value)
