"""Injected faults (test control): per-page request counters and the misbehaviour they trigger."""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask, current_app, g, request

log = logging.getLogger("mock_portal")

PAGES = ("signup", "terms", "user-info-1", "user-info-2", "credentials", "verify", "login")
KINDS = ("http-500", "slow", "maintenance", "drop", "stuck-continue")
MAX_SLOW_SECONDS = 300.0
DEFAULT_SLOW_SECONDS = 5.0
#: The app extension holding the portal's :class:`FaultWatch`.
WATCH_EXTENSION = "mock_portal.fault_watch"
#: The app's config key saying why this portal cannot ``drop`` a connection (unset: it can).
NO_DROP_KEY = "MOCK_NO_DROP_BECAUSE"
#: Largest ``after``/``times``: far more requests than any run makes, and inside SQLite's integers.
MAX_COUNT = 1_000_000_000

# Which fault page each endpoint belongs to (the contract's route table).  The fault page
# names are the admin API's, fixed by the spec; the endpoints are named after the guide's pages.
ENDPOINT_PAGES = {
    "create_account.entry": "signup",
    "create_account.create_account": "signup",
    "use_of_website.use_of_website": "terms",
    "use_of_website.document": "terms",
    "user_information.page_1": "user-info-1",
    "user_information.page_2": "user-info-2",
    "username_password.username_password": "credentials",
    "verify_information.verify_information": "verify",
    "account_created.account_created": "verify",
    "log_in.log_in": "login",
    "log_in.home": "login",
    "log_in.log_out": "login",
}


class FaultError(ValueError):
    """A fault request the admin API refuses, naming the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class InjectedServerError(RuntimeError):
    """Raised by an ``http-500`` fault; shown as the SYS-999 page."""


class DroppedConnection(RuntimeError):
    """Raised by a ``drop`` fault when there is no socket to close (the Flask test client)."""


@dataclass(frozen=True)
class Fault:
    """One configured fault."""

    id: int
    page: str
    kind: str
    after: int
    times: int
    seconds: float
    seen: int

    def as_json(self) -> dict[str, object]:
        """Return the fault as the admin API shows it."""
        return {"id": self.id, "page": self.page, "kind": self.kind, "after": self.after,
                "times": self.times, "seconds": self.seconds, "seen": self.seen}


def _int(fields: Mapping[str, object], key: str, default: int, minimum: int) -> int:
    value = fields.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_COUNT:
        raise FaultError(key, f"{key} must be an integer from {minimum} to {MAX_COUNT}")
    return value


class FaultWatch:
    """Tells a request cheaply that no fault is set, without asking SQLite each time (issue 11).

    Every request of a fault page used to query the faults table, a tenth of a request's
    database work under load, though nearly every run sets no fault. The admin API appends a
    byte to a file beside the database after each fault it stores (every serving process, every
    worker sees the file); a request compares the file's size (and inode) with the one it had when
    the table was last found empty, and only a change sends it back to the table. The append
    follows the insert's commit and the size is read before the table, so a fault stored between
    the two is found on the next request at the latest, never missed. Clearing or resetting needs
    no append: a watch that still thinks there may be faults only asks the table again.
    """

    def __init__(self, database: str) -> None:
        self.path = changes_file(database)
        self._empty_at: tuple[int, int] | None = None

    def _stamp(self) -> tuple[int, int]:
        try:
            found = os.stat(self.path)
        except FileNotFoundError:
            return (0, 0)
        return (found.st_ino, found.st_size)

    def changed(self) -> None:
        """Note that a fault was stored (after its commit), for every process serving the portal."""
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, b"+")
        finally:
            os.close(fd)

    def may_have_faults(self, conn: sqlite3.Connection) -> bool:
        """False when the table was empty and no fault was stored since; else whether it holds any."""
        stamp = self._stamp()
        if stamp == self._empty_at:
            return False
        if conn.execute("SELECT 1 FROM faults LIMIT 1").fetchone() is None:
            self._empty_at = stamp
            return False
        return True


def changes_file(database: str) -> str:
    """The file beside ``database`` that grows by a byte each time a fault is stored."""
    return f"{database}-faults"


def install(app: Flask) -> None:
    """Give the app its fault watch."""
    app.extensions[WATCH_EXTENSION] = FaultWatch(str(app.config["DATABASE"]))


def watch(app: Flask | None = None) -> FaultWatch:
    """The portal's fault watch (the current app's by default)."""
    found: FaultWatch = (app or current_app).extensions[WATCH_EXTENSION]
    return found


def add(conn: sqlite3.Connection, fields: Mapping[str, object]) -> Fault:
    """Store a fault from the admin API's JSON."""
    page, kind = fields.get("page"), fields.get("kind")
    if page not in PAGES:
        raise FaultError("page", f"page must be one of {', '.join(PAGES)}")
    if kind not in KINDS:
        raise FaultError("kind", f"kind must be one of {', '.join(KINDS)}")
    if kind == "drop" and current_app.config.get(NO_DROP_KEY):
        raise FaultError("kind", f"drop is not available here: {current_app.config[NO_DROP_KEY]}")
    after = _int(fields, "after", 0, 0)
    times = _int(fields, "times", 1, 1)
    seconds_raw = fields.get("seconds", DEFAULT_SLOW_SECONDS)
    if seconds_raw is None:
        seconds_raw = DEFAULT_SLOW_SECONDS
    if isinstance(seconds_raw, bool) or not isinstance(seconds_raw, int | float) or not (
        0 <= seconds_raw <= MAX_SLOW_SECONDS
    ):
        raise FaultError("seconds", f"seconds must be a number from 0 to {MAX_SLOW_SECONDS:g}")
    cursor = conn.execute(
        "INSERT INTO faults (page, kind, after, times, seconds) VALUES (?, ?, ?, ?, ?)",
        (page, kind, after, times, float(seconds_raw)),
    )
    watch().changed()
    return Fault(int(cursor.lastrowid or 0), str(page), str(kind), after, times, float(seconds_raw), 0)


