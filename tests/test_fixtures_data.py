"""The test data: accepted by the portal's own rules, and replayable from a seed."""

from __future__ import annotations

import pytest

from cec.personas import CALIFORNIA_PLACES, build_credentials, build_persona, scenario_faker
from cec.records import CecPersona
from mock_portal import reference, user_information, username_password

SEEDS = range(80)


def _page_1(persona: CecPersona) -> dict[str, str]:
    return {
        "first_name": persona.first_name,
        "middle_initial": persona.middle_initial,
        "last_name": persona.last_name,
        "suffix": persona.suffix,
        "date_of_birth": persona.date_of_birth,
        "email": persona.email,
        "email_confirm": persona.email,
        "phone": persona.phone,
        "language": persona.preferred_language,
    }


def _page_2(persona: CecPersona) -> dict[str, str]:
    state = next(code for code, name in reference.STATES.items() if name == persona.state)
    return {
        "street": persona.street_address,
        "apt": persona.apt_suite,
        "city": persona.city,
        "state": state,
        "zip": persona.zip_code,
        "county": persona.county,
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_persona_passes_the_user_information_rules(seed: int) -> None:
    persona = build_persona(scenario_faker(seed, "node"))
    assert user_information.check_user_info_1(_page_1(persona)) == []
    assert user_information.check_user_info_2(_page_2(persona)) == []
    assert (persona.city, persona.county, persona.zip_code) in CALIFORNIA_PLACES


@pytest.mark.parametrize("seed", SEEDS)
def test_credentials_pass_the_username_and_password_rules(seed: int) -> None:
    credentials = build_credentials(scenario_faker(seed, "node"))
    assert username_password.USERNAME_PATTERN.fullmatch(credentials.username), credentials.username
    assert username_password.check_password(credentials.password, credentials.username) == []
    assert all(len(answer) >= 3 for answer in credentials.security_answers)
    assert len(set(credentials.security_answers)) == 3


def test_every_county_used_is_a_california_county() -> None:
    assert {county for _, county, _ in CALIFORNIA_PLACES} <= set(reference.CA_COUNTIES)


def test_same_seed_and_scenario_replays_the_same_data() -> None:
    node = "steps/test_x.py::test_a"
    first = build_persona(scenario_faker(42, node)), build_credentials(scenario_faker(42, node))
    again = build_persona(scenario_faker(42, node)), build_credentials(scenario_faker(42, node))
    assert first == again


def test_other_seed_or_scenario_gives_other_data() -> None:
    base = build_credentials(scenario_faker(42, "a"))
    assert build_credentials(scenario_faker(43, "a")) != base
    assert build_credentials(scenario_faker(42, "b")) != base


def test_personas_include_hard_names_across_a_run() -> None:
    names = {build_persona(scenario_faker(7, f"s{i}")).last_name for i in range(80)}
    assert any("'" in name for name in names)
    assert any(not name.isascii() for name in names)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_retry_types_a_username_of_its_own_and_the_first_attempt_replays_as_before(seed: int) -> None:
    """The portal keeps a failed first attempt's account: its retry must not meet CR-401 for its own username."""
    first = build_credentials(scenario_faker(seed, "node"))
    assert build_credentials(scenario_faker(seed, "node", 1)) == first  # what --faker-seed replays
    retry = build_credentials(scenario_faker(seed, "node", 2))
    assert retry.username != first.username
    assert build_credentials(scenario_faker(seed, "node", 2)) == retry  # a retry's data are reproducible too
