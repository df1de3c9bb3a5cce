"""The browser choice: override, then Playwright's own, then the system Chromium."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Playwright

from tools import browser_setup
from tools.browser_choice import QUIET_CHROMIUM_ARGS, NoBrowserError, choose_browser, managed_chromium_path

ROOT = Path(__file__).resolve().parent.parent


def test_override_wins(tmp_path: Path) -> None:
    exe = tmp_path / "chrome"
    exe.write_text("")
    choice = choose_browser(str(tmp_path / "managed"), {"CEC_BROWSER_PATH": str(exe)})
    assert choice.executable_path == str(exe)
    assert "CEC_BROWSER_PATH" in choice.description


def test_missing_override_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NoBrowserError, match="does not exist"):
        choose_browser(None, {"CEC_BROWSER_PATH": str(tmp_path / "nope")})


def test_playwright_chromium_is_first_choice(tmp_path: Path) -> None:
    managed = tmp_path / "chrome-linux" / "chrome"
    managed.parent.mkdir()
    managed.write_text("")
    choice = choose_browser(str(managed), {})
    assert choice.executable_path is None
    assert "Playwright's own" in choice.description


def test_falls_back_to_system_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "tools.browser_choice.shutil.which", lambda name: "/usr/bin/chromium" if name == "chromium" else None
    )
    choice = choose_browser(str(tmp_path / "not-downloaded"), {})
    assert choice.executable_path == "/usr/bin/chromium"
    assert "system Chromium" in choice.description


def _system_with_both(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = {"chromium": "/usr/bin/chromium", "chromium-headless-shell": "/usr/bin/chromium-headless-shell"}
    monkeypatch.setattr("tools.browser_choice.shutil.which", installed.get)


@pytest.mark.parametrize(
    ("headless", "env", "expected"),
    [
        (True, {}, "/usr/bin/chromium-headless-shell"),
        (False, {}, "/usr/bin/chromium"),
        (True, {"PWDEBUG": "1"}, "/usr/bin/chromium"),
    ],
    ids=["headless-takes-the-shell", "headed-takes-the-full-browser", "inspector-takes-the-full-browser"],
)
def test_the_headless_shell_only_where_no_window_is_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, headless: bool, env: dict[str, str], expected: str
) -> None:
    _system_with_both(monkeypatch)
    choice = choose_browser(str(tmp_path / "not-downloaded"), env, headless=headless)
    assert choice.executable_path == expected
    assert expected in choice.description


def test_playwright_s_own_wins_over_the_system_shell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _system_with_both(monkeypatch)
    managed = tmp_path / "chrome"
    managed.write_text("")
    assert choose_browser(str(managed), {}).executable_path is None


def test_set_up_asks_for_the_headless_shell_on_its_own_and_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A distribution without the package must not lose ``chromium`` (one apt call would fail whole)."""
    calls: list[list[str]] = []
    monkeypatch.setattr(browser_setup, "apt_install", lambda packages, update=True: calls.append(list(packages)))
    monkeypatch.setattr(browser_setup, "_system_has", lambda names: False)
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    browser_setup._system_chromium(["chromium", "xvfb"])
    assert calls == [["chromium", "xvfb"], ["chromium-headless-shell"]]
    browser_setup._system_chromium([])
    assert calls == [["chromium", "xvfb"], ["chromium-headless-shell"]], "a missing shell is asked for once"


def test_no_browser_at_all_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tools.browser_choice.shutil.which", lambda name: None)
    with pytest.raises(NoBrowserError, match="make setup"):
        choose_browser(None, {})


def test_quiet_flags_keep_chromium_off_the_network() -> None:
    assert {"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"} <= set(
        QUIET_CHROMIUM_ARGS
    )


LAUNCH_ARGS_PROBE = '''
def test_probe(browser_type_launch_args):
    assert False, f"launched: {browser_type_launch_args.get('executable_path')}"
'''


def _launched(tmp_path: Path, *args: str) -> str:
    """The executable a run's ``browser_type_launch_args`` names, read back from a probe test."""
    probe = tmp_path / "test_probe.py"
    probe.write_text(LAUNCH_ARGS_PROBE)
    # As in the root conftest: a conftest's plugins come after pytest-playwright's, so ours override its fixtures.
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["fixtures.portal", "fixtures.browser"]\n')
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(probe), "-o", "addopts=", "-p", "no:cacheprovider", "-q",
         "--rootdir", str(tmp_path), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "DISPLAY": os.environ.get("DISPLAY", ":99")},
    )
    found = re.search(r"AssertionError: launched: (\S+)", result.stdout)
    assert found, result.stdout + result.stderr
    return found.group(1)


def test_a_headed_run_launches_the_browser_chosen_for_a_window(tmp_path: Path, playwright: Playwright) -> None:
    """The fixture follows pytest-playwright's ``headless``: ``--headed`` never gets the windowless shell.

    pytest-playwright's own ``playwright``: a second Playwright in a worker that already runs one is refused.
    """
    managed = managed_chromium_path(playwright)
    for args, headless in (((), True), (("--headed",), False)):
        expected = choose_browser(managed, headless=headless).executable_path
        assert _launched(tmp_path, *args) == str(expected)
