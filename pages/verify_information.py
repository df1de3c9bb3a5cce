"""*Verify Your Information*: everything the CEC entered, before Confirm (guide step 7)."""

from __future__ import annotations

from playwright.sync_api import Page

from cec.journal import CONFIRM_ROLE, ActionJournal
from cec.words import VerifyInformation
from pages.base import Named
from pages.common import PortalPage

W = VerifyInformation
#: The groups of values the page shows, in page order.
GROUPS = (W.DELEGATION, W.USER_INFORMATION, W.ACCOUNT)


class VerifyInformationPage(PortalPage):
    """Three groups of values (Delegation, User Information, Account), each with an Edit link."""

    heading = W.HEADING
    page_name = W.HEADING
    guide_step = 7
    path = "/verify"

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        self.confirm_button = self.button(W.CONFIRM)
        self.back_button = self.button(W.BACK)

    def group(self, name: str) -> Named:
        """The region of one group ("Delegation", "User Information", "Account")."""
        return self.named(f"the {name} group", self.page.get_by_role("region", name=name, exact=True))

    def edit_link(self, group: str) -> Named:
        """The Edit link of one group."""
        link = self.group(group).locator.get_by_role("link", name=W.EDIT, exact=True)
        return self.named(f"the {group} group's Edit link", link)

    def shown(self, group: str) -> dict[str, str]:
        """The values one group shows, by their label, as the CEC reads them."""
        region = self.group(group).locator
        labels = [text.strip() for text in region.get_by_role("term").all_inner_texts()]
        values = [text.strip() for text in region.get_by_role("definition").all_inner_texts()]
        return dict(zip(labels, values, strict=True))

    def press_edit(self, group: str) -> VerifyInformationPage:
        """Follow a group's Edit link (back to the page where those values were entered)."""
        self.click(self.edit_link(group))
        return self

    def press_confirm(self) -> VerifyInformationPage:
        """Click Confirm and wait for the portal's answer, whatever it is.

        Confirm creates the account for real; the journal's guard is asked first, so a
        run against a real portal never presses it by accident.
        """
        self.journal.before_account_creation()
        self.submit(self.confirm_button, role=CONFIRM_ROLE)
        return self

    def press_back(self) -> VerifyInformationPage:
        """Click Back (towards *Username & Password*) and wait for the portal's answer."""
        self.submit(self.back_button)
        return self
