"""The suite's step definitions, loaded once as a plugin (root conftest: ``"steps.shared"``).

Step definitions are fixtures, so defining them in plugins makes every step usable by
every feature, while the ``test_*`` modules only bind feature files; no test module ever
imports another (which would collect its scenarios twice).
"""

from __future__ import annotations

import pytest

pytest_plugins = [
    "steps.shared.walking",
    "steps.shared.create_account",
    "steps.shared.terms",
    "steps.shared.user_information",
    "steps.shared.username_password",
    "steps.shared.verify_information",
    "steps.shared.log_in",
    "steps.shared.session",
    "steps.shared.other_cecs",
    "steps.shared.replay",
]

#: The guide's steps (portal-spec.md); feature tags ``@guide-step-N`` become these markers.
GUIDE_STEPS = {
    1: "Open the sign-up link",
    2: "Enter the delegation code, CEE business legal name and CEC certification # and click CONTINUE",
    3: "View the Terms and Conditions of Use, then Close",
    4: "Agree to the Terms and Conditions and Continue",
    5: "Complete the User Information pages",
    6: "Create a Username & Password",
    7: "Verify all information",
    8: "The account-created pop-up prompts to Log In",
    9: "Log In redirects to the CoveredCA.com Login page",
}


def pytest_configure(config: pytest.Config) -> None:
    """Register one marker per guide step, so ``--strict-markers`` accepts the feature tags.

    ``-m guide-step-6`` then runs everything about guide step 6.
    """
    for number, title in GUIDE_STEPS.items():
        config.addinivalue_line("markers", f"guide-step-{number}: guide step {number}, {title}")
