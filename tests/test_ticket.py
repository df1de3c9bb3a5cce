"""EAS tickets: exact values kept, defaults filled, every mistake named."""

from __future__ import annotations

from pathlib import Path

import pytest

from cec.hygiene import cleaned
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
        (GOOD.replace("[report]", "[reprot]"), "no table [reprot] (did you mean report?)"),
        (GOOD.replace("note =", "notes ="), "a key the ticket does not know: notes (did you mean note?)"),
        (GOOD.replace("business_name =", "busines_name ="), "busines_name (did you mean business_name?)"),
        (GOOD.replace("[entered]\n", ""), "delegation_code must be under [entered]: put a line [entered] above it"),
        (GOOD.replace('"UAT 4.4 American Traders 3"', "“UAT 4.4 American Traders 3”"), "use straight quotes"),
        (GOOD + '[on_file]\nstatus = "lost"\n', "status must be one of issued, used, expired"),
        ("[report]\nguide_step = 2\n", "the [entered] table is missing"),
        ("entered = 3\n", "'entered' must be a table"),
        ("[entered\ndelegation_code = 1", "line 1: this line is not written as the ticket expects"),
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
    with pytest.raises(TicketError, match="save the ticket as UTF-8"):
        load_ticket(bad)


def test_a_windows_1252_ticket_says_save_as_utf8_and_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "cp1252.toml"
    bad.write_bytes(GOOD.replace("American Traders", "American\u00a0Traders").encode("cp1252"))
    with pytest.raises(TicketError) as caught:
        load_ticket(bad)
    message = str(caught.value)
    assert "save the ticket as UTF-8" in message
    name_line = next(n for n, line in enumerate(GOOD.splitlines(), start=1) if line.startswith("business_name"))
    assert f"line {name_line}:" in message
    assert "codec" not in message


def test_a_utf8_ticket_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes("\ufeff".encode() + GOOD.encode())
    assert load_ticket(path).entered.code == "SJ5Nen "


def test_without_on_file_the_record_is_the_cleaned_value() -> None:
    """EAS's commonest ticket: the NBSP the CEC pasted; the email said a plain space."""
    typed = "\u201cUAT\u00a04.4  American\u200b Traders 3\u201d "
    ticket = parse_ticket(GOOD.replace('"UAT 4.4 American Traders 3"', f'"{typed}"'), Path("t.toml"))
    assert ticket.entered.business_name == typed
    assert ticket.on_file.business_name == '"UAT 4.4 American Traders 3"'


def test_the_nbsp_example_ticket_holds_a_clean_record() -> None:
    ticket = load_ticket(TICKETS / "nbsp-in-code.toml")
    assert ticket.entered.code != ticket.on_file.code
    assert "\u00a0" not in ticket.on_file.code


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


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("SJ5Nen ", "SJ5Nen"),
        ("\u200bSJ5Nen\ufeff", "SJ5Nen"),
        ("UAT  4.4\tAmerican\u00a0Traders 3", "UAT 4.4 American Traders 3"),
        ("\u201cUAT\u201d \u2018x\u2019", "\"UAT\" 'x'"),
        ("5OO0l", "5OO0l"),
    ],
)
def test_cleaned_is_what_the_email_most_likely_said(typed: str, meant: str) -> None:
    assert cleaned(typed) == meant
