"""Guide steps 3-4: *Use of the Website*, the terms dialog and agreeing."""

from __future__ import annotations

from flask import Blueprint, redirect, request, session
from werkzeug.wrappers import Response

from cec.codes import ErrorCode
from mock_portal import flow, messages
from mock_portal.rendering import render, url_for

bp = Blueprint("use_of_website", __name__)


@bp.route("/terms", methods=["GET", "POST"])
def use_of_website() -> Response | str:
    """Guide steps 3-4: view the terms, agree and continue."""
    if flow.missing_step("terms"):
        return flow.start_over()
    if request.method == "GET":
        _, problems = flow.take("terms")
        return flow.render_page(
            "use_of_website.html",
            problems=problems,
            viewed=bool(session.get("terms_viewed")),
            agreed=bool(session.get("terms_agreed")),
        )
    if request.form.get("action") == "back":
        return redirect(url_for("create_account.create_account"), code=303)
    if not (session.get("terms_viewed") and request.form.get("agree") == "1"):
        session["terms_agreed"] = False
        flow.remember("terms", {}, [messages.problem(ErrorCode.TC_NOT_AGREED)])
        return redirect(url_for("use_of_website.use_of_website"), code=303)
    session["terms_agreed"] = True
    return redirect(url_for("user_information.page_1"), code=303)


@bp.get("/terms/document")
def document() -> Response | str:
    """The terms text the dialog fetches; serving it records that this session viewed it."""
    if flow.missing_step("terms"):
        return flow.start_over()
    session["terms_viewed"] = True
    return render("use_of_website_document.html")
