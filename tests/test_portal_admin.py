"""Test control under /__mock__/, injected faults, SYS-999, logging and threading."""

from __future__ import annotations

import http.client
import json
import logging
import re
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from cec.link import SIGN_UP_LINK as SIGNUP_LINK
from mock_portal import create_app
from mock_portal.server import RunningPortal, start_portal
from mock_portal.testing import EXAMPLE_DELEGATION, SignupClient, errors, heading

TOKEN = {"X-Mock-Admin-Token": "test-admin-token"}


def admin(client: FlaskClient, method: str, path: str, body: object | None = None) -> tuple[int, object]:
    response = client.open(path, method=method, json=body, headers=TOKEN)
    return response.status_code, response.get_json(silent=True)


def test_health_needs_no_token(portal_app: Flask) -> None:
    response = portal_app.test_client().get("/__mock__/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/__mock__/delegations"), ("GET", "/__mock__/accounts/someone"), ("POST", "/__mock__/faults"),
    ("DELETE", "/__mock__/faults"), ("POST", "/__mock__/sessions/expire"), ("POST", "/__mock__/reset"),
])
@pytest.mark.parametrize("headers", [{}, {"X-Mock-Admin-Token": "wrong"}, {"X-Mock-Admin-Token": ""}])
def test_admin_without_the_token_is_404(portal_app: Flask, method: str, path: str, headers: dict[str, str]) -> None:
    response = portal_app.test_client().open(path, method=method, json={}, headers=headers)
    assert response.status_code == 404


def test_admin_turned_off_is_404_even_with_the_token(portal_db_path: Path) -> None:
    app = create_app({"DATABASE": str(portal_db_path), "ADMIN_TOKEN": "test-admin-token", "ADMIN_ENABLED": False})
    client = app.test_client()
    assert admin(client, "POST", "/__mock__/delegations", {})[0] == 404
    assert admin(client, "POST", "/__mock__/reset")[0] == 404


def test_create_delegation_generates_unique_fields(portal_app: Flask) -> None:
    client = portal_app.test_client()
    made = [admin(client, "POST", "/__mock__/delegations", {}) for _ in range(20)]
    assert all(status == 201 for status, _ in made)
    bodies = [body for _, body in made if isinstance(body, dict)]
    assert set(bodies[0]) == {"code", "business_name", "cert_number", "status", "issued_at", "expires_at"}
    for body in bodies:
        assert re.fullmatch(r"[A-Za-z0-9]{6}", body["code"])
        assert re.fullmatch(r"5\d{8}", body["cert_number"])
        assert body["status"] == "issued"
    for key in ("code", "business_name", "cert_number"):
        assert len({body[key] for body in bodies}) == 20


def test_create_delegation_with_fields_is_usable(portal_app: Flask) -> None:
    client = portal_app.test_client()
    status, body = admin(client, "POST", "/__mock__/delegations",
                         {"code": "Ab12Cd", "business_name": "José's Clinic", "cert_number": "512345678"})
    assert status == 201
    assert isinstance(body, dict)
    assert body["business_name"] == "José's Clinic"
    assert admin(client, "POST", "/__mock__/delegations", {"code": "Ab12Cd"})[0] == 409
    assert admin(client, "POST", "/__mock__/delegations", {"status": "weird"})[0] == 400
    assert admin(client, "POST", "/__mock__/delegations", {"expires_at": "not a date"})[0] == 400
    walker = SignupClient(portal_app.test_client())
    walker.open_signup_link()
    page = walker.post("/signup", {"delegation_code": "Ab12Cd", "business_name": "José's Clinic",
                                   "cert_number": "512345678"})
    assert heading(page) == "Use of the Website"


def test_expired_by_time_record_from_admin(portal_app: Flask) -> None:
    client = portal_app.test_client()
    status, body = admin(client, "POST", "/__mock__/delegations", {"expires_at": "2001-01-01T00:00:00Z"})
    assert status == 201
    assert isinstance(body, dict)
    walker = SignupClient(portal_app.test_client())
    walker.open_signup_link()
    page = walker.post("/signup", {"delegation_code": body["code"], "business_name": body["business_name"],
                                   "cert_number": body["cert_number"]})
    assert errors(page)[0].endswith("(DC-104)")


