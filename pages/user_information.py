"""*User Information (1 of 2)* and *(2 of 2)*: the CEC's own details (guide step 5)."""

from __future__ import annotations

from typing import Self

from playwright.sync_api import Page

from cec.journal import ActionJournal
from cec.records import CecPersona
from cec.words import UserInformation
from pages.common import PortalPage

W = UserInformation


class _UserInformationForm(PortalPage):
    """What both User Information pages share: labelled fields, some of them lists."""

    guide_step = 5

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        self.continue_button = self.button(W.CONTINUE)
        self.back_button = self.button(W.BACK)

    def values(self) -> dict[str, str]:
        """Every field's value as the page shows it now, by label."""
        return {label: self.value_of(self.field(label)) for label in self.labels}

    def press_continue(self) -> Self:
        """Click Continue and wait for the portal's answer, whatever it is."""
        self.submit(self.continue_button)
        return self

    def press_back(self) -> Self:
        """Click Back (towards the page before) and wait for the portal's answer."""
        self.submit(self.back_button)
        return self


class UserInformationPage1(_UserInformationForm):
    """Name, date of birth, email, phone and preferred language."""

    heading = W.HEADING_1
    page_name = W.HEADING_1
    path = "/user-info/1"
    labels = (
        W.FIRST_NAME,
        W.MIDDLE_INITIAL,
        W.LAST_NAME,
        W.SUFFIX,
        W.DATE_OF_BIRTH,
        W.EMAIL,
        W.CONFIRM_EMAIL,
        W.PHONE,
        W.PREFERRED_LANGUAGE,
    )
    list_labels = frozenset({W.SUFFIX, W.PREFERRED_LANGUAGE})

    def enter_user_information(self, persona: CecPersona) -> UserInformationPage1:
        """Complete the page from the persona; Confirm Email Address repeats the email.

        Lists are left alone where the persona has no value (no Suffix), as a CEC would.
        """
        self.enter(W.FIRST_NAME, persona.first_name)
        self.enter(W.MIDDLE_INITIAL, persona.middle_initial)
        self.enter(W.LAST_NAME, persona.last_name)
        if persona.suffix:
            self.enter(W.SUFFIX, persona.suffix)
        self.enter(W.DATE_OF_BIRTH, persona.date_of_birth)
        self.enter(W.EMAIL, persona.email)
        self.enter(W.CONFIRM_EMAIL, persona.email)
        self.enter(W.PHONE, persona.phone)
        if persona.preferred_language:
            self.enter(W.PREFERRED_LANGUAGE, persona.preferred_language)
        return self


class UserInformationPage2(_UserInformationForm):
    """The home address."""

    heading = W.HEADING_2
    page_name = W.HEADING_2
    path = "/user-info/2"
    labels = (W.STREET_ADDRESS, W.APT_SUITE, W.CITY, W.STATE, W.ZIP_CODE, W.COUNTY)
    list_labels = frozenset({W.STATE, W.COUNTY})

    def enter_address(self, persona: CecPersona) -> UserInformationPage2:
        """Complete the address from the persona; State comes before County, which depends on it."""
        self.enter(W.STREET_ADDRESS, persona.street_address)
        self.enter(W.APT_SUITE, persona.apt_suite)
        self.enter(W.CITY, persona.city)
        if persona.state:
            self.enter(W.STATE, persona.state)
        self.enter(W.ZIP_CODE, persona.zip_code)
        if persona.county:
            self.enter(W.COUNTY, persona.county)
        return self
