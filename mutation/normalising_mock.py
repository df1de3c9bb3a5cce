"""A pytest plugin that turns the embedded mock into one that normalises what the CEC typed.

A portal release could plausibly "help" the CEC by tidying pasted values before comparing
them; the guide's warning ("Be sure not to include any additional spaces") says it does
not. Loaded with ``-p mutation.normalising_mock`` and ``CEC_MUTANT`` set to one of
:data:`NORMALISERS`, it wraps the delegation comparison of the mock running in this
process (both sides tidied, as a tolerant portal would), so the copy-paste scenarios can
be shown to fail against such a portal.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from typing import Final

import pytest

from cec.codes import ErrorCode
from cec.hygiene import LOOKALIKE_LETTERS, cleaned
from mock_portal import records

#: The environment variable naming the normaliser.
VARIABLE: Final = "CEC_MUTANT"
_DIGITS: Final = str.maketrans(LOOKALIKE_LETTERS)


#: A normaliser takes the values (code, business name, certification #) and tidies them.
Normaliser = Callable[[str, str, str], tuple[str, str, str]]


def _collapse_doubled_spaces(*values: str) -> tuple[str, str, str]:
    code, name, cert = (re.sub(" {2,}", " ", value) for value in values)
    return code, name, cert


def _tidy_everything(*values: str) -> tuple[str, str, str]:
    """What the CEC meant; in the code and number, look-alike letters read as digits."""
    code, name, cert = (cleaned(value) for value in values)
    return code.translate(_DIGITS), name, cert.translate(_DIGITS)


#: Each normaliser by name, applied to both sides of the comparison (typed and on file).
NORMALISERS: Final[dict[str, Normaliser]] = {
    "doubled-space": _collapse_doubled_spaces,
    "everything": _tidy_everything,
}


def pytest_configure(config: pytest.Config) -> None:
    """Swap the mock's comparison for one that normalises first (the mock runs in this process)."""
    name = os.environ.get(VARIABLE, "")
    if name not in NORMALISERS:
        raise pytest.UsageError(f"{VARIABLE}={name!r}: choose one of {', '.join(NORMALISERS)}")
    normalise = NORMALISERS[name]
    exact = records.verify_delegation

    def normalising(conn: sqlite3.Connection, code: str, business_name: str, cert_number: str) -> ErrorCode | None:
        """A tolerant portal: the record whose tidied values equal the tidied typed ones."""
        wanted = normalise(code, business_name, cert_number)
        for row in conn.execute("SELECT code, business_name, cert_number FROM delegations"):
            on_file = (str(row[0]), str(row[1]), str(row[2]))
            if normalise(*on_file) == wanted:
                return exact(conn, *on_file)
        return ErrorCode.DC_MISMATCH

    records.verify_delegation = normalising
