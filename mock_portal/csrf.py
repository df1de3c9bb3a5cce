"""CSRF protection for the portal's forms (SS-903).

Each session holds one token; every form posts it back as ``csrf_token``.  The token
changes after every accepted post, so a replayed post is refused as well as a forged one.
"""

from __future__ import annotations

import hmac
import secrets

from flask import request, session

FIELD = "csrf_token"
_KEY = "csrf"


def token() -> str:
    """Return the session's current token, creating it on first use."""
    current = session.get(_KEY)
    if not isinstance(current, str):
        current = secrets.token_urlsafe(32)
        session[_KEY] = current
    return current


def is_valid() -> bool:
    """Tell whether the posted token matches the session's token."""
    expected = session.get(_KEY)
    posted = request.form.get(FIELD, "")
    if not isinstance(expected, str) or not posted:
        return False
    return hmac.compare_digest(expected.encode(), posted.encode("utf-8", "replace"))


def rotate() -> None:
    """Issue a new token, so the post just accepted cannot be replayed."""
    session[_KEY] = secrets.token_urlsafe(32)
