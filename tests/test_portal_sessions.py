"""Sessions that can be trusted: new ids at the risky moments, no lost writes, purged when dead."""

from __future__ import annotations

import http.client
import re
import sqlite3
import threading
import time
import unicodedata
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from cec.link import SIGN_UP_LINK
from mock_portal import db
from mock_portal.server import RunningPortal
from mock_portal.session import COOKIE_NAME, purge
from mock_portal.testing import EXAMPLE_CREDENTIALS, EXAMPLE_DELEGATION, EXAMPLE_USER_INFO_1, SignupClient, errors

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
ADMIN_TOKEN = "test-admin-token"
WRONG = {**EXAMPLE_DELEGATION, "cert_number": "000000000"}


def sid(client: SignupClient) -> str:
    cookie = client.client.get_cookie(COOKIE_NAME)
    assert cookie is not None
    return cookie.value


def stored_ids(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM sessions")}
    finally:
        conn.close()


def test_the_sign_up_link_gives_a_new_id_and_retires_the_old(
    portal_client: SignupClient, portal_db_path: Path
) -> None:
    portal_client.get("/signup")
    before = sid(portal_client)
    portal_client.open_signup_link()
    assert sid(portal_client) != before
    assert before not in stored_ids(portal_db_path)
    assert sid(portal_client) in stored_ids(portal_db_path)


def test_confirm_gives_a_new_id(portal_client: SignupClient, portal_db_path: Path) -> None:
    portal_client.walk_to("verify")
    before = sid(portal_client)
    page = portal_client.post("/verify", {})
    assert "Account Created" in page.get_data(as_text=True)
    assert sid(portal_client) != before
    assert before not in stored_ids(portal_db_path)


def test_an_id_noted_before_log_in_is_not_logged_in(portal_app: Flask, portal_client: SignupClient) -> None:
    portal_client.walk_to("verify")
    portal_client.post("/verify", {})
    portal_client.get("/login")
    noted = sid(portal_client)
    home = portal_client.post("/login", {"username": EXAMPLE_CREDENTIALS["username"],
                                         "password": EXAMPLE_CREDENTIALS["password"]})
    assert "Welcome, María-José" in home.get_data(as_text=True)
    signed_in = sid(portal_client)
    assert signed_in != noted
    attacker = portal_app.test_client()
    attacker.set_cookie(COOKIE_NAME, noted)
    assert attacker.get("/home").status_code == 303
    portal_client.post("/logout", {})
    assert sid(portal_client) != signed_in
    thief = portal_app.test_client()
    thief.set_cookie(COOKIE_NAME, signed_in)
    assert thief.get("/home").status_code == 303


def test_an_expired_session_is_deleted_when_met(portal_app: Flask, portal_client: SignupClient,
                                                portal_db_path: Path) -> None:
    portal_client.walk_to("terms")
    old = sid(portal_client)
    conn = db.connect(portal_db_path)
    conn.execute("UPDATE sessions SET expired = 1 WHERE id = ?", (old,))
    conn.close()
    assert "(SS-901)" in portal_client.get("/terms").get_data(as_text=True)
    assert old not in stored_ids(portal_db_path)


def test_the_sweep_purges_sessions_nobody_came_back_for(portal_db_path: Path, portal_app: Flask) -> None:
    conn = db.connect(portal_db_path)
    now = 10_000.0
    rows = [("fresh", now - 10, 0), ("idle-once", now - 150, 0), ("idle-twice", now - 250, 0),
            ("expired-just-now", now - 10, 1), ("expired-long-ago", now - 150, 1)]
    conn.executemany("INSERT INTO sessions (id, data, last_seen, expired) VALUES (?, '{}', ?, ?)", rows)
    assert purge(conn, timeout=100, now=now) == 2
    conn.close()
    assert stored_ids(portal_db_path) == {"fresh", "idle-once", "expired-just-now"}


def test_headers_name_no_version_and_send_no_referrer(portal_server: RunningPortal) -> None:
    connection = http.client.HTTPConnection(portal_server.base_url.removeprefix("http://"), timeout=10)
    for path in ("/", "/signup", "/no-such-page", "/static/portal.css"):
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        assert response.getheader("Referrer-Policy") == "no-referrer", path
        server = response.getheader("Server") or ""
        assert not re.search(r"\d|Werkzeug|Python", server), server
    connection.close()


class OneSession:
    """Raw HTTP in one session against a real server: every thread shares the cookie."""

    def __init__(self, base_url: str) -> None:
        self.host = base_url.removeprefix("http://")
        self.cookie = ""
        status, headers, _ = self.request("GET", SIGN_UP_LINK)
        assert status == 302
        match = re.search(rf"{COOKIE_NAME}=([^;]+)", headers.get("Set-Cookie", ""))
        assert match is not None
        self.cookie = match.group(1)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection(self.host, timeout=60)
        headers = {"Cookie": f"{COOKIE_NAME}={self.cookie}"} if self.cookie else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            connection.close()

    def token(self) -> str:
        match = TOKEN.search(self.request("GET", "/signup")[2])
        assert match is not None
        return match.group(1)


def race(count: int, work: Callable[[], object]) -> None:
    """Run ``work`` in ``count`` threads released together."""
    barrier = threading.Barrier(count)

    def run() -> None:
        barrier.wait(timeout=30)
        work()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)


