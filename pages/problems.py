"""Pages the portal shows instead of a guide step when something goes wrong.

They belong to no guide step of their own: a failure that shows one belongs to the
step the CEC was on (portal-spec.md, "Where a failure belongs"), so they keep it.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page

from cec.journal import ActionJournal
from cec.words import Problems
from pages.common import SIGN_UP_LINK_STEP, PortalPage

_REFERENCE = re.compile(r"Reference:\s*(\S+?)\s*\(SYS-999\)")


class _ProblemPage(PortalPage):
    """A problem page keeps the guide step the CEC was on."""

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        self.guide_step = journal.current_guide_step


class ErrorPage(_ProblemPage):
    """The unexpected-error page: "Something went wrong. Reference: REF" (SYS-999)."""

    heading = Problems.ERROR_HEADING
    page_name = Problems.ERROR_HEADING

    def reference(self) -> str:
        """The reference id the page shows (EAS finds it in the server log), or ""."""
        found = _REFERENCE.search(" ".join(self.alert_messages()))
        return found.group(1) if found else ""


class MaintenancePage(_ProblemPage):
    """The maintenance page: "CoveredCA.com is temporarily unavailable" (SYS-503)."""

    heading = Problems.MAINTENANCE_HEADING
    page_name = Problems.MAINTENANCE_HEADING


class SessionExpiredPage(_ProblemPage):
    """The expired-session page (SS-901), with a link back to the start."""

    heading = Problems.SESSION_EXPIRED_HEADING
    page_name = Problems.SESSION_EXPIRED_HEADING

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        self.start_again_link = self.named(
            f'the "{Problems.START_AGAIN}" link', page.get_by_role("link", name=Problems.START_AGAIN, exact=True)
        )

    def press_start_again(self) -> SessionExpiredPage:
        """Follow the link back to the start: the sign-up link again (guide step 1)."""
        self.click(self.start_again_link, guide_step=SIGN_UP_LINK_STEP)
        return self
