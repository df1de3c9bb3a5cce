"""How much of a ``--full-walk`` run fast-forward can take away at most (issue 11, goal 2).

Fast-forward replaces one step only: "Given the CEC has reached the "X" page" (and a
colleague's), in scenarios not tagged ``@full-walk``. Everything else a scenario does
(open its context, act on its own page, read the answer) it does in both modes. So the
share of a ``--full-walk`` run's step time spent in those steps bounds what fast-forward
can save: a fast-forward that cost nothing would leave the ratio at ``1 - share``. The
bench prints that bound beside the measured ratio, so a goal below it reads as what it
is, a property of the suite's scenarios, not of how fast the fast-forward is.

Read from the run's own ``cucumber.json`` (pytest-bdd's step durations, nanoseconds).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The steps a fast-forward stands in for (steps/shared/walking.py and other_cecs.py).
REACHED = re.compile(r"\bhas reached the \"")
#: Scenarios that walk in every mode.
WALKS_ALWAYS = "full-walk"


@dataclass(frozen=True)
class WalkShare:
    """Step seconds of a run: in all, and in the steps a fast-forward replaces."""

    scenarios: int
    fast_forwardable: int
    step_seconds: float
    walk_seconds: float

    @property
    def best_ratio(self) -> float:
        """The fast-forward/full-walk ratio if every fast-forward took no time at all."""
        return 1 - self.walk_seconds / self.step_seconds if self.step_seconds else 1.0


def _seconds(step: dict[str, Any]) -> float:
    return float(step.get("result", {}).get("duration", 0)) / 1e9


def walk_share(cucumber_json: Path) -> WalkShare:
    """The step time of a run and the part of it spent reaching a scenario's page."""
    scenarios = forwardable = 0
    total = walking = 0.0
    for feature in json.loads(cucumber_json.read_text(encoding="utf-8")):
        for scenario in feature.get("elements", []):
            scenarios += 1
            steps = scenario.get("steps", [])
            total += sum(_seconds(step) for step in steps)
            tags = {tag.get("name", "").lstrip("@") for tag in scenario.get("tags", [])}
            reached = [step for step in steps if REACHED.search(step.get("name", ""))]
            if reached and WALKS_ALWAYS not in tags:
                forwardable += 1
                walking += sum(_seconds(step) for step in reached)
    return WalkShare(scenarios, forwardable, total, walking)


def bound_lines(full_walk: WalkShare, fast: WalkShare) -> list[str]:
    """What the two runs' step times say about the ratio fast-forward can reach."""
    return [
        f"  where the time goes (pytest-bdd step durations, {full_walk.scenarios} scenarios, "
        f"{full_walk.fast_forwardable} of them can start later):",
        f"    --full-walk: {full_walk.step_seconds:6.1f} s in steps, {full_walk.walk_seconds:6.1f} s of it "
        f"reaching the scenario's page",
        f"    fast-forward: {fast.step_seconds:6.1f} s in steps, {fast.walk_seconds:6.1f} s of it "
        f"reaching the scenario's page",
        f"    a fast-forward that took no time would leave the ratio at {full_walk.best_ratio:.2f} at best",
    ]
