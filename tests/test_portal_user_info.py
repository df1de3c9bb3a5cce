"""Guide step 5: *User Information (1 of 2)* and *(2 of 2)* (UI-301..UI-304)."""

from __future__ import annotations

from datetime import date

import pytest

from mock_portal import reference
from mock_portal.testing import EXAMPLE_USER_INFO_1, EXAMPLE_USER_INFO_2, SignupClient, errors, heading


def info_1(**changes: str) -> dict[str, str]:
    return {**EXAMPLE_USER_INFO_1, **changes}


def info_2(**changes: str) -> dict[str, str]:
    return {**EXAMPLE_USER_INFO_2, **changes}


def years_ago(years: int, days: int = 0) -> str:
    today = date.today()
    born = date(today.year - years, today.month, min(today.day, 28))
    return date.fromordinal(born.toordinal() + days).strftime("%m/%d/%Y")


@pytest.mark.parametrize(("field", "label"), [
    ("first_name", "First Name"), ("last_name", "Last Name"), ("date_of_birth", "Date of Birth"),
    ("email", "Email Address"), ("email_confirm", "Confirm Email Address"), ("phone", "Phone Number"),
    ("language", "Preferred Language"),
])
def test_missing_required_field_is_ui_301(portal_client: SignupClient, field: str, label: str) -> None:
    portal_client.walk_to("user-info-1")
    page = portal_client.post("/user-info/1", info_1(**{field: ""}))
    assert heading(page) == "User Information (1 of 2)"
    assert errors(page) == [f"{label} is required. (UI-301)"]
    assert f'id="{field}" name="{field}" required aria-required="true" aria-invalid="true" ' \
           f'aria-describedby="{field}-error"' in page.get_data(as_text=True)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("first_name", "Ana1", "First Name may contain only letters, spaces, apostrophes, hyphens and periods."),
    ("first_name", "A" * 51, "First Name may contain only letters, spaces, apostrophes, hyphens and periods."),
    ("last_name", "Smith_", "Last Name may contain only letters, spaces, apostrophes, hyphens and periods."),
    ("last_name", "---", "Last Name may contain only letters, spaces, apostrophes, hyphens and periods."),
    ("middle_initial", "AB", "Middle Initial must be one letter."),
    ("middle_initial", "1", "Middle Initial must be one letter."),
    ("suffix", "Esq.", "Select a Suffix from the list."),
    ("date_of_birth", "1985-04-12", "Enter a valid Date of Birth (MM/DD/YYYY)."),
    ("date_of_birth", "02/30/1985", "Enter a valid Date of Birth (MM/DD/YYYY)."),
    ("date_of_birth", "13/01/1985", "Enter a valid Date of Birth (MM/DD/YYYY)."),
    ("date_of_birth", "4/12/1985", "Enter a valid Date of Birth (MM/DD/YYYY)."),
    ("date_of_birth", years_ago(121, -1), "Enter a valid Date of Birth (MM/DD/YYYY)."),
    ("date_of_birth", years_ago(-1), "Enter a valid Date of Birth (MM/DD/YYYY)."),
    ("email", "maria.example.org", "Enter a valid Email Address."),
    ("phone", "916-555-010", "Enter a valid Phone Number with 10 digits."),
    ("phone", "916-555-01000", "Enter a valid Phone Number with 10 digits."),
    ("phone", "916 555 O1OO", "Enter a valid Phone Number with 10 digits."),
    ("language", "Klingon", "Select a Preferred Language from the list."),
])
def test_invalid_value_is_ui_302(portal_client: SignupClient, field: str, value: str, message: str) -> None:
    portal_client.walk_to("user-info-1")
    changes = {field: value}
    if field == "email":
        changes["email_confirm"] = value
    page = portal_client.post("/user-info/1", info_1(**changes))
    assert f"{message} (UI-302)" in errors(page)


def test_different_emails_are_ui_303(portal_client: SignupClient) -> None:
    portal_client.walk_to("user-info-1")
    page = portal_client.post("/user-info/1", info_1(email_confirm="other@example.org"))
    assert errors(page) == ["Email addresses do not match. (UI-303)"]


@pytest.mark.parametrize("born", [years_ago(18, 1), years_ago(10)])
def test_under_18_is_ui_304(portal_client: SignupClient, born: str) -> None:
    portal_client.walk_to("user-info-1")
    page = portal_client.post("/user-info/1", info_1(date_of_birth=born))
    assert errors(page) == ["You must be at least 18 years old. (UI-304)"]


