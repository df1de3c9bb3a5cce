"""The message catalogue: what the portal says for each code, and the ``Problem`` a page shows.

The wording of every message is part of the spec (``portal-spec.md``); page objects and
tests compare it verbatim, so change it only together with the spec.  Codes with one
message are looked up here (:func:`problem`); codes whose wording depends on the field
and rule (UI-302, CR-403...) are worded next to the rule, in the page's own module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from cec.codes import ErrorCode


@dataclass(frozen=True)
class Problem:
    """One broken rule: the field it belongs to (or "" for the whole form), the message and its code."""

    field: str
    message: str
    code: str

    @property
    def text(self) -> str:
        """Return the message as shown: ``Message. (CODE)``."""
        return f"{self.message} ({self.code})"


#: Codes whose message never varies, as the page shows them (without the code).
CATALOGUE: Final[dict[ErrorCode, str]] = {
    ErrorCode.DC_MISMATCH: (
        "We could not verify your delegation information. Check the Delegation Code, "
        "CEE Business Legal Name and CEC Certification # and try again."
    ),
    ErrorCode.DC_USED: (
        "This delegation code has already been used to create an account. "
        "Contact your Certified Enrollment Entity for a new code."
    ),
    ErrorCode.DC_EXPIRED: "This delegation code has expired. Contact your Certified Enrollment Entity for a new code.",
    ErrorCode.DC_LOCKED: "Too many unsuccessful attempts. Wait 15 minutes and try again.",
    ErrorCode.TC_NOT_AGREED: "You must view and agree to the Terms and Conditions to continue.",
    ErrorCode.CR_USERNAME_TAKEN: "That username is already taken. Choose a different username.",
    ErrorCode.LI_FAILED: "The username or password you entered is incorrect.",
    ErrorCode.SS_EXPIRED: "Your session has expired. Start again from the sign-up link.",
    ErrorCode.SS_ORDER: "Start from the beginning of the sign-up.",
    ErrorCode.SS_FORGED: (
        "This form was not accepted because it was out of date or did not come from this page. "
        "Reload the page and try again."
    ),
    ErrorCode.SYS_UNAVAILABLE: "Try again later.",
}
#: The field each catalogue code belongs to, when it belongs to one.
FIELD_OF: Final[dict[ErrorCode, str]] = {
    ErrorCode.TC_NOT_AGREED: "agree",
    ErrorCode.CR_USERNAME_TAKEN: "username",
}

PASSWORD_RULES: Final = (
    "Username: 8 to 50 characters; letters, numbers, and . _ - @; starts with a letter.",
    "Password: 8 to 50 characters.",
    "Password: at least three of: an uppercase letter, a lowercase letter, a number, "
    "a special character.",
    "Password: must not contain your Username.",
    "Password: must not be a common password or keyboard pattern (for example Qwerty1!).",
    "Choose three different security questions; each answer at least 3 characters.",
)


def message(code: str) -> str:
    """The catalogue's message for a code, as shown: ``Message. (CODE)``."""
    return f"{CATALOGUE[ErrorCode(code)]} ({code})"


def problem(code: str) -> Problem:
    """The problem shown for a code the data layer or a check returned (DC-102, CR-401, TC-201...)."""
    known = ErrorCode(code)
    return Problem(FIELD_OF.get(known, ""), CATALOGUE[known], known.value)


def required(field: str, label: str, code: str) -> Problem:
    """``Label is required.`` for an empty required field."""
    return Problem(field, f"{label} is required.", code)
