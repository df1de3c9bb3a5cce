"""The CoveredCA.com *Log In* page and the home page behind it (guide step 9)."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from cec.journal import ActionJournal
from cec.words import LogIn
from pages.base import Named
from pages.common import PortalPage


class LoginPage(PortalPage):
    """Username, Password and a Log In button."""

    heading = LogIn.HEADING
    page_name = LogIn.HEADING
    guide_step = 9
    path = "/login"
    secret_labels = (LogIn.PASSWORD,)

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        self.username = self.textbox(LogIn.USERNAME)
        self.password = self.textbox(LogIn.PASSWORD)
        self.log_in_button = self.button(LogIn.LOG_IN)

    def enter_credentials(self, username: str, password: str) -> LoginPage:
        """Type a username and password (the password as a secret)."""
        self.fill(self.username, username)
        self.fill(self.password, password, secret=True)
        return self

    def press_log_in(self) -> LoginPage:
        """Click Log In and wait for the portal's answer, whatever it is."""
        self.submit(self.log_in_button)
        return self


class HomePage(PortalPage):
    """The logged-in home page: "Welcome, FIRSTNAME", the role label, Log Out."""

    heading = LogIn.WELCOME
    page_name = "the CoveredCA.com home page"
    guide_step = 9
    path = "/home"

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        self.role_label = self.named("the role label", page.get_by_text(LogIn.ROLE_LABEL, exact=True))
        self.log_out_button = self.button(LogIn.LOG_OUT)

    @property
    def heading_element(self) -> Named:
        """The heading names the CEC, so it is found by how it starts."""
        welcome = self.page.get_by_role("heading", level=1, name=re.compile(f"^{re.escape(LogIn.WELCOME)}"))
        return self.named("the Welcome heading", welcome)

    def welcome(self) -> str:
        """The heading as shown, e.g. "Welcome, José"."""
        return self.heading_element.locator.inner_text().strip()
