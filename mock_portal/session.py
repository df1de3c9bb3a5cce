"""Server-side sessions kept in SQLite, keyed by the ``cec_session`` cookie.

The cookie holds only a random id.  A session idle longer than ``SESSION_TIMEOUT``
seconds, or expired through the admin API, is deleted when next met and replaced by a
fresh one flagged ``was_expired`` so the sign-up pages can show SS-901; :func:`purge`
removes the ones nobody comes back for.

Requests of one session are served one at a time (a lock per session id, held from
loading the session to saving it), so nothing one request writes (the failed-attempt
counter, the one-use CSRF token) can be lost to, or reused by, a request running beside
it.  :meth:`PortalSession.regenerate` gives the session a new id at the moments an
attacker could have planted or noted the old one (sign-up link, Confirm, log in, log out).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import secrets
import sqlite3
import struct
import threading
import time
from typing import Any

from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from mock_portal import db

COOKIE_NAME = "cec_session"
MAX_ID_LENGTH = 100
#: How long a request waits for another request of its session before going on without the lock.
LOCK_WAIT_SECONDS = 60.0
#: Paths whose requests never touch the session (static files, the admin API).
UNLOCKED_PREFIXES = ("/static/", "/__mock__/")
#: A session read unchanged is not rewritten while its stored idle clock is younger than this
#: share of the timeout, and never more than :data:`TOUCH_AT_MOST_SECONDS` old.
TOUCH_SHARE = 0.001
TOUCH_AT_MOST_SECONDS = 1.0
log = logging.getLogger("mock_portal")


class _SessionLocks:
    """One lock per session id, kept only while some request holds or waits for it."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, tuple[threading.Lock, int]] = {}

    def acquire(self, sid: str) -> bool:
        with self._guard:
            lock, users = self._locks.get(sid, (threading.Lock(), 0))
            self._locks[sid] = (lock, users + 1)
        if lock.acquire(timeout=LOCK_WAIT_SECONDS):
            return True
        self._leave(sid)
        log.warning("session lock not acquired in %.0fs; serving unlocked", LOCK_WAIT_SECONDS)
        return False

    def release(self, sid: str) -> None:
        with self._guard:
            lock, _ = self._locks[sid]
        lock.release()
        self._leave(sid)

    def _leave(self, sid: str) -> None:
        with self._guard:
            lock, users = self._locks[sid]
            if users <= 1:
                del self._locks[sid]
            else:
                self._locks[sid] = (lock, users - 1)


LOCKS = _SessionLocks()
#: The config key naming the file whose byte ranges lock sessions across processes (``--workers`` > 1).
LOCK_FILE_KEY = "SESSION_LOCK_FILE"


def lock_offset(sid: str) -> int:
    """The byte of the lock file standing for session ``sid``."""
    return int.from_bytes(hashlib.blake2b(sid.encode(), digest_size=5).digest(), "big")


def byte_lock(offset: int, kind: int = fcntl.F_WRLCK) -> bytes:
    """A ``struct flock`` for one byte at ``offset`` (pid 0, as open-file-description locks require)."""
    return struct.pack("hhqqi4x", kind, os.SEEK_SET, offset, 1, 0)


