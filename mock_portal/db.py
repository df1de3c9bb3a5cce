"""SQLite storage for the mock portal: schema, connections and small helpers.

Every query is parameterised.  Connections run in autocommit mode; the few places
that need a transaction (confirming an account, counting fault hits) open one
explicitly with ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, current_app, g

SCHEMA = """
CREATE TABLE IF NOT EXISTS delegations (
    code          TEXT PRIMARY KEY,
    business_name TEXT NOT NULL,
    cert_number   TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('issued', 'used', 'expired')),
    issued_at     TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    first_name      TEXT NOT NULL,
    middle_initial  TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    suffix          TEXT NOT NULL,
    date_of_birth   TEXT NOT NULL,
    email           TEXT NOT NULL,
    phone           TEXT NOT NULL,
    language        TEXT NOT NULL,
    street          TEXT NOT NULL,
    apt             TEXT NOT NULL,
    city            TEXT NOT NULL,
    state           TEXT NOT NULL,
    zip             TEXT NOT NULL,
    county          TEXT NOT NULL,
    question1       TEXT NOT NULL,
    answer1_hash    TEXT NOT NULL,
    question2       TEXT NOT NULL,
    answer2_hash    TEXT NOT NULL,
    question3       TEXT NOT NULL,
    answer3_hash    TEXT NOT NULL,
    delegation_code TEXT NOT NULL UNIQUE REFERENCES delegations (code),
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS accounts_username_ci ON accounts (lower(username));
CREATE TABLE IF NOT EXISTS sessions (
    id        TEXT PRIMARY KEY,
    data      TEXT NOT NULL,
    last_seen REAL NOT NULL,
    expired   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS faults (
    id      INTEGER PRIMARY KEY,
    page    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    after   INTEGER NOT NULL,
    times   INTEGER NOT NULL,
    seconds REAL NOT NULL,
    seen    INTEGER NOT NULL DEFAULT 0
);
"""

TABLES = ("accounts", "delegations", "sessions", "faults")
#: Idle connections a portal keeps for its next requests (more are opened under load, then closed).
POOL_KEEP = 32
POOL_EXTENSION = "mock_portal.pool"
# Databases of portals that have stopped: no new connection may open (and so re-create) them.
_CLOSED: set[str] = set()


class DatabaseClosed(sqlite3.OperationalError):
    """The portal owning this database has stopped."""


def close_path(path: str | Path) -> None:
    """Refuse every later connection to ``path`` (called before a stopping portal deletes it)."""
    _CLOSED.add(str(Path(path).absolute()))


def _uri(path: str | Path, mode: str) -> str:
    return f"{Path(path).absolute().as_uri()}?mode={mode}"


def connect(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
    """Open a connection in autocommit mode with rows addressable by column name.

    Only :func:`init_db` creates the file: any other connection to a missing database fails,
    so a request still running while its portal stops cannot leave a new file behind.
    """
    if str(Path(path).absolute()) in _CLOSED:
        raise DatabaseClosed(f"database {path} belongs to a stopped portal")
    conn = sqlite3.connect(_uri(path, "rwc" if create else "rw"), timeout=15, isolation_level=None,
                           check_same_thread=False, uri=True)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 15000")
    # WAL with NORMAL sync: a commit no longer waits for the disk (issue 11: at 20 clients each
    # request's fsyncs were most of its time); a crash of the mock loses nothing, a power cut
    # may lose the last commits of a test database.
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def init_db(path: str | Path) -> None:
    """Create the tables if they do not exist yet."""
    conn = connect(path, create=True)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(SCHEMA)
    finally:
        conn.close()


class Pool:
    """Idle connections to one portal's database, lent to one request at a time.

    Opening a connection costs its PRAGMAs, and closing the last one checkpoints the WAL
    (a few ms each, issue 11): a request borrows a connection and gives it back instead.
    :meth:`close` (a stopping portal) closes the idle ones and every one given back after.
    """

    def __init__(self, path: str, keep: int = POOL_KEEP) -> None:
        self.path = path
        self.key = str(Path(path).absolute())
        self.keep = keep
        self._idle: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._closed = False

    def acquire(self) -> sqlite3.Connection:
        """An idle connection, or a new one; refused once the portal has stopped."""
        with self._guard:
            if self._closed or self.key in _CLOSED:
                raise DatabaseClosed(f"database {self.path} belongs to a stopped portal")
            if self._idle:
                return self._idle.pop()
        return connect(self.path)

    def release(self, conn: sqlite3.Connection) -> None:
        """Take a connection back (rolling back what its borrower left open), or close it."""
        if conn.in_transaction:
            conn.rollback()
        with self._guard:
            if not self._closed and len(self._idle) < self.keep:
                self._idle.append(conn)
                return
        conn.close()

    def drain(self) -> None:
        """Close the idle connections and stay open (before forking: SQLite forbids using a connection across it)."""
        with self._guard:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def close(self) -> None:
        """Close the idle connections; the ones still lent out close when given back."""
        with self._guard:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


def pool(app: Flask) -> Pool:
    """The app's pool of connections (made with the app, see :func:`install`)."""
    found: Pool = app.extensions[POOL_EXTENSION]
    return found


def install(app: Flask) -> None:
    """Create the database's tables and give the app its pool; requests give their connection back."""
    database = str(app.config["DATABASE"])
    init_db(database)
    app.extensions[POOL_EXTENSION] = Pool(database)
    app.teardown_appcontext(close_db)


def get_db() -> sqlite3.Connection:
    """Return the connection for the current request, borrowing it from the pool on first use."""
    if "db" not in g:
        g.db = pool(current_app).acquire()
    conn: sqlite3.Connection = g.db
    return conn


def close_db(_exc: BaseException | None = None) -> None:
    """Give the request's connection back to the pool, if it borrowed one."""
    conn = g.pop("db", None)
    if conn is not None:
        pool(current_app).release(conn)


def reset(conn: sqlite3.Connection) -> None:
    """Empty every table."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in TABLES:
            conn.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are constants
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    """Format a timestamp as ISO 8601 in UTC, to the second."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def from_iso(text: str) -> datetime:
    """Parse an ISO 8601 timestamp; naive values are taken as UTC."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment
