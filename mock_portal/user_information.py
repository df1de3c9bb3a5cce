"""Guide step 5: *User Information (1 of 2)* and *(2 of 2)*, and the rules of their fields."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime

from flask import Blueprint, redirect, request, session
from werkzeug.wrappers import Response

from mock_portal import flow
from mock_portal.messages import Problem
from mock_portal.reference import CA_COUNTIES, LANGUAGES, STATES, SUFFIXES
from mock_portal.rendering import url_for

bp = Blueprint("user_information", __name__)

NAME_MAX = 50
NAME_PUNCTUATION = frozenset(" '’-.")
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}")
_DOB = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_ZIP = re.compile(r"\d{5}(?:-\d{4})?")
_PHONE_CHARS = re.compile(r"[0-9()\-. +]+")
_STREET = re.compile(r"[\w .,'#/\-’]+")


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



# --- the pages ---------------------------------------------------------------------------

def _cleaned(fields: Mapping[str, str]) -> dict[str, str]:
    """The posted values trimmed and in NFC, before any rule sees them and as they are kept.

    Some keyboards (macOS, some phones) send "José" decomposed, as "Jose" and a combining
    accent; NFC makes it the one letter the rules accept and the record stores.
    """
    return {name: unicodedata.normalize("NFC", clean(request.form.get(name, ""))) for name in fields}


@bp.route("/user-info/1", methods=["GET", "POST"])
def page_1() -> Response | str:
    """User Information (1 of 2): name, date of birth, email, phone, language."""
    if flow.missing_step("user-info-1"):
        return flow.start_over()
    if request.method == "GET":
        values, problems = flow.take("user-info-1")
        if not problems:
            values = dict(session.get("user_info_1") or {})
        return flow.render_page("user_information_1.html", problems=problems, values=values,
                                suffixes=SUFFIXES, languages=LANGUAGES)
    if request.form.get("action") == "back":
        return redirect(url_for("use_of_website.use_of_website"), code=303)
    values = _cleaned(USER_INFO_1_FIELDS)
    problems = check_user_info_1(values)
    if problems:
        flow.remember("user-info-1", values, problems)
        return redirect(url_for("user_information.page_1"), code=303)
    session["user_info_1"] = values
    return redirect(url_for("user_information.page_2"), code=303)


@bp.route("/user-info/2", methods=["GET", "POST"])
def page_2() -> Response | str:
    """User Information (2 of 2): the address."""
    if flow.missing_step("user-info-2"):
        return flow.start_over()
    if request.method == "GET":
        values, problems = flow.take("user-info-2")
        if not problems:
            values = dict(session.get("user_info_2") or {"state": "CA"})
        return flow.render_page("user_information_2.html", problems=problems, values=values,
                                states=STATES, counties=CA_COUNTIES)
    if request.form.get("action") == "back":
        return redirect(url_for("user_information.page_1"), code=303)
    values = _cleaned(USER_INFO_2_FIELDS)
    problems = check_user_info_2(values)
    if problems:
        flow.remember("user-info-2", values, problems)
        return redirect(url_for("user_information.page_2"), code=303)
    session["user_info_2"] = values
    return redirect(url_for("username_password.username_password"), code=303)
