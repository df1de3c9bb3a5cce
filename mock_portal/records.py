"""Delegation records and accounts: checking a delegation, confirming, logging in.

Passwords and security answers are kept only as salted scrypt hashes.  This is the data
layer: it answers with error codes (``ErrorCode``), never with the words a page shows.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cec.codes import ErrorCode
from mock_portal.db import from_iso, to_iso, utcnow

EXAMPLE_RECORD = {"code": "SJ5Nen", "business_name": "UAT 4.4 American Traders 3", "cert_number": "500000142"}
STATUSES = ("issued", "used", "expired")
DEFAULT_VALIDITY = timedelta(days=30)

#: scrypt's cost: N = 2**cost (the mock's --hash-cost; lower it for load tests, salting stays on).
DEFAULT_HASH_COST = 14
_SCRYPT_R, _SCRYPT_P = 8, 1
_BUSINESS_WORDS = ("Golden", "Valley", "Pacific", "Sierra", "Harbor", "Redwood", "Coastal", "Sunrise",
                   "Delta", "Mission", "Bay", "Summit")
_BUSINESS_KINDS = ("Health Partners", "Community Services", "Enrollment Group", "Family Clinic",
                   "Outreach Center", "Insurance Services")


# --- hashing -----------------------------------------------------------------------------

def hash_secret(secret: str, cost: int = DEFAULT_HASH_COST) -> str:
    """Hash a password or security answer with salted scrypt (N = 2**cost, kept in the hash)."""
    salt = secrets.token_bytes(16)
    n = 2**cost
    digest = hashlib.scrypt(secret.encode("utf-8", "surrogatepass"), salt=salt, n=n, r=_SCRYPT_R,
                            p=_SCRYPT_P, maxmem=64 * 1024 * 1024)
    return f"scrypt${n}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_secret(stored: str, secret: str) -> bool:
    """Tell whether ``secret`` matches a hash made by :func:`hash_secret`."""
    try:
        _, n, r, p, salt, digest = stored.split("$")
        candidate = hashlib.scrypt(secret.encode("utf-8", "surrogatepass"), salt=bytes.fromhex(salt),
                                   n=int(n), r=int(r), p=int(p), maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def normalise_answer(answer: str) -> str:
    """Security answers are compared trimmed and ignoring case."""
    return answer.strip().casefold()


# --- delegation records ------------------------------------------------------------------

@dataclass(frozen=True)
class Delegation:
    """A stored delegation record."""

    code: str
    business_name: str
    cert_number: str
    status: str
    issued_at: str
    expires_at: str

    def as_json(self) -> dict[str, str]:
        """Return the record as the admin API shows it."""
        return {
            "code": self.code, "business_name": self.business_name, "cert_number": self.cert_number,
            "status": self.status, "issued_at": self.issued_at, "expires_at": self.expires_at,
        }

    def is_expired(self, now: datetime | None = None) -> bool:
        """Tell whether the record is expired by status or by its expiry time."""
        return self.status == "expired" or from_iso(self.expires_at) <= (now or utcnow())


def _row_to_delegation(row: sqlite3.Row) -> Delegation:
    return Delegation(row["code"], row["business_name"], row["cert_number"], row["status"],
                      row["issued_at"], row["expires_at"])


def get_delegation(conn: sqlite3.Connection, code: str) -> Delegation | None:
    """Look a record up by its code, exactly (case-sensitive)."""
    row = conn.execute("SELECT * FROM delegations WHERE code = ?", (code,)).fetchone()
    return None if row is None else _row_to_delegation(row)


def verify_delegation(conn: sqlite3.Connection, code: str, business_name: str, cert_number: str) -> ErrorCode | None:
    """Compare the three values exactly as typed; return None when usable, else the error code."""
    record = get_delegation(conn, code)
    if (
        record is None
        or not hmac.compare_digest(record.code.encode(), code.encode())
        or record.business_name != business_name
        or record.cert_number != cert_number
    ):
        return ErrorCode.DC_MISMATCH
    if record.status == "used":
        return ErrorCode.DC_USED
    if record.is_expired():
        return ErrorCode.DC_EXPIRED
    return None


def _unique(conn: sqlite3.Connection, column: str, make: Any) -> str:
    for _ in range(1000):
        candidate: str = make()
        row = conn.execute(f"SELECT 1 FROM delegations WHERE {column} = ?", (candidate,)).fetchone()  # noqa: S608
        if row is None:
            return candidate
    raise RuntimeError(f"could not generate a unique {column}")


def _make_code() -> str:
    alphabet = string.ascii_letters + string.digits
    while True:
        code = "".join(secrets.choice(alphabet) for _ in range(6))
        if any(ch.isalpha() for ch in code) and any(ch.isdigit() for ch in code):
            return code


def _make_business_name() -> str:
    return (f"{secrets.choice(_BUSINESS_WORDS)} {secrets.choice(_BUSINESS_WORDS)} "
            f"{secrets.choice(_BUSINESS_KINDS)} {secrets.randbelow(900) + 100}")


def _make_cert_number() -> str:
    return "5" + "".join(secrets.choice(string.digits) for _ in range(8))


class RecordError(ValueError):
    """A delegation request the admin API refuses (bad field or duplicate code), naming the field."""

    def __init__(self, field: str, message: str, *, duplicate: bool = False) -> None:
        super().__init__(message)
        self.field = field
        self.duplicate = duplicate


def _moment(fields: Mapping[str, object], key: str, default: datetime) -> datetime:
    """An ISO 8601 timestamp from the request, or ``default``; one that cannot be stored is refused."""
    text = fields.get(key)
    if not text:
        return default
    try:
        moment = from_iso(str(text))
        to_iso(moment)
    except (ValueError, OverflowError) as exc:
        raise RecordError(key, f"{key} must be an ISO 8601 timestamp between years 1 and 9999 (UTC)") from exc
    return moment


def create_delegation(conn: sqlite3.Connection, fields: Mapping[str, object]) -> Delegation:
    """Store a delegation record, generating whatever ``fields`` leaves out."""
    for key in ("code", "business_name", "cert_number", "status", "expires_at", "issued_at"):
        value = fields.get(key)
        if value is not None and (not isinstance(value, str) or value == ""):
            raise RecordError(key, f"{key} must be a non-empty string")
    status = str(fields.get("status") or "issued")
    if status not in STATUSES:
        raise RecordError("status", f"status must be one of {', '.join(STATUSES)}")
    issued = _moment(fields, "issued_at", utcnow())
    if fields.get("expires_at"):
        expires = _moment(fields, "expires_at", issued)
    else:
        try:
            expires = issued + DEFAULT_VALIDITY
            to_iso(expires)
        except OverflowError:
            message = "issued_at leaves no room for the 30-day validity; give expires_at"
            raise RecordError("issued_at", message) from None
    conn.execute("BEGIN IMMEDIATE")
    try:
        code = str(fields.get("code") or _unique(conn, "code", _make_code))
        if conn.execute("SELECT 1 FROM delegations WHERE code = ?", (code,)).fetchone():
            raise RecordError("code", f"a delegation with code {code!r} already exists", duplicate=True)
        record = Delegation(
            code=code,
            business_name=str(fields.get("business_name") or _unique(conn, "business_name", _make_business_name)),
            cert_number=str(fields.get("cert_number") or _unique(conn, "cert_number", _make_cert_number)),
            status=status,
            issued_at=to_iso(issued),
            expires_at=to_iso(expires),
        )
        conn.execute(
            "INSERT INTO delegations (code, business_name, cert_number, status, issued_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (record.code, record.business_name, record.cert_number, record.status, record.issued_at,
             record.expires_at),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return record


def ensure_example_record(conn: sqlite3.Connection) -> Delegation:
    """Create the guide's example record (``SJ5Nen``) unless it exists; valid for ten years."""
    existing = get_delegation(conn, EXAMPLE_RECORD["code"])
    if existing is not None:
        return existing
    return create_delegation(conn, {**EXAMPLE_RECORD, "expires_at": to_iso(utcnow() + timedelta(days=3650))})