def lock_across_processes(path: str, sid: str, wait: float = LOCK_WAIT_SECONDS) -> int:
    """Hold session ``sid``'s lock shared by every process serving the portal; close the answer to let go.

    One byte of ``path`` per session id (a hash, so two sessions share a byte about once in
    2**40), locked as an open-file-description lock: unlike ``lockf``, two threads of one
    process exclude each other too, and the kernel lets go when a worker dies. Waits at
    most ``wait`` seconds, like the in-process lock, then answers -1 (serve unlocked): a peer
    holding the byte is serving that session's previous request. Looks again every few ms
    (a blocking wait could not give up); only requests of one session racing on two workers wait.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    deadline, pause = time.monotonic() + wait, 0.001
    try:
        while True:
            try:
                fcntl.fcntl(fd, fcntl.F_OFD_SETLK, byte_lock(lock_offset(sid)))
                return fd
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(pause)
                pause = min(pause * 2, 0.02)
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
    log.warning("session lock not acquired in %.0fs across processes; serving unlocked", wait)
    return -1


class PortalSession(CallbackDict[str, Any], SessionMixin):
    """A dict that remembers its id, whether it is new, whether the previous one expired, and its lock."""

    def __init__(self, sid: str, data: dict[str, Any] | None = None, *, new: bool = False,
                 was_expired: bool = False, locked_id: str = "") -> None:
        def on_update(_self: CallbackDict[str, Any]) -> None:
            self.modified = True

        super().__init__(data or {}, on_update)
        self.sid = sid
        self.new = new
        self.was_expired = was_expired
        self.modified = False
        self.previous_id = ""
        self.locked_id = locked_id
        self.lock_fd = -1
        #: When the stored idle clock was last set (0: never stored).
        self.seen_at = 0.0

    def regenerate(self) -> None:
        """Give the session a new id; the old one stops working when the response is saved."""
        if not self.new:
            self.previous_id = self.sid
        self.sid = new_session_id()
        self.new = True
        self.modified = True

    def unlock(self) -> None:
        """Let the next request of this session in (safe to call twice)."""
        if self.lock_fd >= 0:
            fd, self.lock_fd = self.lock_fd, -1
            os.close(fd)
        if self.locked_id:
            locked, self.locked_id = self.locked_id, ""
            LOCKS.release(locked)


def new_session_id() -> str:
    """A fresh, unguessable session id (the cookie's value)."""
    return secrets.token_urlsafe(32)


def _load(app: Flask, sid: str) -> PortalSession:
    conn = db.get_db()
    row = conn.execute("SELECT data, last_seen, expired FROM sessions WHERE id = ?", (sid,)).fetchone()
    if row is None:
        return PortalSession(new_session_id(), new=True)
    timeout = float(app.config["SESSION_TIMEOUT"])
    if row["expired"] or time.time() - row["last_seen"] > timeout:
        # Purged as met: the page still says SS-901, the row is gone.
        conn.execute("DELETE FROM sessions WHERE id = ?", (sid,))
        return PortalSession(new_session_id(), new=True, was_expired=True)
    session = PortalSession(sid, json.loads(row["data"]))
    session.seen_at = float(row["last_seen"])
    return session


def touch_every(timeout: float) -> float:
    """How stale an unchanged session's stored idle clock may get before a request rewrites it.

    Rewriting the clock on every GET was a write transaction per request (issue 11); skipping it
    while it is under a thousandth of the timeout (at most a second) old lets a session expire at
    most that much sooner than its last request plus the timeout.
    """
    return min(TOUCH_AT_MOST_SECONDS, timeout * TOUCH_SHARE)


class SqliteSessionInterface(SessionInterface):
    """Flask session interface storing session data as JSON rows in the portal database."""

    def open_session(self, app: Flask, request: Request) -> PortalSession:
        """Load the session named by the cookie (holding its lock), or start a fresh one."""
        sid = request.cookies.get(self.get_cookie_name(app), "")
        if not sid or len(sid) > MAX_ID_LENGTH or request.path.startswith(UNLOCKED_PREFIXES):
            return PortalSession(new_session_id(), new=True)
        locked = LOCKS.acquire(sid)
        lock_file, lock_fd = app.config.get(LOCK_FILE_KEY), -1
        try:
            if lock_file:
                lock_fd = lock_across_processes(str(lock_file), sid)
            session = _load(app, sid)
        except BaseException:
            if lock_fd >= 0:
                os.close(lock_fd)
            if locked:
                LOCKS.release(sid)
            raise
        session.locked_id = sid if locked else ""
        session.lock_fd = lock_fd
        return session

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Store the session (touching its idle clock), set the cookie when the id is new, unlock."""
        if not isinstance(session, PortalSession):
            return
        try:
            self._store(app, session, response)
        finally:
            session.unlock()

    def _store(self, app: Flask, session: PortalSession, response: Response) -> None:
        if session.new and not session and not session.previous_id:
            return
        if not session.modified:
            # Nothing changed but the idle clock: no JSON, one small update (most GETs), and none
            # while the stored clock is fresh.
            now = time.time()
            if now - session.seen_at >= touch_every(float(app.config["SESSION_TIMEOUT"])):
                db.get_db().execute("UPDATE sessions SET last_seen = ? WHERE id = ?", (now, session.sid))
            return
        conn = db.get_db()
        if session.previous_id:
            conn.execute("DELETE FROM sessions WHERE id = ?", (session.previous_id,))
        conn.execute(
            "INSERT INTO sessions (id, data, last_seen, expired) VALUES (?, ?, ?, 0)"
            " ON CONFLICT (id) DO UPDATE SET data = excluded.data, last_seen = excluded.last_seen",
            (session.sid, json.dumps(dict(session)), time.time()),
        )
        if session.new:
            response.set_cookie(self.get_cookie_name(app), session.sid, httponly=True, samesite="Lax",
                                path="/", secure=False)


def release_request_session(session: object) -> None:
    """Teardown: unlock the session even when saving it never ran (an error while responding)."""
    if isinstance(session, PortalSession):
        session.unlock()


def expire(conn: sqlite3.Connection, sid: str) -> bool:
    """Mark one session as idle past the timeout; tell whether it existed."""
    cursor = conn.execute("UPDATE sessions SET expired = 1 WHERE id = ?", (sid,))
    return bool(cursor.rowcount)


def purge(conn: sqlite3.Connection, timeout: float, now: float | None = None) -> int:
    """Delete sessions nobody came back for; return how many.

    An idle session is kept one more timeout after it expires (and an admin-expired one
    one timeout after its last request), so a user returning soon still sees SS-901.
    """
    moment = time.time() if now is None else now
    cursor = conn.execute(
        "DELETE FROM sessions WHERE last_seen < ? OR (expired = 1 AND last_seen < ?)",
        (moment - 2 * timeout, moment - timeout),
    )
    return cursor.rowcount
