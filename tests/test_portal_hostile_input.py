"""Hostile input in every field: the page's normal error or an escaped echo; never a 500 or a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from flask import Flask

from mock_portal.create_account import DELEGATION_FIELDS
from mock_portal.testing import (
    EXAMPLE_CREDENTIALS,
    EXAMPLE_DELEGATION,
    EXAMPLE_USER_INFO_1,
    EXAMPLE_USER_INFO_2,
    SignupClient,
    heading,
)

HOSTILE = {
    "10k": "A" * 10_000,
    "nul": "ab\x00cd",
    "control": "x\x1b[31m\x07\x08y\r\nz",
    "script": "<script>alert(1)</script>",
    "sql": "' OR 1=1 --",
}
# page name -> (step to walk to, path, good form, headings the answer may have)
PAGES = {
    "signup": ("signup", "/signup", EXAMPLE_DELEGATION, {"Create Your Account", "Use of the Website"}),
    "user-info-1": ("user-info-1", "/user-info/1", EXAMPLE_USER_INFO_1,
                    {"User Information (1 of 2)", "User Information (2 of 2)"}),
    "user-info-2": ("user-info-2", "/user-info/2", EXAMPLE_USER_INFO_2,
                    {"User Information (2 of 2)", "Username & Password"}),
    "credentials": ("credentials", "/credentials", EXAMPLE_CREDENTIALS,
                    {"Username & Password", "Verify Your Information"}),
}


def snapshot(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT * FROM delegations ORDER BY code").fetchall()
        rows += conn.execute("SELECT * FROM accounts ORDER BY id").fetchall()
        return [tuple(row) for row in rows]
    finally:
        conn.close()


def assert_safe(body: str, status: int) -> None:
    assert status in (200, 400), status
    assert "Traceback" not in body
    assert "Something went wrong" not in body
    assert "<script>alert(1)</script>" not in body


@pytest.mark.parametrize("value_name", list(HOSTILE))
@pytest.mark.parametrize("page_name", list(PAGES))
def test_hostile_value_in_every_field(
    portal_app: Flask, portal_db_path: Path, page_name: str, value_name: str
) -> None:
    step, path, good, headings = PAGES[page_name]
    value = HOSTILE[value_name]
    before = snapshot(portal_db_path)
    for field in good:
        client = SignupClient(portal_app.test_client())
        client.walk_to(step)
        response = client.post(path, {**good, field: value})
        body = response.get_data(as_text=True)
        assert_safe(body, response.status_code)
        assert heading(response) in headings, (field, heading(response))
        if value_name == "10k" and page_name == "signup":
            # Over-long delegation values are refused with DC-102 and never stored, not even for re-display.
            assert "(DC-102)" in body
            assert value not in body
    assert snapshot(portal_db_path) == before


@pytest.mark.parametrize("value_name", list(HOSTILE))
def test_hostile_value_on_terms_verify_and_login(portal_app: Flask, portal_db_path: Path, value_name: str) -> None:
    value = HOSTILE[value_name]
    before = snapshot(portal_db_path)
    client = SignupClient(portal_app.test_client())
    client.walk_to("terms")
    response = client.post("/terms", {"agree": value, "terms_viewed": value})
    assert_safe(response.get_data(as_text=True), response.status_code)
    assert "(TC-201)" in response.get_data(as_text=True)
    for field in ("username", "password"):
        client.get("/login")
        response = client.post("/login", {"username": "maria.obrien", "password": "x", field: value})
        assert_safe(response.get_data(as_text=True), response.status_code)
        assert "(LI-601)" in response.get_data(as_text=True)
    response = client.post("/signup", {**EXAMPLE_DELEGATION, "csrf_token": value}, token=value)
    assert_safe(response.get_data(as_text=True), response.status_code)
    assert snapshot(portal_db_path) == before


def test_script_is_echoed_escaped(portal_client: SignupClient) -> None:
    portal_client.walk_to("user-info-1")
    response = portal_client.post("/user-info/1", {**EXAMPLE_USER_INFO_1, "first_name": "<script>alert(1)</script>"})
    body = response.get_data(as_text=True)
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in body
    assert "First Name may contain only letters, spaces, apostrophes, hyphens and periods. (UI-302)" in body


def test_sql_text_is_just_a_wrong_value(portal_client: SignupClient, portal_db_path: Path) -> None:
    before = snapshot(portal_db_path)
    portal_client.open_signup_link()
    for field in DELEGATION_FIELDS:
        response = portal_client.post("/signup", {**EXAMPLE_DELEGATION, field: "' OR 1=1 --"})
        assert "(DC-102)" in response.get_data(as_text=True)
    assert snapshot(portal_db_path) == before


def test_huge_body_is_refused_cleanly(portal_client: SignupClient) -> None:
    portal_client.open_signup_link()
    response = portal_client.post("/signup", {**EXAMPLE_DELEGATION, "business_name": "B" * 2_000_000},
                                  follow=False)
    assert response.status_code == 413
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/__mock__/accounts/%00", "/nowhere/<script>", "/signup/../../etc/passwd"])
def test_odd_paths_are_plain_404(portal_client: SignupClient, path: str) -> None:
    response = portal_client.client.get(path, headers={"X-Mock-Admin-Token": "test-admin-token"})
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)