# --- accounts ----------------------------------------------------------------------------

ACCOUNT_COLUMNS = (
    "username", "first_name", "middle_initial", "last_name", "suffix", "date_of_birth", "email",
    "phone", "language", "street", "apt", "city", "state", "zip", "county",
    "question1", "question2", "question3", "delegation_code", "created_at",
)


def username_taken(conn: sqlite3.Connection, username: str) -> bool:
    """Tell whether an account already uses this username, ignoring case."""
    row = conn.execute("SELECT 1 FROM accounts WHERE lower(username) = lower(?)", (username,)).fetchone()
    return row is not None


def confirm_account(
    conn: sqlite3.Connection,
    delegation: Mapping[str, str],
    user_info: Mapping[str, str],
    credentials: Mapping[str, str],
) -> ErrorCode | None:
    """Activate atomically: mark the record used and create the account, or change nothing.

    Returns None on success, else the code of the reason (DC-102, DC-103, DC-104, CR-401).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        problem = verify_delegation(conn, delegation["delegation_code"], delegation["business_name"],
                                    delegation["cert_number"])
        if problem is None and username_taken(conn, credentials["username"]):
            problem = ErrorCode.CR_USERNAME_TAKEN
        if problem is not None:
            conn.execute("ROLLBACK")
            return problem
        updated = conn.execute(
            "UPDATE delegations SET status = 'used' WHERE code = ? AND status = 'issued'",
            (delegation["delegation_code"],),
        ).rowcount
        if updated != 1:
            conn.execute("ROLLBACK")
            return ErrorCode.DC_USED
        values = {
            **{key: user_info.get(key, "") for key in ACCOUNT_COLUMNS[1:15]},
            "username": credentials["username"],
            "password_hash": credentials["password_hash"],
            "question1": credentials["question1"], "answer1_hash": credentials["answer1_hash"],
            "question2": credentials["question2"], "answer2_hash": credentials["answer2_hash"],
            "question3": credentials["question3"], "answer3_hash": credentials["answer3_hash"],
            "delegation_code": delegation["delegation_code"],
            "created_at": to_iso(utcnow()),
        }
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        conn.execute(f"INSERT INTO accounts ({columns}) VALUES ({marks})", tuple(values.values()))  # noqa: S608
        conn.execute("COMMIT")
    except sqlite3.IntegrityError:
        conn.execute("ROLLBACK")
        return ErrorCode.CR_USERNAME_TAKEN
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return None


def get_account(conn: sqlite3.Connection, username: str) -> dict[str, str] | None:
    """Return an account without any hash, looked up ignoring case."""
    row = conn.execute("SELECT * FROM accounts WHERE lower(username) = lower(?)", (username,)).fetchone()
    if row is None:
        return None
    return {column: row[column] for column in ACCOUNT_COLUMNS}


def log_in(conn: sqlite3.Connection, username: str, password: str) -> dict[str, str] | None:
    """Return the account when the username and password match, else None."""
    row = conn.execute(
        "SELECT username, first_name, password_hash FROM accounts WHERE lower(username) = lower(?)",
        (username,),
    ).fetchone()
    if row is None or not check_secret(row["password_hash"], password):
        return None
    return {"username": row["username"], "first_name": row["first_name"]}

