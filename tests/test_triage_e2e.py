"""The triage plugin end to end: real scenarios, real browser, the mock portal misbehaving.

Each test runs pytest in a temporary project (the flow in ``tests/triage_flow/``: the
project's fixtures, page objects and ``triage.plugin``) in a subprocess, like pytester's
``runpytest_subprocess`` (in-process runs clash with pytest-playwright's soft-assertion
scope). Two runs serve the whole module, and every case is checked on its own: the fault
table, the pasted code and the happy path under ``-n 2`` against the embedded mock, and the
faults injected from outside on one separately started mock, in one run without xdist.
Each run's tests share an ``xdist_group``, so ``--dist loadgroup`` makes the run once.
"""

from __future__ import annotations

import base64
import html
import json
import re
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from cec.guide import GUIDE_STEPS
from cec.personas import build_credentials, scenario_faker
from tests.conftest import PORTAL_HASH_COST, RunOnce
from tests.lean_runs import EVERY_ATTEMPT
from tests.triage_flow import project
from tools.admin_client import AdminClient

pytestmark = pytest.mark.real_browser

SEED = 424242
ADMIN_TOKEN = "triage-e2e-admin-token-5b1f"
EXAMPLE_ROW = project.EXAMPLE_ROW


@dataclass(frozen=True)
class Case:
    """A fault, where it is injected, and the guide step portal-spec.md's table gives."""

    kind: str
    page: str
    after: int
    step: int
    code: str | None

    @property
    def row(self) -> str:
        return project.fault_row(self.kind, self.page, self.after)

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.page}-{self.after}"


# Requests per fault page, in order (mock_portal/README.md): signup = entry link, /signup,
# POST CONTINUE; terms = page, /terms/document, POST agree; user-info-N / credentials =
# page, POST; verify = page, POST Confirm, the pop-up; login = page, POST, /home.
CASES = [
    Case("http-500", "signup", 0, 1, "SYS-999"),  # the sign-up link itself fails
    Case("maintenance", "signup", 1, 1, "SYS-503"),  # Create Your Account never appears
    Case("stuck-continue", "signup", 1, 2, None),  # CONTINUE never enables
    Case("http-500", "signup", 2, 2, "SYS-999"),  # an error CONTINUE brings
    Case("http-500", "terms", 0, 2, "SYS-999"),  # the next page not appearing after CONTINUE
    Case("http-500", "terms", 1, 3, "SYS-998"),  # the terms dialog cannot load its text
    Case("stuck-continue", "terms", 0, 4, None),  # Continue never enables
    Case("drop", "terms", 2, 4, None),  # what Continue brings: nothing
    Case("maintenance", "user-info-1", 1, 5, "SYS-503"),
    Case("drop", "user-info-2", 0, 5, None),  # page 2 never appears after page 1's Continue
    Case("slow", "credentials", 1, 6, None),  # beyond the browser's wait
    Case("http-500", "verify", 1, 7, "SYS-999"),  # an error Confirm brings
    Case("stuck-continue", "verify", 2, 8, None),  # the pop-up's Log In never enables
    Case("drop", "verify", 2, 8, None),  # Confirm went through, the pop-up never came
    Case("http-500", "login", 0, 9, "SYS-999"),  # after pressing the pop-up's Log In
    Case("slow", "login", 1, 9, None),  # logging in with the new account
    Case("stuck-continue", "login", 0, 9, None),
]