@pytest.mark.parametrize("changes", [
    {"first_name": "José"}, {"first_name": "Zoë Ann"}, {"last_name": "O'Brien"}, {"last_name": "O’Brien"},
    {"last_name": "Smith-Jones"}, {"last_name": "St. John"}, {"first_name": "Nguyễn"}, {"middle_initial": ""},
    {"middle_initial": "É"}, {"suffix": ""}, {"suffix": "IV"}, {"phone": "(916) 555-0100"},
    {"phone": "916-555-0100"}, {"phone": "9165550100"}, {"phone": "916.555.0100"},
    {"date_of_birth": years_ago(18)}, {"date_of_birth": years_ago(120)}, {"date_of_birth": "02/29/1980"},
    {"email": "First.Last+cec@sub.example.co", "email_confirm": "first.last+cec@sub.example.co"},
    {"first_name": "  Ana  "},
])
def test_accepted_values_continue(portal_client: SignupClient, changes: dict[str, str]) -> None:
    portal_client.walk_to("user-info-1")
    page = portal_client.post("/user-info/1", info_1(**changes))
    assert errors(page) == []
    assert heading(page) == "User Information (2 of 2)"


def test_values_are_kept_when_the_page_is_shown_again(portal_client: SignupClient) -> None:
    portal_client.walk_to("user-info-1")
    page = portal_client.post("/user-info/1", info_1(first_name="José", last_name="", language="Tagalog"))
    body = page.get_data(as_text=True)
    assert 'value="José"' in body
    assert '<option value="Tagalog" selected>' in body
    assert errors(page) == ["Last Name is required. (UI-301)"]


def test_back_returns_to_use_of_the_website(portal_client: SignupClient) -> None:
    portal_client.walk_to("user-info-1")
    assert heading(portal_client.post("/user-info/1", {"action": "back"})) == "Use of the Website"


@pytest.mark.parametrize(("field", "label"), [
    ("street", "Street Address"), ("city", "City"), ("zip", "ZIP Code"), ("county", "County"), ("state", "State"),
])
def test_page_2_missing_required_is_ui_301(portal_client: SignupClient, field: str, label: str) -> None:
    portal_client.walk_to("user-info-2")
    page = portal_client.post("/user-info/2", info_2(**{field: ""}))
    assert f"{label} is required. (UI-301)" in errors(page)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("zip", "9581", "Enter a valid ZIP Code (12345 or 12345-6789)."),
    ("zip", "95815-51", "Enter a valid ZIP Code (12345 or 12345-6789)."),
    ("zip", "ABCDE", "Enter a valid ZIP Code (12345 or 12345-6789)."),
    ("state", "ZZ", "Select a State from the list."),
    ("county", "Atlantis", "Select a County from the list."),
    ("city", "Sacramento 2", "City may contain only letters, spaces, apostrophes, hyphens and periods."),
    ("street", "1 Main St; DROP", "Street Address may contain only letters, numbers, spaces and . , ' # / -"),
])
def test_page_2_invalid_is_ui_302(portal_client: SignupClient, field: str, value: str, message: str) -> None:
    portal_client.walk_to("user-info-2")
    page = portal_client.post("/user-info/2", info_2(**{field: value}))
    assert f"{message} (UI-302)" in errors(page)


@pytest.mark.parametrize("changes", [
    {"zip": "12345"}, {"zip": "12345-6789"}, {"apt": ""}, {"apt": "#4B"},
    {"state": "NV", "county": ""}, {"city": "San Luis Obispo"}, {"county": "Los Angeles"},
    {"street": "12 O'Farrell St., Apt 3/4"},
])
def test_page_2_accepted_values_continue(portal_client: SignupClient, changes: dict[str, str]) -> None:
    portal_client.walk_to("user-info-2")
    page = portal_client.post("/user-info/2", info_2(**changes))
    assert errors(page) == []
    assert heading(page) == "Username & Password"


def test_page_2_defaults_to_california_and_lists_58_counties(portal_client: SignupClient) -> None:
    body = portal_client.walk_to("user-info-2").get_data(as_text=True)
    assert '<option value="CA" selected>California</option>' in body
    assert len(reference.CA_COUNTIES) == 58
    assert all(f'<option value="{county}">{county}</option>' in body for county in reference.CA_COUNTIES)
