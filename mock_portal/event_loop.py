"""bjoern's event loop as a gunicorn worker: ``python -m mock_portal --workers N`` (issue 11, goal 4).

A worker of ``--workers N`` serves in one of two ways (``--worker-type``):

- ``event-loop`` (the default where bjoern is installed): bjoern's event loop, written in C
  on libev, reads, parses and answers every connection of the worker in one thread and calls
  the portal for one request at a time. No request waits for a thread or the GIL.
- ``threads``: gunicorn's own gthread worker (``serving.py``), a thread per busy connection.
  It is the fallback where bjoern cannot be built (it needs libev's headers), and the one
  that can ``drop`` a connection unanswered (bjoern does not hand the app its socket).

Measured with ``bench/load_mock.py`` (20 clients without think time, 2 workers, this 2-core
machine, interleaved): threads 1.2-1.4 ms of server CPU per request and every page's p95 at
20-60 ms; the event loop 0.5-0.8 ms and p95 10-24 ms.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import signal
import threading
import time
from types import FrameType

from gunicorn.workers.base import Worker

#: The two ways a worker serves (``--worker-type``).
EVENT_LOOP, THREADS_TYPE = "event-loop", "threads"
#: How often an event-loop worker tells the master it is alive, and looks whether the master still is.
HEARTBEAT_SECONDS = 1.0


def event_loop_available() -> bool:
    """Whether bjoern is installed (``make setup`` builds it where libev's headers can be had)."""
    return importlib.util.find_spec("bjoern") is not None


def default_worker_type() -> str:
    """The event loop where bjoern is installed, else gunicorn's threads."""
    return EVENT_LOOP if event_loop_available() else THREADS_TYPE


def describe_worker_type(worker_type: str) -> str:
    """The start-up line's words for how the workers serve."""
    if worker_type == EVENT_LOOP:
        return "bjoern event loop"
    why = "" if event_loop_available() else "; bjoern is not installed (make setup builds it; it needs libev-dev)"
    return f"gunicorn threads{why}"


class EventLoopWorker(Worker):
    """A gunicorn worker whose connections bjoern serves: one C event loop, the portal called inline.

    gunicorn's threads cost the portal more than the portal's own work: in a profiled load
    run a request waited on thread hand-offs and on the GIL, and a worker's 32 threads took
    turns at it (issue 11, goal 4). Here libev watches every connection of the worker and
    bjoern calls the portal for one complete request at a time, releasing the GIL while it
    waits, so the worker's sweeper and log writer threads still run. The master (gunicorn's
    arbiter) still forks, restarts and stops the workers.

    bjoern looks at Python's signals every 0.1 s; a stop (SIGTERM, SIGQUIT, SIGINT) writes the
    worker's last log lines and leaves at once. A thread tells the master the worker is alive
    (gunicorn's heartbeat) and leaves when the master is gone.
    """

    def run(self) -> None:
        """Serve the shared listening socket until stopped."""
        import bjoern  # built by make setup (C, no type hints)

        # A terminal's Ctrl-C goes to its whole process group. bjoern would take SIGINT itself: stop
        # accepting, stop looking at Python's signals, and serve on until every kept-alive
        # connection closed, so the master's stop would wait for its SIGKILL. In a group of its
        # own, the worker hears of a Ctrl-C from the master (SIGQUIT), as of any stop.
        os.setpgid(0, 0)
        for number in (signal.SIGTERM, signal.SIGQUIT, signal.SIGINT):
            signal.signal(number, self._leave)
        threading.Thread(target=self._heartbeat, name="mock-portal-heartbeat", daemon=True).start()
        listener = self.sockets[0]  # gunicorn's wrapper: a file descriptor, as bjoern takes it
        listener.setblocking(False)  # both workers are woken for a connection; the one that loses must not block
        bjoern.server_run(listener, self.wsgi)

    def _heartbeat(self) -> None:
        while True:
            self.notify()
            if os.getppid() != self.ppid:
                self._leave()
            time.sleep(HEARTBEAT_SECONDS)

    def _leave(self, _number: int = 0, _frame: FrameType | None = None) -> None:
        """Write the lines this worker logged, and exit (the database needs no closing: WAL)."""
        writer = getattr(self.app, "log_writer", None)  # serving.WorkerPool's, in this worker
        if writer is not None:
            writer.stop()
        logging.shutdown()
        os._exit(0)
