"""The *Account Created* pop-up that prompts the CEC to Log In (guide step 8)."""

from __future__ import annotations

from playwright.sync_api import Page

from cec.journal import ActionJournal
from cec.words import AccountCreated
from pages.base import Named
from pages.common import PortalPage

#: Selecting Log In and where it leads is guide step 9 ("After selecting Log In, ...").
LOG_IN_STEP = 9


class AccountCreatedDialog(PortalPage):
    """The modal dialog named "Account Created" with its sentence and a Log In button."""

    heading = AccountCreated.DIALOG
    in_a_dialog = True
    page_name = AccountCreated.DIALOG
    guide_step = 8
    path = "/verify/created"

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        dialog = page.get_by_role("dialog", name=AccountCreated.DIALOG, exact=True)
        self.dialog = self.named(f"the {AccountCreated.DIALOG} pop-up", dialog)
        self.message = self.named("the pop-up's message", dialog.get_by_text(AccountCreated.MESSAGE, exact=True))
        self.log_in_button = self.named(
            "the pop-up's Log In button", dialog.get_by_role("button", name=AccountCreated.LOG_IN, exact=True)
        )

    @property
    def heading_element(self) -> Named:
        """A dialog is known by its accessible name, not by the page's <h1>."""
        return self.dialog

    def text(self) -> str:
        """Everything the pop-up says."""
        return self.dialog.locator.inner_text().strip()

    def press_log_in(self) -> AccountCreatedDialog:
        """Select Log In and wait for the portal's answer.

        A Log In button that never works is the pop-up's fault (step 8), so the wait for
        it to be usable happens before the click, which starts step 9.
        """
        self.wait_until_usable(self.log_in_button)
        self.submit(self.log_in_button, guide_step=LOG_IN_STEP)
        return self
