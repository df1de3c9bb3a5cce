"""Guide step 6: *Username & Password*."""

from __future__ import annotations

from flask import Blueprint, redirect, request, session, url_for
from werkzeug.wrappers import Response

from mock_portal import flow, records, rules
from mock_portal.db import get_db

bp = Blueprint("credentials", __name__)

SECRET_FIELDS = ("password", "password_confirm", "answer1", "answer2", "answer3")


@bp.route("/credentials", methods=["GET", "POST"])
def username_password() -> Response | str:
    """Choose a username, password and three security questions."""
    if flow.missing_step("credentials"):
        return flow.start_over()
    if request.method == "GET":
        values, problems = flow.take("credentials")
        if not problems:
            stored = session.get("credentials") or {}
            values = {k: v for k, v in stored.items() if k == "username" or k.startswith("question")}
        return flow.render_page("credentials.html", problems=problems, values=values,
                                questions=rules.SECURITY_QUESTIONS, password_rules=rules.PASSWORD_RULES)
    if request.form.get("action") == "back":
        return redirect(url_for("user_info.page_2"), code=303)
    form = {name: request.form.get(name, "") for name in rules.CREDENTIAL_FIELDS}
    form["username"] = form["username"].strip()
    problems = rules.check_credentials(form)
    if not any(p.field == "username" for p in problems) and records.username_taken(get_db(), form["username"]):
        problems.insert(0, rules.Problem("username", rules.CR_TAKEN, "CR-401"))
    if problems:
        # Passwords and answers are never kept or shown again.
        shown = {k: v for k, v in form.items() if k not in SECRET_FIELDS}
        flow.remember("credentials", shown, problems)
        return redirect(url_for("credentials.username_password"), code=303)
    session["credentials"] = {
        "username": form["username"],
        "password_hash": records.hash_secret(form["password"]),
        **{f"question{n}": form[f"question{n}"] for n in (1, 2, 3)},
        **{f"answer{n}_hash": records.hash_secret(records.normalise_answer(form[f"answer{n}"]))
           for n in (1, 2, 3)},
    }
    return redirect(url_for("verify.verify_information"), code=303)
