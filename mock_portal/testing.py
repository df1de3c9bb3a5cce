"""Helpers for driving the portal over HTTP without a browser (the project's own tests use them).

``SignupClient`` wraps a Flask test client: it keeps the CSRF token of the last page it
saw, posts forms with it, follows redirects, and can walk the sign-up to any step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from cec.link import SIGN_UP_LINK
from mock_portal.records import EXAMPLE_RECORD
from mock_portal.reference import SECURITY_QUESTIONS

EXAMPLE_DELEGATION = {
    "delegation_code": EXAMPLE_RECORD["code"],
    "business_name": EXAMPLE_RECORD["business_name"],
    "cert_number": EXAMPLE_RECORD["cert_number"],
}
EXAMPLE_USER_INFO_1 = {
    "first_name": "María-José", "middle_initial": "L", "last_name": "O'Brien", "suffix": "Jr.",
    "date_of_birth": "04/12/1985", "email": "maria.obrien@example.org",
    "email_confirm": "maria.obrien@example.org", "phone": "(916) 555-0100", "language": "Spanish",
}
EXAMPLE_USER_INFO_2 = {
    "street": "1601 Exposition Blvd.", "apt": "Suite 4", "city": "Sacramento", "state": "CA",
    "zip": "95815-5103", "county": "Sacramento",
}
EXAMPLE_CREDENTIALS = {
    "username": "maria.obrien", "password": "Sunny-Days42", "password_confirm": "Sunny-Days42",
    "question1": SECURITY_QUESTIONS[0], "answer1": "Rex",
    "question2": SECURITY_QUESTIONS[2], "answer2": "Fresno",
    "question3": SECURITY_QUESTIONS[4], "answer3": "Corolla",
}
STEP_PATHS = {
    "signup": "/signup", "terms": "/terms", "user-info-1": "/user-info/1", "user-info-2": "/user-info/2",
    "credentials": "/credentials", "verify": "/verify",
}
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_ALERT_ITEMS = re.compile(r'<li id="error-\d+">(.*?)</li>', re.S)
_H1 = re.compile(r"<h1>(.*?)</h1>", re.S)


def html_unescape(text: str) -> str:
    """Undo Jinja's escaping of the few characters it escapes."""
    for escaped, plain in (("&#39;", "'"), ("&#34;", '"'), ("&quot;", '"'), ("&lt;", "<"), ("&gt;", ">"),
                           ("&amp;", "&")):
        text = text.replace(escaped, plain)
    return text


class SignupClient:
    """A test client that carries the CSRF token from page to page."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.token = ""
        self.last: TestResponse | None = None

    def _seen(self, response: TestResponse) -> TestResponse:
        match = _TOKEN.search(response.get_data(as_text=True))
        if match:
            self.token = match.group(1)
        self.last = response
        return response

    def open_signup_link(self) -> TestResponse:
        """Guide step 1: open the link from the delegation email."""
        return self._seen(self.client.get(SIGN_UP_LINK, follow_redirects=True))

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        """GET a page, following redirects."""
        return self._seen(self.client.get(path, follow_redirects=True, **kwargs))

    def post(self, path: str, data: Mapping[str, str], *, token: str | None = None,
             follow: bool = True) -> TestResponse:
        """POST a form with the current CSRF token (or the one given)."""
        form = dict(data)
        form["csrf_token"] = self.token if token is None else token
        return self._seen(self.client.post(path, data=form, follow_redirects=follow))

    def walk_to(self, step: str, *, delegation: Mapping[str, str] = EXAMPLE_DELEGATION,
                user_info_1: Mapping[str, str] = EXAMPLE_USER_INFO_1,
                user_info_2: Mapping[str, str] = EXAMPLE_USER_INFO_2,
                credentials: Mapping[str, str] = EXAMPLE_CREDENTIALS) -> TestResponse:
        """Complete every step before ``step`` (a key of ``STEP_PATHS``) and return its page."""
        order = list(STEP_PATHS)
        target = order.index(step)
        response = self.open_signup_link()
        if target >= 1:
            response = self.post("/signup", delegation)
        if target >= 2:
            self.client.get("/terms/document")
            response = self.post("/terms", {"terms_viewed": "1", "agree": "1"})
        if target >= 3:
            response = self.post("/user-info/1", user_info_1)
        if target >= 4:
            response = self.post("/user-info/2", user_info_2)
        if target >= 5:
            response = self.post("/credentials", credentials)
        return response


def errors(response: TestResponse) -> list[str]:
    """The error summary's lines ("Message. (CODE)"), unescaped."""
    return [html_unescape(item.strip()) for item in _ALERT_ITEMS.findall(response.get_data(as_text=True))]


def heading(response: TestResponse) -> str:
    """The page's h1."""
    match = _H1.search(response.get_data(as_text=True))
    return html_unescape(match.group(1).strip()) if match else ""
