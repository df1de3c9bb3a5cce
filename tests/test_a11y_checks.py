"""Issue 13's checks can fail: each break injected into a copy of the mock's templates or CSS fails its scenario.

A copy of ``mock_portal/templates`` and ``mock_portal/static`` is mutated (a page without
``lang``, an input without a label, a Terms dialog that does not take the focus, a changed
button colour), a portal serving the copy is started here, and the suite's own scenario
runs against it in a subprocess (``--base-url``/``--admin-token``), like pytester's
``runpytest_subprocess``. Each must fail with the evidence issue 13 names.

Breaks that cannot meet share one mutated copy and one child run (issue 11: a child run,
a browser and a portal per break was this module's cost): the two a11y breaks of Create
Your Account fail the one a11y scenario, each named in its failure; the dialog's focus,
the button's colour and the card's width fail three scenarios of three features (the
keyboard walk, the picture at desktop width, the reflow at 320 px), each its own bundle.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from mock_portal.server import RunningPortal, start_portal
from tests.conftest import RunOnce
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


WIDE_CARD = Break(
    "static/portal.css",
    ".card { max-width: 44rem;",
    ".card { min-width: 30rem; max-width: 44rem;",
    "mobile",
    "steps/test_phones.py",
    "320",
)


def mutated_portal(tmp_path: Path, faults: tuple[Break, ...]) -> RunningPortal:
    """A portal serving a copy of the mock's templates and static files with ``faults`` injected."""
    for folder in ("templates", "static"):
        shutil.copytree(MOCK / folder, tmp_path / folder)
    for fault in faults:
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

    def bundle(self, fault: Break) -> Path:
        """The folder of the bundle of ``fault``'s scenario (its nodeid starts with the fault's module)."""
        found = [
            path.parent
            for path in self.bundles.glob("*/triage.json")
            if str(json.loads(path.read_text(encoding="utf-8"))["nodeid"]).startswith(f"{fault.module}::")
        ]
        assert len(found) == 1, f"{len(found)} bundles of {fault.module}:\n{self.output[-3000:]}"
        return found[0]

    def bundle_files(self, fault: Break) -> list[str]:
        return sorted(path.name for path in self.bundle(fault).rglob("*") if path.is_file())

    def document(self, fault: Break) -> dict[str, object]:
        loaded: dict[str, object] = json.loads((self.bundle(fault) / "triage.json").read_text(encoding="utf-8"))
        return loaded


def run_against(folder: Path, faults: tuple[Break, ...]) -> dict[str, object]:
    """Run the scenarios of ``faults``, in one child run, against one portal serving a copy with all of them."""
    portal = mutated_portal(folder / "mock", faults)
    try:
        markers = " or ".join(sorted({fault.marker for fault in faults}))
        scenarios = " or ".join(f"({Path(fault.module).stem} and {fault.scenario})" for fault in faults)
        command = [
            sys.executable, "-m", "pytest", *sorted({fault.module for fault in faults}), "-p", "no:cacheprovider",
            "-p", "no:xdist", "-q", "-o", "addopts=", "--strict-markers", "--output", str(folder / "playwright"),
            "-m", markers, "-k", scenarios, "--base-url", portal.base_url, "--admin-token", TOKEN,
            "--triage-dir", str(folder / "triage"), *NO_TRACE_NO_FILMSTRIP,
        ]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    finally:
        portal.stop()
    return {"code": done.returncode, "output": done.stdout + done.stderr}


def shared_run(run_once: RunOnce, name: str, faults: tuple[Break, ...]) -> Run:
    """``run_against`` made once for all xdist workers."""
    folder, kept = run_once(name, lambda folder: run_against(folder, faults))
    return Run(int(str(kept["code"])), str(kept["output"]), folder / "triage")


@pytest.fixture(scope="module")
def a11y_run(run_once: RunOnce) -> Run:
    """The page without ``lang`` and the input without a label, in one copy, one run of the a11y scenario."""
    return shared_run(run_once, "a11y-breaks", (LANG, UNLABELLED))


@pytest.fixture(scope="module")
def other_run(run_once: RunOnce) -> Run:
    """The dialog's focus, the button's colour and the card's width, in one copy, one run of their scenarios."""
    return shared_run(run_once, "other-breaks", (DIALOG_FOCUS, BUTTON_COLOUR, WIDE_CARD))


def test_a_page_without_lang_fails_the_accessibility_scenario(a11y_run: Run) -> None:
    run = a11y_run
    assert run.code == 1, run.output
    assert "html-has-lang (serious)" in run.output
    assert "https://dequeuniversity.com/rules/axe/" in run.output
    assert "html: <html>" in run.output
    assert {"accessibility.png", "screenshot.png", "triage.json"} <= set(run.bundle_files(LANG))


def test_an_input_without_a_label_fails_the_accessibility_scenario(a11y_run: Run) -> None:
    run = a11y_run
    assert run.code == 1, run.output
    assert "label (critical)" in run.output
    assert '#nickname: <input type="text" id="nickname" name="nickname">' in run.output
    assert run.document(UNLABELLED)["gherkin_step"] == "Then axe-core finds no WCAG 2.1 A or AA violation"
    assert "accessibility.png" in run.bundle_files(UNLABELLED)


def test_a_dialog_that_does_not_take_the_focus_fails_the_keyboard_scenario(other_run: Run) -> None:
    run = other_run
    assert run.code == 1, run.output
    assert "the 'Terms and Conditions of Use' dialog is open but nothing has the focus" in run.output
    document = run.document(DIALOG_FOCUS)
    assert document["gherkin_step"] == 'Then the focus is inside the "Terms and Conditions of Use" dialog'


def test_a_changed_button_colour_fails_the_visual_scenario(other_run: Run) -> None:
    run = other_run
    assert run.code == 1, run.output
    assert "no longer looks like its baseline features/baselines/create-account.png" in run.output
    files = run.bundle_files(BUTTON_COLOUR)
    assert {"create-account-expected.png", "create-account-actual.png", "create-account-diff.png"} <= set(files)
    diff = Image.open(next(run.bundle(BUTTON_COLOUR).rglob("create-account-diff.png"))).convert("RGB")
    colours = diff.getcolors(maxcolors=diff.width * diff.height) or []
    red = sum(count for count, colour in colours if colour == (220, 0, 0))
    assert red > 1000, "the diff image marks no changed region"


def test_a_page_wider_than_320_px_fails_the_reflow_scenario(other_run: Run) -> None:
    run = other_run
    assert run.code == 1, run.output
    run.bundle(WIDE_CARD)
    assert "Create Your Account scrolls sideways at 320 CSS px" in run.output
    assert "(WCAG 1.4.10 reflow)" in run.output
