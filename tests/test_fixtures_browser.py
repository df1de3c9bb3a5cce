"""The browser choice: override, then Playwright's own, then the system Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.browser_choice import QUIET_CHROMIUM_ARGS, NoBrowserError, choose_browser


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


def test_no_browser_at_all_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tools.browser_choice.shutil.which", lambda name: None)
    with pytest.raises(NoBrowserError, match="make setup"):
        choose_browser(None, {})


def test_quiet_flags_keep_chromium_off_the_network() -> None:
    assert {"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"} <= set(
        QUIET_CHROMIUM_ARGS
    )
