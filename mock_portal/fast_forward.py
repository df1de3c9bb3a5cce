"""Fast-forward: a sign-up session already at a later page, made through the admin API (issue 11).

A scenario about guide step 6 need not walk steps 1-5 in the browser every time: the
admin API makes a session holding what those steps would have left in it (the typed
delegation values, the terms viewed and agreed, the User Information, the credentials'
hashes) and hands back its cookie, the way browser suites reuse a logged-in storage
state instead of logging in for every test. Every value goes through the same rules
the pages apply, so a session the portal could never have reached is refused (400,
naming the field). Up to *Verify Your Information* the delegation record is only
checked, never marked used: Confirm still uses it up, as in a walked activation. The
pages after Confirm (the *Account Created* pop-up, *Log In*) are reached through the
very activation Confirm runs (``records.confirm_account``): the record is used and the
account made, so a scenario about logging in, or one needing another CEC's account,
starts there without a browser walking guide steps 1-7.
"""

from __future__ import annotations

import json
import sqlite3
import time
import unicodedata
from collections.abc import Mapping
from typing import Any

from mock_portal import records
from mock_portal.create_account import DELEGATION_FIELDS, check_delegation_form
from mock_portal.reference import SECURITY_QUESTIONS, STATES
from mock_portal.session import COOKIE_NAME, new_session_id
from mock_portal.user_information import (
    USER_INFO_1_FIELDS,
    USER_INFO_2_FIELDS,
    check_user_info_1,
    check_user_info_2,
    clean,
)
from mock_portal.username_password import CREDENTIAL_FIELDS, check_credentials, hash_cost, hashed_credentials

#: The pages a session can start on, each with its address and what must be done before it.
PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "terms": ("/terms", ("delegation",)),
    "user-info-1": ("/user-info/1", ("delegation", "terms")),
    "user-info-2": ("/user-info/2", ("delegation", "terms", "user_info_1")),
    "credentials": ("/credentials", ("delegation", "terms", "user_info_1", "user_info_2")),
    "verify": ("/verify", ("delegation", "terms", "user_info_1", "user_info_2", "credentials")),
    "account-created": ("/verify/created", ("delegation", "terms", "user_info_1", "user_info_2", "credentials",
                                            "confirm")),
    "log-in": ("/login", ("delegation", "terms", "user_info_1", "user_info_2", "credentials", "confirm")),
}
_STATE_CODES = {name.casefold(): code for code, name in STATES.items()}


class FastForwardError(ValueError):
    """A fast-forward the portal refuses, naming the part of the body at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _part(body: Mapping[str, Any], name: str, fields: Mapping[str, str]) -> dict[str, str]:
    """One page's values from the body: a JSON object of strings, only the page's fields (missing: "")."""
    given = body.get(name)
    if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
        raise FastForwardError(name, f"{name} must be a JSON object of strings (fields: {', '.join(fields)})")
    unknown = sorted(set(given) - set(fields))
    if unknown:
        raise FastForwardError(name, f"{name} has unknown fields: {', '.join(unknown)}")
    return {key: str(given.get(key, "")) for key in fields}


def _refuse_problems(name: str, problems: list[Any]) -> None:
    if problems:
        said = "; ".join(f"{p.message} ({p.code})" for p in problems)
        raise FastForwardError(name, f"{name} would not pass its page: {said}")


def _delegation(conn: sqlite3.Connection, body: Mapping[str, Any]) -> dict[str, str]:
    typed = _part(body, "delegation", DELEGATION_FIELDS)
    _refuse_problems("delegation", check_delegation_form(typed))
    problem = records.verify_delegation(conn, typed["delegation_code"], typed["business_name"], typed["cert_number"])
    if problem is not None:
        raise FastForwardError("delegation", f"the delegation record is not usable ({problem})")
    return typed


def _user_info(body: Mapping[str, Any], name: str, fields: Mapping[str, str]) -> dict[str, str]:
    values = {key: unicodedata.normalize("NFC", clean(value)) for key, value in _part(body, name, fields).items()}
    if name == "user_info_1" and not values["email_confirm"]:
        values["email_confirm"] = values["email"]
    if name == "user_info_2":
        values["state"] = _STATE_CODES.get(values["state"].casefold(), values["state"])
    _refuse_problems(name, check_user_info_1(values) if name == "user_info_1" else check_user_info_2(values))
    return values


def _credentials(conn: sqlite3.Connection, body: Mapping[str, Any]) -> dict[str, str]:
    form = _part(body, "credentials", CREDENTIAL_FIELDS)
    form["username"] = form["username"].strip()
    form["password_confirm"] = form["password_confirm"] or form["password"]
    for n, question in zip((1, 2, 3), SECURITY_QUESTIONS, strict=False):
        form[f"question{n}"] = form[f"question{n}"] or question
    _refuse_problems("credentials", check_credentials(form))
    if records.username_taken(conn, form["username"]):
        raise FastForwardError("credentials", f"the username {form['username']!r} is taken (CR-401)")
    return hashed_credentials(form, hash_cost())


def session_data(conn: sqlite3.Connection, body: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The address of the page asked for, and the session data the steps before it leave."""
    page = body.get("page")
    if not isinstance(page, str) or page not in PAGES:
        raise FastForwardError("page", f"page must be one of {', '.join(PAGES)}")
    path, needed = PAGES[page]
    data: dict[str, Any] = {"started": True, "dc_failures": 0}
    data["delegation"] = _delegation(conn, body)
    if "terms" in needed:
        data.update(terms_viewed=True, terms_agreed=True)
    if "user_info_1" in needed:
        data["user_info_1"] = _user_info(body, "user_info_1", USER_INFO_1_FIELDS)
    if "user_info_2" in needed:
        data["user_info_2"] = _user_info(body, "user_info_2", USER_INFO_2_FIELDS)
    if "credentials" in needed:
        data["credentials"] = _credentials(conn, body)
    if "confirm" in needed:
        data = _confirmed(conn, data)
    return path, data


def _confirmed(conn: sqlite3.Connection, data: dict[str, Any]) -> dict[str, Any]:
    """What Confirm leaves: the record used and the account made (atomically), the sign-up forgotten."""
    info = {**data["user_info_1"], **data["user_info_2"]}
    problem = records.confirm_account(conn, data["delegation"], info, data["credentials"])
    if problem is not None:
        raise FastForwardError("delegation", f"Confirm would refuse this activation ({problem})")
    created = {"username": data["credentials"]["username"], "first_name": info["first_name"]}
    return {"started": True, "dc_failures": 0, "created": created}


def create_session(conn: sqlite3.Connection, body: Mapping[str, Any]) -> dict[str, str]:
    """Store a new session at the page asked for; answer its cookie and the page's address."""
    path, data = session_data(conn, body)
    sid = new_session_id()
    conn.execute(
        "INSERT INTO sessions (id, data, last_seen, expired) VALUES (?, ?, ?, 0)",
        (sid, json.dumps(data), time.time()),
    )
    return {"cookie": COOKIE_NAME, "session": sid, "path": path, "page": str(body["page"])}
