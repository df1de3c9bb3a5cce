"""Guide step 8: the *Account Created* pop-up shown after Confirm, with its Log In button."""

from __future__ import annotations

from flask import Blueprint, session
from werkzeug.wrappers import Response

from mock_portal import flow

bp = Blueprint("account_created", __name__)


@bp.get("/verify/created")
def account_created() -> Response | str:
    """The pop-up, only for a session whose Confirm just created an account."""
    if not session.get("created"):
        return flow.start_over()
    return flow.render_page("account_created.html")
