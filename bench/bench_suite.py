"""Benchmark for issue 11: what the suite costs beside its floor, measured side by side in one run.

Three figures, each beside its baseline measured interleaved in the same run (the machine
is shared, absolute numbers drift):

1. **Smoke vs plain script**: the @smoke activation through pytest-bdd with every plugin
   on, and with ``-p no:triage.plugin``, against the same clicks through Playwright alone
   (``bench/plain_smoke.py``), all on one separately started mock; medians and ratios
   (goal: evidence on at most 1.15x). Like with like: each pytest process repeats the
   scenario (pytest-repeat) and only the repetitions after the first count, so neither
   side's figure holds Playwright's start or the browser's launch (see ``bench_smoke``).
2. **Suite wall time**: the acceptance suite (``steps`` at ``-n 2`` by default) with
   fast-forward, with ``--full-walk``, and in its old mode (``--full-walk`` in the full
   Chromium, where headless runs now take the headless shell) (goal: at most half), then
   from the step times how much of a full walk fast-forward could take away at best
   (``bench/walk_share.py``).
3. **The mock under load**: 20 concurrent clients each doing the whole sign-up over HTTP;
   p50/p95 per page (goal: p95 at most 20 ms except Confirm and the credentials POST),
   served from ``--load-workers`` processes (bjoern's event loop where set-up could build
   it; the figure names which). Its scrypt cost is by default the one the
   suite's embedded mock hashes at (``EMBEDDED_HASH_COST``, salted scrypt still): Log In
   verifies a password too and has no exemption, and a cost that made every hash a few
   milliseconds would measure scrypt, not the portal. ``--hash-cost 10`` or more shows
   what a stronger hash costs beside it.

Usage::

    make bench                      # bench_triage.py, then this with its defaults
    .venv/bin/python bench/bench_suite.py [--rounds 5] [--smoke-repeats 4] [--suite-rounds 1] [--suite PATH ...]
                                          [--clients 20] [--hash-cost 4] [--load-workers 2] [--load-processes 2]
                                          [--skip smoke,suite,load]
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from bench import load_mock
from bench.plain_smoke import activate
from bench.walk_share import bound_lines, walk_share
from fixtures.portal import EMBEDDED_HASH_COST
from mock_portal.event_loop import default_worker_type, describe_worker_type
from tools.admin_client import AdminClient
from tools.browser_choice import QUIET_CHROMIUM_ARGS, choose_browser, managed_chromium_path
from tools.flake_rate import has_failed

ROOT = Path(__file__).resolve().parents[1]
SMOKE = "steps/test_full_activation.py::test_a_cec_activates_the_delegation_code_and_logs_in"
SMOKE_BUDGET = 1.15


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


@contextmanager
def separate_mock(hash_cost: int | None = None, workers: int = 1) -> Iterator[tuple[str, str]]:
    """A mock portal in its own process (as an engineer would start it); yields its URL and token.

    ``workers`` > 1 serves it from that many processes (``python -m mock_portal --workers``).
    """
    with mock_process(hash_cost, workers) as (_, base_url, token):
        yield base_url, token


@contextmanager
def mock_process(hash_cost: int | None = None, workers: int = 1) -> Iterator[tuple[int, str, str]]:
    """:func:`separate_mock`, also naming the process (the load figure reads its CPU and its workers')."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = secrets.token_urlsafe(16)
    command = [sys.executable, "-m", "mock_portal", "--port", str(port), f"--admin-token={token}"]
    if hash_cost is not None:
        command += ["--hash-cost", str(hash_cost)]
    if workers > 1:
        command += ["--workers", str(workers)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not AdminClient(base_url, token, timeout=1).available():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the mock portal did not start ({' '.join(command)})")
            time.sleep(0.1)
        yield process.pid, base_url, token
    finally:
        process.terminate()
        process.wait(timeout=30)


def pytest_seconds(base_url: str, token: str, work: Path, repeats: int, *extra: str) -> list[float]:
    """The smoke scenario ``repeats`` times in one pytest process (pytest-repeat); the warm repetitions' seconds.

    Each repetition's junit time covers its own set-up, call and tear-down: a fresh
    delegation record, browser context and page, the steps, the context closed, as
    ``plain_smoke.activate`` times its own. The first repetition also carries the session's
    set-up (Playwright started, the browser launched, the portal checked), which the plain
    script pays once outside its timing (its browser is launched before any run is timed),
    so it is left out: what is compared is a scenario in an already running session with a
    browser already up, on both sides.
    """
    junit = work / f"junit-{time.monotonic_ns()}.xml"
    command = [
        sys.executable, "-m", "pytest", SMOKE, "-p", "no:cacheprovider", "-q", "--base-url", base_url,
        f"--admin-token={token}", f"--junitxml={junit}", f"--html={work / 'report.html'}",
        f"--cucumberjson={work / 'cucumber.json'}", f"--output={work / 'playwright'}",
        "--count", str(repeats), "--repeat-scope", "function", *extra,
    ]
    if "no:triage.plugin" not in extra:
        command += ["--triage-dir", str(work / "triage")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the smoke scenario failed ({' '.join(extra) or 'evidence on'}):\n{done.stdout[-2000:]}")
    cases = list(ET.parse(junit).getroot().iter("testcase"))  # noqa: S314 - the junit file this run wrote
    if len(cases) != repeats:
        raise RuntimeError(f"expected {repeats} repetitions of the smoke scenario in junit, found {len(cases)}")
    return [float(case.get("time", "0")) for case in cases[1:]]


def bench_smoke(rounds: int, work: Path, repeats: int = 4) -> list[str]:
    """Smoke with evidence on, with the plugin off, and the plain script, interleaved process by process.

    Like with like: every figure is one scenario in a browser that is already running.
    Each round runs the plain script (its browser launched once, before any timing), one
    pytest process with evidence on and one with the plugin off (each ``repeats`` times,
    its first repetition, which pays the session's set-up, left out), then the plain
    script again; so a load that drifts during the run weighs on all three alike.
    """
    if repeats < 2:
        raise ValueError("--smoke-repeats must be at least 2: the first repetition pays the session's set-up")
    times: dict[str, list[float]] = {"plain": [], "on": [], "off": []}
    warm = repeats - 1
    with separate_mock() as (base_url, token), sync_playwright() as playwright:
        choice = choose_browser(managed_chromium_path(playwright))
        # Launched as the suite launches it (fixtures/browser.py): the same browser, the same quiet flags.
        browser = playwright.chromium.launch(executable_path=choice.executable_path, args=list(QUIET_CHROMIUM_ARGS))
        admin = AdminClient(base_url, token)
        activate(browser, base_url, admin, 0)  # warm-up, not counted
        number = 0
        for _ in range(rounds):
            for _ in range(warm):
                number += 1
                times["plain"].append(activate(browser, base_url, admin, number))
            times["on"].extend(pytest_seconds(base_url, token, work, repeats))
            times["off"].extend(pytest_seconds(base_url, token, work, repeats, "-p", "no:triage.plugin"))
            for _ in range(warm):
                number += 1
                times["plain"].append(activate(browser, base_url, admin, number))
        browser.close()
    plain, on, off = (statistics.median(times[key]) for key in ("plain", "on", "off"))
    verdict = "within" if on / plain <= SMOKE_BUDGET else "over"
    return [
        f"Smoke vs plain Playwright script (median of {rounds * warm} warm repetitions per pytest mode, "
        f"{rounds} processes each, {len(times['plain'])} plain, interleaved; browser already running on all sides):",
        f"  plain script           {plain:7.2f} s",
        f"  smoke, evidence on     {on:7.2f} s   ratio {on / plain:.2f}x ({verdict} the {SMOKE_BUDGET}x budget)",
        f"  smoke, -p no:triage    {off:7.2f} s   ratio {off / plain:.2f}x",
    ]


def suite_seconds(
    paths: list[str], work: Path, *extra: str, env: dict[str, str] | None = None
) -> tuple[float, str, Path]:
    """Wall time of one acceptance-suite run (embedded mock, -n 2), pytest's last line and its cucumber.json."""
    run = work / f"suite-{time.monotonic_ns()}"
    command = [
        sys.executable, "-m", "pytest", *paths, "-n", "2", "-p", "no:cacheprovider", "-q",
        f"--junitxml={run / 'junit.xml'}", f"--html={run / 'report.html'}",
        f"--cucumberjson={run / 'cucumber.json'}", f"--output={run / 'playwright'}",
        "--triage-dir", str(run / "triage"), *extra,
    ]
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=3600, check=False, env={**os.environ, **(env or {})}
    )
    elapsed = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    summary = lines[-1] if lines else f"exit {done.returncode}"
    summary += "".join(f"\n    failed: {name}" for name in failed_tests(run / "junit.xml"))
    return elapsed, summary, run / "cucumber.json"


def failed_tests(junit: Path) -> list[str]:
    """The tests a suite run failed (the bench's folder is gone when it ends: name them while it exists)."""
    if not junit.is_file():
        return []
    return [
        f"{case.get('classname', '')}::{case.get('name', '')}"
        for case in ET.parse(junit).getroot().iter("testcase")  # noqa: S314 - the junit file this run wrote
        if has_failed(case)
    ]


def full_browser() -> tuple[str, str | None]:
    """The browser the suite runs in, and the full Chromium where that is another (the system's headless shell).

    Until the headless shell, the suite ran headless in the full browser: its old mode, the
    issue's "today", is ``--full-walk`` there. None when both choices are one browser.
    """
    with sync_playwright() as playwright:
        managed = managed_chromium_path(playwright)
    headless, headed = choose_browser(managed), choose_browser(managed, headless=False)
    different = headed.executable_path != headless.executable_path
    return headless.description, headed.executable_path if different else None


def bench_suite(paths: list[str], rounds: int, work: Path) -> list[str]:
    """The suite with fast-forward, with --full-walk, and in its old mode, interleaved."""
    browser, old_browser = full_browser()
    modes: dict[str, tuple[list[str], dict[str, str]]] = {
        "fast-forward": ([], {}), "--full-walk": (["--full-walk"], {}),
    }
    if old_browser:
        modes["old mode"] = (["--full-walk"], {"CEC_BROWSER_PATH": old_browser})
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    summary = {}
    steps: dict[str, Path] = {}
    names = list(modes)
    for number in range(rounds):
        # Rotate which mode goes first, so a load that drifts during the run favours none.
        for mode in names[number % len(names):] + names[: number % len(names)]:
            extra, env = modes[mode]
            seconds, summary[mode], steps[mode] = suite_seconds(paths, work, *extra, env=env)
            times[mode].append(seconds)
    median = {mode: statistics.median(values) for mode, values in times.items()}
    fast_s, full_s = median["fast-forward"], median["--full-walk"]
    lines = [
        f"Suite wall time, {' '.join(paths)} at -n 2 (median of {rounds}, interleaved), "
        f"browser: {browser}:",
        f"  fast-forward   {fast_s:7.1f} s   {summary['fast-forward']}",
        f"  --full-walk    {full_s:7.1f} s   {summary['--full-walk']}",
        f"  ratio          {fast_s / full_s:7.2f}   (goal: at most 0.50)",
    ]
    if old_browser:
        old_s = median["old mode"]
        lines += [
            f"  old mode       {old_s:7.1f} s   {summary['old mode']}",
            f"    (--full-walk in the full Chromium, {old_browser}: how the suite ran when issue 11 was filed)",
            f"  fast-forward vs old mode {fast_s / old_s:5.2f}   (goal: at most 0.50)",
        ]
    found = [steps["--full-walk"], steps["fast-forward"]]
    lines += (bound_lines(walk_share(found[0]), walk_share(found[1]))
              if all(path.is_file() for path in found) else ["  (no cucumber.json: step times not read)"])
    return lines


def bench_load(clients: int, rounds: int, hash_cost: int, workers: int, processes: int = 2) -> list[str]:
    """The mock under ``clients`` concurrent sign-ups, served from ``workers`` processes."""
    with mock_process(hash_cost, workers) as (pid, base_url, token):
        started = time.perf_counter()
        timings = load_mock.run_load(base_url, token, clients, rounds, processes, server_pid=pid)
        elapsed = time.perf_counter() - started
    return [
        f"The mock under load: {clients} clients x {rounds} sign-ups over HTTP, --hash-cost {hash_cost} "
        f"--workers {workers} ({describe_worker_type(default_worker_type())}), clients in {processes} processes "
        f"({elapsed:.1f} s):",
        *load_mock.report(timings),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the parts asked for and print their figures with the load average before and after."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="smoke rounds: pytest processes per mode (median)")
    parser.add_argument(
        "--smoke-repeats", type=int, default=4,
        help="smoke repetitions per pytest process (pytest-repeat); the first, which pays the session's set-up, "
        "is left out",
    )
    parser.add_argument("--suite-rounds", type=int, default=2, help="suite runs per mode (median), ABBA order")
    parser.add_argument("--suite", nargs="+", default=["steps"], help="what the suite figure runs")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients of the load figure")
    parser.add_argument("--load-rounds", type=int, default=6,
                        help="sign-ups per client (6: 120 of each page, so a p95 is not the third-worst of 60)")
    parser.add_argument(
        "--hash-cost", type=int, default=EMBEDDED_HASH_COST,
        help="the load mock's scrypt cost (N = 2**cost; default: the embedded mock's)",
    )
    parser.add_argument("--load-workers", type=int, default=2, help="processes the load figure's mock serves from")
    parser.add_argument("--load-processes", type=int, default=2,
                        help="processes the load figure's clients run in (one asyncio event loop each)")
    parser.add_argument("--skip", default="", help="comma-separated parts to leave out: smoke, suite, load")
    args = parser.parse_args(argv)
    skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    _say(f"load average before: {_load_average()}")
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as folder:
        work = Path(folder)
        if "smoke" not in skip:
            _say("\n".join(bench_smoke(args.rounds, work, args.smoke_repeats)))
        if "suite" not in skip:
            _say("\n".join(bench_suite(args.suite, args.suite_rounds, work)))
        if "load" not in skip:
            _say("\n".join(bench_load(args.clients, args.load_rounds, args.hash_cost, args.load_workers,
                                        args.load_processes)))
    _say(f"load average after: {_load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
