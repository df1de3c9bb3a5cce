"""Guide step 2: what a copy and paste from the delegation email brings into a value.

Each mistake changes one character the way an email client, a PDF or a word processor
does, invisibly or nearly so; the portal compares exactly as typed, so each must give
DC-102. The triage input findings name the character (U+XXXX) from the journal.
"""

from __future__ import annotations

import string
from collections.abc import Callable

import pytest
from faker import Faker
from pytest_bdd import given

from cec.evidence import register_delegation
from cec.records import DelegationRecord
from fixtures.portal import Portal


def _replace_first(old: str, new: str) -> Callable[[str], str]:
    """Swap the first ``old`` for ``new``; a value without ``old`` is left as is (and refused)."""
    return lambda value: value.replace(old, new, 1)


def _inside(char: str) -> Callable[[str], str]:
    """Put ``char`` in the middle of the value, where it is hardest to spot."""
    return lambda value: value[: len(value) // 2] + char + value[len(value) // 2 :]


#: The copy-paste mistakes, as the feature files name them.
PASTE_MISTAKES: dict[str, Callable[[str], str]] = {
    "a doubled space inside the value": _replace_first(" ", "  "),
    "a tab instead of a space": _replace_first(" ", "\t"),
    "a non-breaking space instead of a space": _replace_first(" ", "\u00a0"),
    "a zero-width space (U+200B) inside the value": _inside("\u200b"),
    "a byte order mark (U+FEFF) before the value": lambda value: f"\ufeff{value}",
    "a curly apostrophe instead of a straight one": _replace_first("'", "\u2019"),
    "the letter O instead of the digit 0": _replace_first("0", "O"),
    "the letter l instead of the digit 1": _replace_first("1", "l"),
}


@given(
    "a CEC has a delegation email with an apostrophe in the CEE Business Legal Name and the digits 0 and 1 "
    "in the others",
    target_fixture="delegation_email",
)
def email_with_characters_a_paste_changes(
    portal: Portal, fake: Faker, request: pytest.FixtureRequest
) -> DelegationRecord:
    """A fresh record whose values hold what a paste turns into look-alikes: ' 0 1.

    Seeded through the mock's admin API; a portal without one cannot be given such a record.
    """
    if portal.admin is None:
        pytest.fail(
            f"The test could not run: {portal.base_url} has no admin API to seed a record with an apostrophe "
            "and the digits 0 and 1"
        )
    record = portal.admin.create_delegation(
        code=fake.bothify("??01??", letters=string.ascii_letters),
        business_name=f"{fake.last_name()}'s Insurance Services {fake.random_int(100, 999)}",
        cert_number=f"501{fake.numerify('######')}",
    )
    register_delegation(request, record)
    return record
