"""Serve the portal from Python: a multi-threaded werkzeug server in a daemon thread."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from cec.link import SIGN_UP_LINK
from mock_portal import SERVER_NAME, ExcInfo, create_app, db, records, remove_database
from mock_portal.session import purge

#: How often the background sweep deletes sessions nobody came back for.
PURGE_INTERVAL_SECONDS = 60.0
#: The response header with the portal's own time on a request (the W3C Server-Timing format).
SERVER_TIMING = "Server-Timing"


class QuietRequestHandler(WSGIRequestHandler):
    """werkzeug's handler without its product and Python versions in the ``Server`` header."""

    def version_string(self) -> str:
        """Name the server, not its software versions (also on werkzeug's own error replies)."""
        return SERVER_NAME


def timed(app: WSGIApplication) -> WSGIApplication:
    """Answer every request with a ``Server-Timing`` header: the portal's wall time on it, in ms.

    A load test sees what the client waited; this header tells how much of it the portal
    spent serving (from the WSGI call to the finished response: session, view, template,
    session saved), so time spent queueing for the CPU shows as the difference.
    The thread's CPU time is not in it: reading that clock is a system call, and with a
    worker's 32 threads on a loaded machine the two reads cost a tenth of the server's CPU
    per request (issue 11, measured A/B); a load test reads the serving processes' CPU from
    the system instead, which also counts the server's own share.
    """
    def serve(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()

        def start(status: str, headers: list[tuple[str, str]],
                  exc_info: ExcInfo | None = None) -> Callable[[bytes], object]:
            headers.append((SERVER_TIMING, f"app;dur={(time.perf_counter() - started) * 1000:.2f}"))
            return start_response(status, headers, exc_info)

        return app(environ, start)

    return serve


def _sweep_sessions(connections: db.Pool, timeout: float, stopping: threading.Event, interval: float) -> None:
    """Every ``interval`` seconds, until ``stopping`` is set, purge expired sessions."""
    while not stopping.wait(interval):
        try:
            conn = connections.acquire()
        except sqlite3.Error:
            return
        try:
            purge(conn, timeout)
        finally:
            connections.release(conn)


@dataclass
class RunningPortal:
    """A portal serving in the background; stop it with :meth:`stop` or use it as a context manager."""

    base_url: str
    signup_url: str
    admin_token: str
    database: str
    app: Flask
    _server: BaseWSGIServer = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _stopping: threading.Event = field(default_factory=threading.Event, repr=False)

    def stop(self) -> None:
        """Stop serving, wait for the server thread, and remove the database if it was temporary."""
        self._stopping.set()
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()
        db.pool(self.app).close()
        if self.app.config.get("DATABASE_IS_TEMPORARY"):
            db.close_path(self.database)
            remove_database(self.database)

    def __enter__(self) -> RunningPortal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def build_app(
    db_path: str | Path | None = None,
    admin_token: str | None = None,
    admin_enabled: bool = True,
    session_timeout: float | None = None,
    demo: bool = False,
    hash_cost: int | None = None,
) -> Flask:
    """The portal's app with its database ready (and the guide's example record with ``demo``)."""
    app = create_app({
        "DATABASE": str(db_path) if db_path is not None else None,
        "ADMIN_TOKEN": admin_token,
        "ADMIN_ENABLED": admin_enabled,
        "SESSION_TIMEOUT": session_timeout,
        "HASH_COST": hash_cost,
    })
    if demo:
        connections = db.pool(app)
        conn = connections.acquire()
        try:
            records.ensure_example_record(conn)
        finally:
            connections.release(conn)
    return app


def start_sweeper(app: Flask, stopping: threading.Event, interval: float = PURGE_INTERVAL_SECONDS) -> None:
    """Purge the sessions nobody came back for every ``interval`` seconds, in a daemon thread."""
    threading.Thread(target=_sweep_sessions, name="mock-portal-sweep", daemon=True,
                     args=(db.pool(app), float(app.config["SESSION_TIMEOUT"]), stopping, interval)).start()


def start_portal(
    port: int = 0,
    db_path: str | Path | None = None,
    admin_token: str | None = None,
    admin_enabled: bool = True,
    session_timeout: float | None = None,
    demo: bool = False,
    host: str = "127.0.0.1",
    purge_interval: float = PURGE_INTERVAL_SECONDS,
    hash_cost: int | None = None,
) -> RunningPortal:
    """Start the portal on ``host:port`` (0 picks a free port) and return once it accepts connections."""
    app = build_app(db_path=db_path, admin_token=admin_token, admin_enabled=admin_enabled,
                    session_timeout=session_timeout, demo=demo, hash_cost=hash_cost)
    server = make_server(host, port, timed(app), threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              name=f"mock-portal-{server.server_port}", daemon=True)
    thread.start()
    stopping = threading.Event()
    start_sweeper(app, stopping, purge_interval)
    base_url = f"http://{host}:{server.server_port}"
    return RunningPortal(
        base_url=base_url,
        signup_url=f"{base_url}{SIGN_UP_LINK}",
        admin_token=str(app.config["ADMIN_TOKEN"]),
        database=str(app.config["DATABASE"]),
        app=app,
        _server=server,
        _thread=thread,
        _stopping=stopping,
    )
