"""``make mutate``'s report: the score, survivors, the equivalent list (tools/mutate.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tools import mutate
from tools.mutate import CannotTest, Outcome, load_equivalents, open_survivors, parse_results, report

RESULTS = """\
    mock_portal.records.x_verify__mutmut_1: killed
    mock_portal.records.x_verify__mutmut_2: survived
    mock_portal.records.x_verify__mutmut_3: timeout
    mock_portal.records.x_verify__mutmut_4: survived
"""


def test_results_are_parsed_and_equivalents_counted_out() -> None:
    statuses = parse_results(RESULTS)
    assert len(statuses) == 4
    outcome = Outcome(statuses, {"mock_portal.records.x_verify__mutmut_4": "never observable"})
    assert outcome.survivors == ["mock_portal.records.x_verify__mutmut_2"]
    assert outcome.score == pytest.approx(200 / 3)
    text = report(outcome, {"mock_portal.records.x_verify__mutmut_2": "-    a < b\n+    a <= b\n"}, 90.0)
    assert text.startswith(
        "Mutation score: 66.7% (2 of 3 observable mutants killed, 1 of them by timeout; 1 equivalent; target 95%)"
    )
    assert "SURVIVED (survived): mock_portal.records.x_verify__mutmut_2\n-    a < b\n+    a <= b" in text
    assert "mutmut_4" not in text


def test_the_committed_equivalent_list_gives_a_reason_for_each() -> None:
    equivalents = load_equivalents(Path(__file__).resolve().parents[1] / "mutation" / "equivalents.toml")
    assert equivalents
    assert all(name.startswith("mock_portal.") and len(reason) > 20 for name, reason in equivalents.items())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[equivalent]\n", "is not valid TOML"),
        ('[[equivalent]]\nmutant = "m"\n', "entry 1 needs a mutant name and a reason"),
        ('[[equivalent]]\nmutant = "m"\nreason = " "\n', "entry 1 needs a mutant name and a reason"),
    ],
)
def test_a_bad_equivalent_list_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "equivalents.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CannotTest, match=message):
        load_equivalents(path)


def test_open_survivors_are_the_unnoticed_and_unexplained() -> None:
    statuses = {**parse_results(RESULTS), "mock_portal.records.x_get__mutmut_1": "no tests",
                "mock_portal.records.x_get__mutmut_2": "not checked"}
    assert open_survivors(statuses, {"mock_portal.records.x_verify__mutmut_4": "never observable"}) == [
        "mock_portal.records.x_get__mutmut_1", "mock_portal.records.x_verify__mutmut_2",
    ]


def test_the_report_says_how_many_kills_were_timeouts_and_the_load() -> None:
    text = report(Outcome(parse_results(RESULTS), {}), {}, 600.0, "3.5")
    assert text.startswith("Mutation score: 50.0% (2 of 4 observable mutants killed, 1 of them by timeout;")
    assert "in 10.0 min (load average 3.5)" in text.splitlines()[0]


class FakeMutmut:
    """mutmut's command line as tools.mutate sees it: each run turns today's tests on the survivors."""

    def __init__(self, killed_by_new_tests: set[str]) -> None:
        self.statuses = parse_results(RESULTS)
        self.killed_by_new_tests = killed_by_new_tests
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, *args: str, timeout: float, capture: bool = True) -> subprocess.CompletedProcess[str]:
        self.calls.append(args)
        if args[0] == "run":
            for name in args[3:]:
                if name in self.killed_by_new_tests:
                    self.statuses[name] = "killed"
        listed = self.statuses.items() if args[0] == "results" else ()
        out = "".join(f"    {name}: {status}\n" for name, status in listed)
        return subprocess.CompletedProcess(args, 0, out, "")


def test_a_rerun_retries_the_last_runs_survivors_and_counts_new_kills(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    fake = FakeMutmut({"mock_portal.records.x_verify__mutmut_2", "mock_portal.records.x_verify__mutmut_4"})
    monkeypatch.setattr(mutate, "_mutmut", fake)
    monkeypatch.setattr(mutate, "MUTANTS", tmp_path)
    monkeypatch.setattr(mutate, "EQUIVALENTS", tmp_path / "none.toml")
    assert mutate.main([]) == 0
    runs = [call for call in fake.calls if call[0] == "run"]
    assert runs == [
        ("run", "--max-children", "2"),
        ("run", "--max-children", "2",
         "mock_portal.records.x_verify__mutmut_2", "mock_portal.records.x_verify__mutmut_4"),
    ]
    out = capsys.readouterr().out
    assert "Retrying 2 survivors of the last run" in out
    assert "Mutation score: 100.0% (4 of 4 observable mutants killed, 1 of them by timeout" in out


def test_a_first_run_has_nothing_to_retry_and_reports_survivors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    fake = FakeMutmut(set())
    monkeypatch.setattr(mutate, "_mutmut", fake)
    monkeypatch.setattr(mutate, "MUTANTS", tmp_path / "absent")
    monkeypatch.setattr(mutate, "EQUIVALENTS", tmp_path / "none.toml")
    assert mutate.main([]) == 1
    assert [call for call in fake.calls if call[0] == "run"] == [("run", "--max-children", "2")]
    assert "SURVIVED (survived): mock_portal.records.x_verify__mutmut_2" in capsys.readouterr().out


def test_an_unfinished_run_says_so_and_scores_only_what_it_tried() -> None:
    statuses = {**parse_results(RESULTS), "mock_portal.records.x_get__mutmut_1": "not checked"}
    outcome = Outcome(statuses, {})
    assert outcome.untried == 1
    assert outcome.survivors == ["mock_portal.records.x_verify__mutmut_2", "mock_portal.records.x_verify__mutmut_4"]
    text = report(outcome, {}, 60.0)
    assert text.startswith("Mutation score: 50.0% (2 of 4 observable mutants killed")
    assert "Not finished: 1 of 5 mutants not tried yet" in text
