"""Visual regression steps (issue 13, @visual): each page state against its committed baseline PNG.

The screenshot is made steady (pages/layout.py) and compared with Pillow, tolerantly
(steps/pictures.py). On a difference the step fails and the bundle holds the expected,
actual and diff images; ``--update-baselines`` writes the screenshots as the new baselines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pytest
from playwright.sync_api import Page
from pytest_bdd import parsers, then

from cec.evidence import register_evidence_file
from pages.layout import dynamic_parts, steady_picture
from steps.pictures import compare

#: Where the baselines live, from the project's root: one PNG per page state.
BASELINES: Final = Path("features") / "baselines"
UPDATE_OPTION: Final = "--update-baselines"


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-baselines``: write this run's screenshots as the @visual baselines."""
    parser.getgroup("cec", "CEC activation suite").addoption(
        UPDATE_OPTION,
        action="store_true",
        default=False,
        help="write the @visual scenarios' screenshots as their new baselines (features/baselines/)",
    )


@then(parsers.re(r'the page looks like its baseline "(?P<name>[a-z0-9-]+)"(?P<typed> with the typed values masked)?'))
def looks_like_baseline(name: str, typed: str | None, page: Page, request: pytest.FixtureRequest) -> None:
    """Compare the steady screenshot with the baseline; a real difference fails with three pictures."""
    actual = steady_picture(page, dynamic_parts(page, typed_values=bool(typed)))
    baseline = request.config.rootpath / BASELINES / f"{name}.png"
    if request.config.getoption("update_baselines"):
        baseline.parent.mkdir(parents=True, exist_ok=True)
        baseline.write_bytes(actual)
        return
    if not baseline.is_file():
        pytest.fail(f"no baseline {baseline}: run the @visual scenarios with {UPDATE_OPTION} to make it", pytrace=False)
    expected = baseline.read_bytes()
    difference, diff = compare(expected, actual)
    if not difference.significant:
        return
    for kind, picture in (("expected", expected), ("actual", actual), ("diff", diff)):
        register_evidence_file(request, f"{name}-{kind}.png", picture)
    pytest.fail(
        f"the page no longer looks like its baseline {BASELINES / (name + '.png')}: {difference.describe()}; "
        f"the bundle holds {name}-expected.png, {name}-actual.png and {name}-diff.png "
        f"(if the change is meant, rerun with {UPDATE_OPTION})",
        pytrace=False,
    )