def test_account_lookup_has_no_hashes(portal_app: Flask, portal_client: SignupClient) -> None:
    client = portal_app.test_client()
    assert admin(client, "GET", "/__mock__/accounts/maria.obrien")[0] == 404
    portal_client.walk_to("verify")
    portal_client.post("/verify", {})
    status, body = admin(client, "GET", "/__mock__/accounts/Maria.OBrien")
    assert status == 200
    assert isinstance(body, dict)
    assert body["username"] == "maria.obrien"
    assert body["delegation_code"] == "SJ5Nen"
    assert not any("hash" in key or "answer" in key or "password" in key for key in body)
    assert "scrypt" not in json.dumps(body)


def test_reset_empties_the_database(portal_app: Flask, portal_client: SignupClient) -> None:
    portal_client.walk_to("verify")
    portal_client.post("/verify", {})
    client = portal_app.test_client()
    assert admin(client, "POST", "/__mock__/reset")[0] == 200
    assert admin(client, "GET", "/__mock__/accounts/maria.obrien")[0] == 404
    assert admin(client, "GET", "/__mock__/delegations/SJ5Nen")[0] == 404


def test_expire_unknown_session_is_404(portal_app: Flask) -> None:
    client = portal_app.test_client()
    assert admin(client, "POST", "/__mock__/sessions/expire", {"session": "nope"})[0] == 404
    assert admin(client, "POST", "/__mock__/sessions/expire", {})[0] == 400


@pytest.mark.parametrize("body", [
    {"page": "nowhere", "kind": "http-500"}, {"page": "signup", "kind": "explode"},
    {"page": "signup", "kind": "slow", "seconds": -1}, {"page": "signup", "kind": "http-500", "times": 0},
    {"page": "signup", "kind": "http-500", "after": "2"},
])
def test_bad_fault_is_400(portal_app: Flask, body: dict[str, object]) -> None:
    assert admin(portal_app.test_client(), "POST", "/__mock__/faults", body)[0] == 400


