"""``make setup``'s server step: bjoern built where it can be, libev's headers fetched once, a failure remembered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tools import server_setup


class Machine:
    """A stand-in for pip and apt: which builds succeed, and what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, builds: list[bool],
                 installed: bool = False) -> None:
        self.builds, self.installed = builds, installed
        self.asked: list[str] = []
        monkeypatch.setattr(sys, "prefix", str(tmp_path))
        monkeypatch.setattr(server_setup, "has_bjoern", lambda: self.installed)
        monkeypatch.setattr(server_setup, "pip_install_bjoern", self.pip)
        monkeypatch.setattr(server_setup, "apt_install", self.apt)

    def apt(self, packages: list[str]) -> None:
        self.asked.append(f"apt {' '.join(packages)}")

    def pip(self) -> bool:
        self.asked.append("pip")
        self.installed = self.builds.pop(0)
        return self.installed


def test_a_build_that_lacks_libev_gets_its_headers_and_is_tried_again(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    machine = Machine(monkeypatch, tmp_path, builds=[False, True])
    assert server_setup.main() == 0
    assert machine.asked == ["pip", "apt libev-dev", "pip"]
    assert not (tmp_path / server_setup.FAILED_MARKER).exists()
    assert "mock portal --workers: bjoern event loop" in capsys.readouterr().out


def test_a_build_that_cannot_be_made_is_remembered_and_the_threads_are_named(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    machine = Machine(monkeypatch, tmp_path, builds=[False, False])
    assert server_setup.main() == 0  # the threads still serve: the set-up goes on
    assert machine.asked == ["pip", "apt libev-dev", "pip"]
    assert (tmp_path / server_setup.FAILED_MARKER).exists()
    assert "mock portal --workers: gunicorn threads (bjoern could not be built here" in capsys.readouterr().out
    assert server_setup.main() == 0
    assert machine.asked == ["pip", "apt libev-dev", "pip"], "a remembered failure was built again"


def test_an_installed_bjoern_is_not_built_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    machine = Machine(monkeypatch, tmp_path, builds=[], installed=True)
    assert server_setup.main() == 0
    assert machine.asked == []


def test_the_pinned_bjoern_is_the_one_this_machine_has_where_it_has_one() -> None:
    """The set-up's pin and what serves must not drift apart (a new bjoern is taken after a load run)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version("bjoern")
    except PackageNotFoundError:
        assert (Path(sys.prefix) / server_setup.FAILED_MARKER).exists(), "bjoern is missing and no failure was noted"
        return
    assert f"bjoern=={installed}" == server_setup.BJOERN


def test_a_failed_build_says_its_cause_in_one_line_not_the_compiler_log(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    log = "\n".join(["building '_bjoern' extension", *(f"gcc -I/usr/include/libev line {n}" for n in range(40)),
                     "bjoern/common.h:4:10: fatal error: ev.h: No such file or directory", "error: command failed"])

    def pip(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        assert command[-1] == server_setup.BJOERN
        return subprocess.CompletedProcess(command, 1, stdout="", stderr=log)

    monkeypatch.setattr(subprocess, "run", pip)
    assert server_setup.pip_install_bjoern() is False
    said = capsys.readouterr().out
    assert "the build failed: bjoern/common.h:4:10: fatal error: ev.h: No such file or directory\n" in said
    assert "gcc" not in said
