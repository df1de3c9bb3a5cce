"""The hooks the triage plugin declares and other plugins implement (as pytest-bdd's hooks.py does).

Triage describes any page without importing a page object: the project's pages/
implement these hooks and hand it what only they know.
"""

from __future__ import annotations

import pytest

from cec.landmarks import Landmarks


@pytest.hookspec(firstresult=True)
def pytest_triage_landmarks(config: pytest.Config) -> Landmarks | None:
    """The portal's landmark locators (heading, alerts, dialogs, secret fields) for failure evidence.

    Implemented by pages/landmarks.py. Without an answer, bundles still hold the
    screenshot and the failing element, and say what they could not read.
    """
