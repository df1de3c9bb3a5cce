"""The test data: valid for the portal's rules, and replayable from a seed."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from fixtures.personas import CALIFORNIA_PLACES, build_credentials, build_persona, scenario_faker

NAME = re.compile(r"^[^\W\d_][^\W\d_' .-]*(?:[' .-]+[^\W\d_]+)*\.?$")
USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9._@-]{7,49}$")


def _classes(password: str) -> int:
    return sum(
        (
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


@pytest.mark.parametrize("seed", range(60))
def test_persona_meets_the_user_information_rules(seed: int) -> None:
    persona = build_persona(scenario_faker(seed, "node"))
    for value in (persona.first_name, persona.last_name):
        assert NAME.match(value), value
        assert 1 <= len(value) <= 50
    assert persona.middle_initial == "" or re.fullmatch(r"[A-Z]", persona.middle_initial)
    born = datetime.strptime(persona.date_of_birth, "%m/%d/%Y").date()
    age = (date.today() - born).days / 365.25
    assert 18 < age < 120
    assert re.fullmatch(r"\(\d{3}\) 555-\d{4}", persona.phone)
    assert re.fullmatch(r"[a-z0-9._-]+@example\.org", persona.email), persona.email
    assert (persona.city, persona.county, persona.zip_code) in CALIFORNIA_PLACES
    assert re.fullmatch(r"\d{5}(-\d{4})?", persona.zip_code)


@pytest.mark.parametrize("seed", range(60))
def test_credentials_meet_the_username_and_password_rules(seed: int) -> None:
    credentials = build_credentials(scenario_faker(seed, "node"))
    assert USERNAME.match(credentials.username), credentials.username
    assert 8 <= len(credentials.password) <= 50
    assert _classes(credentials.password) >= 3
    assert credentials.username.lower() not in credentials.password.lower()
    assert all(len(answer) >= 3 for answer in credentials.security_answers)
    assert len(set(credentials.security_answers)) == 3


def test_same_seed_and_scenario_replays_the_same_data() -> None:
    first = build_persona(scenario_faker(42, "steps/test_x.py::test_a")), build_credentials(
        scenario_faker(42, "steps/test_x.py::test_a")
    )
    again = build_persona(scenario_faker(42, "steps/test_x.py::test_a")), build_credentials(
        scenario_faker(42, "steps/test_x.py::test_a")
    )
    assert first == again


def test_other_seed_or_scenario_gives_other_data() -> None:
    base = build_credentials(scenario_faker(42, "a"))
    assert build_credentials(scenario_faker(43, "a")) != base
    assert build_credentials(scenario_faker(42, "b")) != base


def test_personas_include_hard_names_across_a_run() -> None:
    names = {build_persona(scenario_faker(7, f"s{i}")).last_name for i in range(80)}
    assert any("'" in name for name in names)
    assert any(not name.isascii() for name in names)
