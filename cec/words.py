"""Every visible word the page objects rely on, in one place.

Page objects find elements by role and accessible name, so these strings are the whole
contract between the suite and the portal. They are the words of the activation guide
and ``portal-spec.md`` verbatim; if the real CoveredCA.com says something slightly
different, the fix is one line here and no page object changes.
"""

from __future__ import annotations

from typing import Final


class CreateAccount:
    """*Create Your Account* (guide steps 1-2)."""

    HEADING: Final = "Create Your Account"
    INSTRUCTIONS: Final = (
        "Enter the information from your delegation email exactly as it appears. Do not include extra spaces."
    )
    DELEGATION_CODE: Final = "Delegation Code"
    BUSINESS_NAME: Final = "CEE Business Legal Name"
    CERT_NUMBER: Final = "CEC Certification #"
    CONTINUE: Final = "CONTINUE"


class UseOfWebsite:
    """*Use of the Website* and its terms dialog (guide steps 3-4)."""

    HEADING: Final = "Use of the Website"
    VIEW_TERMS: Final = "View the Terms and Conditions of Use"
    DIALOG: Final = "Terms and Conditions of Use"
    CLOSE: Final = "Close"
    #: Headings of the terms' text inside the dialog.
    TERMS_SECTIONS: Final = (
        "Purpose of This Agreement",
        "Privacy Policy",
        "Notices Required Under Government Code Section 11015.5",
    )
    AGREE: Final = "Check this box to show you agree to Terms and Conditions"
    AGREE_HINT: Final = "You must view the Terms and Conditions of Use before you can agree."
    BACK: Final = "Back"
    CONTINUE: Final = "Continue"


class UserInformation:
    """*User Information (1 of 2)* and *(2 of 2)* (guide step 5)."""

    HEADING_1: Final = "User Information (1 of 2)"
    HEADING_2: Final = "User Information (2 of 2)"
    FIRST_NAME: Final = "First Name"
    MIDDLE_INITIAL: Final = "Middle Initial"
    LAST_NAME: Final = "Last Name"
    SUFFIX: Final = "Suffix"
    DATE_OF_BIRTH: Final = "Date of Birth"
    EMAIL: Final = "Email Address"
    CONFIRM_EMAIL: Final = "Confirm Email Address"
    PHONE: Final = "Phone Number"
    PREFERRED_LANGUAGE: Final = "Preferred Language"
    STREET_ADDRESS: Final = "Street Address"
    APT_SUITE: Final = "Apt/Suite"
    CITY: Final = "City"
    STATE: Final = "State"
    ZIP_CODE: Final = "ZIP Code"
    COUNTY: Final = "County"
    BACK: Final = "Back"
    CONTINUE: Final = "Continue"


class UsernamePassword:
    """*Username & Password* (guide step 6)."""

    HEADING: Final = "Username & Password"
    USERNAME: Final = "Username"
    PASSWORD: Final = "Password"  # noqa: S105 - a label, not a password
    CONFIRM_PASSWORD: Final = "Confirm Password"  # noqa: S105 - a label
    #: "Security Question 1" .. "Security Question 3"; "Answer 1" .. "Answer 3".
    SECURITY_QUESTION: Final = "Security Question {n}"
    ANSWER: Final = "Answer {n}"
    RULES: Final = "Username and password rules"
    BACK: Final = "Back"
    CONTINUE: Final = "Continue"


class VerifyInformation:
    """*Verify Your Information* (guide step 7)."""

    HEADING: Final = "Verify Your Information"
    DELEGATION: Final = "Delegation"
    USER_INFORMATION: Final = "User Information"
    ACCOUNT: Final = "Account"
    EDIT: Final = "Edit"
    MASK: Final = "********"
    BACK: Final = "Back"
    CONFIRM: Final = "Confirm"


class AccountCreated:
    """The *Account Created* pop-up (guide step 8)."""

    DIALOG: Final = "Account Created"
    MESSAGE: Final = "Your CoveredCA.com account has been created. Log In with the Username and Password you created."
    LOG_IN: Final = "Log In"


class LogIn:
    """The CoveredCA.com *Log In* page and what follows it (guide step 9)."""

    HEADING: Final = "Log In"
    USERNAME: Final = "Username"
    PASSWORD: Final = "Password"  # noqa: S105 - a label, not a password
    LOG_IN: Final = "Log In"
    #: The logged-in home page's heading starts with this, then the CEC's first name.
    WELCOME: Final = "Welcome, "
    ROLE_LABEL: Final = "Enrollment Counselor"
    LOG_OUT: Final = "Log Out"


class Problems:
    """Pages the portal shows when something goes wrong rather than a step of the guide."""

    ERROR_HEADING: Final = "Something went wrong"
    MAINTENANCE_HEADING: Final = "CoveredCA.com is temporarily unavailable"
    #: The spec gives only the SS-901 sentence; the page's heading and link are the mock's words.
    SESSION_EXPIRED_HEADING: Final = "Session Expired"
    START_AGAIN: Final = "Start again"
