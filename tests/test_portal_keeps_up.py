"""What keeps the mock fast under load (issue 11): pooled connections, sessions written only when
changed, templates compiled once, pages rendered without Flask's context processors, links built
once, a cheap log filter, heartbeat files in memory, and the portal's own time in every answer.

None of these tests times anything: each checks the mechanism (connections opened, statements
run, templates compiled), so a change that brings a per-request cost back fails here.
"""

from __future__ import annotations

import fcntl
import gc
import io
import logging
import os
import re
import socket
import sqlite3
import tempfile
import unicodedata
import urllib.request
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from flask import Flask
from gunicorn.workers.gthread import TConn, ThreadWorker
from markupsafe import Markup

import mock_portal
from mock_portal import MEMORY_DIR, create_app, db, faults, logs, rendering, serving
from mock_portal import session as portal_session
from mock_portal.rendering import option_tags
from mock_portal.server import SERVER_TIMING, RunningPortal, start_portal
from mock_portal.serving import WorkerPool
from mock_portal.session import COOKIE_NAME, LOCK_FILE_KEY, byte_lock, lock_across_processes, lock_offset
from mock_portal.testing import EXAMPLE_USER_INFO_2, SignupClient, heading

UNSAFE = ("Cc", "Zl", "Zp")
#: Latin-1 (every C0 and C1 control), the line and paragraph separators, and characters that are
#: not printable yet harmless in a log line (format, private use, unassigned, wide space), and emoji.
SAMPLE = [*range(0x100), 0x2028, 0x2029, 0x200B, 0xFEFF, 0x3000, 0xE000, 0x0378, 0x4E2D, 0x1F600]

