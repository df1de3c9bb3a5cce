"""EAS tickets: exact values kept, defaults filled, every mistake named."""

from __future__ import annotations

from pathlib import Path

import pytest

from cec.ticket import TicketError, load_ticket, parse_ticket

TICKETS = Path(__file__).resolve().parent.parent / "tickets"
GOOD = """
[entered]
delegation_code = "SJ5Nen "
business_name = "UAT 4.4 American Traders 3"
cert_number = "500000142"
[report]
guide_step = 2
note = "CONTINUE says it cannot verify my information"
"""


def _parse(text: str) -> object:
    return parse_ticket(text, Path("ticket.toml"))


def test_values_are_kept_exactly_as_typed_and_on_file_defaults_to_trimmed() -> None:
    ticket = parse_ticket(GOOD, Path("t.toml"))
    assert ticket.entered.code == "SJ5Nen "
    assert ticket.on_file.code == "SJ5Nen"
    assert ticket.on_file.status == "issued"
    assert ticket.reported_step == 2
    assert "verify" in ticket.note


def test_toml_escapes_reach_the_value() -> None:
    ticket = parse_ticket(GOOD.replace('"SJ5Nen "', '"\\u00a0SJ5Nen"'), Path("t.toml"))
    assert ticket.entered.code == "\u00a0SJ5Nen"
    assert ticket.on_file.code == "SJ5Nen"


def test_zero_width_characters_are_trimmed_from_the_default_record() -> None:
    ticket = parse_ticket(GOOD.replace('"SJ5Nen "', '"SJ5Nen\\u200b"'), Path("t.toml"))
    assert ticket.on_file.code == "SJ5Nen"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (GOOD.replace('cert_number = "500000142"\n', ""), "cert_number is missing"),
        (GOOD.replace('"500000142"', "500000142"), "cert_number must be text"),
        (GOOD.replace("guide_step = 2", "guide_step = 12"), "guide_step must be a whole number from 1 to 9"),
        (GOOD.replace("guide_step = 2", 'guide_step = "2"'), "guide_step"),
        (GOOD.replace("[report]", "[reprot]"), "unknown table(s) reprot"),
        (GOOD.replace("note =", "notes ="), "unknown key(s) notes"),
        (GOOD + '[on_file]\nstatus = "lost"\n', "status must be one of issued, used, expired"),
        ("[report]\nguide_step = 2\n", "the [entered] table is missing"),
        ("entered = 3\n", "'entered' must be a table"),
        ("[entered\ndelegation_code = 1", "not valid TOML"),
        (GOOD.replace('business_name = "UAT', 'business_name = UAT'), "line 4"),
    ],
)
def test_a_bad_ticket_names_the_problem(text: str, named: str) -> None:
    with pytest.raises(TicketError, match=None) as caught:
        _parse(text)
    assert named in str(caught.value)
    assert str(caught.value).startswith("ticket.toml")


def test_a_missing_file_is_a_ticket_error(tmp_path: Path) -> None:
    with pytest.raises(TicketError, match="no such ticket file"):
        load_ticket(tmp_path / "absent.toml")


def test_a_binary_file_is_a_ticket_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(TicketError, match="cannot be read"):
        load_ticket(bad)


@pytest.mark.parametrize("path", sorted(TICKETS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_example_ticket_loads(path: Path) -> None:
    ticket = load_ticket(path)
    assert ticket.entered.code
    assert ticket.reported_step is not None


def test_the_example_tickets_cover_what_eas_sees_most() -> None:
    tickets = {p.stem: load_ticket(p) for p in TICKETS.glob("*.toml")}
    assert tickets["trailing-space-in-name"].entered.business_name.endswith(" ")
    assert "\u00a0" in tickets["nbsp-in-code"].entered.code
    assert tickets["code-already-used"].on_file.status == "used"
    assert tickets["expired-code"].on_file.status == "expired"
    clean = tickets["clean-activation"]
    assert clean.entered == clean.on_file
