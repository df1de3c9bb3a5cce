"""Serve the portal from several processes: ``python -m mock_portal --workers N`` (issue 11, goal 4).

One werkzeug process serves every request on one core (the GIL), and its dev server opens
a connection per request. gunicorn forks N workers sharing the listening socket and the
SQLite file (WAL, busy timeout), each keeping connections open (HTTP/1.1 keep-alive, as a
browser uses them). What a single process kept in memory is shared through the database
(faults, sessions, records) or a lock file (the one-request-at-a-time lock of each
session); each worker sweeps expired sessions on its own.

A worker serves from bjoern's event loop (``event_loop.py``, the default where bjoern is
installed) or from gunicorn's threads (here): ``--worker-type``.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import gc
import logging
import os
import select
import socket
import threading
from collections.abc import Callable, Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from gunicorn.workers.gthread import TConn, ThreadWorker

from mock_portal import MEMORY_DIR, db, faults, remove_database
from mock_portal.event_loop import EVENT_LOOP, THREADS_TYPE, EventLoopWorker
from mock_portal.server import start_sweeper, timed
from mock_portal.session import LOCK_FILE_KEY

#: Idle seconds a kept-alive connection stays open (a browser keeps its own for about a minute).
KEEPALIVE_SECONDS = 75
#: Threads per worker: each holds one connection, so more than one test run's clients at once.
THREADS = 32
#: A worker's youngest-generation collection threshold (Python 3.11 collects at 700). A
#: request allocates a few thousand container objects (request, context, rendered page, rows),
#: so at the default nearly every request triggers a collection, each one walking whatever young
#: objects the worker's 32 threads hold at that moment; the pauses land on whichever request is
#: unlucky (issue 11, the p95). Cycles are rare in a request, so collecting ten times less often
#: costs a little memory, not correctness.
WORKER_GC_THRESHOLD = 20_000
#: How often a worker's log writer writes the lines its request threads logged.
LOG_WRITE_SECONDS = 0.05
#: How long a request thread waits on its kept-alive connection for the next request before
#: handing the connection back to the worker's event loop.
STAY_SECONDS = 0.25


def lock_file_for(database: str) -> str:
    """The file whose bytes lock sessions across workers, beside the database."""
    return f"{database}-locks"


def warm_up(app: Flask) -> None:
    """Before forking: compile every template and move what start-up built out of the collector's way.

    Each worker would otherwise compile each template on its first request of that page, which
    at 20 clients is 20 requests at once waiting tens of ms behind the compiler: the first
    sign-up's pages (issue 11, p95). Compiled here once, the workers inherit them. ``gc.freeze``
    puts every object alive now (modules, the app, the templates) in the permanent generation:
    no worker's collection walks them again, and no collection's reference-count writes copy
    the pages the workers share with the master.
    """
    environment = app.jinja_env
    for name in environment.list_templates():
        environment.get_template(name)
    gc.collect()
    gc.freeze()


class LogWriter(logging.Handler):
    """A worker's log lines kept by the request threads and written by one thread of its own, in order.

    32 request threads writing through one handler took turns on its lock: in a profiled load
    run, a seventh of a worker's time holding the GIL went there, mostly to letting the lock go
    to the next writer (issue 11). ``QueueHandler`` moved that cost to waking its listener on
    every line. Here a request thread only appends its record to a deque (atomic, no lock, no
    wake-up) and the writer thread wakes ``every`` seconds to hand what is there to the handlers
    the root logger had; stopping writes what is left.
    """

    def __init__(self, handlers: list[logging.Handler], every: float = LOG_WRITE_SECONDS) -> None:
        super().__init__()
        self.handlers, self.every = handlers, every
        self.lines: collections.deque[logging.LogRecord] = collections.deque()
        self.stopping = threading.Event()
        self.writer = threading.Thread(target=self._write_until_stopped, name="mock-portal-log", daemon=True)

    def handle(self, record: logging.LogRecord) -> bool:
        """Keep the record for the writer (no lock: ``deque.append`` is atomic).

        ``handle``, not ``emit``: a logger calls ``handle``, whose base version takes the lock
        this writer exists to avoid; so ``emit`` is never reached.
        """
        self.lines.append(record)
        return True

    def _write_until_stopped(self) -> None:
        while not self.stopping.wait(self.every):
            self.write()
        self.write()

    def write(self) -> None:
        """Hand every kept record, oldest first, to the handlers that write it."""
        while self.lines:
            record = self.lines.popleft()
            for handler in self.handlers:
                if record.levelno >= handler.level:
                    handler.handle(record)

    @classmethod
    def install(cls, every: float = LOG_WRITE_SECONDS) -> LogWriter | None:
        """Put a writer in front of the root logger's handlers (in a fresh worker); None without any."""
        root = logging.getLogger()
        if not root.handlers or any(isinstance(handler, cls) for handler in root.handlers):
            return None
        writer = cls(list(root.handlers), every)
        root.handlers = [writer]
        writer.writer.start()
        return writer

    def stop(self) -> None:
        """Write what is kept and stop the writing thread (a leaving worker's last lines are kept)."""
        self.stopping.set()
        if self.writer.is_alive():
            self.writer.join(timeout=5)


def next_request_within(sock: socket.socket, seconds: float) -> bool:
    """Whether ``sock`` turns readable (a request, or the client closing it) within ``seconds``."""
    waiting = select.poll()
    waiting.register(sock, select.POLLIN)
    return bool(waiting.poll(seconds * 1000))


