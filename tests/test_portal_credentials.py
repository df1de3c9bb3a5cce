"""Guide steps 6-9: *Username & Password* (CR-401..405), *Verify*, *Account Created*, *Log In* (LI-601)."""

from __future__ import annotations

import pytest

from mock_portal import reference
from mock_portal.testing import EXAMPLE_CREDENTIALS, SignupClient, errors, heading

Q = reference.SECURITY_QUESTIONS
USERNAME_RULE = (
    "Username must be 8 to 50 characters, start with a letter, and use only letters, numbers, and . _ - @ (CR-402)"
)


def creds(**changes: str) -> dict[str, str]:
    values = {**EXAMPLE_CREDENTIALS, **changes}
    if "password" in changes and "password_confirm" not in changes:
        values["password_confirm"] = changes["password"]
    return values


@pytest.mark.parametrize("username", ["short1", "1startsdigit", "has space in", "bad#chars!", "a" * 51,
                                      "ünicode-name"])
def test_bad_username_is_cr_402(portal_client: SignupClient, username: str) -> None:
    portal_client.walk_to("credentials")
    page = portal_client.post("/credentials", creds(username=username, password="Zq7-plum-Kite"))
    assert USERNAME_RULE in errors(page)


@pytest.mark.parametrize("username", ["abcdefgh", "cec.user_01@ca", "A-b.c_d@e", "x" * 50])
def test_good_usernames_pass(portal_client: SignupClient, username: str) -> None:
    portal_client.walk_to("credentials")
    page = portal_client.post("/credentials", creds(username=username, password="Zq7-plum-Kite"))
    assert errors(page) == []
    assert heading(page) == "Verify Your Information"


@pytest.mark.parametrize(("password", "messages"), [
    ("Ab1!", ["Password must be 8 to 50 characters."]),
    ("Ab1!" * 13, ["Password must be 8 to 50 characters."]),
    ("alllowercase", ["Password must include at least three of: an uppercase letter, a lowercase letter, "
                      "a number, a special character."]),
    ("Qwerty1!", ["Password is too common or a keyboard pattern. Choose a different password."]),
    ("Password1!", ["Password is too common or a keyboard pattern. Choose a different password."]),
    ("Welcome1!", ["Password is too common or a keyboard pattern. Choose a different password."]),
    ("xMaria.OBrien9", ["Password must not contain your Username."]),
    ("qwerty", ["Password must be 8 to 50 characters.",
                "Password must include at least three of: an uppercase letter, a lowercase letter, "
                "a number, a special character.",
                "Password is too common or a keyboard pattern. Choose a different password."]),
])
def test_password_rules_are_cr_403_one_per_rule(
    portal_client: SignupClient, password: str, messages: list[str]
) -> None:
    portal_client.walk_to("credentials")
    page = portal_client.post("/credentials", creds(password=password))
    assert errors(page) == [f"{message} (CR-403)" for message in messages]


def test_passwords_that_differ_are_cr_404(portal_client: SignupClient) -> None:
    portal_client.walk_to("credentials")
    page = portal_client.post("/credentials", creds(password_confirm="Sunny-Days43"))
    assert errors(page) == ["Passwords do not match. (CR-404)"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"question2": Q[0]}, "Choose three different security questions."),
    ({"answer1": "ab"}, "Answer 1 must be 3 to 100 characters."),
    ({"answer3": "   x  "}, "Answer 3 must be 3 to 100 characters."),
    ({"question3": ""}, "Security Question 3 is required."),
    ({"answer2": ""}, "Answer 2 is required."),
    ({"question1": "What is your password?"}, "Security Question 1 must be one of the listed questions."),
])
def test_security_questions_are_cr_405(portal_client: SignupClient, changes: dict[str, str], message: str) -> None:
    portal_client.walk_to("credentials")
    page = portal_client.post("/credentials", creds(**changes))
    assert errors(page) == [f"{message} (CR-405)"]


def test_passwords_and_answers_are_not_shown_again(portal_client: SignupClient) -> None:
    portal_client.walk_to("credentials")
    page = portal_client.post("/credentials", creds(password_confirm="Other-Thing-9", answer1="Secret-Answer"))
    body = page.get_data(as_text=True)
    assert 'value="maria.obrien"' in body
    assert "Sunny-Days42" not in body
    assert "Other-Thing-9" not in body
    assert "Secret-Answer" not in body
    assert body.count('type="password"') == 5
    assert '<ul aria-label="Username and password rules">' in body


