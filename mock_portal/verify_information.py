"""Guide step 7: *Verify Your Information* and Confirm (the atomic activation)."""

from __future__ import annotations

from flask import Blueprint, redirect, request, session
from werkzeug.wrappers import Response

from mock_portal import flow, messages, records
from mock_portal.create_account import DELEGATION_FIELDS
from mock_portal.db import get_db
from mock_portal.reference import STATES
from mock_portal.rendering import url_for
from mock_portal.user_information import USER_INFO_1_FIELDS, USER_INFO_2_FIELDS

bp = Blueprint("verify_information", __name__)

MASK = "********"


def _summary() -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """The three groups shown: (id, heading, edit URL, [(label, value)])."""
    delegation = session.get("delegation") or {}
    info = {**(session.get("user_info_1") or {}), **(session.get("user_info_2") or {})}
    creds = session.get("credentials") or {}
    state = info.get("state", "")
    user_rows = [(USER_INFO_1_FIELDS[k], info.get(k, "")) for k in USER_INFO_1_FIELDS if k != "email_confirm"]
    user_rows += [(USER_INFO_2_FIELDS[k], STATES.get(state, state) if k == "state" else info.get(k, ""))
                  for k in USER_INFO_2_FIELDS]
    account_rows = [("Username", creds.get("username", "")), ("Password", MASK)]
    for n in (1, 2, 3):
        account_rows += [(f"Security Question {n}", creds.get(f"question{n}", "")), (f"Answer {n}", MASK)]
    return [
        ("delegation", "Delegation", url_for("create_account.create_account"),
         [(label, delegation.get(k, "")) for k, label in DELEGATION_FIELDS.items()]),
        ("user-information", "User Information", url_for("user_information.page_1"), user_rows),
        ("account", "Account", url_for("username_password.username_password"), account_rows),
    ]


@bp.route("/verify", methods=["GET", "POST"])
def verify_information() -> Response | str:
    """Guide step 7: review everything, then Confirm (atomic activation)."""
    if flow.missing_step("verify"):
        return flow.start_over()
    if request.method == "GET":
        _, problems = flow.take("verify")
        return flow.render_page("verify_information.html", problems=problems, groups=_summary())
    if request.form.get("action") == "back":
        return redirect(url_for("username_password.username_password"), code=303)
    info = {**session["user_info_1"], **session["user_info_2"]}
    code = records.confirm_account(get_db(), session["delegation"], info, session["credentials"])
    if code is not None:
        flow.remember("verify", {}, [messages.problem(code)])
        return redirect(url_for("verify_information.verify_information"), code=303)
    created = {"username": session["credentials"]["username"], "first_name": info["first_name"]}
    flow.restart()
    flow.new_session_id()
    session["created"] = created
    return redirect(url_for("account_created.account_created"), code=303)
