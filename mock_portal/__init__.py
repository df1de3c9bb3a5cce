"""The mock CoveredCA.com assister sign-up portal (Flask app factory).

``create_app(config)`` builds the app; ``mock_portal.server.start_portal`` serves it in a
background thread; ``python -m mock_portal`` serves it from the command line.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import secrets
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from flask import Flask, g, request
from flask import session as flask_session
from flask.globals import request_ctx
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from cec.codes import ErrorCode
from cec.link import SIGN_UP_LINK
from mock_portal import (
    account_created,
    admin,
    create_account,
    csrf,
    db,
    faults,
    log_in,
    logs,
    messages,
    rendering,
    use_of_website,
    user_information,
    username_password,
    verify_information,
)
from mock_portal.session import COOKIE_NAME, SqliteSessionInterface, release_request_session

__all__ = ["SIGNUP_LINK", "create_app", "remove_database", "temporary_database"]

SIGNUP_LINK = SIGN_UP_LINK
log = logging.getLogger("mock_portal")

# Sign-up pages that show SS-901 when the session they belong to has expired.
SIGNUP_ENDPOINTS = frozenset({
    "create_account.create_account", "use_of_website.use_of_website", "use_of_website.document",
    "user_information.page_1", "user_information.page_2", "username_password.username_password",
    "verify_information.verify_information", "account_created.account_created",
})
# One blueprint per guide page, named as the suite's page objects are.
PAGE_BLUEPRINTS = (create_account.bp, use_of_website.bp, user_information.bp, username_password.bp,
                   verify_information.bp, account_created.bp, log_in.bp)
#: The ``Server`` header: no product version for a scanner to match.
SERVER_NAME = "CoveredCA"
#: Where a temporary database goes when the system has a memory filesystem there.
MEMORY_DIR = "/dev/shm"  # noqa: S108 - mkstemp makes a private file in it
#: The temporary directory a system gives when nobody chose another.
SYSTEM_TEMP_DIR = "/tmp"  # noqa: S108 - compared with, never written to
#: Headers every answer carries unless its view set its own, and ones it always carries as they are here.
DEFAULT_HEADERS = (("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
                   ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"))
FORCED_HEADERS = [("Referrer-Policy", "no-referrer"), ("Server", SERVER_NAME)]
FORCED_NAMES = frozenset(name.lower() for name, _ in FORCED_HEADERS)
ExcInfo = tuple[type[BaseException], BaseException, TracebackType] | tuple[None, None, None]
HTTP_HEADINGS = {
    400: "Request not accepted",
    404: "Page not found",
    405: "Request not accepted",
    413: "Request too large",
}


def temporary_database() -> str:
    """A fresh SQLite file for a portal given none, removed when it stops or the process exits.

    Only made when no ``DATABASE`` is configured: test runs start hundreds of portals with
    their own files, and each used to leave an empty temporary file behind. Kept in memory
    (``/dev/shm``) where the system has it: the file lives as long as its portal, and on a disk
    busy with other test runs a WAL checkpoint's sync stalled every request behind it (issue 11).
    Only instead of the system's default (``/tmp``): a temporary directory chosen by ``TMPDIR`` or
    ``tempfile.tempdir`` (a test counting what is left behind) is obeyed.
    """
    usual = os.path.realpath(tempfile.gettempdir()) == SYSTEM_TEMP_DIR
    memory = MEMORY_DIR if usual and os.path.isdir(MEMORY_DIR) and os.access(MEMORY_DIR, os.W_OK) else None
    handle, path = tempfile.mkstemp(prefix="mock-portal-", suffix=".sqlite3", dir=memory)
    os.close(handle)
    atexit.register(remove_database, path)
    return path


def remove_database(path: str) -> None:
    """Delete a SQLite file and its journal files; already gone is fine."""
    for name in (path, f"{path}-wal", f"{path}-shm", f"{path}-journal", faults.changes_file(path)):
        with contextlib.suppress(FileNotFoundError):
            os.remove(name)


def _default_config() -> dict[str, object]:
    return {
        "ADMIN_TOKEN": os.environ.get("MOCK_ADMIN_TOKEN") or secrets.token_urlsafe(16),
        "ADMIN_ENABLED": True,
        "SESSION_TIMEOUT": 1200,
        "SECRET_KEY": secrets.token_hex(32),
        "TESTING": False,
    }


class _TemplateCodeCache(BytecodeCache):
    """Compiled templates, shared by every app this process builds.

    Each app has its own Jinja environment, so without this each one lexes, parses and
    compiles every template again: the portal's own tests build an app per test and spent
    half their time there (mutation testing runs them once per mutant). Jinja checks each
    entry against the template's source checksum, so a changed template is compiled anew.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from the cache (Jinja discards it if the source changed)."""
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a freshly compiled template for the next app."""
        self._code[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CODE = _TemplateCodeCache()


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    """Build the portal.

    Config keys: ``DATABASE`` (SQLite file; a fresh temporary one by default),
    ``ADMIN_TOKEN`` (default: ``MOCK_ADMIN_TOKEN`` or random), ``ADMIN_ENABLED`` (default
    True), ``SESSION_TIMEOUT`` (idle seconds, default 1200), ``HASH_COST`` (scrypt N = 2**cost, default 14),
    ``SECRET_KEY``, ``TESTING``.
    """
    app = Flask(__name__)
    app.jinja_options = {**app.jinja_options, "bytecode_cache": _TEMPLATE_CODE}
    settings = _default_config()
    settings.update({k: v for k, v in (config or {}).items() if v is not None})
    if "DATABASE" not in settings:
        settings["DATABASE"] = temporary_database()
        settings["DATABASE_IS_TEMPORARY"] = True
    app.config.update(settings)
    app.config.update(
        SESSION_COOKIE_NAME=COOKIE_NAME,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=1024 * 1024,
    )
    app.session_interface = SqliteSessionInterface()
    db.install(app)
    faults.install(app)
    rendering.install(app)
    app.teardown_request(_unlock_session)
    logs.install()
    for blueprint in (*PAGE_BLUEPRINTS, admin.bp):
        app.register_blueprint(blueprint)
    app.before_request(_start_request)
    app.after_request(_finish_request)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.wsgi_app = with_protective_headers(app.wsgi_app)  # type: ignore[method-assign, assignment]
    return app


def message_page(heading: str, text: str, status: int, *, link_url: str = "", link_text: str = "",
                 heading_in_alert: bool = False) -> Response:
    """A page with one heading and one alert: SS-901, SS-903, SYS-999, maintenance, 404."""
    body = rendering.render("message.html", heading=heading, text=text, link_url=link_url, link_text=link_text,
                           heading_in_alert=heading_in_alert)
    return Response(body, status=status, mimetype="text/html")


def _start_request() -> Response | None:
    """Run before every view: faults, then session expiry (SS-901), then CSRF (SS-903)."""
    g.started = time.perf_counter()
    fault = faults.count_request(db.get_db(), request.endpoint) if faults.page_for_endpoint(request.endpoint) else None
    if fault is not None:
        if fault.kind == "maintenance":
            g.fault_kind = fault.kind
            return message_page("CoveredCA.com is temporarily unavailable",
                                messages.message(ErrorCode.SYS_UNAVAILABLE), 503, heading_in_alert=True)
        faults.apply(fault)
        if g.get("dropped"):
            return Response(b"", status=200)
    if request.endpoint in SIGNUP_ENDPOINTS and getattr(flask_session, "was_expired", False):
        return message_page("Session Expired", messages.message(ErrorCode.SS_EXPIRED), 200,
                            link_url=SIGN_UP_LINK, link_text="Start again")
    if request.method == "POST" and request.blueprint != "admin":
        if not csrf.is_valid():
            return message_page("Request not accepted", messages.message(ErrorCode.SS_FORGED), 400)
        csrf.rotate()
    return None


def _finish_request(response: Response) -> Response:
    """Log one line per request (the protective headers are added by :func:`with_protective_headers`).

    The line never holds form values; a SYS-999's reference and traceback are folded into it.
    """
    elapsed_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    extra = ""
    if g.get("reference"):
        extra += f" ref={g.reference} SYS-999"
    if g.get("fault_kind"):
        extra += f" fault={g.fault_kind}"
    if g.get("dropped"):
        extra += " dropped"
    error: BaseException | None = g.get("error")
    level = logging.ERROR if error is not None else logging.INFO
    if log.isEnabledFor(level):
        # The record made here, not by ``log.log``: that walks the stack for the caller's file and
        # line on every request (a twentieth of a worker's interpreter time, issue 11) for fields
        # the portal's log format does not show.
        log.handle(log.makeRecord(log.name, level, __name__, 0, "%s %s %s %.0fms%s",
                                  (request.method, request.path, response.status_code, elapsed_ms, extra),
                                  (type(error), error, error.__traceback__) if error is not None else None))
    return response


def with_protective_headers(app: WSGIApplication) -> WSGIApplication:
    """Add the protective headers to every answer, in one pass over the header list.

    Five look-ups in werkzeug's ``Headers`` (each a scan, lower-casing every name) were a twentieth
    of a request's time in the app (issue 11). ``DEFAULT_HEADERS`` are kept when a view set its
    own; ``FORCED_HEADERS`` replace any.
    """
    def serve(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        def start(status: str, headers: list[tuple[str, str]],
                  exc_info: ExcInfo | None = None) -> Callable[[bytes], object]:
            names = {name.lower() for name, _ in headers}
            if not names.isdisjoint(FORCED_NAMES):
                headers[:] = [(name, value) for name, value in headers if name.lower() not in FORCED_NAMES]
            headers += [(name, value) for name, value in DEFAULT_HEADERS if name.lower() not in names]
            headers += FORCED_HEADERS
            return start_response(status, headers, exc_info)

        return app(environ, start)

    return serve


def _unlock_session(_exc: BaseException | None = None) -> None:
    """Let the session's next request in, even when this one failed before its session was saved."""
    release_request_session(request_ctx.session)


def _http_error(error: HTTPException) -> Response:
    """Plain pages for 404 and friends, in the portal's look."""
    status = error.code or 500
    if status >= 500:
        return _unexpected_error(error)
    heading = HTTP_HEADINGS.get(status, "Request not accepted")
    text = "The page you asked for does not exist." if status == 404 else "The request could not be handled."
    return message_page(heading, text, status)


def _unexpected_error(error: Exception) -> Response:
    """SYS-999: a reference id on the page and in the log, never a stack trace on the page."""
    reference = uuid.uuid4().hex[:12].upper()
    g.reference = reference
    g.error = error
    return message_page("Something went wrong", f"Something went wrong. Reference: {reference} (SYS-999)", 500)
