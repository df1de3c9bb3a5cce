"""Listing tests or fixtures is not a run: it writes no report (issue 10).

``addopts`` asks for JUnit, HTML and Cucumber reports on every invocation, so without
this ``pytest --collect-only`` would overwrite the last real run's reports with empty
ones. Runs first, before those plugins open their files in their own ``pytest_configure``.
"""

from __future__ import annotations

import pytest

from tools.settings import only_listing


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Drop the report paths when pytest only lists (``--collect-only``, ``--fixtures``)."""
    if only_listing(config):
        for report in ("xmlpath", "htmlpath", "cucumber_json_path"):
            if hasattr(config.option, report):
                setattr(config.option, report, None)
