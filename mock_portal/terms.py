"""Guide steps 3-4: *Use of the Website*, the terms dialog and agreeing."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from mock_portal import flow, rules

bp = Blueprint("terms", __name__)


@bp.route("/terms", methods=["GET", "POST"])
def use_of_website() -> Response | str:
    """Guide steps 3-4: view the terms, agree and continue."""
    if flow.missing_step("terms"):
        return flow.start_over()
    if request.method == "GET":
        _, problems = flow.take("terms")
        return flow.render_page(
            "terms.html",
            problems=problems,
            viewed=bool(session.get("terms_viewed")),
            agreed=bool(session.get("terms_agreed")),
        )
    if request.form.get("action") == "back":
        return redirect(url_for("signup.create_account"), code=303)
    if not (session.get("terms_viewed") and request.form.get("agree") == "1"):
        session["terms_agreed"] = False
        flow.remember("terms", {}, [rules.Problem("agree", rules.TC_NOT_AGREED, "TC-201")])
        return redirect(url_for("terms.use_of_website"), code=303)
    session["terms_agreed"] = True
    return redirect(url_for("user_info.page_1"), code=303)


@bp.get("/terms/document")
def document() -> Response | str:
    """The terms text the dialog fetches; serving it records that this session viewed it."""
    if flow.missing_step("terms"):
        return flow.start_over()
    session["terms_viewed"] = True
    return render_template("terms_document.html")