class StayingThreadWorker(ThreadWorker):
    """gunicorn's gthread worker whose request thread serves a kept-alive connection's next request itself.

    gthread hands every kept-alive connection back to the worker's event loop after each answer:
    the socket's blocking mode set twice, registered with and removed from epoll, a pipe written to
    wake the loop, a future and the executor's queue to hand it to a thread again. In a profiled
    load run the loop held the interpreter for about a quarter of a worker's samples, and every
    request waited for two thread hand-offs (issue 11). Here the thread that answered waits up to
    ``STAY_SECONDS`` for the connection's next request (one ``poll``) and serves it; a connection
    that stays quiet goes back to the loop as before. A browser or a load client sends its next
    request within milliseconds; 32 threads a worker outnumber the connections a test run keeps
    open (were every thread waiting on a quiet connection, a new one would wait that long at most).
    """

    def handle(self, conn: TConn) -> bool:
        """Serve the connection's request, then each one that follows within ``STAY_SECONDS``."""
        result = super().handle(conn)
        while result is True and self.alive and next_request_within(conn.sock, STAY_SECONDS):
            result = super().handle(conn)
        return result


def with_raw_socket(app: WSGIApplication) -> WSGIApplication:
    """Name gunicorn's client socket as werkzeug does, so the ``drop`` fault can close it."""
    def serve(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        environ.setdefault("werkzeug.socket", environ.get("gunicorn.socket"))
        return app(environ, start_response)

    return serve


class _PromptArbiter(Arbiter):
    """gunicorn's master, stopping at once on SIGTERM as on SIGINT (a test run's stop must not wait)."""

    def handle_term(self) -> None:
        """Tell the workers to quit now (SIGQUIT), not to finish their connections first."""
        self.stop(False)
        raise StopIteration


class WorkerPool(BaseApplication):
    """The portal's app under gunicorn, on a socket we bound (so port 0 and a port in use are ours to tell)."""

    def __init__(self, app: Flask, listener: socket.socket, workers: int, threads: int = THREADS,
                 worker_type: str = THREADS_TYPE) -> None:
        self.app, self.workers, self.threads, self.worker_type = app, workers, threads, worker_type
        # gunicorn takes the descriptor over (and closes it): the socket object must not close it again.
        self.listener_fd = listener.detach()
        self.log_writer: LogWriter | None = None
        super().__init__()

    def load_config(self) -> None:
        """Set gunicorn up: event-loop or gthread workers with keep-alive, quiet, no control socket."""
        worker = EventLoopWorker if self.worker_type == EVENT_LOOP else StayingThreadWorker
        settings: dict[str, object] = {
            "bind": [f"fd://{self.listener_fd}"],
            "workers": self.workers,
            "worker_class": f"{__name__}.{worker.__name__}",
            "threads": self.threads,
            "keepalive": KEEPALIVE_SECONDS,
            "graceful_timeout": 1,
            "timeout": 600,
            "accesslog": None,
            "loglevel": "warning",
            "control_socket_disable": True,
            "proc_name": "mock-portal",
            "post_fork": self._post_fork,
            # Each worker's heartbeat file in memory when the system has it: gunicorn touches it on
            # every turn of a worker's event loop, the thread that hands out every connection; on a
            # disk a touch is a journalled metadata write, about 2 us when idle, but it averaged 2 ms
            # in one profiled load run while the disk was busy with other test runs.
            "worker_tmp_dir": MEMORY_DIR if os.path.isdir(MEMORY_DIR) else None,
        }
        for key, value in settings.items():
            if key in self.cfg.settings:  # an older gunicorn lacks the newer ones (control_socket_disable)
                self.cfg.set(key, value)

    def _post_fork(self, _arbiter: object, _worker: object) -> None:
        """In each worker: the master's exit removes a temporary database, not a worker's; sweep sessions."""
        atexit.unregister(remove_database)
        gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])
        self.log_writer = LogWriter.install()
        start_sweeper(self.app, threading.Event())

    def load(self) -> Callable[..., Iterable[bytes]]:
        """The WSGI app every worker serves."""
        return with_raw_socket(timed(self.app))

    def run(self) -> None:
        """Fork the workers and serve until SIGINT or SIGTERM."""
        db.pool(self.app).drain()
        warm_up(self.app)
        _PromptArbiter(self).run()


def serve_workers(app: Flask, listener: socket.socket, workers: int, threads: int = THREADS,
                  worker_type: str = THREADS_TYPE) -> None:
    """Serve ``app`` from ``workers`` processes until stopped; then remove the lock file.

    Under the event loop the portal refuses a ``drop`` fault (no socket to close), saying why.

    A worker leaves gunicorn's loop by ``SystemExit`` up through its master's stack (it is a
    fork of it): it must leave right there, not run the master's clean-up (which removes the
    database) on its way out.
    """
    app.config[LOCK_FILE_KEY] = lock_file_for(str(app.config["DATABASE"]))
    if worker_type == EVENT_LOOP:
        app.config[faults.NO_DROP_KEY] = (
            "this portal's workers serve from bjoern's event loop, which cannot close a connection unanswered; "
            "start it with --worker-type threads to use the drop fault"
        )
    master = os.getpid()
    pool = WorkerPool(app, listener, workers, threads, worker_type)
    try:
        pool.run()
    except SystemExit as leaving:
        if os.getpid() != master:
            if pool.log_writer is not None:
                pool.log_writer.stop()
            logging.shutdown()
            os._exit(leaving.code if isinstance(leaving.code, int) else 1)
    with contextlib.suppress(FileNotFoundError):
        os.remove(lock_file_for(str(app.config["DATABASE"])))
