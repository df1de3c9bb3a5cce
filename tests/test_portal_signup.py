"""Guide steps 1-4 and the session rules: DC-101..105, TC-201, SS-901..903."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from flask import Flask

from cec.link import SIGN_UP_LINK as SIGNUP_LINK
from mock_portal.testing import EXAMPLE_DELEGATION, SignupClient, errors, heading

TERMS_SECTIONS = (
    "Purpose of This Agreement", "Privacy Policy", "Notices Required Under Government Code Section 11015.5",
)
INSTRUCTIONS = "Enter the information from your delegation email exactly as it appears. Do not include extra spaces."
DC_102 = (
    "We could not verify your delegation information. Check the Delegation Code, CEE Business Legal Name "
    "and CEC Certification # and try again. (DC-102)"
)


def delegation(**changes: str) -> dict[str, str]:
    return {**EXAMPLE_DELEGATION, **changes}


def db_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.execute(sql).fetchall())
    finally:
        conn.close()


def test_signup_link_opens_create_your_account(portal_client: SignupClient) -> None:
    first = portal_client.client.get(SIGNUP_LINK)
    assert first.status_code == 302
    assert first.headers["Location"].endswith("/signup")
    page = portal_client.open_signup_link()
    body = page.get_data(as_text=True)
    assert heading(page) == "Create Your Account"
    assert "<title>Create Your Account | CoveredCA.com</title>" in body
    assert INSTRUCTIONS in body
    for name, label in (("delegation_code", "Delegation Code"), ("business_name", "CEE Business Legal Name"),
                        ("cert_number", "CEC Certification #")):
        assert f'<label for="{name}">{label}<span class="req" aria-hidden="true">*</span></label>' in body
    assert ">CONTINUE</button>" in body
    assert "cec_session=" in first.headers["Set-Cookie"]
    assert "HttpOnly" in first.headers["Set-Cookie"]


def test_signup_link_tolerates_reordered_and_extra_parameters(portal_client: SignupClient) -> None:
    path, query = SIGNUP_LINK.split("?")
    reordered = "&".join(reversed(query.split("&"))) + "&extra=1"
    assert portal_client.client.get(f"{path}?{reordered}").status_code == 302


def test_signup_link_with_wrong_query_is_not_found(portal_client: SignupClient) -> None:
    path = SIGNUP_LINK.split("?")[0]
    assert portal_client.client.get(path).status_code == 404
    assert portal_client.client.get(SIGNUP_LINK.replace("agent", "consumer")).status_code == 404


def test_home_page_links(portal_client: SignupClient) -> None:
    body = portal_client.get("/").get_data(as_text=True)
    assert ">Create an Assister Account</a>" in body
    assert ">Log In</a>" in body
    assert "__mock__" not in body


def test_exact_example_record_continues_to_use_of_the_website(portal_client: SignupClient) -> None:
    portal_client.open_signup_link()
    page = portal_client.post("/signup", EXAMPLE_DELEGATION)
    assert heading(page) == "Use of the Website"
    assert errors(page) == []


@pytest.mark.parametrize(("field", "label"), [
    ("delegation_code", "Delegation Code"),
    ("business_name", "CEE Business Legal Name"),
    ("cert_number", "CEC Certification #"),
])
def test_empty_field_is_dc_101(portal_client: SignupClient, field: str, label: str) -> None:
    portal_client.open_signup_link()
    page = portal_client.post("/signup", delegation(**{field: ""}))
    assert errors(page) == [f"{label} is required. (DC-101)"]
    assert f'id="{field}" name="{field}" required aria-required="true" aria-invalid="true"' in page.get_data(
        as_text=True)


@pytest.mark.parametrize("changes", [
    {"delegation_code": "SJ5Nen "},
    {"delegation_code": " SJ5Nen"},
    {"delegation_code": "sj5nen"},
    {"delegation_code": "SJ5NEN"},
    {"business_name": "UAT 4.4 American Traders 3 "},
    {"business_name": "UAT 4.4  American Traders 3"},
    {"business_name": "uat 4.4 american traders 3"},
    {"cert_number": "500000142 "},
    {"cert_number": "500000143"},
    {"delegation_code": "NOPE00"},
])
def test_any_difference_is_dc_102(portal_client: SignupClient, changes: dict[str, str]) -> None:
    portal_client.open_signup_link()
    page = portal_client.post("/signup", delegation(**changes))
    assert heading(page) == "Create Your Account"
    assert errors(page) == [DC_102]


def test_typed_values_are_kept_after_an_error(portal_client: SignupClient) -> None:
    portal_client.open_signup_link()
    page = portal_client.post("/signup", delegation(business_name="O'Brien & Sons <Ltd>"))
    body = page.get_data(as_text=True)
    assert 'value="O&#39;Brien &amp; Sons &lt;Ltd&gt;"' in body
    assert 'value="SJ5Nen"' in body


def test_over_long_value_is_dc_102_and_never_stored(portal_client: SignupClient, portal_db_path: Path) -> None:
    portal_client.open_signup_link()
    long_value = "Z" * 201
    page = portal_client.post("/signup", delegation(business_name=long_value))
    assert errors(page) == [DC_102]
    assert long_value not in page.get_data(as_text=True)
    stored = db_rows(portal_db_path, "SELECT data FROM sessions")
    assert stored
    assert all(long_value not in str(row[0]) for row in stored)


def test_used_record_is_dc_103(portal_client: SignupClient, portal_db_path: Path) -> None:
    conn = sqlite3.connect(portal_db_path)
    conn.execute("UPDATE delegations SET status = 'used'")
    conn.commit()
    conn.close()
    portal_client.open_signup_link()
    page = portal_client.post("/signup", EXAMPLE_DELEGATION)
    assert errors(page) == [
        "This delegation code has already been used to create an account. "
        "Contact your Certified Enrollment Entity for a new code. (DC-103)"
    ]


@pytest.mark.parametrize("sql", [
    "UPDATE delegations SET status = 'expired'",
    "UPDATE delegations SET expires_at = '2000-01-01T00:00:00+00:00'",
])
def test_expired_record_is_dc_104(portal_client: SignupClient, portal_db_path: Path, sql: str) -> None:
    conn = sqlite3.connect(portal_db_path)
    conn.execute(sql)
    conn.commit()
    conn.close()
    portal_client.open_signup_link()
    page = portal_client.post("/signup", EXAMPLE_DELEGATION)
    assert errors(page) == [
        "This delegation code has expired. Contact your Certified Enrollment Entity for a new code. (DC-104)"
    ]


def test_five_failures_lock_the_session_dc_105(portal_app: Flask) -> None:
    locked_out = SignupClient(portal_app.test_client())
    locked_out.open_signup_link()
    for _ in range(4):
        assert errors(locked_out.post("/signup", delegation(cert_number="599999999"))) == [DC_102]
    lock_message = "Too many unsuccessful attempts. Wait 15 minutes and try again. (DC-105)"
    assert errors(locked_out.post("/signup", delegation(cert_number="599999999"))) == [lock_message]
    # Even the right values are refused now, also after reopening the sign-up link.
    assert errors(locked_out.post("/signup", EXAMPLE_DELEGATION)) == [lock_message]
    locked_out.open_signup_link()
    assert errors(locked_out.post("/signup", EXAMPLE_DELEGATION)) == [lock_message]
    # Another session is not affected.
    other = SignupClient(portal_app.test_client())
    other.open_signup_link()
    assert heading(other.post("/signup", EXAMPLE_DELEGATION)) == "Use of the Website"


def test_use_of_the_website_page_words(portal_client: SignupClient) -> None:
    page = portal_client.walk_to("terms")
    body = page.get_data(as_text=True)
    assert "View the Terms and Conditions of Use</button>" in body
    assert 'role="dialog" aria-modal="true" aria-labelledby="terms-dialog-title"' in body
    assert '<h2 id="terms-dialog-title">Terms and Conditions of Use</h2>' in body
    assert '<label for="agree">Check this box to show you agree to Terms and Conditions</label>' in body
    assert "You must view the Terms and Conditions of Use before you can agree." in body
    assert 'id="agree" name="agree" value="1" disabled' in body
    assert 'value="continue" disabled>Continue</button>' in body
    document = portal_client.client.get("/terms/document").get_data(as_text=True)
    for title in TERMS_SECTIONS:
        assert f"<h3>{title}</h3>" in document


@pytest.mark.parametrize(("view_first", "form"), [
    (False, {"terms_viewed": "1", "agree": "1"}),
    (True, {"terms_viewed": "1"}),
    (False, {}),
])
def test_continue_without_viewing_and_agreeing_is_tc_201(
    portal_client: SignupClient, view_first: bool, form: dict[str, str]
) -> None:
    portal_client.walk_to("signup")
    portal_client.post("/signup", EXAMPLE_DELEGATION)
    if view_first:
        portal_client.client.get("/terms/document")
    page = portal_client.post("/terms", form)
    assert heading(page) == "Use of the Website"
    assert errors(page) == ["You must view and agree to the Terms and Conditions to continue. (TC-201)"]


def test_viewing_then_agreeing_continues(portal_client: SignupClient) -> None:
    page = portal_client.walk_to("user-info-1")
    assert heading(page) == "User Information (1 of 2)"


@pytest.mark.parametrize("path", ["/terms", "/terms/document", "/user-info/1", "/user-info/2", "/credentials",
                                  "/verify", "/verify/created"])
def test_skipping_steps_is_ss_902(portal_client: SignupClient, path: str) -> None:
    portal_client.open_signup_link()
    page = portal_client.get(path)
    assert heading(page) == "Create Your Account"
    assert errors(page) == ["Start from the beginning of the sign-up. (SS-902)"]


def test_skipping_a_middle_step_is_ss_902(portal_client: SignupClient) -> None:
    portal_client.walk_to("terms")
    page = portal_client.get("/user-info/2")
    assert errors(page) == ["Start from the beginning of the sign-up. (SS-902)"]


def test_reopening_the_link_forgets_progress(portal_client: SignupClient) -> None:
    portal_client.walk_to("user-info-1")
    portal_client.open_signup_link()
    assert errors(portal_client.get("/user-info/1")) == ["Start from the beginning of the sign-up. (SS-902)"]


def _session_cookie(client: SignupClient) -> str:
    cookie = client.client.get_cookie("cec_session")
    assert cookie is not None
    return cookie.value


def test_idle_session_is_ss_901(portal_client: SignupClient, portal_db_path: Path) -> None:
    portal_client.walk_to("user-info-1")
    conn = sqlite3.connect(portal_db_path)
    conn.execute("UPDATE sessions SET last_seen = last_seen - 1201")
    conn.commit()
    conn.close()
    page = portal_client.get("/user-info/1")
    body = page.get_data(as_text=True)
    assert "Your session has expired. Start again from the sign-up link. (SS-901)" in body
    assert f'href="{SIGNUP_LINK.replace("&", "&amp;")}"' in body


def test_session_within_timeout_is_kept(portal_client: SignupClient, portal_db_path: Path) -> None:
    portal_client.walk_to("user-info-1")
    conn = sqlite3.connect(portal_db_path)
    conn.execute("UPDATE sessions SET last_seen = last_seen - 1100")
    conn.commit()
    conn.close()
    assert heading(portal_client.get("/user-info/1")) == "User Information (1 of 2)"


def test_admin_expire_ends_only_that_session(portal_app: Flask) -> None:
    first, second = SignupClient(portal_app.test_client()), SignupClient(portal_app.test_client())
    first.walk_to("user-info-1")
    second.walk_to("user-info-1")
    response = first.client.post("/__mock__/sessions/expire", json={"session": _session_cookie(first)},
                                 headers={"X-Mock-Admin-Token": "test-admin-token"})
    assert response.status_code == 200
    post = first.post("/user-info/1", {"first_name": "Ana"})
    assert "(SS-901)" in post.get_data(as_text=True)
    assert heading(second.get("/user-info/1")) == "User Information (1 of 2)"
    # Starting again from the link works.
    first.open_signup_link()
    assert heading(first.post("/signup", EXAMPLE_DELEGATION)) == "Use of the Website"


@pytest.mark.parametrize("token", ["", "forged-token"])
def test_forged_post_is_ss_903_and_changes_nothing(
    portal_client: SignupClient, portal_db_path: Path, token: str
) -> None:
    portal_client.open_signup_link()
    before = db_rows(portal_db_path, "SELECT id, data FROM sessions")
    response = portal_client.post("/signup", EXAMPLE_DELEGATION, token=token, follow=False)
    assert response.status_code == 400
    assert "(SS-903)" in response.get_data(as_text=True)
    assert db_rows(portal_db_path, "SELECT id, data FROM sessions") == before
    assert errors(portal_client.get("/terms")) == ["Start from the beginning of the sign-up. (SS-902)"]


def test_replayed_post_is_ss_903(portal_client: SignupClient) -> None:
    portal_client.open_signup_link()
    used_token = portal_client.token
    assert heading(portal_client.post("/signup", EXAMPLE_DELEGATION)) == "Use of the Website"
    replay = portal_client.post("/signup", EXAMPLE_DELEGATION, token=used_token, follow=False)
    assert replay.status_code == 400
    assert "(SS-903)" in replay.get_data(as_text=True)
