"""Fast-forward (issue 11): a sign-up session the admin API makes at a later page.

The session must hold what the walked steps would leave (so each page and Confirm
behave as after a walk), refuse what no walk could reach, leave the delegation record
unused until Confirm, and keep hashing salted at any ``--hash-cost``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_portal import create_app, db
from mock_portal.__main__ import parse_args
from mock_portal.records import EXAMPLE_RECORD, check_secret, ensure_example_record, hash_secret
from mock_portal.session import COOKIE_NAME
from mock_portal.testing import (
    EXAMPLE_CREDENTIALS,
    EXAMPLE_DELEGATION,
    EXAMPLE_USER_INFO_1,
    EXAMPLE_USER_INFO_2,
    SignupClient,
    errors,
    heading,
)
from tests.conftest import PORTAL_ADMIN_TOKEN

TOKEN = {"X-Mock-Admin-Token": PORTAL_ADMIN_TOKEN}
HEADINGS = {
    "terms": "Use of the Website",
    "user-info-1": "User Information (1 of 2)",
    "user-info-2": "User Information (2 of 2)",
    "credentials": "Username & Password",
    "verify": "Verify Your Information",
}


def body(page: str, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "page": page,
        "delegation": dict(EXAMPLE_DELEGATION),
        "user_info_1": dict(EXAMPLE_USER_INFO_1),
        "user_info_2": {**EXAMPLE_USER_INFO_2, "state": "California"},
        "credentials": {k: v for k, v in EXAMPLE_CREDENTIALS.items() if not k.startswith("question")},
    }
    return {**values, **changes}


def fast_forward(client: FlaskClient, payload: object) -> tuple[int, dict[str, Any]]:
    response = client.post("/__mock__/sessions", json=payload, headers=TOKEN)
    return response.status_code, response.get_json(silent=True) or {}


def started_at(portal_app: Flask, page: str) -> SignupClient:
    client = portal_app.test_client()
    status, answer = fast_forward(client, body(page))
    assert status == 201, answer
    assert answer["cookie"] == COOKIE_NAME
    client.set_cookie(COOKIE_NAME, answer["session"])
    return SignupClient(client)


def delegation_status(portal_app: Flask) -> str:
    conn = db.connect(portal_app.config["DATABASE"])
    try:
        row = conn.execute("SELECT status FROM delegations WHERE code = ?", (EXAMPLE_RECORD["code"],)).fetchone()
    finally:
        conn.close()
    return str(row["status"])


@pytest.mark.parametrize("page", list(HEADINGS))
def test_a_fast_forwarded_session_opens_its_page(portal_app: Flask, page: str) -> None:
    client = portal_app.test_client()
    status, answer = fast_forward(client, body(page))
    assert status == 201
    client.set_cookie(COOKIE_NAME, answer["session"])
    shown = SignupClient(client).get(answer["path"])
    assert heading(shown) == HEADINGS[page]
    assert errors(shown) == []


def test_without_the_cookie_the_page_says_start_from_the_beginning(portal_app: Flask) -> None:
    client = portal_app.test_client()
    assert fast_forward(client, body("credentials"))[0] == 201
    shown = SignupClient(portal_app.test_client()).get("/credentials")
    assert heading(shown) == "Create Your Account"


def test_the_record_stays_unused_until_confirm_uses_it(portal_app: Flask) -> None:
    client = started_at(portal_app, "verify")
    shown = client.get("/verify").get_data(as_text=True)
    assert "María-José" in shown
    assert "California" in shown
    assert EXAMPLE_CREDENTIALS["username"] in shown
    assert delegation_status(portal_app) == "issued"
    confirmed = client.post("/verify", {})
    assert "created" in confirmed.request.path
    assert delegation_status(portal_app) == "used"
    status, answer = fast_forward(portal_app.test_client(), body("verify", credentials={
        **body("verify")["credentials"], "username": "another.cec"}))
    assert (status, answer["field"]) == (400, "delegation")
    assert "DC-103" in answer["error"]


def test_the_session_keeps_only_salted_hashes(portal_app: Flask) -> None:
    started_at(portal_app, "verify")
    conn = db.connect(portal_app.config["DATABASE"])
    try:
        data = json.loads(conn.execute("SELECT data FROM sessions").fetchone()["data"])
    finally:
        conn.close()
    stored = json.dumps(data)
    assert EXAMPLE_CREDENTIALS["password"] not in stored
    assert "Corolla" not in stored
    assert data["credentials"]["password_hash"].startswith(f"scrypt${2 ** portal_app.config['HASH_COST']}$")
    assert check_secret(data["credentials"]["password_hash"], EXAMPLE_CREDENTIALS["password"])


@pytest.mark.parametrize(("page", "path"), [("account-created", "/verify/created"), ("log-in", "/login")])
def test_a_session_past_confirm_holds_the_account_confirm_made(portal_app: Flask, page: str, path: str) -> None:
    client = started_at(portal_app, page)
    assert delegation_status(portal_app) == "used"
    shown = client.get(path).get_data(as_text=True)
    assert ("Account Created" in shown) == (page == "account-created")
    log_in = client.get("/login").get_data(as_text=True)
    assert f'value="{EXAMPLE_CREDENTIALS["username"]}"' in log_in, "Log In is not filled in as after Confirm"
    home = client.post("/login", {"username": EXAMPLE_CREDENTIALS["username"],
                                  "password": EXAMPLE_CREDENTIALS["password"]})
    assert home.request.path == "/home"
    status, answer = fast_forward(portal_app.test_client(), body(page, credentials={
        **body(page)["credentials"], "username": "another.cec"}))
    assert (status, answer["field"]) == (400, "delegation")
    assert "DC-103" in answer["error"]


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"page": "signup"}, "page", "page must be one of"),
    ({"page": None}, "page", "page must be one of"),
    ({"delegation": {**EXAMPLE_DELEGATION, "cert_number": "500000143"}}, "delegation", "DC-102"),
    ({"delegation": "SJ5Nen"}, "delegation", "JSON object of strings"),
    ({"delegation": {**EXAMPLE_DELEGATION, "colour": "red"}}, "delegation", "unknown fields: colour"),
    ({"user_info_1": {**EXAMPLE_USER_INFO_1, "email": "not-an-email", "email_confirm": ""}}, "user_info_1",
     "UI-302"),
    ({"user_info_2": {**EXAMPLE_USER_INFO_2, "zip": "9581"}}, "user_info_2", "UI-302"),
    ({"credentials": {**EXAMPLE_CREDENTIALS, "password": "short", "password_confirm": "short"}}, "credentials",
     "CR-403"),
])
def test_what_no_walk_could_reach_is_refused_naming_the_part(
    portal_app: Flask, changes: dict[str, Any], field: str, words: str
) -> None:
    status, answer = fast_forward(portal_app.test_client(), {**body("verify"), **changes})
    assert status == 400
    assert answer["field"] == field
    assert words in answer["error"]


def test_a_taken_username_is_refused(portal_app: Flask) -> None:
    client = started_at(portal_app, "verify")
    client.get("/verify")
    assert "created" in client.post("/verify", {}).request.path
    admin = portal_app.test_client()
    made = admin.post("/__mock__/delegations", json={}, headers=TOKEN).get_json()
    other = {key: made[key] for key in ("business_name", "cert_number")} | {"delegation_code": made["code"]}
    status, answer = fast_forward(admin, body("verify", delegation=other))
    assert (status, answer.get("field")) == (400, "credentials"), answer
    assert "CR-401" in answer["error"]


@pytest.mark.parametrize("headers", [{}, {"X-Mock-Admin-Token": "wrong"}])
def test_fast_forward_needs_the_token(portal_app: Flask, headers: dict[str, str]) -> None:
    response = portal_app.test_client().post("/__mock__/sessions", json=body("verify"), headers=headers)
    assert response.status_code == 404


def test_hash_cost_is_a_setting_and_salting_stays_on(tmp_path: Any) -> None:
    app = create_app({"DATABASE": str(tmp_path / "p.sqlite3"), "ADMIN_TOKEN": PORTAL_ADMIN_TOKEN, "HASH_COST": 4})
    conn = db.connect(app.config["DATABASE"])
    try:
        ensure_example_record(conn)
    finally:
        conn.close()
    client = SignupClient(app.test_client())
    client.walk_to("verify")
    conn = db.connect(app.config["DATABASE"])
    try:
        data = json.loads(conn.execute("SELECT data FROM sessions").fetchone()["data"])
    finally:
        conn.close()
    hashes = [value for key, value in data["credentials"].items() if key.endswith("_hash")]
    assert all(value.startswith("scrypt$16$") for value in hashes)
    assert len({value.split("$")[4] for value in hashes}) == 4, "every hash has its own salt"


@pytest.mark.parametrize("given", ["0", "16", "21", "fast"])
def test_a_bad_hash_cost_is_a_usage_error(given: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--hash-cost", given])
    assert "--hash-cost" in capsys.readouterr().err


def test_the_highest_hash_cost_the_command_line_accepts_can_hash(capsys: pytest.CaptureFixture[str]) -> None:
    """Every accepted ``--hash-cost`` must work: at 16 scrypt needed more than its memory limit
    and every Username & Password Continue failed, though the command line took it.
    """
    accepted = []
    for cost in range(1, 64):
        try:
            accepted.append(parse_args(["--hash-cost", str(cost)]).hash_cost)
        except SystemExit:
            break
    capsys.readouterr()
    assert accepted, "the command line accepts some hash cost"
    assert check_secret(hash_secret("Sunny-Days42", max(accepted)), "Sunny-Days42")

