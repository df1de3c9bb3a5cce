"""Guide step 9: the *Log In* page, the signed-in home page and logging out."""

from __future__ import annotations

from flask import Blueprint, redirect, request, session
from werkzeug.wrappers import Response

from cec.codes import ErrorCode
from cec.link import SIGN_UP_LINK
from mock_portal import flow, messages, records
from mock_portal.db import get_db
from mock_portal.rendering import render, url_for

bp = Blueprint("log_in", __name__)

MAX_INPUT = 200


@bp.get("/")
def index() -> str:
    """The portal's small home page."""
    return render("index.html", signup_link=SIGN_UP_LINK)


@bp.route("/login", methods=["GET", "POST"])
def log_in() -> Response | str:
    """Log in with the username and password created during sign-up."""
    if request.method == "GET":
        values, problems = flow.take("login")
        if not values and session.get("created"):
            values = {"username": session["created"]["username"]}
        return flow.render_page("log_in.html", problems=problems, values=values,
                                form_fields=("username", "password"))
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    account = None
    if username and password and len(username) <= MAX_INPUT and len(password) <= MAX_INPUT:
        account = records.log_in(get_db(), username, password)
    if account is None:
        kept = {"username": username} if len(username) <= MAX_INPUT else {}
        flow.remember("login", kept, [messages.problem(ErrorCode.LI_FAILED)])
        return redirect(url_for("log_in.log_in"), code=303)
    session.pop("created", None)
    flow.new_session_id()
    session["user"] = account
    return redirect(url_for("log_in.home"), code=303)


@bp.get("/home")
def home() -> Response | str:
    """The signed-in home page: "Welcome, FIRSTNAME" and the role label."""
    user = session.get("user")
    if not user:
        return redirect(url_for("log_in.log_in"), code=303)
    return flow.render_page("home.html", user=user)


@bp.post("/logout")
def log_out() -> Response:
    """Log out and return to the *Log In* page."""
    session.pop("user", None)
    flow.new_session_id()
    return redirect(url_for("log_in.log_in"), code=303)
