"""Rules of *Create Your Account* that only a mutation run showed unpinned (issue 15).

Each test names the survivor it kills (mutmut's name, in ``make mutate``'s output), so a
reader can tell why a test this specific exists. Flask test client: fast enough for every
mutant of the module to run them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from flask import Flask

from mock_portal import create_account, db, records
from mock_portal.testing import EXAMPLE_DELEGATION, SignupClient, errors, heading

DC_102 = (
    "We could not verify your delegation information. Check the Delegation Code, CEE Business Legal Name "
    "and CEC Certification # and try again. (DC-102)"
)
DC_105 = "Too many unsuccessful attempts. Wait 15 minutes and try again. (DC-105)"
WRONG = {**EXAMPLE_DELEGATION, "delegation_code": "SJ5Neo"}


class Clock:
    """The lock-out's clock, moved by hand: 15 minutes pass without waiting for them."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Only *Create Your Account*'s clock moves (the session's idle timeout keeps real time)."""
    fake = Clock()
    monkeypatch.setattr(create_account, "time", fake)
    return fake


def attempt(client: SignupClient, values: dict[str, str]) -> list[str]:
    return errors(client.post("/signup", values))


def test_after_the_lock_the_count_starts_again_from_zero(portal_client: SignupClient, clock: Clock) -> None:
    """Kills ``x__count_failure__mutmut_20..23``: the count is reset to 0 when the lock starts."""
    portal_client.open_signup_link()
    assert [attempt(portal_client, WRONG) for _ in range(5)][-1] == [DC_105]
    clock.now += create_account.LOCK_SECONDS + 1
    # Four more mistakes are each a plain DC-102; the fifth locks again.
    assert [attempt(portal_client, WRONG) for _ in range(5)] == [[DC_102]] * 4 + [[DC_105]]


def test_back_from_use_of_the_website_shows_the_details_entered(portal_client: SignupClient) -> None:
    """Kills ``x__show__mutmut_6..9``: *Create Your Account* shows the session's delegation again."""
    portal_client.walk_to("terms")
    page = portal_client.get("/signup")
    body = page.get_data(as_text=True)
    assert heading(page) == "Create Your Account"
    for name, value in EXAMPLE_DELEGATION.items():
        assert f'name="{name}"' in body
        assert f'value="{value}"' in body, name


def test_dc_102_marks_all_three_fields_invalid(portal_client: SignupClient) -> None:
    """Kills ``x__show__mutmut_21``: DC-102 names no field, so each of the three is marked."""
    portal_client.open_signup_link()
    body = portal_client.post("/signup", WRONG).get_data(as_text=True)
    for name in create_account.DELEGATION_FIELDS:
        assert f'id="{name}" name="{name}" required aria-required="true" aria-invalid="true"' in body


def test_a_value_of_exactly_200_characters_is_compared(portal_app: Flask, portal_db_path: Path) -> None:
    """Kills ``x_check_delegation_form__mutmut_16``: 200 characters is the longest accepted, not refused."""
    name = ("UAT 4.4 American Traders " * 10)[: create_account.MAX_DELEGATION_INPUT]
    conn = db.connect(portal_db_path)
    try:
        record = records.create_delegation(conn, {"business_name": name})
    finally:
        conn.close()
    client = SignupClient(portal_app.test_client())
    client.open_signup_link()
    page = client.post(
        "/signup", {"delegation_code": record.code, "business_name": name, "cert_number": record.cert_number}
    )
    assert errors(page) == []
    assert heading(page) == "Use of the Website"