def test_http_500_fault_after_and_times(portal_app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    client = portal_app.test_client()
    assert admin(client, "POST", "/__mock__/faults",
                 {"page": "signup", "kind": "http-500", "after": 2, "times": 2})[0] == 201
    caplog.set_level(logging.INFO, logger="mock_portal")
    statuses = [client.get("/signup").status_code for _ in range(6)]
    assert statuses == [200, 200, 500, 500, 200, 200]
    broken = None
    client2 = portal_app.test_client()
    admin(client2, "POST", "/__mock__/faults", {"page": "signup", "kind": "http-500"})
    broken = client2.get("/signup").get_data(as_text=True)
    match = re.search(r"Something went wrong\. Reference: ([0-9A-F]{12}) \(SYS-999\)", broken)
    assert match is not None
    assert "<h1>Something went wrong</h1>" in broken
    assert "Traceback" not in broken
    assert any(match.group(1) in record.getMessage() for record in caplog.records)


def test_fault_counts_only_its_own_page(portal_app: Flask, portal_client: SignupClient) -> None:
    admin(portal_app.test_client(), "POST", "/__mock__/faults", {"page": "user-info-1", "kind": "maintenance"})
    page = portal_client.walk_to("user-info-1")
    assert page.status_code == 503
    body = page.get_data(as_text=True)
    assert "<h1>CoveredCA.com is temporarily unavailable</h1>" in body
    assert "(SYS-503)" in body
    assert heading(portal_client.get("/user-info/1")) == "User Information (1 of 2)"


def test_delete_faults_clears_them(portal_app: Flask) -> None:
    client = portal_app.test_client()
    admin(client, "POST", "/__mock__/faults", {"page": "login", "kind": "http-500", "times": 5})
    assert admin(client, "DELETE", "/__mock__/faults") == (200, {"cleared": 1})
    assert client.get("/login").status_code == 200


@pytest.mark.parametrize(("page", "step", "button"), [
    ("signup", "signup", ">CONTINUE</button>"),
    ("user-info-1", "user-info-1", ">Continue</button>"),
    ("credentials", "credentials", ">Continue</button>"),
    ("verify", "verify", ">Confirm</button>"),
    ("login", None, ">Log In</button>"),
])
def test_stuck_continue_renders_the_primary_button_disabled(
    portal_app: Flask, portal_client: SignupClient, page: str, step: str | None, button: str
) -> None:
    admin(portal_app.test_client(), "POST", "/__mock__/faults", {"page": page, "kind": "stuck-continue",
                                                                  "after": 1 if page == "signup" else 0})
    response = portal_client.walk_to(step) if step else portal_client.get("/login")
    assert f'disabled data-stuck="1"{button}' in response.get_data(as_text=True)
    again = portal_client.get(response.request.path)
    assert f'data-stuck="1"{button}' not in again.get_data(as_text=True)


def test_stuck_continue_on_the_pop_up(portal_app: Flask, portal_client: SignupClient) -> None:
    portal_client.walk_to("verify")
    admin(portal_app.test_client(), "POST", "/__mock__/faults",
          {"page": "verify", "kind": "stuck-continue", "after": 1})
    popup = portal_client.post("/verify", {})
    assert 'disabled data-stuck="1">Log In</button>' in popup.get_data(as_text=True)


def _raw_get(portal: RunningPortal, path: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", int(portal.base_url.rsplit(":", 1)[1]), timeout=30)
    conn.request("GET", path)
    return conn.getresponse()


def _admin_http(portal: RunningPortal, body: dict[str, object]) -> None:
    request = urllib.request.Request(
        f"{portal.base_url}/__mock__/faults", data=json.dumps(body).encode(), method="POST",
        headers={"X-Mock-Admin-Token": portal.admin_token, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 201


def test_drop_fault_closes_the_connection_without_a_response(portal_server: RunningPortal) -> None:
    _admin_http(portal_server, {"page": "login", "kind": "drop", "after": 1, "times": 1})
    assert _raw_get(portal_server, "/login").status == 200
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        _raw_get(portal_server, "/login")
    assert _raw_get(portal_server, "/login").status == 200


def test_drop_fault_on_the_signup_link(portal_server: RunningPortal) -> None:
    _admin_http(portal_server, {"page": "signup", "kind": "drop"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        _raw_get(portal_server, SIGNUP_LINK)


def _fault_seen(portal: RunningPortal) -> int:
    conn = sqlite3.connect(portal.database)
    try:
        row = conn.execute("SELECT coalesce(max(seen), 0) FROM faults").fetchone()
        return int(row[0])
    finally:
        conn.close()


def test_slow_fault_delays_only_its_own_request(portal_server: RunningPortal) -> None:
    _admin_http(portal_server, {"page": "terms", "kind": "slow", "seconds": 3})
    result: dict[str, float] = {}

    def slow_request() -> None:
        started = time.monotonic()
        _raw_get(portal_server, "/terms").read()
        result["slow"] = time.monotonic() - started

    thread = threading.Thread(target=slow_request)
    thread.start()
    # Wait on a state (the slow request has been counted and is sleeping), not for a fixed time.
    deadline = time.monotonic() + 10
    while _fault_seen(portal_server) < 1 and time.monotonic() < deadline:
        _raw_get(portal_server, "/__mock__/health").read()
    assert _fault_seen(portal_server) == 1
    started = time.monotonic()
    assert _raw_get(portal_server, "/login").status == 200
    other_request = time.monotonic() - started
    still_sleeping = thread.is_alive()
    thread.join(timeout=30)
    assert still_sleeping
    assert other_request < 2
    assert result["slow"] >= 3


def test_one_log_line_per_request_without_form_values(
    portal_client: SignupClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mock_portal")
    portal_client.open_signup_link()
    caplog.clear()
    portal_client.post("/signup", {**EXAMPLE_DELEGATION, "business_name": "Secret Business Name"})
    lines = [r.getMessage() for r in caplog.records if r.name == "mock_portal"]
    assert len(lines) == 2
    assert re.fullmatch(r"POST /signup 303 \d+ms", lines[0])
    assert re.fullmatch(r"GET /signup 200 \d+ms", lines[1])
    assert not any("Secret" in line or "SJ5Nen" in line for line in lines)


def test_start_portal_serves_and_stops(tmp_path: Path) -> None:
    with start_portal(port=0, db_path=tmp_path / "p.sqlite3", admin_enabled=False) as running:
        assert running.signup_url == f"{running.base_url}{SIGNUP_LINK}"
        with urllib.request.urlopen(running.signup_url, timeout=10) as response:
            assert response.status == 200
            assert "<h1>Create Your Account</h1>" in response.read().decode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(
                f"{running.base_url}/__mock__/reset", method="POST",
                headers={"X-Mock-Admin-Token": running.admin_token}), timeout=10)
        assert refused.value.code == 404
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(running.base_url + "/__mock__/health", timeout=2)
