"""Sharding with pytest-split (issue 12): two shards partition the scenarios, by the committed durations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RunOnce

ROOT = Path(__file__).resolve().parent.parent


def collected(*args: str) -> list[str]:
    """The node ids ``pytest steps --collect-only -q`` lists with ``args``."""
    command = [sys.executable, "-m", "pytest", "steps", "--collect-only", "-q", "-p", "no:cacheprovider", *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return [line for line in done.stdout.splitlines() if "::" in line]


@pytest.fixture(scope="module")
def everything(run_once: RunOnce) -> list[str]:
    """Every scenario's node id, listed once for both tests (and both xdist workers)."""
    _, listed = run_once("steps-collected", lambda folder: {"ids": collected()})
    ids = listed["ids"]
    assert isinstance(ids, list)
    return [str(nodeid) for nodeid in ids]


def test_two_shards_partition_the_scenarios(everything: list[str]) -> None:
    first = collected("--splits", "2", "--group", "1")
    second = collected("--splits", "2", "--group", "2")
    assert first
    assert second
    assert not set(first) & set(second)
    assert sorted(first + second) == sorted(everything)


def test_the_committed_durations_name_only_scenarios_that_exist(everything: list[str]) -> None:
    durations = json.loads((ROOT / ".test_durations").read_text(encoding="utf-8"))
    scenarios = set(everything)
    stale = sorted(set(durations) - scenarios)
    assert not stale, f"refresh .test_durations with `make durations`: {stale[:5]}"
    assert len(set(durations) & scenarios) >= len(scenarios) * 0.9, "refresh .test_durations with `make durations`"
