"""The activation guide's nine documented steps, numbered and titled as in portal-spec.md.

Every report names one of these because that is what EAS asks for ("a description of
what step in the process the error occurred").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Guide step number -> title, verbatim from portal-spec.md's table.
GUIDE_STEPS: Final[dict[int, str]] = {
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


@dataclass(frozen=True)
class GuideStep:
    """A guide step as reports print it."""

    number: int
    title: str

    @classmethod
    def of(cls, number: int) -> GuideStep:
        """The step ``number``; unknown numbers keep a title that says so."""
        return cls(number, GUIDE_STEPS.get(number, "(not a step of the guide)"))

    def label(self) -> str:
        """"Step 4 of 9: Agree to ..." (banner, terminal line, index)."""
        return f"Step {self.number} of {len(GUIDE_STEPS)}: {self.title}"

    def as_json(self) -> dict[str, int | str]:
        """The ``guide_step`` value of triage.json."""
        return {"number": self.number, "title": self.title}
