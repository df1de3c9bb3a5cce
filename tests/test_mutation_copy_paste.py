"""The copy-paste scenarios would notice a portal that tidies pasted values (issue 15).

Each run starts the suite in a subprocess with ``mutation.normalising_mock``: the embedded
mock then normalises the typed values before comparing them. The scenarios that expect
DC-102 must fail, and the failure bundle must name the offending character as U+XXXX.
The runs load ``tests.short_waits``. A tidied paste is accepted, so the portal answers with
the next page: the "page says" step fails at once, naming that page, instead of waiting out
an ``expect`` for a DC-102 that cannot come (pages/common.py ``expect_alert``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lean_runs import NO_TRACE_NO_FILMSTRIP

pytestmark = pytest.mark.real_browser

ROOT = Path(__file__).resolve().parents[1]
FEATURE = "steps/test_copy_paste.py"


def run_against_mutant(mutant: str, tmp_path: Path, *selection: str) -> tuple[int, str]:
    """Run copy-paste scenarios against the mutated mock; return the exit code and output."""
    command = [
        sys.executable, "-m", "pytest", FEATURE, *selection, "-p", "no:cacheprovider", "-p",
        "mutation.normalising_mock", "-p", "tests.short_waits", "-o", "addopts=", "-q", "-rf",
        f"--output={tmp_path / 'playwright'}", f"--triage-dir={tmp_path / 'triage'}", *NO_TRACE_NO_FILMSTRIP,
    ]
    env = {**os.environ, "CEC_MUTANT": mutant}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    return done.returncode, done.stdout + done.stderr


def test_a_mock_that_collapses_a_doubled_space_fails_the_scenario_and_the_bundle_names_it(tmp_path: Path) -> None:
    code, output = run_against_mutant("doubled-space", tmp_path, "-k", "doubled")
    assert code == 1, output
    assert re.search(r"\b1 failed\b", output), output
    [bundle_file] = sorted((tmp_path / "triage").glob("*/triage.json"))
    bundle = json.loads(bundle_file.read_text(encoding="utf-8"))
    findings = {(f["field"], f["kind"], f["character"]) for f in bundle["input_findings"]}
    assert ("CEE Business Legal Name", "doubled-space", "U+0020") in findings, bundle["input_findings"]


def test_a_mock_that_tidies_every_paste_fails_every_copy_paste_scenario(tmp_path: Path) -> None:
    # One worker: each tidied paste now fails as soon as the portal answers with the next page
    # (no wait for a DC-102 that cannot come), so a second worker's browser and portal cost more
    # CPU than its overlap saves, and make test is CPU-bound (issue 11).
    code, output = run_against_mutant("everything", tmp_path, "-p", "no:xdist")
    assert code == 1, output
    # Twelve pastes, each refused by the real rule; only the clean copy may pass.
    assert re.search(r"\b12 failed, 1 passed\b", output), output
    characters = set()
    went_on = 0
    for bundle_file in (tmp_path / "triage").glob("*/triage.json"):
        bundle = json.loads(bundle_file.read_text(encoding="utf-8"))
        characters |= {f["character"] for f in bundle["input_findings"]}
        went_on += 'the portal went on to "Use of the Website" without saying' in bundle["error"]["message"]
    # Each failure ends on the page the portal went on to, not on a wait running out.
    assert went_on == 12, output
    assert {"U+0020", "U+0009", "U+00A0", "U+200B", "U+FEFF", "U+2019", "U+004F", "U+006C"} <= characters


def test_an_unknown_mutant_is_a_clear_usage_error(tmp_path: Path) -> None:
    code, output = run_against_mutant("no-such", tmp_path, "--collect-only")
    assert code == 4, output
    assert "CEC_MUTANT='no-such': choose one of doubled-space, everything" in output
    assert "Traceback" not in output
