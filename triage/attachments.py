"""Write the extra evidence files a scenario registered (cec.evidence) into its failure's bundle.

The accessibility and visual checks (issue 13) make their own pictures: every offending
element boxed, or expected, actual and diff. They register them on the item's stash; once
the triage plugin has written a failure's bundle, this plugin adds them to its folder.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from cec.evidence import scenario_facts
from triage.plugin import STATE


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Outermost, so it runs after the triage plugin wrote the bundle; never changes the outcome."""
    report: pytest.TestReport = yield
    state = item.stash.get(STATE, None)
    files = scenario_facts(item).files
    bundle = state.bundle if state is not None else None
    if report.failed and bundle is not None and files:
        written = []
        for name, data in files.items():
            path = bundle.folder / Path(name).name
            try:
                path.write_bytes(data)
            except OSError as error:
                report.sections.append(("EAS triage", f"could not add {name} to the bundle: {error}"))
                continue
            written.append(path.name)
        report.sections.append(("EAS triage", f"also in the bundle {bundle.display}: {', '.join(written)}"))
        files.clear()
    return report
