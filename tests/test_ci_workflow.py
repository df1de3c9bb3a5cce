"""The CI workflow to copy (issue 12): every make target and pytest flag it runs exists."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "e2e.yml"


def steps() -> list[dict[str, Any]]:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return [step for job in document["jobs"].values() for step in job["steps"]]


def make_calls() -> list[list[str]]:
    """Every ``make ...`` command line of the workflow, as words."""
    return [shlex.split(line.strip()) for step in steps() for line in str(step.get("run", "")).splitlines()
            if line.strip().startswith("make ")]


@cache
def pytest_help() -> str:
    """``pytest --help``, asked once per worker: both flag checks read the same text."""
    command = [sys.executable, "-m", "pytest", "--help", "-p", "no:cacheprovider"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True).stdout


def test_every_make_target_it_runs_exists() -> None:
    targets = {call[1] for call in make_calls()}
    assert {"setup", "e2e"} <= targets
    for target in targets:
        done = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"make {target}: {done.stderr}"


def test_every_pytest_flag_it_passes_exists() -> None:
    flags = {word.split("=")[0] for call in make_calls() for arg in call if arg.startswith("ARGS=")
             for word in arg[len("ARGS="):].split() if word.startswith("--")}
    assert {"--splits", "--group", "--reruns", "--timeout"} <= flags
    listed = pytest_help()
    for flag in flags:
        assert re.search(rf"(^|[\s,]){re.escape(flag)}[\s=,]", listed, re.M), f"pytest --help lists no {flag}"


def test_shards_match_the_matrix_and_reports_are_kept_whatever_the_outcome() -> None:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = document["jobs"]["e2e"]
    assert len(job["strategy"]["matrix"]["group"]) == int(job["env"]["SPLITS"])
    upload = next(step for step in job["steps"] if "upload-artifact" in str(step.get("uses", "")))
    assert upload["if"] == "always()"
    assert upload["with"]["path"] == "reports/"
    assert any("junit" in str(step.get("uses", "")) and step.get("if") == "always()" for step in job["steps"])
    assert job["steps"][1]["with"]["cache"] == "pip"


@pytest.mark.parametrize("flag", ["--no-such-flag"])
def test_the_flag_check_fails_on_a_flag_pytest_does_not_have(flag: str) -> None:
    assert not re.search(rf"(^|[\s,]){re.escape(flag)}[\s=,]", pytest_help(), re.M)
