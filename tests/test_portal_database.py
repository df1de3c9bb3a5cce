"""A portal given no database uses a temporary file and removes it; one given a file makes none."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from mock_portal import create_app
from mock_portal.server import start_portal

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def private_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point :mod:`tempfile` at an empty folder so stray files can be counted."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_configured_database_makes_no_temporary_file(private_tempdir: Path, tmp_path: Path) -> None:
    create_app({"DATABASE": str(tmp_path / "given.sqlite3")})
    assert list(private_tempdir.iterdir()) == []


def test_a_temporary_database_is_removed_when_the_portal_stops(private_tempdir: Path) -> None:
    with start_portal(port=0) as portal:
        database = Path(portal.database)
        assert database.parent == private_tempdir
        assert database.exists()
    assert list(private_tempdir.iterdir()) == []


def test_a_given_database_is_kept_when_the_portal_stops(tmp_path: Path) -> None:
    with start_portal(port=0, db_path=tmp_path / "kept.sqlite3") as portal:
        pass
    assert Path(portal.database).exists()


def test_the_command_removes_its_temporary_database_when_terminated(private_tempdir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(private_tempdir)}
    process = subprocess.Popen([sys.executable, "-m", "mock_portal", "--port", "0"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    database = ""
    for line in process.stdout:
        if line.startswith("Database: "):
            database = line.removeprefix("Database: ").strip()
            break
    assert database, "the command never printed its database"
    assert Path(database).exists()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    assert not Path(database).exists()
