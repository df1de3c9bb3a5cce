"""``make mutate``'s report: the score, survivors, the equivalent list (tools/mutate.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.mutate import CannotTest, Outcome, load_equivalents, parse_results, report

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
    assert text.startswith("Mutation score: 66.7% (2 of 3 observable mutants killed; 1 equivalent; target 95%)")
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
