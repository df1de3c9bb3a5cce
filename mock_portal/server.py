"""Serve the portal from Python: a multi-threaded werkzeug server in a daemon thread."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from cec.link import SIGN_UP_LINK
from mock_portal import create_app, db, records, remove_database


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

    def stop(self) -> None:
        """Stop serving, wait for the server thread, and remove the database if it was temporary."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()
        if self.app.config.get("DATABASE_IS_TEMPORARY"):
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


def start_portal(
    port: int = 0,
    db_path: str | Path | None = None,
    admin_token: str | None = None,
    admin_enabled: bool = True,
    session_timeout: float | None = None,
    demo: bool = False,
    host: str = "127.0.0.1",
) -> RunningPortal:
    """Start the portal on ``host:port`` (0 picks a free port) and return once it accepts connections."""
    app = create_app({
        "DATABASE": str(db_path) if db_path is not None else None,
        "ADMIN_TOKEN": admin_token,
        "ADMIN_ENABLED": admin_enabled,
        "SESSION_TIMEOUT": session_timeout,
    })
    if demo:
        conn = db.connect(str(app.config["DATABASE"]))
        try:
            records.ensure_example_record(conn)
        finally:
            conn.close()
    server = make_server(host, port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name=f"mock-portal-{server.server_port}", daemon=True)
    thread.start()
    base_url = f"http://{host}:{server.server_port}"
    return RunningPortal(
        base_url=base_url,
        signup_url=f"{base_url}{SIGN_UP_LINK}",
        admin_token=str(app.config["ADMIN_TOKEN"]),
        database=str(app.config["DATABASE"]),
        app=app,
        _server=server,
        _thread=thread,
    )
