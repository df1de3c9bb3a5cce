"""Field rules for every page, each broken rule reported as a message and its code.

The wording of every message is part of the spec (``portal-spec.md``); page objects
and tests compare it verbatim, so change it only together with the spec.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

MAX_DELEGATION_INPUT = 200
NAME_MAX = 50

SUFFIXES = ("Jr.", "Sr.", "II", "III", "IV")
LANGUAGES = ("English", "Spanish", "Chinese", "Vietnamese", "Korean", "Tagalog", "Other")
STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}
CA_COUNTIES = (
    "Alameda", "Alpine", "Amador", "Butte", "Calaveras", "Colusa", "Contra Costa", "Del Norte",
    "El Dorado", "Fresno", "Glenn", "Humboldt", "Imperial", "Inyo", "Kern", "Kings", "Lake",
    "Lassen", "Los Angeles", "Madera", "Marin", "Mariposa", "Mendocino", "Merced", "Modoc",
    "Mono", "Monterey", "Napa", "Nevada", "Orange", "Placer", "Plumas", "Riverside",
    "Sacramento", "San Benito", "San Bernardino", "San Diego", "San Francisco", "San Joaquin",
    "San Luis Obispo", "San Mateo", "Santa Barbara", "Santa Clara", "Santa Cruz", "Shasta",
    "Sierra", "Siskiyou", "Solano", "Sonoma", "Stanislaus", "Sutter", "Tehama", "Trinity",
    "Tulare", "Tuolumne", "Ventura", "Yolo", "Yuba",
)
SECURITY_QUESTIONS = (
    "What was the name of your first pet?",
    "What is your mother's maiden name?",
    "What city were you born in?",
    "What was the name of your elementary school?",
    "What was the make of your first car?",
    "What is the name of the street you grew up on?",
    "What was your childhood nickname?",
    "Who was your favorite teacher?",
)
# A short deny-list of common passwords (compared ignoring case) and keyboard runs
# (rejected anywhere inside the password).
COMMON_PASSWORDS = frozenset({
    "qwerty1!", "password1!", "welcome1!", "password1", "password123", "password123!",
    "p@ssw0rd", "p@ssword1", "passw0rd!", "welcome123", "welcome1", "letmein1!", "changeme1!",
    "admin123!", "iloveyou1!", "sunshine1!", "football1!", "monkey123!", "abc12345!",
    "summer2024!", "winter2024!", "spring2024!", "coveredca1!", "california1!",
})
KEYBOARD_RUNS = ("qwerty", "asdfgh", "zxcvbn", "1qaz2wsx", "12345678", "87654321", "abcdefgh")

PASSWORD_RULES = (
    "Username: 8 to 50 characters; letters, numbers, and . _ - @; starts with a letter.",
    "Password: 8 to 50 characters.",
    "Password: at least three of: an uppercase letter, a lowercase letter, a number, "
    "a special character.",
    "Password: must not contain your Username.",
    "Password: must not be a common password or keyboard pattern (for example Qwerty1!).",
    "Choose three different security questions; each answer at least 3 characters.",
)

_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}")
_DOB = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_ZIP = re.compile(r"\d{5}(?:-\d{4})?")
_PHONE_CHARS = re.compile(r"[0-9()\-. +]+")
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9._@-]{7,49}")
_STREET = re.compile(r"[\w .,'#/\-’]+")
NAME_PUNCTUATION = frozenset(" '’-.")


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


def clean(value: str) -> str:
    """Trim surrounding whitespace (used for every field except the delegation fields)."""
    return value.strip()


def has_control(value: str) -> bool:
    """Tell whether the text holds control characters (NUL, escape, line breaks...)."""
    return any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in value)


def is_name(value: str, max_len: int = NAME_MAX) -> bool:
    """Letters (accented too), spaces, apostrophes, hyphens and periods, with at least one letter."""
    if not 1 <= len(value) <= max_len or has_control(value):
        return False
    return any(ch.isalpha() for ch in value) and all(
        ch.isalpha() or ch in NAME_PUNCTUATION for ch in value
    )


# --- Create Your Account -----------------------------------------------------------------

DELEGATION_FIELDS = {
    "delegation_code": "Delegation Code",
    "business_name": "CEE Business Legal Name",
    "cert_number": "CEC Certification #",
}
DC_MISMATCH = (
    "We could not verify your delegation information. Check the Delegation Code, "
    "CEE Business Legal Name and CEC Certification # and try again."
)
DC_USED = (
    "This delegation code has already been used to create an account. "
    "Contact your Certified Enrollment Entity for a new code."
)
DC_EXPIRED = "This delegation code has expired. Contact your Certified Enrollment Entity for a new code."
DC_LOCKED = "Too many unsuccessful attempts. Wait 15 minutes and try again."
TC_NOT_AGREED = "You must view and agree to the Terms and Conditions to continue."
SS_EXPIRED = "Your session has expired. Start again from the sign-up link."
SS_ORDER = "Start from the beginning of the sign-up."
SS_FORGED = (
    "This form was not accepted because it was out of date or did not come from this page. "
    "Reload the page and try again."
)
CR_TAKEN = "That username is already taken. Choose a different username."
LI_FAILED = "The username or password you entered is incorrect."


def check_delegation_form(form: Mapping[str, str]) -> list[Problem]:
    """Rules that need no database: DC-101 for empty fields, DC-102 for over-long ones."""
    problems = [
        Problem(name, f"{label} is required.", "DC-101")
        for name, label in DELEGATION_FIELDS.items()
        if form.get(name, "") == ""
    ]
    if problems:
        return problems
    if any(len(form.get(name, "")) > MAX_DELEGATION_INPUT for name in DELEGATION_FIELDS):
        return [Problem("", DC_MISMATCH, "DC-102")]
    return []


# --- User Information (1 of 2) -----------------------------------------------------------

USER_INFO_1_FIELDS = {
    "first_name": "First Name",
    "middle_initial": "Middle Initial",
    "last_name": "Last Name",
    "suffix": "Suffix",
    "date_of_birth": "Date of Birth",
    "email": "Email Address",
    "email_confirm": "Confirm Email Address",
    "phone": "Phone Number",
    "language": "Preferred Language",
}
USER_INFO_1_REQUIRED = ("first_name", "last_name", "date_of_birth", "email", "email_confirm",
                        "phone", "language")


def _age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def check_date_of_birth(value: str, today: date | None = None) -> Problem | None:
    """MM/DD/YYYY, a real date, age 18 to 120."""
    today = today or date.today()
    invalid = Problem("date_of_birth", "Enter a valid Date of Birth (MM/DD/YYYY).", "UI-302")
    match = _DOB.fullmatch(value)
    if match is None:
        return invalid
    try:
        born = datetime.strptime(value, "%m/%d/%Y").date()
    except ValueError:
        return invalid
    if born > today or _age_on(born, today) > 120:
        return invalid
    if _age_on(born, today) < 18:
        return Problem("date_of_birth", "You must be at least 18 years old.", "UI-304")
    return None


def phone_digits(value: str) -> str:
    """The digits of a phone number."""
    return "".join(ch for ch in value if ch.isdigit())


def check_user_info_1(form: Mapping[str, str], today: date | None = None) -> list[Problem]:
    """Rules of *User Information (1 of 2)*."""
    problems = [
        Problem(name, f"{USER_INFO_1_FIELDS[name]} is required.", "UI-301")
        for name in USER_INFO_1_REQUIRED
        if form.get(name, "") == ""
    ]
    missing = {p.field for p in problems}
    for name in ("first_name", "last_name"):
        if name not in missing and not is_name(form[name]):
            label = USER_INFO_1_FIELDS[name]
            problems.append(Problem(
                name, f"{label} may contain only letters, spaces, apostrophes, hyphens and periods.", "UI-302"
            ))
    middle = form.get("middle_initial", "")
    if middle and not (len(middle) == 1 and middle.isalpha()):
        problems.append(Problem("middle_initial", "Middle Initial must be one letter.", "UI-302"))
    if form.get("suffix", "") not in ("", *SUFFIXES):
        problems.append(Problem("suffix", "Select a Suffix from the list.", "UI-302"))
    if "date_of_birth" not in missing:
        dob_problem = check_date_of_birth(form["date_of_birth"], today)
        if dob_problem is not None:
            problems.append(dob_problem)
    email, confirm = form.get("email", ""), form.get("email_confirm", "")
    if "email" not in missing and (len(email) > 254 or not _EMAIL.fullmatch(email)):
        problems.append(Problem("email", "Enter a valid Email Address.", "UI-302"))
    if "email_confirm" not in missing:
        if len(confirm) > 254 or not _EMAIL.fullmatch(confirm):
            problems.append(Problem("email_confirm", "Enter a valid Confirm Email Address.", "UI-302"))
        elif email and confirm.lower() != email.lower():
            problems.append(Problem("email_confirm", "Email addresses do not match.", "UI-303"))
    phone = form.get("phone", "")
    if "phone" not in missing and (
        len(phone) > 20 or not _PHONE_CHARS.fullmatch(phone) or len(phone_digits(phone)) != 10
    ):
        problems.append(Problem("phone", "Enter a valid Phone Number with 10 digits.", "UI-302"))
    if "language" not in missing and form["language"] not in LANGUAGES:
        problems.append(Problem("language", "Select a Preferred Language from the list.", "UI-302"))
    return problems


# --- User Information (2 of 2) -----------------------------------------------------------

USER_INFO_2_FIELDS = {
    "street": "Street Address",
    "apt": "Apt/Suite",
    "city": "City",
    "state": "State",
    "zip": "ZIP Code",
    "county": "County",
}


def _is_street(value: str, max_len: int) -> bool:
    return (
        1 <= len(value) <= max_len
        and not has_control(value)
        and _STREET.fullmatch(value) is not None
        and "_" not in value
    )


def check_user_info_2(form: Mapping[str, str]) -> list[Problem]:
    """Rules of *User Information (2 of 2)*."""
    required = ["street", "city", "state", "zip"]
    if form.get("state", "") == "CA":
        required.append("county")
    problems = [
        Problem(name, f"{USER_INFO_2_FIELDS[name]} is required.", "UI-301")
        for name in required
        if form.get(name, "") == ""
    ]
    missing = {p.field for p in problems}
    allowed = "may contain only letters, numbers, spaces and . , ' # / -"
    if "street" not in missing and not _is_street(form["street"], 100):
        problems.append(Problem("street", f"Street Address {allowed}", "UI-302"))
    if form.get("apt", "") and not _is_street(form["apt"], 20):
        problems.append(Problem("apt", f"Apt/Suite {allowed}", "UI-302"))
    if "city" not in missing and not is_name(form["city"]):
        problems.append(Problem(
            "city", "City may contain only letters, spaces, apostrophes, hyphens and periods.", "UI-302"
        ))
    if "state" not in missing and form["state"] not in STATES:
        problems.append(Problem("state", "Select a State from the list.", "UI-302"))
    if "zip" not in missing and not _ZIP.fullmatch(form["zip"]):
        problems.append(Problem("zip", "Enter a valid ZIP Code (12345 or 12345-6789).", "UI-302"))
    county = form.get("county", "")
    if "county" not in missing and county and county not in CA_COUNTIES:
        problems.append(Problem("county", "Select a County from the list.", "UI-302"))
    return problems


# --- Username & Password -----------------------------------------------------------------

CREDENTIAL_FIELDS = {
    "username": "Username",
    "password": "Password",
    "password_confirm": "Confirm Password",
    "question1": "Security Question 1",
    "answer1": "Answer 1",
    "question2": "Security Question 2",
    "answer2": "Answer 2",
    "question3": "Security Question 3",
    "answer3": "Answer 3",
}
USERNAME_RULE = (
    "Username must be 8 to 50 characters, start with a letter, and use only letters, numbers, and . _ - @"
)


def check_password(password: str, username: str) -> list[Problem]:
    """One CR-403 problem per broken password rule."""
    problems: list[Problem] = []
    if not 8 <= len(password) <= 50:
        problems.append(Problem("password", "Password must be 8 to 50 characters.", "CR-403"))
    kinds = sum((
        any(ch.isupper() for ch in password),
        any(ch.islower() for ch in password),
        any(ch.isdigit() for ch in password),
        any(not ch.isalnum() for ch in password),
    ))
    if kinds < 3:
        problems.append(Problem(
            "password",
            "Password must include at least three of: an uppercase letter, a lowercase letter, "
            "a number, a special character.",
            "CR-403",
        ))
    if username and username.lower() in password.lower():
        problems.append(Problem("password", "Password must not contain your Username.", "CR-403"))
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or any(run in lowered for run in KEYBOARD_RUNS):
        problems.append(Problem(
            "password", "Password is too common or a keyboard pattern. Choose a different password.", "CR-403"
        ))
    return problems


def check_credentials(form: Mapping[str, str]) -> list[Problem]:
    """Rules of *Username & Password* that need no database (CR-402..CR-405)."""
    codes = {"username": "CR-402", "password": "CR-403", "password_confirm": "CR-404"}
    problems = [
        Problem(name, f"{label} is required.", codes.get(name, "CR-405"))
        for name, label in CREDENTIAL_FIELDS.items()
        if form.get(name, "") == ""
    ]
    missing = {p.field for p in problems}
    username = form.get("username", "")
    if "username" not in missing and not _USERNAME.fullmatch(username):
        problems.append(Problem("username", USERNAME_RULE, "CR-402"))
    password = form.get("password", "")
    if "password" not in missing:
        problems.extend(check_password(password, username))
    if "password_confirm" not in missing and form["password_confirm"] != password:
        problems.append(Problem("password_confirm", "Passwords do not match.", "CR-404"))
    questions = []
    for number in (1, 2, 3):
        question = form.get(f"question{number}", "")
        if f"question{number}" not in missing:
            if question in SECURITY_QUESTIONS:
                questions.append(question)
            else:
                message = f"Security Question {number} must be one of the listed questions."
                problems.append(Problem(f"question{number}", message, "CR-405"))
        answer = form.get(f"answer{number}", "")
        if f"answer{number}" not in missing and not (3 <= len(answer.strip()) <= 100):
            problems.append(Problem(
                f"answer{number}", f"Answer {number} must be 3 to 100 characters.", "CR-405"
            ))
    if len(questions) == 3 and len(set(questions)) < 3:
        problems.append(Problem("question2" if questions[0] == questions[1] else "question3",
                                "Choose three different security questions.", "CR-405"))
    return problems
