"""What the test machinery lacks is said as what it is, before any scenario (issue 10).

A missing browser, display or ffmpeg is not a CEC failing at guide step 1: the run
stops at start with "The test could not run: ..." and a non-zero exit. Listing tests
writes no report over the last real run's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lean_runs import EVERY_ATTEMPT

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "steps/test_full_activation.py", "-o", "addopts=", "-p", "no:cacheprovider",
         "-q", "--triage-dir", str(tmp_path / "triage"), *EVERY_ATTEMPT, *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        env=env if env is not None else dict(os.environ),
    )


def _environment(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


@pytest.mark.parametrize(
    ("args", "env", "cause"),
    [
        (["--browser", "webkit"], {}, "--browser webkit asks for Playwright's webkit, which is not installed"),
        (["--headed"], {"DISPLAY": None, "WAYLAND_DISPLAY": None}, "--headed needs a display"),
        (["--video", "on"], {}, "--video needs Playwright's ffmpeg"),
        ([], {"CEC_BROWSER_PATH": "/nonexistent/chrome"}, "CEC_BROWSER_PATH=/nonexistent/chrome does not exist"),
        (["--pause-on-failure"], {}, "--pause-on-failure opens the Playwright Inspector, which needs a window"),
    ],
    ids=["webkit-not-installed", "headed-without-display", "video-without-ffmpeg", "browser-path", "pause-headless"],
)
def test_a_missing_piece_of_machinery_stops_the_run(
    tmp_path: Path, args: list[str], env: dict[str, str | None], cause: str
) -> None:
    result = _run(tmp_path, *args, env=_environment(**env))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"The test could not run: {cause}" in output
    assert "guide step" not in output.lower()
    assert "Traceback" not in output
    assert not (tmp_path / "triage").exists()


def test_listing_writes_no_report(tmp_path: Path) -> None:
    reports = {name: tmp_path / name for name in ("junit.xml", "report.html", "cucumber.json")}
    for flag in ("--collect-only", "--fixtures"):
        result = _run(
            tmp_path, flag, "--junitxml", str(reports["junit.xml"]), "--html", str(reports["report.html"]),
            "--cucumberjson", str(reports["cucumber.json"]),
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert [path.name for path in reports.values() if path.exists()] == []
