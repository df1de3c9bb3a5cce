"""``AdminClient.available``: says yes only to the mock's admin API, and changes nothing there."""

from __future__ import annotations

import http.server
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing

import pytest

from mock_portal.server import RunningPortal
from tools.admin_client import AdminApiError, AdminClient


def faults_stored(portal: RunningPortal) -> int:
    with closing(sqlite3.connect(portal.database)) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM faults").fetchone()
    return int(count)


def test_the_mock_with_our_token_is_available_and_keeps_faults_injected_from_outside(
    portal_server: RunningPortal,
) -> None:
    outside = AdminClient(portal_server.base_url, portal_server.admin_token)
    outside.inject_fault("terms", "http-500", after=1)
    assert AdminClient(portal_server.base_url, portal_server.admin_token).available()
    assert faults_stored(portal_server) == 1


def test_a_wrong_token_is_not_available(portal_server: RunningPortal) -> None:
    assert not AdminClient(portal_server.base_url, "not-the-token").available()
    assert AdminClient(portal_server.base_url, "not-the-token").probe().reason.endswith("refused the admin token")


class RefusesEverything(http.server.BaseHTTPRequestHandler):
    """A proxy or real portal that answers every POST with an HTML 400 page."""

    def do_POST(self) -> None:
        body = b"<html><h1>400 Bad Request</h1></html>"
        self.send_response(400)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads answers, not logs."""


@pytest.fixture
def refusing_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RefusesEverything)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_another_server_s_400_is_not_the_admin_api(refusing_server: str) -> None:
    assert not AdminClient(refusing_server, "any-token").available()


def test_nobody_listening_is_not_available() -> None:
    assert not AdminClient("http://127.0.0.1:9", "any-token", timeout=2).available()


def test_nobody_listening_says_so() -> None:
    probe = AdminClient("http://127.0.0.1:9", "any-token", timeout=2).probe()
    assert (probe.usable, probe.reachable) == (False, False)
    assert "connection refused" in probe.reason


def test_another_server_is_no_admin_api(refusing_server: str) -> None:
    probe = AdminClient(refusing_server, "any-token").probe()
    assert not probe.usable
    assert "has no mock admin API" in probe.reason


def test_a_refused_fault_says_the_portal_s_reason(portal_server: RunningPortal) -> None:
    """The admin API's own words reach whoever injected the fault, not only its status."""
    with pytest.raises(AdminApiError, match=r"failed with HTTP 400: .*kind"):
        AdminClient(portal_server.base_url, portal_server.admin_token).inject_fault("terms", "explode")
