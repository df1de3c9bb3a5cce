"""The suite's step definitions, loaded once as a plugin (root conftest: ``"steps.shared"``).

Step definitions are fixtures, so defining them in plugins makes every step usable by
every feature, while the ``test_*`` modules only bind feature files; no test module ever
imports another (which would collect its scenarios twice).
"""

from __future__ import annotations

import pytest

from cec.guide import GUIDE_STEPS

pytest_plugins = [
    "steps.shared.state",
    "steps.shared.walking",
    "steps.shared.create_account",
    "steps.shared.copy_paste",
    "steps.shared.use_of_website",
    "steps.shared.user_information",
    "steps.shared.username_password",
    "steps.shared.verify_information",
    "steps.shared.account_created",
    "steps.shared.log_in",
    "steps.shared.session",
    "steps.shared.other_cecs",
    "steps.shared.replay",
    "steps.shared.accessibility",
    "steps.shared.keyboard",
    "steps.shared.phones",
    "steps.shared.visual",
]


def pytest_configure(config: pytest.Config) -> None:
    """Register one marker per guide step, so ``--strict-markers`` accepts the feature tags.

    ``-m guide-step-6`` then runs everything about guide step 6.
    """
    for number, title in GUIDE_STEPS.items():
        config.addinivalue_line("markers", f"guide-step-{number}: guide step {number}, {title}")
