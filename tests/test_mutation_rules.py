"""Rules of the portal that only a mutation run showed unpinned (issue 15).

Each test names the survivors it kills (mutmut's names, in ``make mutate``'s output), so a
reader can tell why a test this specific exists, and asserts what a CEC (or the suite, on
the CEC's behalf) sees: the page, its words, the error code, the stored record. Flask test
client: fast enough for every mutant of a module to run them. One file, because mutmut's
per-mutant test selection lists its files and a change to that list re-runs every mutant.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_portal import create_account, create_app, db, records, user_information
from mock_portal.testing import (
    EXAMPLE_CREDENTIALS,
    EXAMPLE_DELEGATION,
    EXAMPLE_USER_INFO_1,
    EXAMPLE_USER_INFO_2,
    SignupClient,
    errors,
    heading,
    html_unescape,
)

DC_102 = (
    "We could not verify your delegation information. Check the Delegation Code, CEE Business Legal Name "
    "and CEC Certification # and try again. (DC-102)"
)
DC_105 = "Too many unsuccessful attempts. Wait 15 minutes and try again. (DC-105)"
WRONG = {**EXAMPLE_DELEGATION, "delegation_code": "SJ5Neo"}
TOKEN = {"X-Mock-Admin-Token": "test-admin-token"}
LI_601 = "The username or password you entered is incorrect. (LI-601)"


class Clock:
    """The lock-out's clock, moved by hand: 15 minutes pass without waiting for them."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Only *Create Your Account*'s clock moves (the session's idle timeout keeps real time)."""
    fake = Clock()
    monkeypatch.setattr(create_account, "time", fake)
    return fake


def attempt(client: SignupClient, values: dict[str, str]) -> list[str]:
    return errors(client.post("/signup", values))


def test_after_the_lock_the_count_starts_again_from_zero(portal_client: SignupClient, clock: Clock) -> None:
    """Kills ``x__count_failure__mutmut_20..23``: the count is reset to 0 when the lock starts."""
    portal_client.open_signup_link()
    assert [attempt(portal_client, WRONG) for _ in range(5)][-1] == [DC_105]
    clock.now += create_account.LOCK_SECONDS + 1
    # Four more mistakes are each a plain DC-102; the fifth locks again.
    assert [attempt(portal_client, WRONG) for _ in range(5)] == [[DC_102]] * 4 + [[DC_105]]


def test_back_from_use_of_the_website_shows_the_details_entered(portal_client: SignupClient) -> None:
    """Kills ``x__show__mutmut_6..9``: *Create Your Account* shows the session's delegation again."""
    portal_client.walk_to("terms")
    page = portal_client.get("/signup")
    body = page.get_data(as_text=True)
    assert heading(page) == "Create Your Account"
    for name, value in EXAMPLE_DELEGATION.items():
        assert f'name="{name}"' in body
        assert f'value="{value}"' in body, name


def test_dc_102_marks_all_three_fields_invalid(portal_client: SignupClient) -> None:
    """Kills ``x__show__mutmut_21``: DC-102 names no field, so each of the three is marked."""
    portal_client.open_signup_link()
    body = portal_client.post("/signup", WRONG).get_data(as_text=True)
    for name in create_account.DELEGATION_FIELDS:
        assert f'id="{name}" name="{name}" required aria-required="true" aria-invalid="true"' in body


def test_a_value_of_exactly_200_characters_is_compared(portal_app: Flask, portal_db_path: Path) -> None:
    """Kills ``x_check_delegation_form__mutmut_16``: 200 characters is the longest accepted, not refused."""
    name = ("UAT 4.4 American Traders " * 10)[: create_account.MAX_DELEGATION_INPUT]
    conn = db.connect(portal_db_path)
    try:
        record = records.create_delegation(conn, {"business_name": name})
    finally:
        conn.close()
    client = SignupClient(portal_app.test_client())
    client.open_signup_link()
    page = client.post(
        "/signup", {"delegation_code": record.code, "business_name": name, "cert_number": record.cert_number}
    )
    assert errors(page) == []
    assert heading(page) == "Use of the Website"


# --- records and accounts (mock_portal/records.py) -------------------------------------


def new_record(client: FlaskClient, **fields: object) -> tuple[int, dict[str, str]]:
    """What the suite does to send a CEC a delegation email: the admin API stores the record."""
    response = client.post("/__mock__/delegations", json=fields, headers=TOKEN)
    body = response.get_json(silent=True)
    return response.status_code, body if isinstance(body, dict) else {}


def activate(client: SignupClient) -> None:
    """Guide steps 1-9 with the example values: confirmed, then *Log In* from the pop-up."""
    client.walk_to("verify")
    client.post("/verify", {})
    assert heading(client.get("/login")) == "Log In"


def test_the_home_page_names_the_account_whatever_case_the_username_was_typed_in(
    portal_client: SignupClient,
) -> None:
    """Kills ``records.x_log_in__mutmut_18, _19``: the signed-in page says who is logged in."""
    activate(portal_client)
    home = portal_client.post("/login", {"username": "MARIA.OBRIEN", "password": EXAMPLE_CREDENTIALS["password"]})
    assert heading(home) == "Welcome, María-José"
    assert "You are logged in as <strong>maria.obrien</strong>." in home.get_data(as_text=True)


def test_the_stored_account_is_found_ignoring_case(portal_app: Flask, portal_client: SignupClient) -> None:
    """Kills ``records.x_get_account__mutmut_1``: the account the CEC made is stored, as typed."""
    activate(portal_client)
    response = portal_app.test_client().get("/__mock__/accounts/Maria.OBrien", headers=TOKEN)
    assert response.status_code == 200
    account = response.get_json()
    assert account["username"] == "maria.obrien"
    assert account["first_name"] == "María-José"
    assert account["delegation_code"] == "SJ5Nen"


def test_a_new_delegation_code_is_six_letters_and_digits_like_the_guides(portal_app: Flask) -> None:
    """Kills ``records.x__make_code__mutmut_3, _6, _9, _10``: a code like SJ5Nen, with both a letter and a digit.

    Thirty codes: a code made of letters alone comes one time in three, so a mutant that lets one
    through is all but certain to show.
    """
    client = portal_app.test_client()
    codes = [new_record(client)[1]["code"] for _ in range(30)]
    for code in codes:
        assert re.fullmatch(r"[A-Za-z0-9]{6}", code), code
        assert any(ch.isalpha() for ch in code), code
        assert any(ch.isdigit() for ch in code), code


@pytest.mark.parametrize(("drawn", "number"), [("lowest", "100"), ("highest", "999")])
def test_a_new_business_name_ends_in_a_three_digit_number(
    portal_app: Flask, monkeypatch: pytest.MonkeyPatch, drawn: str, number: str,
) -> None:
    """Kills ``records.x__make_business_name__mutmut_4, _6, _7``: e.g. "Golden Bay Family Clinic 512",
    the number from 100 to 999. The draw is pinned to its lowest and highest value, since a
    mutant that reaches 1000 shows in one name in 900.
    """
    monkeypatch.setattr(secrets, "randbelow", lambda n: 0 if drawn == "lowest" else n - 1)
    name = new_record(portal_app.test_client())[1]["business_name"]
    assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+ [0-9]+", name), name
    assert name.rsplit(" ", 1)[1] == number, name


def test_with_a_costlier_password_hash_the_cec_still_logs_in(tmp_path: Path) -> None:
    """Kills ``records.x_check_secret__mutmut_16``: at the mock's ``--hash-cost 15`` (32 MiB per
    hash) logging in must still work, so the check may use as much memory as the hashing did.
    """
    path = tmp_path / "portal.sqlite3"
    app = create_app({"DATABASE": str(path), "ADMIN_TOKEN": "test-admin-token", "HASH_COST": 15})
    conn = db.connect(path)
    try:
        records.ensure_example_record(conn)
    finally:
        conn.close()
    client = SignupClient(app.test_client())
    activate(client)
    home = client.post("/login", {"username": "maria.obrien", "password": EXAMPLE_CREDENTIALS["password"]})
    assert errors(home) == []
    assert heading(home) == "Welcome, María-José"


def test_a_wrong_password_is_li_601(portal_client: SignupClient) -> None:
    """The check says no to a wrong password (the cost test above must not pass by saying yes)."""
    activate(portal_client)
    page = portal_client.post("/login", {"username": "maria.obrien", "password": "Sunny-Days43"})
    assert errors(page) == [LI_601]
    assert heading(page) == "Log In"


def test_a_record_that_cannot_be_made_is_refused_naming_the_field(portal_app: Flask) -> None:
    """Kills ``records.xǁRecordErrorǁ__init____mutmut_1..4``: the suite, about to send a CEC a
    delegation email, learns which field is wrong, and a taken code is a conflict (409), not a 400.
    """
    client = portal_app.test_client()
    assert new_record(client, status="lost") == (
        400, {"error": "status must be one of issued, used, expired", "field": "status"},
    )
    assert new_record(client, code="SJ5Nen") == (
        409, {"error": "a delegation with code 'SJ5Nen' already exists", "field": "code"},
    )


def test_the_stored_record_shows_it_used_once_the_account_is_made(
    portal_app: Flask, portal_client: SignupClient,
) -> None:
    """Kills ``records.xǁDelegationǁas_json__mutmut_1..12``: the record behind the CEC's delegation
    email, as the suite reads it back, keeps the three values as issued and says "used".
    """
    activate(portal_client)
    response = portal_app.test_client().get("/__mock__/delegations/SJ5Nen", headers=TOKEN)
    assert response.status_code == 200
    record = response.get_json()
    assert sorted(record) == ["business_name", "cert_number", "code", "expires_at", "issued_at", "status"]
    assert {key: record[key] for key in ("code", "business_name", "cert_number", "status")} == {
        **records.EXAMPLE_RECORD, "status": "used",
    }
    assert record["issued_at"] < record["expires_at"]


def test_a_new_record_never_reuses_a_code_name_or_number_already_issued(
    portal_app: Flask, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Kills ``records.x__unique__mutmut_3, _4``: each generated value is checked against the records
    already issued (here the guide's example), so two CECs never get the same delegation email.
    """
    fresh = {"code": "Ab3def", "business_name": "Golden Bay Family Clinic 512", "cert_number": "512345678"}
    for field, maker in (("code", "_make_code"), ("business_name", "_make_business_name"),
                         ("cert_number", "_make_cert_number")):
        drawn = iter([records.EXAMPLE_RECORD[field], fresh[field]])
        monkeypatch.setattr(records, maker, lambda drawn=drawn: next(drawn))
    status, record = new_record(portal_app.test_client())
    assert status == 201
    assert {field: record[field] for field in fresh} == fresh


def test_a_new_certification_number_is_nine_digits_like_the_guides(portal_app: Flask) -> None:
    """Kills ``records.x__make_cert_number__mutmut_2, _4, _7``: like 500000142, nine digits from a 5."""
    client = portal_app.test_client()
    for _ in range(5):
        number = new_record(client)[1]["cert_number"]
        assert re.fullmatch(r"5[0-9]{8}", number), number


# Verify Your Information (guide step 7). The portal's own HTTP tests never read this page: a
# changed label, a lost or doubled row, an unmasked secret or a state code instead of its name
# all passed. A CEC reads exactly this page before pressing Confirm. Kills
# ``mock_portal.verify_information.x__summary__mutmut_*`` (labels, row order, ``email_confirm``
# left out, the three security questions, the state's name, the masks, the Edit links).
_GROUP = re.compile(r'<h2 id="(?P<id>[^"]+)-heading">(?P<heading>.*?)</h2>\s*<a href="(?P<edit>[^"]+)"', re.S)
_ROW = re.compile(r"<dt>(.*?)</dt><dd>(.*?)</dd>", re.S)
MASK = "********"


def shown(client: SignupClient) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """The page's groups (id, heading, Edit link) and its rows (label, value), in page order."""
    page = client.walk_to("verify").get_data(as_text=True)
    groups = [(m["id"], html_unescape(m["heading"]), m["edit"]) for m in _GROUP.finditer(page)]
    rows = [(html_unescape(label), html_unescape(value)) for label, value in _ROW.findall(page)]
    return groups, rows


def test_verify_your_information_shows_each_value_under_its_label_and_masks_every_secret(
    portal_client: SignupClient,
) -> None:
    groups, rows = shown(portal_client)
    assert heading(portal_client.last) == "Verify Your Information"  # type: ignore[arg-type]
    assert groups == [
        ("delegation", "Delegation", "/signup"),
        ("user-information", "User Information", "/user-info/1"),
        ("account", "Account", "/credentials"),
    ]
    info, creds = EXAMPLE_USER_INFO_1 | EXAMPLE_USER_INFO_2, EXAMPLE_CREDENTIALS
    assert rows == [
        ("Delegation Code", EXAMPLE_DELEGATION["delegation_code"]),
        ("CEE Business Legal Name", EXAMPLE_DELEGATION["business_name"]),
        ("CEC Certification #", EXAMPLE_DELEGATION["cert_number"]),
        ("First Name", info["first_name"]),
        ("Middle Initial", info["middle_initial"]),
        ("Last Name", info["last_name"]),
        ("Suffix", info["suffix"]),
        ("Date of Birth", info["date_of_birth"]),
        ("Email Address", info["email"]),
        ("Phone Number", info["phone"]),
        ("Preferred Language", info["language"]),
        ("Street Address", info["street"]),
        ("Apt/Suite", info["apt"]),
        ("City", info["city"]),
        ("State", "California"),
        ("ZIP Code", info["zip"]),
        ("County", info["county"]),
        ("Username", creds["username"]),
        ("Password", MASK),
        ("Security Question 1", creds["question1"]),
        ("Answer 1", MASK),
        ("Security Question 2", creds["question2"]),
        ("Answer 2", MASK),
        ("Security Question 3", creds["question3"]),
        ("Answer 3", MASK),
    ]


def test_no_password_or_security_answer_is_ever_written_on_verify(portal_client: SignupClient) -> None:
    page = portal_client.walk_to("verify").get_data(as_text=True)
    for secret in (EXAMPLE_CREDENTIALS["password"], *(EXAMPLE_CREDENTIALS[f"answer{n}"] for n in (1, 2, 3))):
        assert secret not in page


# Username & Password's password rules (guide step 6), at their edges. Kills
# ``mock_portal.username_password.x_check_password__mutmut_5, _6`` (the 50-character limit),
# ``_27, _28, _29`` (three kinds of character are enough, two are not) and the mutants that move
# a CR-403 off the Password field (``_8, _14, _15, _31, _37, _38, _51, _57, _58, _71, _77, _78``):
# the error must mark the field the CEC has to correct.
THREE_OF = (
    "Password must include at least three of: an uppercase letter, a lowercase letter, a number, "
    "a special character. (CR-403)"
)
LENGTH = "Password must be 8 to 50 characters. (CR-403)"
_PASSWORD_INPUT = re.compile(r'<input[^>]*\bid="password"[^>]*>')


def choose_password(client: SignupClient, password: str) -> tuple[list[str], str]:
    """Post Username & Password with ``password`` typed twice: the errors and the page's heading."""
    client.walk_to("credentials")
    page = client.post("/credentials", {**EXAMPLE_CREDENTIALS, "password": password, "password_confirm": password})
    return errors(page), heading(page)


@pytest.mark.parametrize(("password", "expected"), [
    (("Zq7-plum-Kite" * 4)[:50], []),
    (("Zq7-plum-Kite" * 4)[:51], [LENGTH]),
    ("zq7-plum-kite", []),
    ("Zq7plumKite", []),
    ("ZqPlumKiteAb", [THREE_OF]),
    ("zqplum-kite!", [THREE_OF]),
])
def test_a_password_at_the_edge_of_each_rule(portal_client: SignupClient, password: str, expected: list[str]) -> None:
    found, shown = choose_password(portal_client, password)
    assert found == expected
    assert shown == ("Verify Your Information" if not expected else "Username & Password")


@pytest.mark.parametrize("password", ["Ab1!", "alllowercase", "Qwerty1!", "xMaria.OBrien9"])
def test_each_broken_password_rule_marks_the_password_field(portal_client: SignupClient, password: str) -> None:
    found, _ = choose_password(portal_client, password)
    assert found, "the password was refused"
    page = portal_client.last.get_data(as_text=True)  # type: ignore[union-attr]
    field = _PASSWORD_INPUT.search(page)
    assert field is not None
    assert 'aria-invalid="true"' in field.group(0)


def test_the_stored_hashes_use_the_portal_s_hash_cost(portal_app: Flask, portal_db_path: Path) -> None:
    """Kills ``username_password.x_hash_cost__mutmut_3, _4, _5`` and ``x_hashed_credentials__mutmut_10,
    _19``: ``--hash-cost`` (``HASH_COST``) is what the account's password and answers are hashed
    with (N = 2**cost is kept in each hash), not the mock's default.
    """
    portal_app.config["HASH_COST"] = 5
    activate(SignupClient(portal_app.test_client()))
    conn = db.connect(portal_db_path)
    try:
        row = conn.execute("SELECT password_hash, answer1_hash FROM accounts").fetchone()
    finally:
        conn.close()
    assert [value.split("$")[1] for value in row] == [str(2**5), str(2**5)]


# Username & Password: each required field, the username rule, the confirmation and the questions.
# Every refusal names its own code and marks the field the CEC has to correct (aria-invalid, the
# inline message beside it), and a missing value is one message, not also the rule it then breaks.
_INVALID = re.compile(r'<(?:input|select)\b[^>]*\bid="([^"]+)"[^>]*\baria-invalid="true"')
USERNAME_RULE = (
    "Username must be 8 to 50 characters, start with a letter, and use only letters, numbers, "
    "and . _ - @ (CR-402)"
)


ANSWER_100 = ("Rex the border collie from Fresno " * 4)[:100]
SAME_QUESTION = "Choose three different security questions. (CR-405)"


def invalid_fields(page: str) -> list[str]:
    """The ids of the fields a page marks invalid, in page order."""
    return _INVALID.findall(page)


@pytest.mark.parametrize(("typed", "expected", "marked"), [
    pytest.param({"username": ""}, ["Username is required. (CR-402)"], ["username"], id="no-username"),
    pytest.param({"username": "1maria.obrien"}, [USERNAME_RULE], ["username"], id="username-from-a-digit"),
    pytest.param({"password": "", "password_confirm": ""},
                 ["Password is required. (CR-403)", "Confirm Password is required. (CR-404)"],
                 ["password", "password_confirm"], id="no-password"),
    pytest.param({"password_confirm": ""}, ["Confirm Password is required. (CR-404)"], ["password_confirm"],
                 id="no-confirmation"),
    pytest.param({"password_confirm": "Sunny-Days43"}, ["Passwords do not match. (CR-404)"], ["password_confirm"],
                 id="confirmation-differs"),
    pytest.param({"question1": "What is your favourite colour?"},
                 ["Security Question 1 must be one of the listed questions. (CR-405)"], ["question1"],
                 id="question-not-listed"),
    pytest.param({"answer1": "Re"}, ["Answer 1 must be 3 to 100 characters. (CR-405)"], ["answer1"],
                 id="answer-too-short"),
    pytest.param({"answer1": ANSWER_100}, [], [], id="hundred-character-answer"),
    pytest.param({"answer1": ANSWER_100 + "s"}, ["Answer 1 must be 3 to 100 characters. (CR-405)"], ["answer1"],
                 id="hundred-and-one-character-answer"),
    pytest.param({"question2": EXAMPLE_CREDENTIALS["question1"]}, [SAME_QUESTION], ["question2"],
                 id="second-question-repeats-the-first"),
    pytest.param({"question3": EXAMPLE_CREDENTIALS["question1"]}, [SAME_QUESTION], ["question3"],
                 id="third-question-repeats-the-first"),
])
def test_each_credentials_mistake_is_its_own_code_on_its_own_field(
    portal_client: SignupClient, typed: dict[str, str], expected: list[str], marked: list[str],
) -> None:
    """Kills ``username_password.x_check_credentials__mutmut_2..13, _21`` (each missing field's code),
    ``_44, _45, _68, _69, _77, _78`` (a missing value also judged by the rule it then breaks) and
    ``_50, _56, _57, _84, _90, _91, _112, _134, _148, _154`` (the message on no field, or on another
    field than the one to correct) and ``_131, _132`` (an answer of 100 characters passes, 101 do not).
    """
    portal_client.walk_to("credentials")
    page = portal_client.post("/credentials", {**EXAMPLE_CREDENTIALS, **typed})
    assert heading(page) == ("Username & Password" if expected else "Verify Your Information")
    assert errors(page) == expected
    assert invalid_fields(page.get_data(as_text=True)) == marked


def second_cec(portal_app: Flask) -> SignupClient:
    """Another CEC with a delegation email of their own, walked to *Username & Password*."""
    _, record = new_record(portal_app.test_client())
    client = SignupClient(portal_app.test_client())
    client.walk_to("credentials", delegation={
        "delegation_code": record["code"], "business_name": record["business_name"],
        "cert_number": record["cert_number"],
    })
    return client


def test_a_username_already_taken_is_cr_401_on_the_username_field(
    portal_app: Flask, portal_client: SignupClient,
) -> None:
    """Kills ``messages.x_problem__mutmut_9``: CR-401 belongs to the Username field, which the page marks."""
    activate(portal_client)
    other = second_cec(portal_app)
    page = other.post("/credentials", {**EXAMPLE_CREDENTIALS, "username": "Maria.OBrien"})
    assert errors(page) == ["That username is already taken. Choose a different username. (CR-401)"]
    assert invalid_fields(page.get_data(as_text=True)) == ["username"]


def test_after_something_went_wrong_at_confirm_the_same_post_is_not_replayed(
    portal_client: SignupClient, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Kills ``records.x_confirm_account__mutmut_112, _113``: when Confirm fails unexpectedly (the
    database busy past its timeout), the transaction is rolled back there and then, so the rest of
    the request still counts: the form's token is used up (a replay is SS-903, as the spec says)
    and the CEC, reloading *Verify Your Information*, confirms once the portal recovers.
    """
    portal_client.walk_to("verify")

    def busy(*_args: object) -> bool:
        raise sqlite3.OperationalError("database is locked")

    with monkeypatch.context() as patch:
        patch.setattr(records, "username_taken", busy)
        failed = portal_client.post("/verify", {})
    assert failed.status_code == 500
    assert heading(failed) == "Something went wrong"
    replayed = portal_client.post("/verify", {})
    assert heading(replayed) == "Request not accepted"
    assert "(SS-903)" in replayed.get_data(as_text=True)
    assert heading(portal_client.get("/verify")) == "Verify Your Information"
    confirmed = portal_client.post("/verify", {}).get_data(as_text=True)
    assert "Your CoveredCA.com account has been created." in confirmed


# User Information at the edges of its lengths (portal-spec.md: names 1-50 characters) and the
# street rule's character list, which names no underscore.
NAME_RULE = "{} may contain only letters, spaces, apostrophes, hyphens and periods. (UI-302)"
STREET_RULE = "Street Address may contain only letters, numbers, spaces and . , ' # / - (UI-302)"


@pytest.mark.parametrize(("changes", "expected"), [
    pytest.param({"first_name": "J"}, [], id="one-letter-first-name"),
    pytest.param({"last_name": ("Oakes-Whitfield " * 4)[:50]}, [], id="fifty-character-last-name"),
    pytest.param({"last_name": ("Oakes-Whitfield " * 4)[:49] + "xy"}, [NAME_RULE.format("Last Name")],
                 id="fifty-one-character-last-name"),
])
def test_a_name_of_one_to_fifty_characters_is_accepted(
    portal_client: SignupClient, changes: dict[str, str], expected: list[str],
) -> None:
    """Kills ``user_information.x_is_name__mutmut_3, _4, _5``: 1 and 50 characters are inside the rule."""
    portal_client.walk_to("user-info-1")
    page = portal_client.post("/user-info/1", {**EXAMPLE_USER_INFO_1, **changes})
    assert errors(page) == expected
    assert heading(page) == ("User Information (2 of 2)" if not expected else "User Information (1 of 2)")


@pytest.mark.parametrize(("changes", "expected"), [
    pytest.param({"apt": "B"}, [], id="one-character-suite"),
    pytest.param({"street": ("1601 Exposition Blvd. " * 5)[:100]}, [], id="hundred-character-street"),
    pytest.param({"street": ("1601 Exposition Blvd. " * 5)[:100] + "5"}, [STREET_RULE], id="101-character-street"),
    pytest.param({"street": "1601 Exposition_Blvd."}, [STREET_RULE], id="underscore-in-street"),
])
def test_a_street_address_at_its_edges(
    portal_client: SignupClient, changes: dict[str, str], expected: list[str],
) -> None:
    """Kills ``user_information.x__is_street__mutmut_4, _5, _6, _11`` and ``x_check_user_info_2__mutmut_54``:
    a one-character Apt/Suite and a 100-character Street Address pass; 101 characters or an underscore
    (not in the rule's list of characters) do not.
    """
    portal_client.walk_to("user-info-2")
    page = portal_client.post("/user-info/2", {**EXAMPLE_USER_INFO_2, **changes})
    assert errors(page) == expected
    assert heading(page) == ("Username & Password" if not expected else "User Information (2 of 2)")


LONGEST_EMAIL = "m" * (254 - len("@example.org")) + "@example.org"
NAME_RULE_1 = NAME_RULE.format("First Name")


@pytest.mark.parametrize(("changes", "expected", "marked"), [
    pytest.param({"first_name": "Ana1"}, [NAME_RULE_1], ["first_name"], id="digit-in-first-name"),
    pytest.param({"last_name": "Smith_"}, [NAME_RULE.format("Last Name")], ["last_name"], id="underscore-in-last-name"),
    pytest.param({"middle_initial": "AB"}, ["Middle Initial must be one letter. (UI-302)"], ["middle_initial"],
                 id="two-letter-initial"),
    pytest.param({"suffix": "Esq."}, ["Select a Suffix from the list. (UI-302)"], ["suffix"], id="suffix-not-listed"),
    pytest.param({"date_of_birth": "02/30/1985"}, ["Enter a valid Date of Birth (MM/DD/YYYY). (UI-302)"],
                 ["date_of_birth"], id="no-such-date"),
    pytest.param({"date_of_birth": "1985-04-12"}, ["Enter a valid Date of Birth (MM/DD/YYYY). (UI-302)"],
                 ["date_of_birth"], id="not-mm-dd-yyyy"),
    pytest.param({"date_of_birth": f"04/12/{date.today().year - 10}"}, ["You must be at least 18 years old. (UI-304)"],
                 ["date_of_birth"], id="ten-years-old"),
    pytest.param({"email": "maria.example.org"},
                 ["Enter a valid Email Address. (UI-302)", "Email addresses do not match. (UI-303)"],
                 ["email", "email_confirm"], id="email-without-at"),
    pytest.param({"email_confirm": "maria.example.org"}, ["Enter a valid Confirm Email Address. (UI-302)"],
                 ["email_confirm"], id="confirmation-without-at"),
    pytest.param({"email_confirm": "other@example.org"}, ["Email addresses do not match. (UI-303)"],
                 ["email_confirm"], id="emails-differ"),
    pytest.param({"email": LONGEST_EMAIL, "email_confirm": LONGEST_EMAIL}, [], [], id="254-character-email"),
    pytest.param({"email": "m" + LONGEST_EMAIL, "email_confirm": "m" + LONGEST_EMAIL},
                 ["Enter a valid Email Address. (UI-302)", "Enter a valid Confirm Email Address. (UI-302)"],
                 ["email", "email_confirm"], id="255-character-email"),
    pytest.param({"phone": "916-555-010"}, ["Enter a valid Phone Number with 10 digits. (UI-302)"], ["phone"],
                 id="nine-digit-phone"),
    pytest.param({"phone": "(916) . 555 - . 0100"}, [], [], id="20-character-phone"),
    pytest.param({"phone": "(916) . 555 -  . 0100"},
                 ["Enter a valid Phone Number with 10 digits. (UI-302)"], ["phone"], id="21-character-phone"),
    pytest.param({"language": "Klingon"}, ["Select a Preferred Language from the list. (UI-302)"], ["language"],
                 id="language-not-listed"),
])
def test_each_user_information_1_mistake_marks_its_own_field(
    portal_client: SignupClient, changes: dict[str, str], expected: list[str], marked: list[str],
) -> None:
    """Kills the mutants that move a UI-302/303/304 off its field (to none, or to a field not on the page):
    ``user_information.x_check_user_info_1__mutmut_28, _50, _56, _57, _73, _79, _80, _123, _129, _130, _145,
    _151, _152, _163, _169, _170, _197, _203, _204, _218, _224, _225`` and ``x_check_date_of_birth__mutmut_4,
    _10, _11, _42, _48, _49``; and those of the 254-character email and 20-character phone limits
    (``x_check_user_info_1__mutmut_118, _119, _140, _141, _189, _190, _191``).
    """
    portal_client.walk_to("user-info-1")
    page = portal_client.post("/user-info/1", {**EXAMPLE_USER_INFO_1, **changes})
    assert errors(page) == expected
    assert invalid_fields(page.get_data(as_text=True)) == marked
    assert heading(page) == ("User Information (1 of 2)" if expected else "User Information (2 of 2)")


@pytest.mark.parametrize(("changes", "expected", "marked"), [
    pytest.param({"street": ""}, ["Street Address is required. (UI-301)"], ["street"], id="no-street"),
    pytest.param({"county": ""}, ["County is required. (UI-301)"], ["county"], id="no-county-in-california"),
    pytest.param({"city": ""}, ["City is required. (UI-301)"], ["city"], id="no-city"),
    pytest.param({"state": ""}, ["State is required. (UI-301)"], ["state"], id="no-state"),
    pytest.param({"zip": ""}, ["ZIP Code is required. (UI-301)"], ["zip"], id="no-zip"),
    pytest.param({"street": "1 Main St; DROP"}, [STREET_RULE], ["street"], id="semicolon-in-street"),
    pytest.param({"apt": "Suite 4; B"}, [STREET_RULE.replace("Street Address", "Apt/Suite")], ["apt"],
                 id="semicolon-in-suite"),
    pytest.param({"apt": "Suite 4, Building 12"}, [], [], id="20-character-suite"),
    pytest.param({"apt": "Suite 4, Building 12B"}, [STREET_RULE.replace("Street Address", "Apt/Suite")], ["apt"],
                 id="21-character-suite"),
    pytest.param({"city": "Sacramento 2"}, [NAME_RULE.format("City")], ["city"], id="digit-in-city"),
    pytest.param({"state": "ZZ"}, ["Select a State from the list. (UI-302)"], ["state"], id="state-not-listed"),
    pytest.param({"zip": "9581"}, ["Enter a valid ZIP Code (12345 or 12345-6789). (UI-302)"], ["zip"],
                 id="four-digit-zip"),
    pytest.param({"county": "Atlantis"}, ["Select a County from the list. (UI-302)"], ["county"],
                 id="county-not-listed"),
])
def test_each_user_information_2_mistake_marks_its_own_field(
    portal_client: SignupClient, changes: dict[str, str], expected: list[str], marked: list[str],
) -> None:
    """Kills the ``user_information.x_check_user_info_2`` mutants that move a UI-301/302 off its field
    (``_24, _56, _62, _63, _83, _89, _90, _102, _108, _109, _123, _129, _130, _145, _151, _152, _173, _179,
    _180``), that judge a missing value by its rule too (``_44, _45, _93..95, _115..117, _136..138``), drop
    the Apt/Suite rule or change its words (``_67, _69, _71, _72, _84, _85, _91, _92``) or its 20-character
    limit (``_81``).
    """
    portal_client.walk_to("user-info-2")
    page = portal_client.post("/user-info/2", {**EXAMPLE_USER_INFO_2, **changes})
    assert errors(page) == expected
    assert invalid_fields(page.get_data(as_text=True)) == marked
    assert heading(page) == ("User Information (2 of 2)" if expected else "Username & Password")


def test_a_form_sent_without_its_optional_fields_takes_them_as_left_empty(portal_client: SignupClient) -> None:
    """Kills ``user_information.x__cleaned__mutmut_9, _11, _12``: a browser leaves out a field it does not
    send (a disabled one, an older copy of the page), and the portal takes it as empty, not as an error.
    """
    portal_client.walk_to("user-info-1")
    optional = ("middle_initial", "suffix")
    page = portal_client.post("/user-info/1", {k: v for k, v in EXAMPLE_USER_INFO_1.items() if k not in optional})
    assert errors(page) == []
    assert heading(page) == "User Information (2 of 2)"
    page = portal_client.post("/user-info/2", {k: v for k, v in EXAMPLE_USER_INFO_2.items() if k != "apt"})
    assert errors(page) == []
    assert heading(page) == "Username & Password"


class FixedDay(date):
    """The portal's calendar held on one day, so a birthday falls on "today" whatever day the test runs."""

    @classmethod
    def today(cls) -> FixedDay:
        return cls(2026, 3, 15)


@pytest.mark.parametrize(("born", "expected"), [
    pytest.param("03/15/2008", [], id="eighteenth-birthday-today"),
    pytest.param("03/15/2026", ["You must be at least 18 years old. (UI-304)"], id="born-today"),
])
def test_the_age_limit_on_the_day_itself(
    portal_client: SignupClient, monkeypatch: pytest.MonkeyPatch, born: str, expected: list[str],
) -> None:
    """Kills ``user_information.x__age_on__mutmut_3`` (a CEC turning 18 today is 18) and
    ``x_check_date_of_birth__mutmut_29`` (a date of birth of today is a real date, of someone under 18).
    """
    monkeypatch.setattr(user_information, "date", FixedDay)
    portal_client.walk_to("user-info-1")
    page = portal_client.post("/user-info/1", {**EXAMPLE_USER_INFO_1, "date_of_birth": born})
    assert errors(page) == expected


# --- the admin API's delegation requests (records.create_delegation) ----------------------
# The suite sends every CEC's delegation email through ``POST /__mock__/delegations``; a test writer's
# mistake there must come back as a 400 naming the field, never as a record other than the one asked
# for (an empty code quietly replaced by a generated one, a given time ignored).

RECORD_FIELDS = ("code", "business_name", "cert_number", "status", "expires_at", "issued_at")


@pytest.mark.parametrize("value", ["", 42], ids=["empty", "not-a-string"])
@pytest.mark.parametrize("field", RECORD_FIELDS)
def test_a_delegation_field_given_empty_or_not_as_text_is_refused_naming_it(
    portal_app: Flask, field: str, value: object,
) -> None:
    """Kills ``records.x_create_delegation__mutmut_1..14`` (a field left out of the check, or the
    check reading no field), ``_17, _20`` (an empty or non-text value let through: an empty code
    became a generated one, 42 became "42") and ``_21..24`` (the refusal's field and words).
    """
    assert new_record(portal_app.test_client(), **{field: value}) == (
        400, {"error": f"{field} must be a non-empty string", "field": field},
    )


@pytest.mark.parametrize("field", ["issued_at", "expires_at"])
def test_a_time_that_is_not_iso_8601_is_refused_naming_its_field(portal_app: Flask, field: str) -> None:
    """Kills ``records.x__moment__mutmut_8..11`` (the refusal's field and words) and
    ``x_create_delegation__mutmut_44, _49, _50`` (issued_at not read) and ``_51..53`` (expires_at not
    read): a time the suite got wrong is refused, not replaced by now or by the 30-day default.
    """
    assert new_record(portal_app.test_client(), **{field: "next Tuesday"}) == (
        400, {"error": f"{field} must be an ISO 8601 timestamp between years 1 and 9999 (UTC)", "field": field},
    )


def test_an_issued_at_too_late_for_the_30_day_validity_is_refused_naming_it(portal_app: Flask) -> None:
    """Kills ``records.x_create_delegation__mutmut_66..74``: the refusal's words and field."""
    assert new_record(portal_app.test_client(), issued_at="9999-12-15T00:00:00+00:00") == (
        400, {"error": "issued_at leaves no room for the 30-day validity; give expires_at", "field": "issued_at"},
    )


def test_a_record_is_valid_30_days_from_its_issue_unless_an_expiry_is_given(portal_app: Flask) -> None:
    """Kills ``records.x_create_delegation__mutmut_44, _49, _50`` (a given issued_at ignored) and
    ``_51..53`` (a given expires_at ignored): the times the suite asks for are the ones stored.
    """
    client = portal_app.test_client()
    status, record = new_record(client, issued_at="2030-01-01T08:00:00+00:00")
    assert status == 201
    assert (record["issued_at"], record["expires_at"]) == ("2030-01-01T08:00:00+00:00", "2030-01-31T08:00:00+00:00")
    status, record = new_record(client, issued_at="2030-01-01T08:00:00+00:00", expires_at="2030-01-02T09:30:00+00:00")
    assert status == 201
    assert (record["issued_at"], record["expires_at"]) == ("2030-01-01T08:00:00+00:00", "2030-01-02T09:30:00+00:00")


def test_the_guide_s_example_record_is_made_once_and_valid_for_ten_years(portal_db_path: Path) -> None:
    """Kills ``records.x_ensure_example_record__mutmut_1, _3`` (a second start of the portal on the
    same database refused SJ5Nen as a duplicate) and ``_13, _14, _18`` (valid 30 days, or a day more).
    """
    db.init_db(portal_db_path)
    conn = db.connect(portal_db_path)
    try:
        before = datetime.now(UTC).replace(microsecond=0)
        first = records.ensure_example_record(conn)
        after = datetime.now(UTC)
        assert records.ensure_example_record(conn) == first
    finally:
        conn.close()
    assert {"code": first.code, "business_name": first.business_name, "cert_number": first.cert_number} == (
        records.EXAMPLE_RECORD
    )
    assert before <= datetime.fromisoformat(first.expires_at) - timedelta(days=3650) <= after


def test_a_code_is_expired_from_the_instant_of_its_expiry(
    portal_client: SignupClient, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Kills ``records.xǁDelegationǁis_expired__mutmut_6``: a CEC who signs up at the second the code
    expires gets DC-104 (the record's expires_at is its first invalid instant); a second earlier, it works.
    """
    expires = datetime(2030, 1, 31, 8, 0, tzinfo=UTC)
    status, record = new_record(
        portal_client.client, issued_at="2030-01-01T08:00:00+00:00", expires_at=expires.isoformat(),
    )
    assert status == 201
    values = {"delegation_code": record["code"], "business_name": record["business_name"],
              "cert_number": record["cert_number"]}
    monkeypatch.setattr(records, "utcnow", lambda: expires - timedelta(seconds=1))
    portal_client.open_signup_link()
    assert heading(portal_client.post("/signup", values)) == "Use of the Website"
    monkeypatch.setattr(records, "utcnow", lambda: expires)
    portal_client.open_signup_link()
    assert errors(portal_client.post("/signup", values)) == [
        "This delegation code has expired. Contact your Certified Enrollment Entity for a new code. (DC-104)"
    ]
