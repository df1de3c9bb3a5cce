"""Server-side sessions kept in SQLite, keyed by the ``cec_session`` cookie.

The cookie holds only a random id.  A session idle longer than ``SESSION_TIMEOUT``
seconds, or expired through the admin API, is replaced by a fresh one flagged
``was_expired`` so the sign-up pages can show SS-901.
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from mock_portal import db

COOKIE_NAME = "cec_session"


class PortalSession(CallbackDict[str, Any], SessionMixin):
    """A dict that remembers its id, whether it is new and whether the previous one expired."""

    def __init__(self, sid: str, data: dict[str, Any] | None = None, *, new: bool = False,
                 was_expired: bool = False) -> None:
        def on_update(_self: CallbackDict[str, Any]) -> None:
            self.modified = True

        super().__init__(data or {}, on_update)
        self.sid = sid
        self.new = new
        self.was_expired = was_expired
        self.modified = False


def _new_id() -> str:
    return secrets.token_urlsafe(32)


class SqliteSessionInterface(SessionInterface):
    """Flask session interface storing session data as JSON rows in the portal database."""

    def open_session(self, app: Flask, request: Request) -> PortalSession:
        """Load the session named by the cookie, or start a fresh one."""
        sid = request.cookies.get(self.get_cookie_name(app), "")
        if not sid or len(sid) > 100:
            return PortalSession(_new_id(), new=True)
        conn = db.connect(app.config["DATABASE"])
        try:
            row = conn.execute("SELECT data, last_seen, expired FROM sessions WHERE id = ?", (sid,)).fetchone()
            if row is None:
                return PortalSession(_new_id(), new=True)
            timeout = float(app.config["SESSION_TIMEOUT"])
            if row["expired"] or time.time() - row["last_seen"] > timeout:
                conn.execute("UPDATE sessions SET expired = 1 WHERE id = ?", (sid,))
                return PortalSession(_new_id(), new=True, was_expired=True)
            return PortalSession(sid, json.loads(row["data"]))
        finally:
            conn.close()

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Store the session (touching its idle clock) and set the cookie when it is new."""
        if not isinstance(session, PortalSession):
            return
        if session.new and not session:
            return
        conn = db.connect(app.config["DATABASE"])
        try:
            conn.execute(
                "INSERT INTO sessions (id, data, last_seen, expired) VALUES (?, ?, ?, 0)"
                " ON CONFLICT (id) DO UPDATE SET data = excluded.data, last_seen = excluded.last_seen",
                (session.sid, json.dumps(dict(session)), time.time()),
            )
        finally:
            conn.close()
        if session.new:
            response.set_cookie(
                self.get_cookie_name(app),
                session.sid,
                httponly=True,
                samesite="Lax",
                path="/",
                secure=False,
            )


def expire(conn: Any, sid: str) -> bool:
    """Mark one session as idle past the timeout; tell whether it existed."""
    cursor = conn.execute("UPDATE sessions SET expired = 1 WHERE id = ?", (sid,))
    return bool(cursor.rowcount)
