"""Guide step 5: *User Information (1 of 2)* and *(2 of 2)*."""

from __future__ import annotations

from flask import Blueprint, redirect, request, session, url_for
from werkzeug.wrappers import Response

from mock_portal import flow, rules

bp = Blueprint("user_info", __name__)


def _cleaned(fields: dict[str, str]) -> dict[str, str]:
    return {name: rules.clean(request.form.get(name, "")) for name in fields}


@bp.route("/user-info/1", methods=["GET", "POST"])
def page_1() -> Response | str:
    """User Information (1 of 2): name, date of birth, email, phone, language."""
    if flow.missing_step("user-info-1"):
        return flow.start_over()
    if request.method == "GET":
        values, problems = flow.take("user-info-1")
        if not problems:
            values = dict(session.get("user_info_1") or {})
        return flow.render_page("user_info_1.html", problems=problems, values=values,
                                suffixes=rules.SUFFIXES, languages=rules.LANGUAGES)
    if request.form.get("action") == "back":
        return redirect(url_for("terms.use_of_website"), code=303)
    values = _cleaned(rules.USER_INFO_1_FIELDS)
    problems = rules.check_user_info_1(values)
    if problems:
        flow.remember("user-info-1", values, problems)
        return redirect(url_for("user_info.page_1"), code=303)
    session["user_info_1"] = values
    return redirect(url_for("user_info.page_2"), code=303)


@bp.route("/user-info/2", methods=["GET", "POST"])
def page_2() -> Response | str:
    """User Information (2 of 2): the address."""
    if flow.missing_step("user-info-2"):
        return flow.start_over()
    if request.method == "GET":
        values, problems = flow.take("user-info-2")
        if not problems:
            values = dict(session.get("user_info_2") or {"state": "CA"})
        return flow.render_page("user_info_2.html", problems=problems, values=values,
                                states=rules.STATES, counties=rules.CA_COUNTIES)
    if request.form.get("action") == "back":
        return redirect(url_for("user_info.page_1"), code=303)
    values = _cleaned(rules.USER_INFO_2_FIELDS)
    problems = rules.check_user_info_2(values)
    if problems:
        flow.remember("user-info-2", values, problems)
        return redirect(url_for("user_info.page_2"), code=303)
    session["user_info_2"] = values
    return redirect(url_for("credentials.username_password"), code=303)
