"""Which Chromium runs the suite: Playwright's own where it is installed, else the system's.

Shared by the set-up (``make setup``) and the ``browser_type_launch_args`` fixture, so the
browser set-up installs is the one the run launches, and both say the same sentence.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Playwright

#: Without these Chromium dials out to Google at every start; on a closed network each
#: attempt is refused and slows or clutters the run.
QUIET_CHROMIUM_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
SYSTEM_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


class NoBrowserError(RuntimeError):
    """No usable Chromium; the message says what to do."""


@dataclass(frozen=True)
class BrowserChoice:
    """The Chromium to launch (None: Playwright's own) and a sentence saying why."""

    executable_path: str | None
    description: str


def choose_browser(managed_path: str | None, env: dict[str, str] | None = None) -> BrowserChoice:
    """Pick the browser: ``CEC_BROWSER_PATH``, else Playwright's, else the system Chromium."""
    environ = os.environ if env is None else env
    override = environ.get("CEC_BROWSER_PATH")
    if override:
        if not Path(override).exists():
            raise NoBrowserError(f"CEC_BROWSER_PATH={override} does not exist")
        return BrowserChoice(override, f"Chromium from CEC_BROWSER_PATH ({override})")
    if managed_path and Path(managed_path).exists():
        return BrowserChoice(None, f"Playwright's own Chromium ({managed_path})")
    for name in SYSTEM_CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return BrowserChoice(found, f"the system Chromium ({found}); Playwright's own is not installed")
    raise NoBrowserError(
        "no Chromium found: run `make setup` (it installs Playwright's Chromium, or Debian's chromium), "
        "or set CEC_BROWSER_PATH to a Chromium executable"
    )


def managed_chromium_path(playwright: Playwright) -> str | None:
    """Where Playwright keeps its own Chromium, whether or not it is downloaded."""
    try:
        return playwright.chromium.executable_path
    except Exception:  # an unknown layout just means "not installed"
        return None
