"""Test control under ``/__mock__/``: records, faults, sessions, reset (mock only).

Every endpoint but health answers 404 unless the request carries the right
``X-Mock-Admin-Token`` header and the admin API is enabled.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from flask import Blueprint, abort, current_app, jsonify, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from mock_portal import db, fast_forward, faults, records
from mock_portal.session import expire

bp = Blueprint("admin", __name__, url_prefix="/__mock__")
TOKEN_HEADER = "X-Mock-Admin-Token"  # noqa: S105 - a header name, not a secret


@bp.before_request
def require_token() -> None:
    """Hide the admin API (404) without the token or when it is turned off."""
    if request.endpoint == "admin.health":
        return
    expected = str(current_app.config.get("ADMIN_TOKEN") or "")
    given = request.headers.get(TOKEN_HEADER, "")
    if not current_app.config.get("ADMIN_ENABLED", True) or not expected or not hmac.compare_digest(
        expected.encode(), given.encode("utf-8", "replace")
    ):
        abort(404)


class BadInput(ValueError):
    """A request body the admin API refuses: answered 400 with JSON naming the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _json_body() -> dict[str, Any]:
    """The posted JSON object (empty body: ``{}``); anything else is a 400 naming ``body``."""
    if not request.get_data():
        return {}
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadInput("body", "body must be a JSON object")
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput("body", "body must be valid UTF-8 text (no lone surrogates)") from None
    return body


def _error(message: str, status: int, field: str = "") -> tuple[Response, int]:
    return jsonify({"error": message, **({"field": field} if field else {})}), status


@bp.errorhandler(BadInput)
@bp.errorhandler(faults.FaultError)
@bp.errorhandler(fast_forward.FastForwardError)
def _bad_input(error: BadInput | faults.FaultError | fast_forward.FastForwardError) -> tuple[Response, int]:
    return _error(str(error), 400, error.field)


@bp.errorhandler(records.RecordError)
def _bad_record(error: records.RecordError) -> tuple[Response, int]:
    return _error(str(error), 409 if error.duplicate else 400, error.field)


@bp.errorhandler(400)
@bp.errorhandler(413)
def _http_error(error: HTTPException) -> tuple[Response, int]:
    """A body werkzeug refused (unreadable, too large) is answered in JSON too.

    The 404 that hides the API stays the portal's plain page.
    """
    status = error.code or 400
    return _error(error.description or error.name, status)


@bp.get("/health")
def health() -> Response:
    """Liveness check; needs no token."""
    return jsonify({"status": "ok"})


@bp.post("/delegations")
def create_delegation() -> tuple[Response, int]:
    """Store a delegation record; unspecified fields are generated, unique."""
    record = records.create_delegation(db.get_db(), _json_body())
    return jsonify(record.as_json()), 201


@bp.get("/delegations/<path:code>")
def get_delegation(code: str) -> tuple[Response, int]:
    """Return a stored delegation record."""
    record = records.get_delegation(db.get_db(), code)
    if record is None:
        return _error("no such delegation", 404)
    return jsonify(record.as_json()), 200


@bp.get("/accounts/<path:username>")
def get_account(username: str) -> tuple[Response, int]:
    """Return an account without any hash, or 404."""
    account = records.get_account(db.get_db(), username)
    if account is None:
        return _error("no such account", 404)
    return jsonify(account), 200


@bp.post("/faults")
def add_fault() -> tuple[Response, int]:
    """Make a page misbehave: after A good requests, the next N misbehave."""
    fault = faults.add(db.get_db(), _json_body())
    return jsonify(fault.as_json()), 201


@bp.delete("/faults")
def clear_faults() -> Response:
    """Remove every fault."""
    return jsonify({"cleared": faults.clear(db.get_db())})


@bp.post("/sessions")
def create_session() -> tuple[Response, int]:
    """Fast-forward: a sign-up session already at ``page`` with the steps before it done (issue 11)."""
    return jsonify(fast_forward.create_session(db.get_db(), _json_body())), 201


@bp.post("/sessions/expire")
def expire_session() -> tuple[Response, int]:
    """Make one session count as idle past the timeout."""
    sid = _json_body().get("session")
    if not isinstance(sid, str) or not sid:
        raise BadInput("session", "session must be the session cookie's value")
    if not expire(db.get_db(), sid):
        return _error("no such session", 404)
    return jsonify({"expired": sid}), 200


@bp.post("/reset")
def reset() -> Response:
    """Empty the database."""
    db.reset(db.get_db())
    return jsonify({"status": "reset"})
