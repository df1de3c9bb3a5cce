"""Input hygiene findings: what a copy from the delegation email brings along (pure functions)."""

from __future__ import annotations

import pytest

from triage.findings import check_value, check_values, visible


def kinds(field: str, value: str) -> list[tuple[str, str, int]]:
    return [(f.kind, f.codepoint, f.position) for f in check_value(field, value)]


def test_clean_values_have_no_findings() -> None:
    assert check_value("the Delegation Code field", "SJ5Nen") == []
    assert check_value("the CEE Business Legal Name field", "UAT 4.4 American Traders 3") == []
    assert check_value("the CEC Certification # field", "500000142") == []


def test_non_breaking_space_names_field_character_and_position() -> None:
    [finding] = check_value("the Delegation Code field", "SJ5\u00a0Nen")
    assert finding.field == "Delegation Code"
    assert finding.codepoint == "U+00A0"
    assert finding.char_name == "NO-BREAK SPACE"
    assert finding.position == 4
    assert finding.kind == "non-breaking-space"
    assert "U+00A0" in finding.message
    assert "position 4" in finding.message
    assert "Delegation Code" in finding.message


def test_leading_trailing_and_doubled_spaces() -> None:
    assert kinds("the CEE Business Legal Name field", " UAT 4.4  American Traders 3 ") == [
        ("leading-space", "U+0020", 1),
        ("doubled-space", "U+0020", 10),
        ("trailing-space", "U+0020", 29),
    ]


def test_only_spaces_are_all_leading() -> None:
    assert [k for k, _, _ in kinds("the Delegation Code field", "  ")] == ["leading-space", "leading-space"]


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\u200b", "zero-width"),
        ("\ufeff", "zero-width"),
        ("\u200d", "zero-width"),
        ("\t", "tab-or-newline"),
        ("\n", "tab-or-newline"),
        ("\r", "tab-or-newline"),
        ("\u2019", "smart-quote"),
        ("\u201c", "smart-quote"),
        ("\u202f", "non-breaking-space"),
        ("\u2009", "non-breaking-space"),
    ],
)
def test_invisible_and_look_alike_characters(char: str, kind: str) -> None:
    [finding] = check_value("the CEE Business Legal Name field", f"UAT{char}Traders")
    assert (finding.kind, finding.position) == (kind, 4)
    assert finding.codepoint == f"U+{ord(char):04X}"


def test_letters_that_look_like_digits_in_a_delegation_code() -> None:
    found = kinds("the Delegation Code field", "SO5lIn")
    assert found == [("lookalike", "U+004F", 2), ("lookalike", "U+006C", 4), ("lookalike", "U+0049", 5)]


def test_letters_in_a_certification_number_are_flagged() -> None:
    [finding] = check_value("the CEC Certification # field", "5000O0142")
    assert (finding.kind, finding.position) == ("lookalike", 5)
    assert "only digits" in finding.message


def test_look_alike_letters_elsewhere_are_fine() -> None:
    assert check_value("the CEE Business Legal Name field", "Oakland Insurance LLC") == []


def test_a_value_typed_twice_counts_once() -> None:
    typed = [("the Delegation Code field", "SJ5 Nen "), ("the Delegation Code field", "SJ5 Nen ")]
    assert len(check_values(typed)) == 1


def test_visible_spells_out_invisible_characters() -> None:
    assert visible("SJ5\u00a0Nen\u200b") == "SJ5⟨U+00A0⟩Nen⟨U+200B⟩"
    assert visible("[redacted]") == "[redacted]"
