"""Guide steps 1-2: the sign-up link and *Create Your Account* (its checks and lock-out)."""

from __future__ import annotations

import time
from collections.abc import Mapping

from flask import Blueprint, abort, redirect, request, session
from werkzeug.wrappers import Response

from cec.codes import ErrorCode
from cec.link import SIGN_UP_PARAMS, SIGN_UP_PATH
from mock_portal import flow, messages, records
from mock_portal.db import get_db
from mock_portal.messages import Problem
from mock_portal.rendering import url_for

bp = Blueprint("create_account", __name__)

DELEGATION_FIELDS = {
    "delegation_code": "Delegation Code",
    "business_name": "CEE Business Legal Name",
    "cert_number": "CEC Certification #",
}
MAX_DELEGATION_INPUT = 200
MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60


def check_delegation_form(form: Mapping[str, str]) -> list[Problem]:
    """Rules that need no database: DC-101 for empty fields, DC-102 for over-long ones.

    The three values are compared exactly as typed (no trimming, no normalisation): the
    guide tells the user to copy them without extra spaces, and the portal holds them to it.
    """
    problems = [
        messages.required(name, label, ErrorCode.DC_REQUIRED)
        for name, label in DELEGATION_FIELDS.items()
        if form.get(name, "") == ""
    ]
    if problems:
        return problems
    if any(len(form.get(name, "")) > MAX_DELEGATION_INPUT for name in DELEGATION_FIELDS):
        return [messages.problem(ErrorCode.DC_MISMATCH)]
    return []


@bp.get(SIGN_UP_PATH)
def entry() -> Response:
    """Guide step 1: the link from the delegation email starts a fresh sign-up."""
    if any(request.args.get(name) != value for name, value in SIGN_UP_PARAMS.items()):
        abort(404)
    flow.restart()
    flow.new_session_id()
    session["started"] = True
    return redirect(url_for("create_account.create_account"), code=302)


def _locked() -> bool:
    until = session.get("dc_locked_until")
    return isinstance(until, int | float) and time.time() < until


def _count_failure() -> bool:
    """Count a failed attempt; tell whether it locked the session."""
    failures = int(session.get("dc_failures", 0)) + 1
    session["dc_failures"] = failures
    if failures >= MAX_FAILURES:
        session["dc_locked_until"] = time.time() + LOCK_SECONDS
        session["dc_failures"] = 0
        return True
    return False


def _show() -> str:
    values, problems = flow.take("signup")
    if not values and session.get("delegation"):
        values = dict(session["delegation"])
    return flow.render_page("create_account.html", problems=problems, values=values,
                            form_fields=tuple(DELEGATION_FIELDS))


@bp.route("/signup", methods=["GET", "POST"])
def create_account() -> Response | str:
    """Guide step 2: enter the delegation code, business name and certification number."""
    if request.method == "GET":
        return _show()

    typed = flow.form_values(request.form, DELEGATION_FIELDS)
    # Over-long values are never stored, not even to show them again.
    kept = {k: v for k, v in typed.items() if len(v) <= MAX_DELEGATION_INPUT}
    problems: list[Problem] = []
    if _locked():
        problems = [messages.problem(ErrorCode.DC_LOCKED)]
    else:
        problems.extend(check_delegation_form(typed))
        if not problems:
            code = records.verify_delegation(get_db(), typed["delegation_code"], typed["business_name"],
                                             typed["cert_number"])
            if code is not None:
                problems = [messages.problem(code)]
        if problems and problems[0].code != ErrorCode.DC_REQUIRED and _count_failure():
            problems = [messages.problem(ErrorCode.DC_LOCKED)]
    if problems:
        flow.remember("signup", kept, problems)
        return redirect(url_for("create_account.create_account"), code=303)
    if session.get("delegation") != typed:
        # A different delegation record: whatever was entered for another one no longer applies.
        flow.restart()
    session["delegation"] = typed
    session["dc_failures"] = 0
    return redirect(url_for("use_of_website.use_of_website"), code=303)
