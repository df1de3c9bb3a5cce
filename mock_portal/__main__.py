"""``python -m mock_portal``: serve the mock portal until interrupted."""

from __future__ import annotations

import argparse
import errno
import logging
import math
import os
import signal
import socket
import sys
import time

from cec.link import SIGN_UP_LINK
from mock_portal import remove_database
from mock_portal.server import build_app, start_portal

#: How often the main thread looks whether a stop was asked for.
WAKE_SECONDS = 0.1


def port_number(text: str) -> int:
    """A TCP port, 0 (pick a free one) to 65535; anything else is a usage error."""
    return _whole_number(text, "not a port number", "port must be from 0 to 65535", range(65536))


def timeout_seconds(text: str) -> float:
    """A positive, finite number of seconds (0, negative, nan and inf would expire all or nothing)."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise argparse.ArgumentTypeError(f"session timeout must be a positive finite number, not {text}")
    return seconds


def hash_cost(text: str) -> int:
    """The scrypt cost as a power of two, 1 to 15: N = 2**cost (salted hashing stays on at any cost).

    15 is the top: at 16, scrypt with r=8 needs 64 MiB and more, over the hashing's 64 MiB limit,
    so every Username & Password Continue would fail (found by a mutation of that limit).
    """
    out_of_range = "hash cost must be from 1 to 15 (scrypt N = 2**cost)"
    return _whole_number(text, "not a whole number", out_of_range, range(1, 16))


def worker_count(text: str) -> int:
    """How many processes serve, 1 to 64 (1: one process, werkzeug's threaded server)."""
    return _whole_number(text, "not a whole number", "workers must be from 1 to 64", range(1, 65))


def _whole_number(text: str, not_a_number: str, out_of_range: str, allowed: range) -> int:
    """``text`` as a whole number in ``allowed``, else argparse's usage error with the given words."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{not_a_number}: {text!r}") from None
    if number not in allowed:
        raise argparse.ArgumentTypeError(f"{out_of_range}, not {number}")
    return number


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(prog="python -m mock_portal", description=__doc__)
    parser.add_argument("--port", type=port_number, default=8080, help="port to serve on (0 picks a free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on")
    parser.add_argument("--db", default=None, help="SQLite file (default: a fresh temporary file)")
    parser.add_argument("--admin-token", default=None,
                        help="token for /__mock__/ (default: $MOCK_ADMIN_TOKEN, else random)")
    parser.add_argument("--no-admin", action="store_true", help="turn the /__mock__/ test-control API off")
    parser.add_argument("--session-timeout", type=timeout_seconds, default=None, help="idle timeout in seconds (1200)")
    parser.add_argument("--hash-cost", type=hash_cost, default=None,
                        help="scrypt cost for passwords and answers, N = 2**cost (14); salting is always on")
    parser.add_argument("--demo", action="store_true", help="create the guide's example delegation record")
    parser.add_argument("--workers", type=worker_count, default=1,
                        help="processes serving (gunicorn, keep-alive) when more than 1; default 1 (werkzeug)")
    parser.add_argument("--worker-type", choices=("event-loop", "threads"), default=None,
                        help="how each of --workers serves: bjoern's event loop (the default where bjoern is "
                        "installed) or gunicorn's threads (the fallback; the one that can drop a connection)")
    args = parser.parse_args(argv)
    if args.worker_type == "event-loop" and not _event_loop_available():
        parser.error("--worker-type event-loop needs bjoern, which is not installed here: `make setup` builds it "
                     "(it needs libev's headers: apt-get install libev-dev)")
    return args


def _event_loop_available() -> bool:
    from mock_portal.event_loop import event_loop_available

    return event_loop_available()


def _announce(base_url: str, admin_token: str, database: str, args: argparse.Namespace) -> None:
    """Print where the portal is and how to use it."""
    lines = [
        f"Mock CoveredCA.com portal at {base_url}/",
        f"Sign-up link: {base_url}{SIGN_UP_LINK}",
        f"Admin token: {admin_token}" if not args.no_admin else "Admin API: off",
        f"Database: {database}",
    ]
    if args.workers > 1:
        from mock_portal.event_loop import describe_worker_type

        lines.append(f"Workers: {args.workers} ({describe_worker_type(args.worker_type)})")
    if args.demo:
        lines.append("Demo record: SJ5Nen / UAT 4.4 American Traders 3 / 500000142")
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    """Start the portal, print where it is, and serve until the first SIGINT or SIGTERM."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # The format shows no thread, process or process name: each record need not look them up.
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    try:
        return _serve_workers(args) if args.workers > 1 else _serve_threads(args)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        sys.stderr.write(f"Port {args.port} is in use by another program.\n")
        return 1


def _serve_workers(args: argparse.Namespace) -> int:
    """Serve from ``args.workers`` processes (gunicorn) until the first SIGINT or SIGTERM."""
    from mock_portal.event_loop import default_worker_type
    from mock_portal.serving import serve_workers

    args.worker_type = args.worker_type or default_worker_type()
    listener = socket.create_server((args.host, args.port))
    app = build_app(db_path=args.db, admin_token=args.admin_token or os.environ.get("MOCK_ADMIN_TOKEN") or None,
                    admin_enabled=not args.no_admin, session_timeout=args.session_timeout, demo=args.demo,
                    hash_cost=args.hash_cost)
    database = str(app.config["DATABASE"])
    try:
        _announce(f"http://{args.host}:{listener.getsockname()[1]}", str(app.config["ADMIN_TOKEN"]), database, args)
        serve_workers(app, listener, args.workers, worker_type=args.worker_type)
        sys.stdout.write("Stopping.\n")
        sys.stdout.flush()
    finally:
        listener.close()  # a no-op once gunicorn has taken its descriptor over
        if app.config.get("DATABASE_IS_TEMPORARY"):
            remove_database(database)
    return 0


def _serve_threads(args: argparse.Namespace) -> int:
    """Serve from this process's threads (werkzeug) until the first SIGINT or SIGTERM."""
    # Ctrl-C and a service manager's SIGTERM only note the request (a handler that raised, or
    # took a lock, could land anywhere in the main thread); the main thread looks every tenth
    # of a second, whatever the request threads are doing, and stops in order.
    asked: list[int] = []

    def request_stop(signum: int, _frame: object) -> None:
        asked.append(signum)

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    portal = start_portal(
        port=args.port,
        db_path=args.db,
        admin_token=args.admin_token or os.environ.get("MOCK_ADMIN_TOKEN") or None,
        admin_enabled=not args.no_admin,
        session_timeout=args.session_timeout,
        demo=args.demo,
        host=args.host,
        hash_cost=args.hash_cost,
    )
    try:
        _announce(portal.base_url, portal.admin_token, portal.database, args)
        while not asked:
            time.sleep(WAKE_SECONDS)
        sys.stdout.write("Stopping.\n")
        sys.stdout.flush()
    finally:
        portal.stop()
    return 0


def exit_now(code: int) -> None:
    """Leave at once once ``main`` has stopped the portal and removed its files.

    Request threads may still be mid-request; finalising the interpreter under them only
    costs time (the first signal must stop us within a second), so flush and go.
    """
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
