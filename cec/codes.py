"""The portal's error codes, one enum: what a message's "(DC-102)" means, for every layer.

The codes are the mock's own (portal-spec.md marks them *(mock)*); the suite checks for
them, triage reads them back from the page, and the mock answers with them.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

#: A portal code at the end of a message: "... try again. (DC-102)".
CODE_PATTERN: Final = re.compile(r"\(([A-Z]{2,3}-\d{3})\)\s*$")


class ErrorCode(StrEnum):
    """Every code the portal puts after a message, by the guide step or page it belongs to."""

    DC_REQUIRED = "DC-101"
    DC_MISMATCH = "DC-102"
    DC_USED = "DC-103"
    DC_EXPIRED = "DC-104"
    DC_LOCKED = "DC-105"
    TC_NOT_AGREED = "TC-201"
    UI_REQUIRED = "UI-301"
    UI_INVALID = "UI-302"
    UI_EMAIL_MISMATCH = "UI-303"
    UI_TOO_YOUNG = "UI-304"
    CR_USERNAME_TAKEN = "CR-401"
    CR_USERNAME_INVALID = "CR-402"
    CR_PASSWORD_WEAK = "CR-403"
    CR_PASSWORD_MISMATCH = "CR-404"
    CR_SECURITY_QUESTIONS = "CR-405"
    LI_FAILED = "LI-601"
    SS_EXPIRED = "SS-901"
    SS_ORDER = "SS-902"
    SS_FORGED = "SS-903"
    SYS_UNAVAILABLE = "SYS-503"
    SYS_NOT_FOUND = "SYS-998"
    SYS_ERROR = "SYS-999"


def code_of(message: str) -> str | None:
    """The code a message ends with ("DC-102"), or None."""
    found = CODE_PATTERN.search(message)
    return found.group(1) if found else None
