"""Conventions (issue 12): the project's options as ini options, and pytest-playwright's ``base_url``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.triage_flow import project
from tools.flake_rate import flake_rates, main, scenario_of


def test_an_ini_base_url_is_the_portal_the_run_checks(tmp_path: Path) -> None:
    project.make_project(tmp_path)
    code, output = project.run_pytest(tmp_path, "-o", "base_url=http://127.0.0.1:9", "-k", "activates")
    assert code != 0
    assert "The test could not run" in output
    assert "127.0.0.1:9" in output


def test_ini_options_set_the_triage_folder_and_a_bad_one_is_named(tmp_path: Path) -> None:
    project.make_project(tmp_path)
    (tmp_path / "pytest.ini").write_text("[pytest]\ntriage_filmstrip = sideways\n", encoding="utf-8")
    code, output = project.run_pytest(tmp_path, "-k", "activates")
    assert code != 0
    assert "ini option triage_filmstrip = 'sideways' must be one of on, off" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("given", "seed"), [((), "777"), (("--faker-seed", "5"), "5")], ids=["from-the-ini", "command-line-wins"]
)
def test_faker_seed_from_ini_unless_given_on_command_line(tmp_path: Path, given: tuple[str, ...], seed: str) -> None:
    project.make_project(tmp_path)
    (tmp_path / "pytest.ini").write_text("[pytest]\nfaker_seed = 777\n", encoding="utf-8")
    code, output = project.run_pytest(tmp_path, "--collect-only", "-v", "-v", *given)
    assert code == 0, output
    assert f"faker seed: {seed} " in output


def test_flake_rate_groups_repetitions_by_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert scenario_of("test_a[1-20]") == "test_a"
    assert scenario_of("test_b[x-y-3-20]") == "test_b[x-y]"
    junit = tmp_path / "flake.xml"
    cases = [
        '<testcase classname="m" name="test_a[1-3]"><failure/></testcase>',
        '<testcase classname="m" name="test_a[2-3]"/>',
        '<testcase classname="m" name="test_a[3-3]"/>',
        '<testcase classname="m" name="test_b[1-3]"/>',
        # Failed, then passed on its retry (on-first-retry): green in JUnit, flaky all the same.
        '<testcase classname="m" name="test_c[1-2]"><properties><property name="flaky" value="true"/>'
        '</properties></testcase>',
        '<testcase classname="m" name="test_c[2-2]"/>',
    ]
    junit.write_text(f"<testsuites><testsuite>{''.join(cases)}</testsuite></testsuites>", encoding="utf-8")
    assert flake_rates(junit) == [("m::test_c", 1, 2), ("m::test_a", 1, 3), ("m::test_b", 1 - 1, 1)]
    assert main([str(junit)]) == 1
    assert "FLAKY  m::test_a" in capsys.readouterr().out


def test_flake_rate_says_when_the_run_could_not_test(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "missing.xml"), "--pytest-status", "4"]) == 2
    assert "The test could not run" in capsys.readouterr().err
