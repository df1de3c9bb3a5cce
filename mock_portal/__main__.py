"""``python -m mock_portal``: serve the mock portal until interrupted."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading

from mock_portal.server import RunningPortal, start_portal


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(prog="python -m mock_portal", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port to serve on (0 picks a free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on")
    parser.add_argument("--db", default=None, help="SQLite file (default: a fresh temporary file)")
    parser.add_argument("--admin-token", default=None,
                        help="token for /__mock__/ (default: $MOCK_ADMIN_TOKEN, else random)")
    parser.add_argument("--no-admin", action="store_true", help="turn the /__mock__/ test-control API off")
    parser.add_argument("--session-timeout", type=float, default=None, help="idle timeout in seconds (1200)")
    parser.add_argument("--demo", action="store_true", help="create the guide's example delegation record")
    return parser.parse_args(argv)


def _stop_on_terminate(_signum: int, _frame: object) -> None:
    """Turn SIGTERM into the same orderly stop as Ctrl-C (the temporary database is removed)."""
    raise KeyboardInterrupt


def _announce(portal: RunningPortal, args: argparse.Namespace) -> None:
    """Print where the portal is and how to use it."""
    lines = [
        f"Mock CoveredCA.com portal at {portal.base_url}/",
        f"Sign-up link: {portal.signup_url}",
        f"Admin token: {portal.admin_token}" if not args.no_admin else "Admin API: off",
        f"Database: {portal.database}",
    ]
    if args.demo:
        lines.append("Demo record: SJ5Nen / UAT 4.4 American Traders 3 / 500000142")
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    """Start the portal, print where it is, and serve until Ctrl-C."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # A service manager or CI stops us with SIGTERM: leave like Ctrl-C so the portal stops cleanly.
    # Installed before anything starts, and everything after it inside the try, so a signal
    # at any moment still ends in the same orderly stop.
    signal.signal(signal.SIGTERM, _stop_on_terminate)
    portal: RunningPortal | None = None
    try:
        portal = start_portal(
            port=args.port,
            db_path=args.db,
            admin_token=args.admin_token or os.environ.get("MOCK_ADMIN_TOKEN") or None,
            admin_enabled=not args.no_admin,
            session_timeout=args.session_timeout,
            demo=args.demo,
            host=args.host,
        )
        _announce(portal, args)
        threading.Event().wait()
    except KeyboardInterrupt:
        sys.stdout.write("Stopping.\n")
    finally:
        if portal is not None:
            portal.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