#: What the connections opened under ``opened`` ran, in order.
STATEMENTS: list[str] = []


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[sqlite3.Connection]:
    """Every connection the portal opens from now on, each tracing its statements into ``statements``."""
    connections: list[sqlite3.Connection] = []
    real_connect = db.connect

    def counting(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
        conn = real_connect(path, create=create)
        conn.set_trace_callback(STATEMENTS.append)
        connections.append(conn)
        return conn

    monkeypatch.setattr(db, "connect", counting)
    STATEMENTS.clear()
    return connections


def session_writes(since: int) -> list[str]:
    """The statements writing the sessions table run after the ``since``-th one."""
    return [s for s in STATEMENTS[since:] if " sessions " in s and not s.startswith("SELECT")]


def test_requests_borrow_a_pooled_connection_instead_of_opening_one(
    portal_client: SignupClient, opened: list[sqlite3.Connection]
) -> None:
    portal_client.open_signup_link()
    first = len(opened)
    for _ in range(5):
        assert portal_client.get("/signup").status_code == 200
    assert first == 1
    assert len(opened) == first


def test_a_page_that_changes_nothing_only_touches_the_idle_clock_once_it_is_stale(
    portal_client: SignupClient, portal_db_path: Path, opened: list[sqlite3.Connection],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    portal_client.open_signup_link()
    portal_client.get("/signup")
    cookie = portal_client.client.get_cookie(COOKIE_NAME)
    assert cookie is not None
    before = _last_seen(portal_db_path, cookie.value)
    mark = len(STATEMENTS)
    portal_client.get("/signup")
    assert session_writes(mark) == []  # the clock was set a moment ago: nothing to write
    monkeypatch.setattr(portal_session, "TOUCH_AT_MOST_SECONDS", 0.0)
    mark = len(STATEMENTS)
    portal_client.get("/signup")
    assert [s.split(" = ")[0] for s in session_writes(mark)] == ["UPDATE sessions SET last_seen"]
    assert _last_seen(portal_db_path, cookie.value) > before
    mark = len(STATEMENTS)
    portal_client.post("/signup", {"delegation_code": "", "business_name": "", "cert_number": ""}, follow=False)
    assert any(s.startswith("INSERT INTO sessions") for s in session_writes(mark))


def test_a_fault_stored_through_one_worker_fires_on_another_which_otherwise_never_asks_the_table(
    portal_app: Flask, portal_db_path: Path, opened: list[sqlite3.Connection]
) -> None:
    """Two apps on one database stand for two workers: the watch file, not the table, tells of a new fault."""
    other = create_app({"DATABASE": str(portal_db_path), "ADMIN_TOKEN": "test-admin-token", "TESTING": True})
    worker = other.test_client()
    assert worker.get("/signup").status_code == 200  # the table is found empty once
    mark = len(STATEMENTS)
    assert worker.get("/signup").status_code == 200
    assert not [s for s in STATEMENTS[mark:] if "FROM faults" in s]
    admin, token = portal_app.test_client(), {"X-Mock-Admin-Token": "test-admin-token"}
    for _ in range(2):  # the second time the watch file exists already: it must still change
        stored = admin.post("/__mock__/faults", json={"page": "signup", "kind": "maintenance"}, headers=token)
        assert stored.status_code == 201
        assert worker.get("/signup").status_code == 503
        assert admin.delete("/__mock__/faults", headers=token).status_code == 200
        assert worker.get("/signup").status_code == 200  # the table is found empty again
    assert os.path.exists(faults.changes_file(str(portal_db_path)))


def _last_seen(path: Path, sid: str) -> float:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT last_seen FROM sessions WHERE id = ?", (sid,)).fetchone()
    finally:
        conn.close()
    assert row is not None
    return float(row[0])


def test_a_stopped_portal_closes_every_connection_and_refuses_new_ones(tmp_path: Path) -> None:
    database = tmp_path / "kept.sqlite3"
    with start_portal(port=0, db_path=database, demo=True) as portal:
        for _ in range(3):
            with urllib.request.urlopen(f"{portal.base_url}/signup", timeout=10) as response:
                response.read()
        assert Path(f"{database}-wal").exists()
    # Closing the last connection checkpoints the WAL into the file and deletes it.
    assert not Path(f"{database}-wal").exists()
    with pytest.raises(db.DatabaseClosed):
        db.pool(portal.app).acquire()


def _count_compiles(app: Flask, monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The names of the templates ``app`` compiles from now on."""
    compiled: list[str | None] = []
    real_compile: Callable[..., object] = app.jinja_env.compile

    def counting(source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(name)
        return real_compile(source, name, *args, **kwargs)

    monkeypatch.setattr(app.jinja_env, "compile", counting)
    return compiled


def test_templates_are_compiled_once_per_process(portal_app: Flask, portal_client: SignupClient,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once per process, not per app: the portal tests build an app per test (and mutation
    testing runs them per mutant), so recompiling every template per app doubled their time."""
    monkeypatch.setattr(mock_portal._TEMPLATE_CODE, "_code", {})
    compiled = _count_compiles(portal_app, monkeypatch)
    portal_client.open_signup_link()
    assert "create_account.html" in compiled
    compiled.clear()
    for _ in range(3):
        portal_client.get("/signup")
    assert compiled == []
    another = create_app({"DATABASE": str(tmp_path / "another.sqlite3"), "TESTING": True})
    compiled_again = _count_compiles(another, monkeypatch)
    SignupClient(another.test_client()).open_signup_link()
    assert compiled_again == []


def test_every_answer_says_how_long_the_portal_spent_on_it(portal_server: RunningPortal) -> None:
    with urllib.request.urlopen(f"{portal_server.base_url}/signup", timeout=10) as response:
        timing = response.headers.get(SERVER_TIMING, "")
    assert re.fullmatch(r"app;dur=\d+\.\d\d", timing), timing


def test_the_log_filter_escapes_every_unsafe_character_and_leaves_the_rest() -> None:
    for code in SAMPLE:
        ch = chr(code)
        escaped = logs.escape(f"a{ch}b")
        if ch == "\\" or unicodedata.category(ch) in UNSAFE:
            assert escaped != f"a{ch}b", hex(code)
            assert escaped.isascii(), hex(code)
        else:
            assert escaped == f"a{ch}b", hex(code)


def _is_free(path: Path, sid: str) -> bool:
    """Whether session ``sid``'s byte could be locked now, by another open file (as another worker)."""
    probe = os.open(path, os.O_RDWR)
    try:
        fcntl.fcntl(probe, fcntl.F_OFD_SETLK, byte_lock(lock_offset(sid)))
    except BlockingIOError:
        return False
    finally:
        os.close(probe)
    return True


def test_a_session_locked_across_processes_holds_its_byte_until_let_go(tmp_path: Path) -> None:
    """``--workers`` > 1: one lock file, one byte per session, held by an open file (so another
    thread of the same worker is kept out too, not only another process)."""
    path = tmp_path / "locks"
    held = lock_across_processes(str(path), "session-a")
    try:
        assert not _is_free(path, "session-a")
        assert _is_free(path, "session-b")
    finally:
        os.close(held)
    assert _is_free(path, "session-a")


def test_with_a_lock_file_a_request_holds_its_session_byte_while_it_runs(portal_app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "locks"
    portal_app.config[LOCK_FILE_KEY] = str(path)
    with portal_app.test_request_context("/signup", headers={"Cookie": f"{COOKIE_NAME}=session-a"}):
        assert not _is_free(path, "session-a")
        assert _is_free(path, "session-b")
    assert _is_free(path, "session-a")


def test_a_session_byte_held_elsewhere_is_waited_for_then_served_unlocked(tmp_path: Path,
                                                                          caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "locks"
    held = lock_across_processes(str(path), "session-a")
    try:
        assert lock_across_processes(str(path), "session-a", wait=0.01) == -1
    finally:
        os.close(held)
    assert "serving unlocked" in caplog.text


def test_a_page_is_rendered_without_context_processors_and_builds_its_links_once(
    portal_app: Flask, portal_client: SignupClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Flask's ``render_template`` runs every context processor on each render, and ``url_for``
    builds each link anew; no template reads what they add, and the links never change."""
    processed: list[str] = []

    def processor() -> dict[str, object]:
        processed.append("ran")
        return {}

    portal_app.context_processor(processor)
    built: list[str] = []
    real_url_for = portal_app.url_for

    def counting(endpoint: str, **values: Any) -> str:
        built.append(endpoint)
        return real_url_for(endpoint, **values)

    monkeypatch.setattr(portal_app, "url_for", counting)
    portal_client.open_signup_link()
    first = portal_client.get("/signup")
    assert b'href="/static/portal.css"' in first.data
    assert b'action="/signup"' in first.data
    assert "static" in built
    built.clear()
    again = portal_client.get("/signup")
    assert b'action="/signup"' in again.data
    assert built == []
    assert processed == []


def test_select_options_are_escaped_and_the_chosen_one_selected() -> None:
    tags = option_tags(["A<B", ("CA", "California & Co")], "CA")
    assert tags == ('<option value="A&lt;B">A&lt;B</option>\n    '
                    '<option value="CA" selected>California &amp; Co</option>\n    ')
    assert "selected" not in option_tags(["CA"], None)


def test_a_reshown_select_marks_the_value_chosen_before(portal_client: SignupClient) -> None:
    portal_client.walk_to("user-info-2")
    page = portal_client.post("/user-info/2", {**EXAMPLE_USER_INFO_2, "zip": ""}).get_data(as_text=True)
    assert "error-summary" in page
    chosen = EXAMPLE_USER_INFO_2["county"]
    assert f'<option value="{chosen}" selected>{chosen}</option>' in page
    assert page.count(" selected>") == 2  # the state and the county


def test_workers_touch_their_heartbeat_file_in_memory_not_on_disk() -> None:
    """gunicorn touches each worker's heartbeat file on every turn of its event loop: on a busy
    disk a touch took 2 ms on average in one profiled load run, more than serving a page."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        pool = WorkerPool(create_app({"TESTING": True}), listener, workers=2)
        try:
            assert pool.cfg.worker_tmp_dir == MEMORY_DIR
        finally:
            os.close(pool.listener_fd)


def test_a_worker_thread_serves_the_requests_following_on_its_connection_then_hands_it_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """gthread's loop is skipped while the connection's next request comes soon; a quiet one goes back."""
    served: list[bytes] = []

    def handle_one(_worker: ThreadWorker, conn: Any) -> bool:
        served.append(conn.sock.recv(1))  # one byte stands for one request
        return True

    monkeypatch.setattr(ThreadWorker, "handle", handle_one)
    monkeypatch.setattr(serving, "STAY_SECONDS", 0.01)
    worker = object.__new__(serving.StayingThreadWorker)
    server_side, client_side = socket.socketpair()
    with server_side, client_side:
        client_side.sendall(b"ab")
        worker.alive = True
        assert worker.handle(cast(TConn, SimpleNamespace(sock=server_side))) is True
        assert served == [b"a", b"b"]  # the second without going back to the loop; then quiet
        client_side.sendall(b"cd")
        worker.alive = False  # a stopping worker hands every connection back at once
        worker.handle(cast(TConn, SimpleNamespace(sock=server_side)))
        assert served == [b"a", b"b", b"c"]
    with socket.create_server(("127.0.0.1", 0)) as listener:
        pool = WorkerPool(create_app({"TESTING": True}), listener, workers=2)
        try:
            assert pool.cfg.worker_class is serving.StayingThreadWorker
        finally:
            os.close(pool.listener_fd)


def test_a_fresh_form_is_rendered_once_and_each_session_gets_its_own_token(
    portal_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Most GETs show a fresh form: the page is kept, and only the session's CSRF token changes."""
    rendered: list[str] = []
    real_render = rendering._render

    def counting(template: str, context: dict[str, Any], token: object) -> str:
        rendered.append(template)
        return real_render(template, context, token)

    monkeypatch.setattr(rendering, "_render", counting)
    first, second = SignupClient(portal_app.test_client()), SignupClient(portal_app.test_client())
    pages = []
    for client in (first, second):
        client.open_signup_link()
        pages.append(client.get("/signup").get_data(as_text=True))
    assert rendered.count("create_account.html") == 1
    assert first.token != second.token
    assert pages[0].replace(first.token, "") == pages[1].replace(second.token, "")
    assert pages[1].count(second.token) == 1
    assert str(rendering.TOKEN_SLOT) not in pages[1]
    for client in (first, second):
        client.walk_to("user-info-1")
        assert heading(client.get("/user-info/1")) == "User Information (1 of 2)"


def test_a_typed_value_cannot_fill_the_token_slot(portal_client: SignupClient) -> None:
    portal_client.open_signup_link()
    slot = str(rendering.TOKEN_SLOT)
    page = portal_client.post("/signup", {"delegation_code": slot, "business_name": "", "cert_number": ""})
    text = page.get_data(as_text=True)
    assert "&lt;csrf-token-slot&gt;" in text
    assert text.count(portal_client.token) == 1


def test_a_kept_page_tells_markup_from_text(portal_app: Flask) -> None:
    with portal_app.test_request_context("/"):
        as_text = rendering.render("message.html", heading="H", text="<b>bold</b>", status=200,
                                   link_url="", link_text="", heading_in_alert=False)
        as_markup = rendering.render("message.html", heading="H", text=Markup("<b>bold</b>"), status=200,
                                     link_url="", link_text="", heading_in_alert=False)
    assert "&lt;b&gt;bold" in as_text
    assert "<b>bold</b>" in as_markup


def test_a_kept_page_is_keyed_by_every_value_it_shows(portal_client: SignupClient) -> None:
    portal_client.open_signup_link()
    for code in ("FIRST-CODE", "SECOND-CODE"):
        page = portal_client.post("/signup", {"delegation_code": code, "business_name": "", "cert_number": ""})
        assert f'value="{code}"' in page.get_data(as_text=True)


def test_a_temporary_database_lives_in_memory_and_goes_with_its_portal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A WAL checkpoint's sync on a disk busy with other test runs stalled every request behind it."""
    monkeypatch.setattr(tempfile, "tempdir", mock_portal.SYSTEM_TEMP_DIR)  # nobody chose another
    with start_portal() as portal:
        assert Path(portal.database).parent == Path(MEMORY_DIR)
        assert Path(portal.database).exists()
    assert not Path(portal.database).exists()


def test_a_temporary_database_goes_where_tmpdir_says(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Whoever sets TMPDIR (a test checking that nothing is left behind) finds the file there."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again, as a new process does
    with start_portal() as portal:
        assert Path(portal.database).parent == tmp_path
    assert list(tmp_path.iterdir()) == []


def test_the_master_loads_every_template_and_freezes_start_up_before_forking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each worker otherwise loaded each template on its first request of that page: 20 clients at once."""
    app = create_app({"TESTING": True})
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    serving.warm_up(app)
    assert frozen == [True]

    def no_more_loading(*_: object) -> None:
        raise AssertionError("a template was loaded after the warm-up")

    monkeypatch.setattr(app.jinja_env.loader, "get_source", no_more_loading)
    for name in app.jinja_env.list_templates():
        app.jinja_env.get_template(name)


def test_a_worker_s_request_threads_only_keep_log_lines_and_its_writer_writes_them_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """32 request threads took turns on one handler's lock: a seventh of a worker's GIL time."""
    stream = io.StringIO()
    target = logging.StreamHandler(stream)
    monkeypatch.setattr(logging.getLogger(), "handlers", [target])
    writer = serving.LogWriter.install(every=3600.0)  # writes only when stopped, in this test
    assert writer is not None
    assert logging.getLogger().handlers == [writer]
    assert serving.LogWriter.install() is None, "a second writer in front of the first"
    log = logging.getLogger("mock_portal.test-writer")
    for number in range(50):
        log.warning("line %d", number)
    assert stream.getvalue() == "", "a request thread wrote its line itself"
    writer.stop()
    assert stream.getvalue().splitlines() == [f"line {number}" for number in range(50)]