def test_taken_username_is_cr_401_ignoring_case(portal_client: SignupClient, portal_app: object) -> None:
    portal_client.walk_to("verify")
    portal_client.post("/verify", {})
    from flask import Flask

    assert isinstance(portal_app, Flask)
    other = SignupClient(portal_app.test_client())
    portal_app.test_client().post("/__mock__/delegations", json={"code": "Zz9Yy8"},
                                  headers={"X-Mock-Admin-Token": "test-admin-token"})
    record = portal_app.test_client().get("/__mock__/delegations/Zz9Yy8",
                                          headers={"X-Mock-Admin-Token": "test-admin-token"}).json
    assert record is not None
    other.walk_to("credentials", delegation={"delegation_code": "Zz9Yy8", "business_name": record["business_name"],
                                             "cert_number": record["cert_number"]})
    page = other.post("/credentials", creds(username="MARIA.OBRIEN"))
    assert errors(page) == ["That username is already taken. Choose a different username. (CR-401)"]


def test_verify_shows_every_value_and_masks_secrets(portal_client: SignupClient) -> None:
    page = portal_client.walk_to("verify")
    body = page.get_data(as_text=True)
    for region, title in (("delegation", "Delegation"), ("user-information", "User Information"),
                          ("account", "Account")):
        assert f'<section class="summary" aria-labelledby="{region}-heading">' in body
        assert f'<h2 id="{region}-heading">{title}</h2>' in body
    assert body.count(">Edit</a>") == 3
    for shown in ("SJ5Nen", "UAT 4.4 American Traders 3", "500000142", "María-José", "O&#39;Brien",
                  "(916) 555-0100", "California", "Sacramento", "95815-5103", "maria.obrien", Q[0]):
        assert f"<dd>{shown}</dd>" in body
    assert body.count("<dd>********</dd>") == 4
    for secret in ("Sunny-Days42", "Rex", "Fresno", "Corolla"):
        assert secret not in body


def test_edit_returns_to_the_page_with_values_kept(portal_client: SignupClient) -> None:
    portal_client.walk_to("verify")
    page = portal_client.get("/user-info/1")
    assert 'value="María-José"' in page.get_data(as_text=True)
    page = portal_client.get("/credentials")
    assert 'value="maria.obrien"' in page.get_data(as_text=True)
    page = portal_client.get("/signup")
    assert 'value="UAT 4.4 American Traders 3"' in page.get_data(as_text=True)


def test_confirm_shows_account_created_then_log_in_works(portal_client: SignupClient) -> None:
    portal_client.walk_to("verify")
    confirmed = portal_client.client.post("/verify", data={"csrf_token": portal_client.token})
    assert confirmed.status_code == 303
    assert confirmed.headers["Location"].endswith("/verify/created")
    popup = portal_client.get("/verify/created").get_data(as_text=True)
    assert 'role="dialog" aria-modal="true" aria-labelledby="created-title"' in popup
    assert '<h2 id="created-title">Account Created</h2>' in popup
    assert ("Your CoveredCA.com account has been created. Log In with the Username and Password you created."
            in popup)
    assert 'action="/login"' in popup
    assert "autofocus" in popup
    login = portal_client.get("/login")
    assert heading(login) == "Log In"
    home = portal_client.post("/login", {"username": "maria.obrien", "password": "Sunny-Days42"})
    body = home.get_data(as_text=True)
    assert heading(home) == "Welcome, María-José"
    assert "Enrollment Counselor" in body
    assert ">Log Out</button>" in body
    assert heading(portal_client.post("/logout", {})) == "Log In"
    assert heading(portal_client.get("/home")) == "Log In"


@pytest.mark.parametrize(("username", "password"), [
    ("maria.obrien", "Sunny-Days43"), ("nobody.here", "Sunny-Days42"), ("", ""), ("maria.obrien", ""),
])
def test_bad_credentials_are_li_601(portal_client: SignupClient, username: str, password: str) -> None:
    portal_client.walk_to("verify")
    portal_client.post("/verify", {})
    portal_client.get("/login")
    page = portal_client.post("/login", {"username": username, "password": password})
    assert heading(page) == "Log In"
    assert errors(page) == ["The username or password you entered is incorrect. (LI-601)"]
    assert password not in page.get_data(as_text=True) or password == ""