@dataclass
class Run:
    """One pytest run in a temporary project."""

    path: Path
    returncode: int
    stdout: str
    #: The separately started portal the run tested, if any.
    base_url: str = ""

    @property
    def triage(self) -> Path:
        return self.path / "reports" / "triage"

    def bundles(self) -> dict[str, dict[str, object]]:
        """triage.json of every bundle, by the test's parameter id (or scenario slug)."""
        found: dict[str, dict[str, object]] = {}
        for path in sorted(self.triage.glob("*/triage.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            match = re.search(r"\[(.+)\]$", str(data["nodeid"]))
            found[match.group(1) if match else path.parent.name] = data | {"_folder": str(path.parent)}
        return found


def pytest_command(*args: str) -> tuple[list[str], dict[str, str]]:
    """pytest with the reports CI reads and the known admin token for the embedded mock."""
    return project.pytest_command(
        *project.REPORT_OPTIONS, "--faker-seed", str(SEED), *EVERY_ATTEMPT, *args, env={"MOCK_ADMIN_TOKEN": ADMIN_TOKEN}
    )


def run_pytest(path: Path, *args: str) -> Run:
    """pytest in ``path``, in a subprocess (like pytester's runpytest_subprocess)."""
    command, environment = pytest_command(*args)
    done = subprocess.run(command, cwd=path, env=environment, capture_output=True, text=True, timeout=900)
    return Run(path, done.returncode, done.stdout + done.stderr)


#: The fault run's failures: every case of the table and the pasted non-breaking space.
FAILURES = len(CASES) + 1


def make_fault_run(path: Path) -> Run:
    """Every case of the table, the happy path and the pasted code, in one run against the embedded mock.

    Under ``-n 2``: the run is mostly waiting for the browser's short timeouts, which two
    workers overlap, and it is also the run whose cucumber.json must hold every worker's scenarios.
    """
    project.make_project(path, [case.row for case in CASES])
    return run_pytest(path, "-n", "2")


def as_json(run: Run) -> dict[str, object]:
    """What ``run_once`` keeps of a run for every worker."""
    return {"path": str(run.path), "returncode": run.returncode, "stdout": run.stdout, "base_url": run.base_url}


def from_json(result: object) -> Run:
    """The run ``as_json`` kept."""
    assert isinstance(result, dict), result
    return Run(Path(result["path"]), int(result["returncode"]), str(result["stdout"]), str(result["base_url"]))


def make_both_runs(path: Path) -> dict[str, object]:
    """The fault run and the outside run, side by side (each in a folder of its own).

    Both mostly wait (the browser's short timeouts, the outside run's one browser), so two
    at once take little more than the longer one alone.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        outside = pool.submit(make_outside_run, path / "outside")
        faults = make_fault_run(path / "faults")
        return {"faults": as_json(faults), "outside": as_json(outside.result())}


@pytest.fixture(scope="module")
def both_runs(run_once: RunOnce) -> dict[str, object]:
    """Both runs (``make_both_runs``), made once for all xdist workers."""
    return run_once("triage-e2e", make_both_runs)[1]


@pytest.fixture(scope="module")
def fault_run(both_runs: dict[str, object]) -> Run:
    """The fault run (``make_fault_run``)."""
    return from_json(both_runs["faults"])


def paste_bundle(run: Run) -> dict[str, object]:
    """The bundle of the scenario that pastes a code with a non-breaking space."""
    [bundle] = [bundle for bundle in run.bundles().values() if "pastes" in str(bundle["nodeid"])]
    return bundle


def assert_bundle_opens(bundle: dict[str, object]) -> None:
    """Every artifact the bundle lists exists and opens as what it claims to be."""
    folder = Path(str(bundle["_folder"]))
    artifacts = bundle["artifacts"]
    assert isinstance(artifacts, list)
    assert {"screenshot.png", "raw.png", "filmstrip.png", "trace.zip", "triage.md", "triage.json"} <= set(artifacts)
    for name in artifacts:
        path = folder / str(name)
        assert path.exists(), f"{name} listed but missing"
        if name.endswith(".png"):
            with Image.open(path) as image:
                image.verify()
        elif name.endswith(".zip"):
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None
                assert any(entry.endswith(".trace") for entry in archive.namelist())
        elif name.endswith(".json"):
            json.loads(path.read_text(encoding="utf-8"))
        else:
            assert path.read_text(encoding="utf-8").startswith("# CEC activation failed")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_fault_is_attributed_to_the_step_the_spec_table_gives(fault_run: Run, case: Case) -> None:
    bundle = fault_run.bundles().get(case.id)
    assert bundle is not None, f"no bundle for {case.id}:\n{fault_run.stdout[-3000:]}"
    assert bundle["kind"] == "guide-step"
    assert bundle["guide_step"] == {"number": case.step, "title": GUIDE_STEPS[case.step]}, bundle["attribution"]
    messages = bundle["portal_messages"]
    assert isinstance(messages, list)
    if case.code:
        assert any(str(message).endswith(f"({case.code})") for message in messages), messages
    assert_bundle_opens(bundle)
    assert str(bundle["reproduce"]).startswith("python -m pytest ")
    assert f"--faker-seed {SEED}" in str(bundle["reproduce"])


def test_trace_has_a_named_group_per_gherkin_step(fault_run: Run) -> None:
    bundle = fault_run.bundles()["http-500-verify-1"]
    with zipfile.ZipFile(Path(str(bundle["_folder"])) / "trace.zip") as archive:
        events = [json.loads(line) for line in archive.read("trace.trace").splitlines()]
    groups = [event.get("title") for event in events if event.get("method") == "tracingGroup"]
    assert "And the CEC creates a username and password" in groups
    assert "And the CEC verifies the information and confirms" in groups


def test_a_pop_up_log_in_that_never_works_names_that_button(fault_run: Run) -> None:
    """The red box and the sentence point at the pop-up's Log In, not at the Confirm that went through."""
    bundle = fault_run.bundles()["stuck-continue-verify-2"]
    assert bundle["doing"] == (
        'During the step "And the CEC selects Log In in the pop-up", the CEC waited for the pop-up\'s Log In'
        " button on Account Created, and it never became usable."
    )


def test_passing_scenarios_leave_no_bundle_and_no_trace(fault_run: Run) -> None:
    assert "1 passed" in fault_run.stdout
    assert not any("activates-the-account" in name for name in fault_run.bundles())
    traces = list(fault_run.path.rglob("*.zip"))
    assert len(traces) == FAILURES
    assert all(trace.parent.parent == fault_run.triage for trace in traces)


def test_terminal_summary_ends_with_one_line_per_failure(fault_run: Run) -> None:
    lines = fault_run.stdout.rstrip().splitlines()
    triage_lines = [line for line in lines if line.startswith("EAS triage: guide step")]
    assert len(triage_lines) == FAILURES
    # They come last, right before pytest's own final count line, each with how to open its trace.
    block = lines[lines.index(triage_lines[0]) : -1]
    assert [line for line in block if line.startswith("EAS triage: ")] == triage_lines
    traces = [line for line in block if line.startswith("  open its trace: .venv/bin/playwright show-trace ")]
    assert len(traces) == FAILURES
    assert len(block) == 2 * FAILURES
    assert re.match(r"\d+ failed, 1 passed", lines[-1])
    line = next(line for line in triage_lines if "http-500-on-signup-after-2-requests/" in line)
    assert line.startswith("EAS triage: guide step 2: Enter the delegation code")
    assert "| When the CEC opens the sign-up link" not in line
    assert "(SYS-999) | reports/triage/" in line


def test_junit_has_guide_step_gherkin_step_and_bundle(fault_run: Run) -> None:
    tree = ET.parse(fault_run.path / "reports" / "junit.xml")
    failed = [case for case in tree.iter("testcase") if case.find("failure") is not None]
    assert len(failed) == FAILURES
    for testcase in failed:
        properties = {p.get("name"): p.get("value") for p in testcase.iter("property")}
        assert str(properties["guide_step"]).split(":")[0] in {str(n) for n in GUIDE_STEPS}
        assert str(properties["gherkin_step"]).startswith(("When ", "And ", "Then ", "Given "))
        assert (fault_run.path / str(properties["triage_bundle"]) / "triage.json").exists()


def test_html_report_shows_the_annotated_screenshot_and_steps(fault_run: Run) -> None:
    report = html.unescape((fault_run.path / "reports" / "report.html").read_text(encoding="utf-8"))
    assert report.count("EAS triage screenshot") >= FAILURES
    assert report.count("Guide step 7 of 9:") >= 1
    assert "Gherkin step:" in report
    assert "data:image/png;base64," in report or "iVBORw0KGgo" in report


def assert_cucumber_embeds_each_failure(run: Run, scenarios: int, failures: int) -> None:
    """cucumber.json holds every scenario, and one screenshot on the first failed step of each failure."""
    features = json.loads((run.path / "reports" / "cucumber.json").read_text(encoding="utf-8"))
    elements = [element for feature in features for element in feature["elements"]]
    assert len(elements) == scenarios
    failed = [s for s in elements if any(step["result"]["status"] == "failed" for step in s["steps"])]
    assert len(failed) == failures
    for scenario in failed:
        embedded = [step for step in scenario["steps"] if step.get("embeddings")]
        assert len(embedded) == 1
        first_failed = next(step for step in scenario["steps"] if step["result"]["status"] == "failed")
        assert embedded[0] is first_failed
        assert base64.b64decode(embedded[0]["embeddings"][0]["data"]).startswith(b"\x89PNG")
        after = scenario["steps"][scenario["steps"].index(first_failed) + 1 :]
        assert [step["result"]["status"] for step in after] == ["skipped"] * len(after)


def test_cucumber_json_embeds_the_screenshot_on_the_failing_step(outside_run: Run) -> None:
    """Without xdist (the outside run): the faults fail, the happy path after them passes."""
    run = outside_run
    assert run.returncode == 1, run.stdout[-2000:]
    assert "1 passed" in run.stdout
    assert_cucumber_embeds_each_failure(run, len(EXTERNAL_CASES) + 1, len(EXTERNAL_CASES))


def test_cucumber_json_under_xdist_has_every_worker_s_scenario(fault_run: Run) -> None:
    """pytest-bdd alone writes ``[]`` under ``-n``: its scenario record stays on the worker."""
    assert fault_run.returncode == 1, fault_run.stdout[-2000:]
    assert "bringing up nodes" in fault_run.stdout, "the fault run should run under xdist"
    assert_cucumber_embeds_each_failure(fault_run, len(CASES) + 2, FAILURES)


def test_index_lists_every_failure(fault_run: Run) -> None:
    index = (fault_run.triage / "index.html").read_text(encoding="utf-8")
    assert f"{FAILURES} failed scenario(s)" in index
    assert index.count("<img ") == FAILURES
    assert "Step 3</strong>" in index
    assert "(SYS-998)" in index


def secret_spellings(value: str) -> set[bytes]:
    """Every way a secret could sit in a file the run wrote."""
    forms = {
        value,
        json.dumps(value)[1:-1],
        html.escape(value),
        html.escape(json.dumps(value)[1:-1]),
        urllib.parse.quote_plus(value),
        urllib.parse.quote(value, safe=""),
    }
    return {form.encode("utf-8") for form in forms}


def written_blobs(root: Path) -> Iterator[tuple[str, bytes]]:
    """Every file the run wrote (the sources left out), and every entry inside its zips."""
    for path in root.rglob("*"):
        if not path.is_file() or path.relative_to(root).parts[0] in project.SOURCES or "__pycache__" in path.parts:
            continue
        data = path.read_bytes()
        yield str(path.relative_to(root)), data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    yield f"{path.relative_to(root)}!{name}", archive.read(name)


def assert_no_leaks(run: Run, secrets: set[str]) -> int:
    """No file (or zip entry) the run wrote holds any secret in any spelling; return files scanned."""
    forms = {form: secret for secret in secrets for form in secret_spellings(secret)}
    scanned = 0
    for name, data in written_blobs(run.path):
        scanned += 1
        for form, secret in forms.items():
            assert form not in data, f"{name} holds a secret ({secret[:2]}…)"
    return scanned


def test_no_file_the_failing_run_wrote_holds_a_password_answer_or_the_admin_token(fault_run: Run) -> None:
    secrets = {ADMIN_TOKEN}
    for bundle in fault_run.bundles().values():
        credentials = build_credentials(scenario_faker(SEED, str(bundle["nodeid"])))
        secrets |= {credentials.password, *credentials.security_answers}
    typed_secret = sum(1 for b in fault_run.bundles().values() if "[redacted]" in json.dumps(b["data_used"]))
    assert typed_secret >= 6, "the run should have typed passwords and answers before failing"
    assert assert_no_leaks(fault_run, secrets) > 100


def test_a_pasted_non_breaking_space_is_named_with_field_and_position(fault_run: Run) -> None:
    bundle = paste_bundle(fault_run)
    assert bundle["guide_step"] == {"number": 2, "title": GUIDE_STEPS[2]}
    findings = bundle["input_findings"]
    assert isinstance(findings, list)
    assert {"field": "Delegation Code", "character": "U+00A0", "position": 4} in [
        {key: finding[key] for key in ("field", "character", "position")} for finding in findings
    ]
    messages = bundle["portal_messages"]
    assert isinstance(messages, list)
    assert any(str(message).endswith("(DC-102)") for message in messages)
    markdown = (Path(str(bundle["_folder"])) / "triage.md").read_text(encoding="utf-8")
    assert "Delegation Code: a non-breaking space (U+00A0 NO-BREAK SPACE) at position 4" in markdown
    assert_bundle_opens(bundle)


EXTERNAL_CASES = [
    Case("http-500", "terms", 1, 3, "SYS-998"),
    Case("maintenance", "credentials", 1, 6, "SYS-503"),
    Case("stuck-continue", "verify", 2, 8, None),
]
OUTSIDE_TOKEN = "outside-faults-token-7c2e"


def outside_id(case: Case) -> str:
    """The outline example that meets ``case``'s fault: injects nothing itself, named after the page."""
    return f"none-{case.page}-{case.after}"


def make_outside_run(path: Path) -> Run:
    """Every external case's fault injected from here on one mock started separately, then one run.

    The faults sit on different pages and each counts only its own page's requests, so the
    scenarios meet them in turn: the first fails at the terms (and never reaches the
    credentials), the second at the credentials, the third at the pop-up; the happy path
    after them meets a portal whose faults are used up. No xdist: the order matters.
    """
    from mock_portal.server import start_portal

    folder = project.make_project(
        path / "project", [project.fault_row("none", case.page, case.after) for case in EXTERNAL_CASES]
    )
    with start_portal(
        port=0, db_path=path / "portal.sqlite3", admin_token=OUTSIDE_TOKEN, hash_cost=PORTAL_HASH_COST
    ) as portal:
        admin = AdminClient(portal.base_url, OUTSIDE_TOKEN)
        for case in EXTERNAL_CASES:
            admin.inject_fault(case.page, case.kind, after=case.after, seconds=8)
        run = run_pytest(folder, "-k", "not pastes", "--base-url", portal.base_url, "--admin-token", OUTSIDE_TOKEN)
    return Run(folder, run.returncode, run.stdout, portal.base_url)


@pytest.fixture(scope="module")
def outside_run(both_runs: dict[str, object]) -> Run:
    """The outside run (``make_outside_run``)."""
    return from_json(both_runs["outside"])


@pytest.mark.parametrize("case", EXTERNAL_CASES, ids=lambda case: case.id)
def test_faults_injected_from_outside_on_a_separate_portal(outside_run: Run, case: Case) -> None:
    run = outside_run
    bundle = run.bundles().get(outside_id(case))
    assert bundle is not None, f"no bundle for {outside_id(case)}:\n{run.stdout[-3000:]}"
    assert bundle["guide_step"] == {"number": case.step, "title": GUIDE_STEPS[case.step]}, run.stdout[-2000:]
    if case.code:
        messages = bundle["portal_messages"]
        assert isinstance(messages, list)
        assert any(str(m).endswith(f"({case.code})") for m in messages)
    assert bundle["portal_url"] == run.base_url
    assert '--admin-token "$MOCK_ADMIN_TOKEN"' in str(bundle["reproduce"])
    assert_bundle_opens(bundle)
    credentials = build_credentials(scenario_faker(SEED, str(bundle["nodeid"])))
    assert_no_leaks(run, {OUTSIDE_TOKEN, credentials.password, *credentials.security_answers})
