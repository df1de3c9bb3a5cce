"""The EAS verdict: reproduced, not reproduced, or different, with the right exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from cec.ticket import load_ticket
from triage.reproduce import (
    EXIT_BAD_TICKET,
    EXIT_CANNOT_RUN,
    EXIT_NOT_REPRODUCED,
    EXIT_REPRODUCED,
    ReplayOutcome,
    build_parser,
    main,
    report_lines,
    verdict,
)

TICKET = load_ticket(Path(__file__).resolve().parent.parent / "tickets" / "trailing-space-in-name.toml")
DC102 = (
    "We could not verify your delegation information. Check the Delegation Code, CEE Business Legal Name "
    "and CEC Certification # and try again. (DC-102)"
)


def _outcome(code: int, step: int | None, messages: list[str] | None = None) -> ReplayOutcome:
    bundle = None
    if step is not None:
        bundle = {
            "guide_step": {"number": step, "title": "Enter the delegation code"},
            "portal_messages": messages or [],
            "input_findings": [{"text": "Delegation Code: trailing space U+0020 at position 7"}],
        }
    return ReplayOutcome(code, bundle, Path("reports/x") if bundle else None, Path("pytest.log"))


def test_failure_at_the_reported_step_is_reproduced() -> None:
    text, code = verdict(TICKET, _outcome(1, 2, [DC102]))
    assert code == EXIT_REPRODUCED
    assert text.startswith("REPRODUCED at guide step 2 (Enter the delegation code)")
    assert "(DC-102)" in text


def test_a_completed_activation_is_not_reproduced() -> None:
    text, code = verdict(TICKET, _outcome(0, None))
    assert (text, code) == ("NOT REPRODUCED: the activation completed through guide step 9", EXIT_NOT_REPRODUCED)


def test_failure_at_another_step_is_different() -> None:
    text, code = verdict(TICKET, _outcome(1, 5, ["Last Name is required. (UI-301)"]))
    assert code == EXIT_NOT_REPRODUCED
    assert text.startswith("DIFFERENT: failed at guide step 5")
    assert text.endswith("the report said step 2")


def test_a_run_without_a_bundle_could_not_run() -> None:
    text, code = verdict(TICKET, _outcome(4, None))
    assert code == EXIT_CANNOT_RUN
    assert "pytest.log" in text


def test_a_failure_without_a_bundle_could_not_run() -> None:
    assert verdict(TICKET, _outcome(1, None))[1] == EXIT_CANNOT_RUN


def test_an_environment_bundle_could_not_run() -> None:
    outcome = _outcome(1, 1)
    assert outcome.bundle is not None
    outcome.bundle.update(kind="environment", guide_step=None, cause="the browser could not start")
    text, code = verdict(TICKET, outcome)
    assert code == EXIT_CANNOT_RUN
    assert "the browser could not start" in text
    assert "guide step" not in text


def test_findings_come_from_the_ticket_even_when_nothing_reproduces() -> None:
    outcome = _outcome(0, None)
    lines = report_lines(TICKET, outcome, verdict(TICKET, outcome)[0])
    assert any("CEE Business Legal Name: a space after the value" in line for line in lines)


def test_report_lists_findings_and_evidence() -> None:
    outcome = _outcome(1, 2, [DC102])
    lines = report_lines(TICKET, outcome, verdict(TICKET, outcome)[0])
    assert any("U+0020" in line for line in lines)
    assert any("show-trace" in line for line in lines)
    assert any("CONTINUE says" in line for line in lines)


def test_bad_ticket_exits_2_with_the_problem_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[entered]\ndelegation_code = "x"\n', encoding="utf-8")
    assert main([str(bad)]) == EXIT_BAD_TICKET
    err = capsys.readouterr().err
    assert "business_name is missing" in err
    assert "Traceback" not in err


def test_bad_arguments_exit_2_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["t.toml", "--slowmo", "fast"])
    assert stopped.value.code == EXIT_BAD_TICKET
    assert "invalid int value" in capsys.readouterr().err
