"""Guide steps 1-2 on *Create Your Account*: the three fields, typing the email's values, mistakes."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from cec.records import DelegationRecord
from cec.words import CreateAccount
from pages.common import PortalPage
from pages.create_account import CreateAccountPage
from steps.journey import delegation_values
from steps.shared.copy_paste import PASTE_MISTAKES
from steps.shared.state import on

DC_102 = (
    "We could not verify your delegation information. Check the Delegation Code, "
    "CEE Business Legal Name and CEC Certification # and try again. (DC-102)"
)
#: The field labels as the feature files name them, and the record attribute behind each.
FIELDS = {
    CreateAccount.DELEGATION_CODE: "code",
    CreateAccount.BUSINESS_NAME: "business_name",
    CreateAccount.CERT_NUMBER: "cert_number",
}
LONGEST_ACCEPTED = 200


def _another_last_character(value: str) -> str:
    """The value with its last character changed to another of the same kind: a near miss."""
    last = value[-1]
    if last.isdigit():
        other = str((int(last) + 1) % 10)
    elif last.isalpha():
        other = "b" if last.lower() == "a" else "a"
        other = other.upper() if last.isupper() else other
    else:
        other = "x"
    return value[:-1] + other


#: The mistakes a CEC makes copying the email, as the feature files name them.
MISTAKES: dict[str, Callable[[str], str]] = {
    "a wrong value": _another_last_character,
    "a leading space": lambda value: f" {value}",
    "a trailing space": lambda value: f"{value} ",
    # Copying from an HTML email often brings a non-breaking space (U+00A0) along.
    "a non-breaking space pasted from an email": lambda value: f"{value}\u00a0",
    "the wrong case": str.swapcase,
    f"{LONGEST_ACCEPTED + 1} characters": lambda value: value.ljust(LONGEST_ACCEPTED + 1, "x"),
    **PASTE_MISTAKES,
}


def with_mistake(record: DelegationRecord, mistake: str, label: str) -> DelegationRecord:
    """The record as the CEC typed it: one field carrying the mistake."""
    __tracebackhide__ = True
    attribute = FIELDS[label]
    original: str = getattr(record, attribute)
    typed = MISTAKES[mistake](original)
    assert typed != original, f"{mistake!r} does not change {original!r}: this record cannot show the mistake"
    return record.with_values(**{attribute: typed})


@then("the page asks for the Delegation Code, CEE Business Legal Name and CEC Certification #")
def asks_for_three_fields(on_page: PortalPage) -> None:
    """The three text boxes of the email's three values can be typed into."""
    for field in on(on_page, CreateAccountPage).fields:
        expect(field.locator).to_be_editable()


@then("the three fields are empty")
def three_fields_empty(on_page: PortalPage) -> None:
    """A fresh sign-up: nothing is filled in."""
    for field in on(on_page, CreateAccountPage).fields:
        expect(field.locator).to_have_value("")


@then("the page says to enter the information exactly as it appears, without extra spaces")
def says_no_extra_spaces(on_page: PortalPage) -> None:
    """The page repeats the guide's warning about extra spaces."""
    expect(on(on_page, CreateAccountPage).instructions.locator).to_be_visible()


@then("the CONTINUE button can be clicked")
def continue_enabled(on_page: PortalPage) -> None:
    """CONTINUE is there and enabled."""
    expect(on(on_page, CreateAccountPage).continue_button.locator).to_be_enabled()


@when(
    parsers.re(
        r"(?:the CEC )?enters the Delegation Code, CEE Business Legal Name and CEC Certification # from the email"
    ),
    target_fixture="typed_delegation",
)
def enter_from_email(on_page: PortalPage, delegation_email: DelegationRecord) -> DelegationRecord:
    """Guide step 2: type the three values exactly as the email shows them."""
    on(on_page, CreateAccountPage).enter_delegation(delegation_email)
    return delegation_email


@when(
    parsers.re(r"the CEC enters the details from the email but leaves the (?P<label>.+) empty"),
    target_fixture="typed_delegation",
)
def enter_leaving_one_empty(label: str, on_page: PortalPage, delegation_email: DelegationRecord) -> DelegationRecord:
    """Type two of the values; the third stays empty."""
    typed = delegation_email.with_values(**{FIELDS[label]: ""})
    on(on_page, CreateAccountPage).enter_delegation(typed)
    return typed


@when(
    parsers.re(r"the CEC enters the details from the email with (?P<mistake>.+?) in the (?P<label>.+)"),
    target_fixture="typed_delegation",
)
def enter_with_mistake(
    mistake: str, label: str, on_page: PortalPage, delegation_email: DelegationRecord
) -> DelegationRecord:
    """Type the values with one copying mistake in one field."""
    typed = with_mistake(delegation_email, mistake, label)
    on(on_page, CreateAccountPage).enter_delegation(typed)
    return typed


@given(parsers.re(r"the CEC has entered a wrong Delegation Code (?P<times>\d+) times"))
def wrong_code_several_times(times: str, on_page: PortalPage, delegation_email: DelegationRecord) -> None:
    """Unsuccessful attempts, each answered with DC-102, in this browser session."""
    create_account = on(on_page, CreateAccountPage)
    typed = with_mistake(delegation_email, "a wrong value", CreateAccount.DELEGATION_CODE)
    for _ in range(int(times)):
        create_account.enter_delegation(typed).press_continue()
        expect(create_account.alert_saying(DC_102).locator).to_be_visible()


@then("the fields show exactly what the CEC typed")
def fields_show_typed(on_page: PortalPage, typed_delegation: DelegationRecord) -> None:
    """The values come back exactly as typed, stray spaces included, ready to be corrected."""
    shown = on(on_page, CreateAccountPage).entered()
    assert delegation_values(shown) == delegation_values(typed_delegation)


@then("the fields show the details from the email")
def fields_show_email(on_page: PortalPage, delegation_email: DelegationRecord) -> None:
    """The three values entered earlier are still there."""
    shown = on(on_page, CreateAccountPage).entered()
    assert delegation_values(shown) == delegation_values(delegation_email)
