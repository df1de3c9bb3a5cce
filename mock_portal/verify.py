"""Guide steps 7-8: *Verify Your Information*, Confirm, and the *Account Created* pop-up."""

from __future__ import annotations

from flask import Blueprint, redirect, request, session, url_for
from werkzeug.wrappers import Response

from mock_portal import flow, records, rules
from mock_portal.db import get_db

bp = Blueprint("verify", __name__)

MASK = "********"


def _summary() -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """The three groups shown: (id, heading, edit URL, [(label, value)])."""
    delegation = session.get("delegation") or {}
    info = {**(session.get("user_info_1") or {}), **(session.get("user_info_2") or {})}
    creds = session.get("credentials") or {}
    state = info.get("state", "")
    user_rows = [(rules.USER_INFO_1_FIELDS[k], info.get(k, "")) for k in rules.USER_INFO_1_FIELDS
                 if k != "email_confirm"]
    user_rows += [(rules.USER_INFO_2_FIELDS[k], rules.STATES.get(state, state) if k == "state" else info.get(k, ""))
                  for k in rules.USER_INFO_2_FIELDS]
    account_rows = [("Username", creds.get("username", "")), ("Password", MASK)]
    for n in (1, 2, 3):
        account_rows += [(f"Security Question {n}", creds.get(f"question{n}", "")), (f"Answer {n}", MASK)]
    return [
        ("delegation", "Delegation", url_for("signup.create_account"),
         [(label, delegation.get(k, "")) for k, label in rules.DELEGATION_FIELDS.items()]),
        ("user-information", "User Information", url_for("user_info.page_1"), user_rows),
        ("account", "Account", url_for("credentials.username_password"), account_rows),
    ]


@bp.route("/verify", methods=["GET", "POST"])
def verify_information() -> Response | str:
    """Guide step 7: review everything, then Confirm (atomic activation)."""
    if flow.missing_step("verify"):
        return flow.start_over()
    if request.method == "GET":
        _, problems = flow.take("verify")
        return flow.render_page("verify.html", problems=problems, groups=_summary())
    if request.form.get("action") == "back":
        return redirect(url_for("credentials.username_password"), code=303)
    info = {**session["user_info_1"], **session["user_info_2"]}
    code = records.confirm_account(get_db(), session["delegation"], info, session["credentials"])
    if code is not None:
        flow.remember("verify", {}, [records.problem_for(code)])
        return redirect(url_for("verify.verify_information"), code=303)
    created = {"username": session["credentials"]["username"], "first_name": info["first_name"]}
    flow.restart()
    session["created"] = created
    return redirect(url_for("verify.account_created"), code=303)


@bp.get("/verify/created")
def account_created() -> Response | str:
    """Guide step 8: the *Account Created* pop-up with its Log In button."""
    if not session.get("created"):
        return flow.start_over()
    return flow.render_page("created.html")
