"""Playwright Test's ``on-first-retry`` for the suite (issue 11): evidence that costs little until a failure.

A passing scenario's filmstrip frames and trace are recorded and thrown away: most of what
the evidence costs (0.5-0.9 CPU-s of a 2 s smoke run). With ``--triage-evidence
on-first-retry`` (the default on the mock) a scenario's first attempt records neither;
everything else of a failure's bundle stays (journal, the failing step's annotated
screenshot, what the page said, what was typed, triage.json, the reproduce command). A
scenario that fails runs once more (pytest-rerunfailures' ``flaky(reruns=1)`` marker, added
here when the user gave no ``--reruns``), recording everything: a scenario failing twice ends
with today's full bundle; one that then passes is green but FLAKY (:mod:`triage.flaky`), its
first attempt's bundle linked. Every attempt has its own ``-attempt-K`` bundle.

Real-portal mode (a ``--base-url`` without the mock's admin API) always records everything
and never retries on its own: a second sign-up attempt against the real portal is not the
suite's to make. The portal fixture's registration (:mod:`cec.evidence`) tells which mode a
run is in; it is registered before any browser context opens, so before the first decision.
"""

from __future__ import annotations

from typing import Final

import pytest

from cec.evidence import run_facts

ON_FIRST_RETRY: Final = "on-first-retry"
EVERY_ATTEMPT: Final = "every-attempt"
MODES: Final = (ON_FIRST_RETRY, EVERY_ATTEMPT)
#: Said in a lean attempt's bundle, where a reader looks for the filmstrip and the trace.
LEAN_NOTE: Final = (
    "filmstrip and trace: this first attempt recorded neither (--triage-evidence on-first-retry); "
    "filmstrip and trace are recorded on the retry (its -attempt-2 bundle, if the retry failed too)"
)
#: Set on the items this module gave their retry (not the user's ``--reruns`` or ``flaky`` marker).
OWN_RETRY: Final = pytest.StashKey[bool]()


def user_reruns(config: pytest.Config) -> bool:
    """True when the user chose reruns themselves (``--reruns``, ``--force-reruns`` or the ini ``reruns``)."""
    if config.getoption("reruns", None) is not None or config.getoption("force_reruns", None) is not None:
        return True
    return bool(str(config.getini("reruns") or "").strip())


def add_retries(config: pytest.Config, items: list[pytest.Item], mode: str) -> None:
    """Give each pytest-bdd scenario one retry, unless the user chose reruns or a debugger waits on failures."""
    if mode != ON_FIRST_RETRY or not config.pluginmanager.has_plugin("rerunfailures") or user_reruns(config):
        return
    if config.getoption("usepdb", False) or config.getoption("pause_on_failure", None):
        return  # one attempt, paused at its failure: a retry would run on behind the developer's back
    for item in items:
        if "_pytest_bdd_example" in getattr(item, "fixturenames", ()) and item.get_closest_marker("flaky") is None:
            item.add_marker(pytest.mark.flaky(reruns=1, condition=lambda: not run_facts(config).real_portal()))
            item.stash[OWN_RETRY] = True


def retried(item: pytest.Item) -> bool:
    """True when pytest-rerunfailures runs this item with reruns to spare (each attempt then has its own bundle)."""
    if getattr(item, "execution_count", None) is None:
        return False  # pytest-rerunfailures' protocol is not running this item
    if item.stash.get(OWN_RETRY, False) and run_facts(item.config).real_portal():
        return False  # the marker's condition refuses the retry
    from pytest_rerunfailures import get_reruns_count

    return bool(get_reruns_count(item))


def lean_attempt(item: pytest.Item, mode: str) -> bool:
    """True for an attempt that records no filmstrip and no trace: a first one, with a retry to record them."""
    if mode != ON_FIRST_RETRY or run_facts(item.config).real_portal():
        return False
    return getattr(item, "execution_count", None) == 1 and retried(item)
