"""Fixtures for the mock portal's own tests (all named ``portal_*`` to stay out of others' way)."""

from __future__ import annotations

import fcntl
import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page

from fixtures.portal import EMBEDDED_HASH_COST
from mock_portal import create_app, db, records
from mock_portal.server import RunningPortal, start_portal
from mock_portal.testing import SignupClient

PORTAL_ADMIN_TOKEN = "test-admin-token"
#: The portal tests hash at the embedded mock's cost: still salted scrypt, but 4 hashes at the
#: default cost (14) take 1.5 s on this machine, and mutation testing runs these tests per mutant.
#: The cost itself is pinned by the tests that set ``HASH_COST`` on purpose.
PORTAL_HASH_COST = EMBEDDED_HASH_COST


@pytest.fixture
def portal_db_path(tmp_path: Path) -> Path:
    """A fresh SQLite file for this test."""
    return tmp_path / "portal.sqlite3"


@pytest.fixture
def portal_app(portal_db_path: Path) -> Flask:
    """The portal app on a fresh database holding the guide's example record."""
    app = create_app({
        "DATABASE": str(portal_db_path), "ADMIN_TOKEN": PORTAL_ADMIN_TOKEN, "TESTING": True,
        "HASH_COST": PORTAL_HASH_COST,
    })
    conn = db.connect(portal_db_path)
    try:
        records.ensure_example_record(conn)
    finally:
        conn.close()
    return app


@pytest.fixture
def portal_client(portal_app: Flask) -> SignupClient:
    """A test client that carries the CSRF token from page to page."""
    return SignupClient(portal_app.test_client())


@pytest.fixture
def portal_server(portal_db_path: Path) -> Iterator[RunningPortal]:
    """A real multi-threaded portal on a free port, with the example record."""
    with start_portal(
        port=0, db_path=portal_db_path, admin_token=PORTAL_ADMIN_TOKEN, demo=True, hash_cost=PORTAL_HASH_COST,
    ) as running:
        yield running


@pytest.fixture
def open_bare_page(browser: Browser) -> Iterator[Callable[[], Page]]:
    """Pages, each in a context of its own (one per CEC's browser), closed after the test.

    Untraced by the triage plugin, so timings are the code's alone.
    """
    contexts: list[BrowserContext] = []

    def open_page() -> Page:
        contexts.append(browser.new_context(viewport={"width": 1280, "height": 900}))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def bare_page(open_bare_page: Callable[[], Page]) -> Page:
    """One page in a context of its own."""
    return open_bare_page()


@pytest.fixture
def press_into_a_stalled_load(bare_page: Page) -> Callable[[str], None]:
    """Press the named submit button of a form on ``bare_page``; return once its load is left waiting.

    Every request of the page is held unanswered, as a portal that stopped responding would.
    """

    def press(button_name: str) -> None:
        bare_page.route("**/*", lambda route: None)  # never fulfilled: the load hangs
        with bare_page.expect_request("**/*"):
            bare_page.get_by_role("button", name=button_name).click(no_wait_after=True)

    return press


@pytest.fixture
def free_port() -> int:
    """A loopback port nothing listens on (bound, then released), for "nobody answers there" cases."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


#: What a shared piece of work leaves for every worker: its folder and its JSON result.
SharedResult = tuple[Path, dict[str, object]]
#: ``run_once``: a name and the work (given its folder, returning JSON) -> the folder and the result.
RunOnce = Callable[[str, Callable[[Path], dict[str, object]]], SharedResult]


@pytest.fixture(scope="session")
def run_once(tmp_path_factory: pytest.TempPathFactory) -> RunOnce:
    """Do a named piece of work (a subprocess run) once per pytest run, whichever xdist worker asks first.

    Under ``-n``, xdist hands one module's tests to both workers, and a module-scoped
    fixture then runs on each: the same minute-long subprocess twice. Here the first worker
    to ask does the work in a folder both workers see, under a file lock; the other waits
    for the lock and reads the result the first one wrote.
    """
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base

    def once(name: str, make: Callable[[Path], dict[str, object]]) -> SharedResult:
        folder = root / f"shared-{name}"
        result = root / f"shared-{name}.json"
        with (root / f"shared-{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not result.exists():
                folder.mkdir(exist_ok=True)
                result.write_text(json.dumps(make(folder)), encoding="utf-8")
            return folder, json.loads(result.read_text(encoding="utf-8"))

    return once


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that read a shared run (``run_once``) first, each module's together, in collection order.

    Under ``--dist=worksteal`` a worker that runs out of tests takes the tail of the other's
    queue. A shared run there (the triage e2e fault run is a minute and a half on a loaded
    machine) would have one worker make it while the other, holding the rest of its tests,
    waits on its lock, and the run's end would be one worker working alone. At the front,
    both workers still have long queues while the shared runs are made. After pytest's own
    reordering (trylast), which groups tests by their session-scoped parameters; the order
    is the same on every worker, as xdist requires.
    """
    shared = [item for item in items if "run_once" in getattr(item, "fixturenames", ())]
    if shared:
        rest = [item for item in items if "run_once" not in getattr(item, "fixturenames", ())]
        items[:] = shared + rest
