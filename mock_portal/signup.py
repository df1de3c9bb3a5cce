"""Guide steps 1-2: the sign-up link and *Create Your Account*."""

from __future__ import annotations

import time

from flask import Blueprint, abort, redirect, request, session, url_for
from werkzeug.wrappers import Response

from mock_portal import flow, records, rules
from mock_portal.db import get_db

bp = Blueprint("signup", __name__)

# The guide's link: every one of these must be present with this value; others are tolerated.
ENTRY_PARAMS = {
    "_nfpb": "true",
    "_st": "",
    "_pageLabel": "signUpPage",
    "_windowLabel": "SignUp_1",
    "wlpSignUp_1_javax.portlet.value": "agent",
    "_urlTyp_e": "action",
    "wlpSignUp_1_javax.portlet.action": "assisterAccount",
}
MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60


@bp.get(flow.SIGNUP_PATH)
def entry() -> Response:
    """Guide step 1: the link from the delegation email starts a fresh sign-up."""
    if any(request.args.get(name) != value for name, value in ENTRY_PARAMS.items()):
        abort(404)
    flow.restart()
    session["started"] = True
    return redirect(url_for("signup.create_account"), code=302)


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
    return flow.render_page("signup.html", problems=problems, values=values,
                            form_fields=tuple(rules.DELEGATION_FIELDS))


@bp.route("/signup", methods=["GET", "POST"])
def create_account() -> Response | str:
    """Guide step 2: enter the delegation code, business name and certification number."""
    if request.method == "GET":
        return _show()

    typed = flow.form_values(request.form, rules.DELEGATION_FIELDS)
    # Over-long values are never stored, not even to show them again.
    kept = {k: v for k, v in typed.items() if len(v) <= rules.MAX_DELEGATION_INPUT}
    problems: list[rules.Problem] = []
    if _locked():
        problems = [rules.Problem("", rules.DC_LOCKED, "DC-105")]
    else:
        problems.extend(rules.check_delegation_form(typed))
        if not problems:
            code = records.verify_delegation(get_db(), typed["delegation_code"], typed["business_name"],
                                             typed["cert_number"])
            if code is not None:
                problems = [records.problem_for(code)]
        if problems and problems[0].code != "DC-101" and _count_failure():
            problems = [rules.Problem("", rules.DC_LOCKED, "DC-105")]
    if problems:
        flow.remember("signup", kept, problems)
        return redirect(url_for("signup.create_account"), code=303)
    if session.get("delegation") != typed:
        # A different delegation record: whatever was entered for another one no longer applies.
        flow.restart()
    session["delegation"] = typed
    session["dc_failures"] = 0
    return redirect(url_for("terms.use_of_website"), code=303)