def test_a_one_use_token_is_accepted_once_under_concurrency(portal_server: RunningPortal) -> None:
    session = OneSession(portal_server.base_url)
    token = session.token()
    statuses: list[int] = []
    race(10, lambda: statuses.append(session.request("POST", "/signup", {**WRONG, "csrf_token": token})[0]))
    assert sorted(statuses) == [303] + [400] * 9


def test_twenty_concurrent_wrong_attempts_in_one_session_end_in_dc_105(portal_server: RunningPortal) -> None:
    session = OneSession(portal_server.base_url)
    accepted: list[int] = []

    def attempt() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status, _, _ = session.request("POST", "/signup", {**WRONG, "csrf_token": session.token()})
            if status == 303:
                accepted.append(status)
                return

    race(20, attempt)
    assert len(accepted) == 20
    right = session.request("POST", "/signup", {**EXAMPLE_DELEGATION, "csrf_token": session.token()})
    assert right[1].get("Location") == "/signup"
    page = session.request("GET", "/signup")[2]
    assert "Too many unsuccessful attempts. Wait 15 minutes and try again. (DC-105)" in page


@pytest.mark.parametrize("field", ["first_name", "last_name"])
@pytest.mark.parametrize("decomposed", ["Jose\u0301", "Nguye\u0302\u0303n"])
def test_decomposed_names_are_accepted_and_kept_in_nfc(portal_client: SignupClient, field: str,
                                                       decomposed: str) -> None:
    composed = unicodedata.normalize("NFC", decomposed)
    assert composed != decomposed
    verify = portal_client.walk_to("verify", user_info_1={**EXAMPLE_USER_INFO_1, field: decomposed})
    body = verify.get_data(as_text=True)
    assert "<h1>Verify Your Information</h1>" in body
    assert f"<dd>{composed}</dd>" in body
    assert decomposed not in body


def test_delegation_values_are_compared_exactly_as_typed_not_normalised(
    portal_app: Flask, portal_client: SignupClient
) -> None:
    record = {"code": "Caf3Nf", "business_name": "Caf\u00e9 Health 1", "cert_number": "500000777"}
    created = portal_app.test_client().post("/__mock__/delegations", json=record,
                                            headers={"X-Mock-Admin-Token": ADMIN_TOKEN})
    assert created.status_code == 201
    portal_client.open_signup_link()
    typed = {"delegation_code": record["code"], "business_name": "Cafe\u0301 Health 1",
             "cert_number": record["cert_number"]}
    assert [line[-8:] for line in errors(portal_client.post("/signup", typed))] == ["(DC-102)"]
    exact = portal_client.post("/signup", {**typed, "business_name": record["business_name"]})
    assert errors(exact) == []
