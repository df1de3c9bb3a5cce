"""Set-up step of ``make setup``: build bjoern, the event loop ``--workers N`` serves from (issue 11).

bjoern is C on libev and PyPI has it as source only, so pip builds it, which needs libev's
headers. Where they are missing we install Debian's ``libev-dev`` when we run as root with
apt, and try once more. Where that cannot be done, the mock's ``--workers`` serves from
gunicorn's threads instead and says so; the set-up does not fail for it. A failed build
is remembered in the virtualenv, so later runs do not build again. Run as
``python -m tools.server_setup``.
"""

from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path

from tools.browser_setup import apt_install, say

#: The event loop's package, pinned: a new bjoern is taken on purpose, after a load run.
BJOERN = "bjoern==3.2.2"
#: The Debian package with libev's headers, which building bjoern needs.
APT_LIBEV = "libev-dev"
#: Left in the virtualenv when bjoern could not be built here.
FAILED_MARKER = "bjoern-build-failed"
PIP_TIMEOUT_S = 600
#: How many of a failed build's last lines are shown (pip's whole compiler log is pages long).
SHOWN_LINES = 6


def has_bjoern() -> bool:
    """Whether this interpreter can import bjoern now (a fresh install included)."""
    importlib.invalidate_caches()
    return importlib.util.find_spec("bjoern") is not None


def pip_install_bjoern() -> bool:
    """Build and install bjoern into this virtualenv; True when it can be imported afterwards.

    pip's output is kept unless the build fails: then the compiler's error says why in one
    line (most often ``ev.h: No such file or directory``, which ``libev-dev`` cures), or,
    without one, pip's last lines.
    """
    say(f"building {BJOERN} for the mock's --workers (pip, needs libev's headers)")
    try:
        done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", BJOERN], capture_output=True,
                              text=True, timeout=PIP_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        say(f"pip did not complete: {error}")
        return False
    if done.returncode != 0:
        lines = [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.strip()]
        why = [line for line in lines if "fatal error:" in line][:1] or lines[-SHOWN_LINES:]
        say("the build failed: " + " | ".join(why))
        return False
    return has_bjoern()


def main() -> int:
    """Make sure bjoern is there, or say why the mock's --workers serve from threads; never fails the set-up."""
    marker = Path(sys.prefix) / FAILED_MARKER
    if not has_bjoern() and not marker.exists() and not pip_install_bjoern():
        apt_install([APT_LIBEV])
        if not pip_install_bjoern():
            marker.touch()
    if has_bjoern():
        say("mock portal --workers: bjoern event loop")
    else:
        say(f"mock portal --workers: gunicorn threads (bjoern could not be built here; install {APT_LIBEV} and "
            f"remove {marker} to try again)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
