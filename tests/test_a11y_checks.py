"""Issue 13's checks can fail: each break injected into a copy of the mock's templates or CSS fails its scenario.

A copy of ``mock_portal/templates`` and ``mock_portal/static`` is mutated (a page without
``lang``, an input without a label, a Terms dialog that does not take the focus, a changed
button colour), a portal serving the copy is started here, and the suite's own scenario
runs against it in a subprocess (``--base-url``/``--admin-token``), like pytester's
``runpytest_subprocess``. Each must fail with the evidence issue 13 names.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from mock_portal.server import RunningPortal, start_portal
from tests.lean_runs import NO_TRACE_NO_FILMSTRIP

pytestmark = pytest.mark.real_browser

ROOT = Path(__file__).resolve().parent.parent
MOCK = ROOT / "mock_portal"
TOKEN = "a11y-checks-admin-token"


@dataclass(frozen=True)
class Break:
    """One injected fault: which file, what replaces what, and the scenario that must catch it.

    ``module`` binds the scenario's feature and ``scenario`` (a ``-k`` expression) picks that
    scenario alone: the child collects one module, not the whole suite, and runs no other
    scenario (issue 11: a Verify Your Information scenario the assertions never read came along).
    """

    file: str
    old: str
    new: str
    marker: str
    module: str
    scenario: str


#: The -k expression for the scenarios of Create Your Account empty and with DC-101 and DC-102.
CREATE_YOUR_ACCOUNT = "create_your_account_empty"
LANG = Break(
    "templates/base.html", '<html lang="en">', "<html>", "a11y", "steps/test_accessibility.py", CREATE_YOUR_ACCOUNT
)
UNLABELLED = Break(
    "templates/create_account.html",
    "{{ m.csrf() }}",
    '{{ m.csrf() }}\n  <input type="text" id="nickname" name="nickname">',
    "a11y",
    "steps/test_accessibility.py",
    CREATE_YOUR_ACCOUNT,
)
DIALOG_FOCUS = Break(
    "static/terms.js", "    closeButton.focus();\n", "", "keyboard", "steps/test_keyboard.py", "activates"
)
BUTTON_COLOUR = Break(
    "static/portal.css",
    ".button.primary { background: #005a8c;",
    ".button.primary { background: #b42318;",
    "visual",
    "steps/test_visual.py",
    CREATE_YOUR_ACCOUNT,
)


def mutated_portal(tmp_path: Path, fault: Break) -> RunningPortal:
    """A portal serving a copy of the mock's templates and static files with ``fault`` injected."""
    for folder in ("templates", "static"):
        shutil.copytree(MOCK / folder, tmp_path / folder)
    target = tmp_path / fault.file
    text = target.read_text(encoding="utf-8")
    assert fault.old in text, f"the mock's {fault.file} no longer holds {fault.old!r}: update this test"
    target.write_text(text.replace(fault.old, fault.new), encoding="utf-8")
    running = start_portal(port=0, db_path=tmp_path / "portal.sqlite3", admin_token=TOKEN)
    # Before the first request: Flask reads both folders lazily.
    running.app.template_folder = str(tmp_path / "templates")
    running.app.static_folder = str(tmp_path / "static")
    return running


@dataclass(frozen=True)
class Run:
    """A finished run of the suite: its exit code, its output and its bundles' folder."""

    code: int
    output: str
    bundles: Path

    def bundle_files(self) -> list[str]:
        return sorted(path.name for path in self.bundles.rglob("*") if path.is_file())


@pytest.fixture
def run_against(tmp_path: Path) -> Iterator[Callable[[Break], Run]]:
    """Run the suite's scenario for a fault against a portal serving the mutated copy."""
    started: list[RunningPortal] = []

    def run(fault: Break) -> Run:
        portal = mutated_portal(tmp_path / "mock", fault)
        started.append(portal)
        bundles = tmp_path / "triage"
        command = [
            sys.executable, "-m", "pytest", fault.module, "-p", "no:cacheprovider", "-p", "no:xdist", "-q",
            "-o", "addopts=", "--strict-markers", "--output", str(tmp_path / "playwright"),
            "-m", fault.marker, "-k", fault.scenario, "--base-url", portal.base_url, "--admin-token", TOKEN,
            "--triage-dir", str(bundles), *NO_TRACE_NO_FILMSTRIP,
        ]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
        return Run(done.returncode, done.stdout + done.stderr, bundles)

    yield run
    for portal in started:
        portal.stop()


def test_a_page_without_lang_fails_the_accessibility_scenario(run_against: Callable[[Break], Run]) -> None:
    run = run_against(LANG)
    assert run.code == 1, run.output
    assert "html-has-lang (serious)" in run.output
    assert "https://dequeuniversity.com/rules/axe/" in run.output
    assert "html: <html>" in run.output
    assert {"accessibility.png", "screenshot.png", "triage.json"} <= set(run.bundle_files())


def test_an_input_without_a_label_fails_the_accessibility_scenario(run_against: Callable[[Break], Run]) -> None:
    run = run_against(UNLABELLED)
    assert run.code == 1, run.output
    assert "label (critical)" in run.output
    assert '#nickname: <input type="text" id="nickname" name="nickname">' in run.output
    document = json.loads(next(run.bundles.rglob("triage.json")).read_text(encoding="utf-8"))
    assert document["gherkin_step"] == "Then axe-core finds no WCAG 2.1 A or AA violation"
    assert "accessibility.png" in run.bundle_files()


def test_a_dialog_that_does_not_take_the_focus_fails_the_keyboard_scenario(run_against: Callable[[Break], Run]) -> None:
    run = run_against(DIALOG_FOCUS)
    assert run.code == 1, run.output
    assert "the 'Terms and Conditions of Use' dialog is open but nothing has the focus" in run.output
    document = json.loads(next(run.bundles.rglob("triage.json")).read_text(encoding="utf-8"))
    assert document["gherkin_step"] == 'Then the focus is inside the "Terms and Conditions of Use" dialog'


def test_a_changed_button_colour_fails_the_visual_scenario(run_against: Callable[[Break], Run]) -> None:
    run = run_against(BUTTON_COLOUR)
    assert run.code == 1, run.output
    assert "no longer looks like its baseline features/baselines/create-account.png" in run.output
    files = run.bundle_files()
    assert {"create-account-expected.png", "create-account-actual.png", "create-account-diff.png"} <= set(files)
    diff = Image.open(next(run.bundles.rglob("create-account-diff.png"))).convert("RGB")
    colours = diff.getcolors(maxcolors=diff.width * diff.height) or []
    red = sum(count for count, colour in colours if colour == (220, 0, 0))
    assert red > 1000, "the diff image marks no changed region"


WIDE_CARD = Break(
    "static/portal.css",
    ".card { max-width: 44rem;",
    ".card { min-width: 30rem; max-width: 44rem;",
    "mobile",
    "steps/test_phones.py",
    "320",
)


def test_a_page_wider_than_320_px_fails_the_reflow_scenario(run_against: Callable[[Break], Run]) -> None:
    run = run_against(WIDE_CARD)
    assert run.code == 1, run.output
    assert "Create Your Account scrolls sideways at 320 CSS px" in run.output
    assert "(WCAG 1.4.10 reflow)" in run.output
