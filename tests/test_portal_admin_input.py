"""The admin API refuses every bad input with a 400 in JSON naming the field; nothing answers 500."""

from __future__ import annotations

import json

import pytest
from flask import Flask

HEADERS = {"X-Mock-Admin-Token": "test-admin-token", "Content-Type": "application/json"}


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/__mock__/faults", {"page": "signup", "kind": "slow", "after": 10**21}, "after"),
    ("/__mock__/faults", {"page": "signup", "kind": "slow", "times": 10**21}, "times"),
    ("/__mock__/faults", {"page": "signup", "kind": "slow", "after": -1}, "after"),
    ("/__mock__/faults", {"page": "signup", "kind": "slow", "seconds": float("nan")}, "seconds"),
    ("/__mock__/faults", {"page": ["signup"], "kind": "slow"}, "page"),
    ("/__mock__/faults", {"page": "signup", "kind": "melt"}, "kind"),
    ("/__mock__/delegations", {"issued_at": "9999-12-31T23:59:59"}, "issued_at"),
    ("/__mock__/delegations", {"expires_at": "9999-12-31T23:59:59-14:00"}, "expires_at"),
    ("/__mock__/delegations", {"issued_at": "0001-01-01T00:00:00+14:00"}, "issued_at"),
    ("/__mock__/delegations", {"expires_at": "tomorrow"}, "expires_at"),
    ("/__mock__/delegations", {"code": 7}, "code"),
    ("/__mock__/delegations", {"status": "lost"}, "status"),
    ("/__mock__/delegations", {"code": "\ud800"}, "body"),
    ("/__mock__/delegations", [1, 2], "body"),
    ("/__mock__/sessions/expire", [1, 2], "body"),
    ("/__mock__/sessions/expire", "a session", "body"),
    ("/__mock__/sessions/expire", {"session": 5}, "session"),
    ("/__mock__/sessions/expire", {"session": "\udc00"}, "body"),
    ("/__mock__/sessions/expire", {}, "session"),
])
def test_bad_input_is_a_json_400_naming_the_field(portal_app: Flask, path: str, body: object, field: str) -> None:
    response = portal_app.test_client().post(path, data=json.dumps(body), headers=HEADERS)
    assert response.status_code == 400
    answer = response.get_json()
    assert answer["field"] == field
    assert field in answer["error"]


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe", b"[]", b"null", b"12"])
def test_unreadable_bodies_are_json_400s(portal_app: Flask, raw: bytes) -> None:
    response = portal_app.test_client().post("/__mock__/faults", data=raw, headers=HEADERS)
    assert response.status_code == 400
    assert response.get_json()["field"] == "body"


def test_the_far_future_is_accepted_when_it_fits(portal_app: Flask) -> None:
    response = portal_app.test_client().post("/__mock__/delegations", headers=HEADERS,
                                             json={"expires_at": "9999-12-31T23:59:59"})
    assert response.status_code == 201
    assert response.get_json()["expires_at"] == "9999-12-31T23:59:59+00:00"


def test_a_duplicate_code_is_409_naming_code(portal_app: Flask) -> None:
    client = portal_app.test_client()
    response = client.post("/__mock__/delegations", headers=HEADERS, json={"code": "SJ5Nen"})
    assert response.status_code == 409
    assert response.get_json()["field"] == "code"

