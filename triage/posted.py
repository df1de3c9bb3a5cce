"""Browser calls posted on Playwright's own event loop, answered later or never waited for (issue 11).

Playwright's sync API runs its asyncio loop only while the test is inside one of its calls.
A call queued on that loop goes out, before anything queued after it, at the scenario's next
browser call, and its answer is read whenever the loop next runs: the scenario never waits
for it. The trace groups (:mod:`triage.recorder`) and the filmstrip's frames
(:mod:`triage.frames`) go this way, so the happy path pays neither round trip.

This leans on two private attributes every sync API object has today, ``_loop`` and
``_impl_obj`` (the async object behind it). If Playwright moves them, :func:`post` says so
by returning None and the callers fall back to their synchronous calls.
"""

from __future__ import annotations

import asyncio
from asyncio import Task
from collections.abc import Callable, Coroutine, Sequence
from typing import Any


def can_post(owner: object) -> bool:
    """True if ``owner`` (a sync API object) still has the loop and async object :func:`post` needs."""
    loop = getattr(owner, "_loop", None)
    return isinstance(loop, asyncio.AbstractEventLoop) and hasattr(owner, "_impl_obj") and not loop.is_closed()


def post(owner: Any, make: Callable[[Any], Coroutine[Any, Any, Any]]) -> Task[Any] | None:
    """Queue ``make(owner's async object)`` on Playwright's loop without waiting; None if it cannot run.

    Its outcome, a failure included (the page closed meanwhile), is read when it ends, so
    a task nobody awaits never logs "Task exception was never retrieved".
    """
    if not can_post(owner):
        return None
    try:
        call = make(owner._impl_obj)
    except (AttributeError, TypeError):
        return None
    task: Task[Any] = owner._loop.create_task(call)
    task.add_done_callback(_read_outcome)
    return task


def settle(owner: object, tasks: Sequence[Task[Any]], within_s: float) -> None:
    """Run Playwright's loop until every task ended, for at most ``within_s`` seconds.

    For a failure only: its evidence waits for the answers the happy path never read. A task
    still running after the bound is left to end on its own (its outcome is read then).
    """
    pending = [task for task in tasks if not task.done()]
    sync = getattr(owner, "_sync", None)
    if not pending or sync is None or not can_post(owner):
        return
    sync(asyncio.wait(pending, timeout=within_s))


def answer(task: Task[Any] | None) -> Any:
    """The task's result, or None if it did not end, failed or was cancelled."""
    if task is None or not task.done() or task.cancelled() or task.exception() is not None:
        return None
    return task.result()


def _read_outcome(task: Task[Any]) -> None:
    if not task.cancelled():
        task.exception()