def clear(conn: sqlite3.Connection) -> int:
    """Remove every fault; return how many there were."""
    return conn.execute("DELETE FROM faults").rowcount


def hit(conn: sqlite3.Connection, page: str) -> Fault | None:
    """Count one request for ``page`` against every fault on it; return the one that fires, if any."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("UPDATE faults SET seen = seen + 1 WHERE page = ?", (page,))
        row = conn.execute(
            "SELECT * FROM faults WHERE page = ? AND seen > after AND seen <= after + times ORDER BY id LIMIT 1",
            (page,),
        ).fetchone()
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if row is None:
        return None
    return Fault(row["id"], row["page"], row["kind"], row["after"], row["times"], row["seconds"], row["seen"])


def drop_connection() -> None:
    """Close the client's connection without sending a response.

    The werkzeug server exposes the raw socket as ``werkzeug.socket``; shutting it down
    makes the client see the connection closed with nothing written, and werkzeug treats
    the failed write that follows as a dropped connection.
    """
    sock = request.environ.get("werkzeug.socket")
    if not isinstance(sock, socket.socket):
        raise DroppedConnection("drop fault without a socket")
    g.dropped = True
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        log.debug("socket already closed")


def apply(fault: Fault) -> None:
    """Act on a fault that fired for this request (``maintenance`` is rendered by the caller)."""
    g.fault_kind = fault.kind
    if fault.kind == "slow":
        time.sleep(fault.seconds)
    elif fault.kind == "http-500":
        raise InjectedServerError(f"injected http-500 fault #{fault.id}")
    elif fault.kind == "drop":
        drop_connection()
    elif fault.kind == "stuck-continue":
        g.stuck = True


def page_for_endpoint(endpoint: str | None) -> str | None:
    """The fault page an endpoint belongs to, if any."""
    return ENDPOINT_PAGES.get(endpoint or "")


def count_request(conn: sqlite3.Connection, endpoint: str | None) -> Fault | None:
    """Count this request against its page's faults (no-op for pages without faults)."""
    page = page_for_endpoint(endpoint)
    if page is None:
        return None
    if not watch().may_have_faults(conn):
        return None
    return hit(conn, page)

