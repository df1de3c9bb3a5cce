"""Input hygiene: what copy-pasting the delegation email into the portal can bring along.

The guide warns "Be sure not to include any additional spaces when copying this
information", and the portal compares the three values exactly as typed, so one stray
character is enough for "We could not verify your delegation information" (DC-102).
Each finding names the field, the character as U+XXXX and its position (1-based, as a
person counts), so EAS can tell the CEC exactly what to delete.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from cec.hygiene import CONTROL_WHITESPACE, LOOKALIKE_LETTERS, SMART_QUOTES, UNUSUAL_SPACES, ZERO_WIDTH
from triage.schema import FindingJson


@dataclass(frozen=True)
class Finding:
    """One suspicious character in one typed value."""

    field: str
    kind: str
    codepoint: str
    char_name: str
    position: int
    message: str

    def as_json(self) -> FindingJson:
        """The finding as triage.json lists it."""
        return {
            "field": self.field,
            "kind": self.kind,
            "character": self.codepoint,
            "character_name": self.char_name,
            "position": self.position,
            "message": self.message,
        }


def codepoint(char: str) -> str:
    """``U+00A0`` for a non-breaking space."""
    return f"U+{ord(char):04X}"


def char_name(char: str) -> str:
    """The Unicode name ("NO-BREAK SPACE"), or the code point for unnamed controls."""
    return unicodedata.name(char, codepoint(char))


def _field_label(field: str) -> str:
    """"the Delegation Code field" -> "Delegation Code" (journal names carry articles)."""
    label = field
    if label.lower().startswith("the "):
        label = label[4:]
    for suffix in (" field", " text box", " box", " list"):
        if label.lower().endswith(suffix):
            label = label[: -len(suffix)]
    return label


def _is_delegation_code(label: str) -> bool:
    return "delegation code" in label.lower()


def _is_digits_only(label: str) -> bool:
    """Fields whose real values are all digits (the CEC Certification # is 9 of them)."""
    return "certification" in label.lower()


def _finding(label: str, kind: str, char: str, position: int, what: str) -> Finding:
    name, point = char_name(char), codepoint(char)
    return Finding(label, kind, point, name, position, f"{label}: {what} ({point} {name}) at position {position}")


def _spaces(label: str, value: str) -> list[Finding]:
    found: list[Finding] = []
    leading = len(value) - len(value.lstrip(" "))
    trailing = len(value) - len(value.rstrip(" ")) if value.strip(" ") else 0
    for index in range(leading):
        found.append(_finding(label, "leading-space", " ", index + 1, "a space before the value"))
    for index in range(len(value) - trailing, len(value)):
        found.append(_finding(label, "trailing-space", " ", index + 1, "a space after the value"))
    inner_end = len(value) - trailing
    for index in range(max(leading, 1), inner_end):
        if value[index] == " " and value[index - 1] == " ":
            found.append(_finding(label, "doubled-space", " ", index + 1, "a second space in a row"))
    return found


def _character(label: str, char: str, position: int) -> Finding | None:
    if char in UNUSUAL_SPACES:
        what = "a non-breaking space" if char == "\u00a0" else "a space that is not a normal space"
        return _finding(label, "non-breaking-space", char, position, what)
    if char in ZERO_WIDTH:
        return _finding(label, "zero-width", char, position, "an invisible zero-width character")
    if char in CONTROL_WHITESPACE:
        what = "a tab" if char == "\t" else "a line break"
        return _finding(label, "tab-or-newline", char, position, what)
    if char in SMART_QUOTES:
        return _finding(label, "smart-quote", char, position, "a curly quote or apostrophe, not a straight one")
    if char in LOOKALIKE_LETTERS and (_is_delegation_code(label) or _is_digits_only(label)):
        digit = LOOKALIKE_LETTERS[char]
        what = f"the letter {char!r}, which looks like the digit {digit}; check the email"
        if _is_digits_only(label):
            what = f"the letter {char!r} where only digits belong (did the email say {digit}?)"
        return _finding(label, "lookalike", char, position, what)
    return None


def check_value(field: str, value: str) -> list[Finding]:
    """Every finding in one typed value, in the order a person reads them."""
    label = _field_label(field)
    found = _spaces(label, value)
    for index, char in enumerate(value):
        finding = _character(label, char, index + 1)
        if finding is not None:
            found.append(finding)
    return sorted(found, key=lambda f: (f.position, f.kind))


def check_values(typed: Iterable[tuple[str, str]]) -> list[Finding]:
    """Findings for every (field, value) typed in a scenario; a value typed twice counts once."""
    seen: set[tuple[str, str]] = set()
    found: list[Finding] = []
    for field, value in typed:
        if (field, value) in seen:
            continue
        seen.add((field, value))
        found.extend(check_value(field, value))
    return found


def visible(value: str) -> str:
    """The value with every suspicious character spelled out, for a report: ``SJ5⟨U+00A0⟩Nen``."""
    out: list[str] = []
    for char in value:
        if char in UNUSUAL_SPACES | ZERO_WIDTH | CONTROL_WHITESPACE | SMART_QUOTES:
            out.append(f"⟨{codepoint(char)}⟩")
        else:
            out.append(char)
    return "".join(out)
