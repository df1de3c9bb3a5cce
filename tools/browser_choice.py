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
#: Chromium's headless shell (Debian's ``chromium-headless-shell``): the browser without its
#: windowing layer, which Playwright's own headless runs use too. On this 2-core machine the
#: 44 scenarios of guide steps 5-6 took 50 CPU-seconds in it against 119-124 in the full
#: Chromium (cpuacct cgroup of the whole run, issue 11). It cannot open a window: headed runs
#: keep the full browser.
SYSTEM_HEADLESS_SHELL_NAMES = ("chromium-headless-shell",)


class NoBrowserError(RuntimeError):
    """No usable Chromium; the message says what to do."""


@dataclass(frozen=True)
class BrowserChoice:
    """The Chromium to launch (None: Playwright's own) and a sentence saying why."""

    executable_path: str | None
    description: str


def choose_browser(
    managed_path: str | None, env: dict[str, str] | None = None, *, headless: bool = True
) -> BrowserChoice:
    """Pick the browser: ``CEC_BROWSER_PATH``, else Playwright's, else the system Chromium.

    Playwright's own needs no path: it launches its headless shell itself when headless. Of the
    system's, a headless run takes the headless shell where it is installed, a headed run (or
    one under the Playwright Inspector, ``PWDEBUG``) the full browser.
    """
    environ = os.environ if env is None else env
    override = environ.get("CEC_BROWSER_PATH")
    if override:
        if not Path(override).exists():
            raise NoBrowserError(f"CEC_BROWSER_PATH={override} does not exist")
        return BrowserChoice(override, f"Chromium from CEC_BROWSER_PATH ({override})")
    if managed_path and Path(managed_path).exists():
        return BrowserChoice(None, f"Playwright's own Chromium ({managed_path})")
    if headless and not environ.get("PWDEBUG"):
        for name in SYSTEM_HEADLESS_SHELL_NAMES:
            found = shutil.which(name)
            if found:
                return BrowserChoice(
                    found, f"the system Chromium's headless shell ({found}); Playwright's own is not installed"
                )
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
