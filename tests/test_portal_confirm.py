"""Guide step 7's Confirm is atomic: the record goes from issued to used and the account appears, or nothing."""

from __future__ import annotations

import http.cookiejar
import json
import re
import sqlite3
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from mock_portal.server import RunningPortal
from mock_portal.testing import EXAMPLE_CREDENTIALS, SignupClient, errors, heading, html_unescape

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
ITEM = re.compile(r'<li id="error-\d+">(.*?)</li>', re.S)


def scalar(path: Path, sql: str) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def execute(path: Path, sql: str, params: tuple[object, ...] = ()) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


ORPHANS = ("SELECT count(*) FROM delegations d WHERE d.status = 'used' AND NOT EXISTS "
           "(SELECT 1 FROM accounts a WHERE a.delegation_code = d.code)")


def test_confirm_creates_the_account_and_uses_the_record(portal_client: SignupClient, portal_db_path: Path) -> None:
    portal_client.walk_to("verify")
    assert scalar(portal_db_path, "SELECT count(*) FROM accounts") == 0
    portal_client.post("/verify", {})
    assert scalar(portal_db_path, "SELECT status FROM delegations WHERE code = 'SJ5Nen'") == "used"
    assert scalar(portal_db_path, "SELECT username FROM accounts") == "maria.obrien"
    stored = str(scalar(portal_db_path, "SELECT password_hash || answer1_hash FROM accounts"))
    assert stored.startswith("scrypt$")
    assert "Sunny-Days42" not in stored
    assert "Rex" not in stored


@pytest.mark.parametrize(('sql', 'code'), [
    ("UPDATE delegations SET status = 'used'", "DC-103"),
    ("UPDATE delegations SET status = 'expired'", "DC-104"),
    ("UPDATE delegations SET expires_at = '2001-01-01T00:00:00+00:00'", "DC-104"),
])
def test_record_changed_before_confirm_creates_nothing(
    portal_client: SignupClient, portal_db_path: Path, sql: str, code: str
) -> None:
    portal_client.walk_to("verify")
    execute(portal_db_path, sql)
    page = portal_client.post("/verify", {})
    assert heading(page) == "Verify Your Information"
    assert [e[-8:] for e in errors(page)] == [f"({code})"]
    assert scalar(portal_db_path, "SELECT count(*) FROM accounts") == 0


def test_username_taken_before_confirm_is_cr_401_and_creates_nothing(
    portal_client: SignupClient, portal_db_path: Path
) -> None:
    portal_client.walk_to("verify")
    execute(portal_db_path, "INSERT INTO delegations VALUES ('Other1', 'B', '511111111', 'used', '2024-01-01', "
                            "'2999-01-01')")
    columns = ("username, password_hash, first_name, middle_initial, last_name, suffix, date_of_birth, email, phone,"
               " language, street, apt, city, state, zip, county, question1, answer1_hash, question2, answer2_hash,"
               " question3, answer3_hash, delegation_code, created_at")
    values = ("MARIA.OBRIEN", "x", *("v" * 20), "Other1", "2024-01-01")
    execute(portal_db_path, f"INSERT INTO accounts ({columns}) VALUES ({', '.join('?' * 24)})", values)
    page = portal_client.post("/verify", {})
    assert errors(page) == ["That username is already taken. Choose a different username. (CR-401)"]
    assert scalar(portal_db_path, "SELECT status FROM delegations WHERE code = 'SJ5Nen'") == "issued"
    assert scalar(portal_db_path, "SELECT count(*) FROM accounts") == 1


def test_username_unique_index_ignores_case(portal_db_path: Path, portal_client: SignupClient) -> None:
    execute(portal_db_path, "INSERT INTO delegations VALUES ('A1', 'B', '5', 'used', 'x', 'y')")
    execute(portal_db_path, "INSERT INTO delegations VALUES ('A2', 'B', '5', 'used', 'x', 'y')")
    row = ("x", *("v" * 21))
    sql = ("INSERT INTO accounts (username, password_hash, first_name, middle_initial, last_name, suffix,"
           " date_of_birth, email, phone, language, street, apt, city, state, zip, county, question1, answer1_hash,"
           " question2, answer2_hash, question3, answer3_hash, delegation_code, created_at)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    execute(portal_db_path, sql, ("Same.Name1", *row[1:], "A1", "t"))
    with pytest.raises(sqlite3.IntegrityError):
        execute(portal_db_path, sql, ("same.name1", *row[1:], "A2", "t"))


class Browserless:
    """A cookie-keeping HTTP client against a real server (urllib follows POST-redirect-GET)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = ""

    def _read(self, request: urllib.request.Request | str) -> str:
        with self.opener.open(request, timeout=30) as response:
            body: str = response.read().decode()
        match = TOKEN.search(body)
        if match:
            self.token = match.group(1)
        return body

    def get(self, path: str) -> str:
        return self._read(f"{self.base_url}{path}")

    def post(self, path: str, form: dict[str, str]) -> str:
        data = urllib.parse.urlencode({**form, "csrf_token": self.token}).encode()
        return self._read(urllib.request.Request(f"{self.base_url}{path}", data=data, method="POST"))


def _walk_to_verify(client: Browserless, record: dict[str, str], username: str) -> None:
    from cec.link import SIGN_UP_LINK as SIGNUP_LINK
    from mock_portal.testing import EXAMPLE_USER_INFO_1, EXAMPLE_USER_INFO_2

    client.get(SIGNUP_LINK)
    client.post("/signup", {"delegation_code": record["code"], "business_name": record["business_name"],
                            "cert_number": record["cert_number"]})
    client.get("/terms/document")
    client.post("/terms", {"terms_viewed": "1", "agree": "1"})
    client.post("/user-info/1", EXAMPLE_USER_INFO_1)
    client.post("/user-info/2", EXAMPLE_USER_INFO_2)
    page = client.post("/credentials", {**EXAMPLE_CREDENTIALS, "username": username})
    assert "<h1>Verify Your Information</h1>" in page


def _admin(portal: RunningPortal, method: str, path: str, body: dict[str, object] | None = None) -> object:
    request = urllib.request.Request(
        f"{portal.base_url}{path}", method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"X-Mock-Admin-Token": portal.admin_token, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.mark.parametrize(("round_number", "racers"), [(0, 2), (1, 2), (2, 2), (3, 20)])
def test_racing_confirmations_make_exactly_one_account(
    portal_server: RunningPortal, portal_db_path: Path, round_number: int, racers: int
) -> None:
    record = _admin(portal_server, "POST", "/__mock__/delegations", {})
    assert isinstance(record, dict)
    clients = [Browserless(portal_server.base_url) for _ in range(racers)]
    for number, client in enumerate(clients):
        _walk_to_verify(client, record, f"racer{round_number}.user{number:02d}")
    barrier = threading.Barrier(racers)
    pages: list[str] = [""] * racers

    def confirm(index: int) -> None:
        barrier.wait(timeout=10)
        pages[index] = clients[index].post("/verify", {})

    threads = [threading.Thread(target=confirm, args=(i,)) for i in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    created = [page for page in pages if "<h2 id=\"created-title\">Account Created</h2>" in page]
    refused = [[html_unescape(i) for i in ITEM.findall(page)] for page in pages if page not in created]
    assert len(created) == 1
    assert refused == [["This delegation code has already been used to create an account. "
                        "Contact your Certified Enrollment Entity for a new code. (DC-103)"]] * (racers - 1)
    code = record["code"]
    assert scalar(portal_db_path, f"SELECT count(*) FROM accounts WHERE delegation_code = '{code}'") == 1
    assert scalar(portal_db_path, ORPHANS) == 0
