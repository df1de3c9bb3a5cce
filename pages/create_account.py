"""*Create Your Account*: where the CEC types the three values of the delegation email.

The guide's link (step 1) opens this page; typing and CONTINUE are step 2.
"""

from __future__ import annotations

from playwright.sync_api import Page

from cec.journal import ActionJournal
from cec.records import DelegationRecord
from cec.words import CreateAccount
from pages.base import Named
from pages.common import SIGN_UP_LINK_STEP, PortalPage


class CreateAccountPage(PortalPage):
    """The first page of the sign-up: Delegation Code, CEE Business Legal Name, CEC Certification #."""

    heading = CreateAccount.HEADING
    page_name = CreateAccount.HEADING
    guide_step = 2
    path = "/signup"

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        self.delegation_code = self.textbox(CreateAccount.DELEGATION_CODE)
        self.business_name = self.textbox(CreateAccount.BUSINESS_NAME)
        self.cert_number = self.textbox(CreateAccount.CERT_NUMBER)
        self.continue_button = self.button(CreateAccount.CONTINUE)
        self.instructions = self.named("the instructions", page.get_by_text(CreateAccount.INSTRUCTIONS, exact=True))

    @classmethod
    def open_sign_up_link(cls, page: Page, journal: ActionJournal, url: str) -> CreateAccountPage:
        """Open the guide's link (guide step 1) and wait for *Create Your Account*.

        Until the page shows, a failure belongs to step 1, so the journal says so first.
        """
        journal.arrive("the guide's sign-up link", SIGN_UP_LINK_STEP)
        page.goto(url)
        return cls(page, journal).wait_until_shown()

    @property
    def fields(self) -> list[Named]:
        """The three fields, in the order of the delegation email."""
        return [self.delegation_code, self.business_name, self.cert_number]

    def field_named(self, label: str) -> Named:
        """One of the three fields by its label (as the feature files name it)."""
        return self.textbox(label)

    def enter_delegation(self, record: DelegationRecord) -> CreateAccountPage:
        """Type the email's three values exactly as given, stray spaces and all."""
        self.fill(self.delegation_code, record.code)
        self.fill(self.business_name, record.business_name)
        self.fill(self.cert_number, record.cert_number)
        return self

    def entered(self) -> DelegationRecord:
        """The three values the fields hold now."""
        return DelegationRecord(
            self.value_of(self.delegation_code), self.value_of(self.business_name), self.value_of(self.cert_number)
        )

    def press_continue(self) -> CreateAccountPage:
        """Click CONTINUE and wait for the portal's answer, whatever it is."""
        self.submit(self.continue_button)
        return self
