"""The activation guide's steps and the rule that says which one a failure belongs to.

Every report names a guide step because that is what EAS asks for ("a description of
what step in the process the error occurred"). The titles and the attribution follow
portal-spec.md, "The documented steps" and "Where a failure belongs".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from cec.guide import GuideStep
from cec.journal import CONFIRM_ROLE

#: The page where Confirm is pressed, and the pop-up's accessible name (portal-spec.md).
VERIFY_PAGE: Final = "Verify Your Information"
ACCOUNT_CREATED_DIALOG: Final = "Account Created"


@dataclass(frozen=True)
class Whereabouts:
    """What the journal and the page say about where the CEC was when it failed."""

    journal_step: int
    last_verb: str = ""
    last_target: str = ""
    last_page: str = ""
    #: The last action's role (``CONFIRM_ROLE`` for the Verify page's Confirm press).
    last_role: str = ""
    last_completed: bool = False
    #: True when the CEC arrived on a page after the last action (the journal's step is the page's).
    arrived_since: bool = False
    portal_messages: Sequence[str] = ()
    heading: str = ""
    dialogs: Sequence[str] = ()
    #: Who acted ("the CEC", or another CEC of the scenario in a browser of their own).
    who: str = "the CEC"


@dataclass(frozen=True)
class Attribution:
    """The guide step a failure belongs to, and the sentence that explains why."""

    step: GuideStep
    reason: str


def attribute(where: Whereabouts) -> Attribution:
    """Apply portal-spec.md, "Where a failure belongs", to what the journal recorded.

    The journal already holds the step of the last action or arrival, whichever came
    later (a page that fails to appear after a button press belongs to that button's
    step). Two cases need the page as it is now:

    - nothing happened yet: the sign-up link itself did not open (step 1);
    - Confirm went through without a portal error, but the *Account Created* pop-up is
      missing or broken: that is the pop-up's step (8), not Confirm's (7). An error the
      portal shows after Confirm, or a Verify page still waiting, stays with 7.
    """
    if where.journal_step <= 0:
        return Attribution(GuideStep.of(1), "nothing had happened on the portal yet: the sign-up link did not open")
    confirm_went_through = (
        not where.arrived_since
        and where.last_completed
        and where.last_role == CONFIRM_ROLE
    )
    pop_up_or_gone = ACCOUNT_CREATED_DIALOG in where.dialogs or where.heading != VERIFY_PAGE
    if confirm_went_through and not where.portal_messages and pop_up_or_gone:
        return Attribution(
            GuideStep.of(8), "Confirm went through without a portal error, but the Account Created pop-up failed"
        )
    if where.arrived_since:
        reason = "the failure happened on the page the CEC had reached"
    elif where.last_target:
        reason = f"the last thing {where.who} did was {where.last_verb} {where.last_target}"
    else:
        reason = "the page the CEC was on"
    return Attribution(GuideStep.of(where.journal_step), reason)
