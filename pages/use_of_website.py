"""*Use of the Website*: the terms dialog (guide step 3), then agree and Continue (guide step 4).

One page spans two guide steps, so each action says which one it belongs to: opening,
reading and closing the dialog are step 3; the checkbox and Continue are step 4.
"""

from __future__ import annotations

from playwright.sync_api import Page

from cec.journal import ActionJournal
from cec.words import UseOfWebsite
from pages.base import Named
from pages.common import PortalPage

VIEW_TERMS_STEP = 3
AGREE_STEP = 4


class UseOfWebsitePage(PortalPage):
    """The page reviewing the Use of the Website, before the CEC may agree."""

    heading = UseOfWebsite.HEADING
    page_name = UseOfWebsite.HEADING
    guide_step = VIEW_TERMS_STEP
    path = "/terms"

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        # The spec allows "a button or link"; either satisfies the guide's words.
        opener = page.get_by_role("button", name=UseOfWebsite.VIEW_TERMS, exact=True).or_(
            page.get_by_role("link", name=UseOfWebsite.VIEW_TERMS, exact=True)
        )
        self.view_terms_button = self.named(f'the "{UseOfWebsite.VIEW_TERMS}" button', opener)
        self.agree_checkbox = self.named(
            f'the "{UseOfWebsite.AGREE}" checkbox', page.get_by_role("checkbox", name=UseOfWebsite.AGREE, exact=True)
        )
        hint = page.get_by_text(UseOfWebsite.AGREE_HINT, exact=True)
        self.agree_hint = self.named("the hint under the checkbox", hint)
        self.continue_button = self.button(UseOfWebsite.CONTINUE)
        self.back_button = self.button(UseOfWebsite.BACK)
        self.terms_dialog = self.named(
            f"the {UseOfWebsite.DIALOG} dialog", page.get_by_role("dialog", name=UseOfWebsite.DIALOG, exact=True)
        )

    def view_terms(self) -> TermsDialog:
        """Select "View the Terms and Conditions of Use" and wait for the dialog."""
        self.click(self.view_terms_button, guide_step=VIEW_TERMS_STEP)
        return TermsDialog(self.page, self.journal).wait_until_shown()

    def review_terms(self) -> UseOfWebsitePage:
        """Guide step 3 as the guide tells it: open the terms, let them load, click Close."""
        return self.view_terms().read().close()

    def agree(self) -> UseOfWebsitePage:
        """Check the box next to "Check this box to show you agree to Terms and Conditions"."""
        self.check(self.agree_checkbox, guide_step=AGREE_STEP)
        return self

    def toggle_agreement(self) -> UseOfWebsitePage:
        """Click the checkbox once more, as a CEC who changes their mind would."""
        self.click(self.agree_checkbox, guide_step=AGREE_STEP)
        return self

    def press_continue(self) -> UseOfWebsitePage:
        """Click Continue and wait for the portal's answer."""
        self.submit(self.continue_button, guide_step=AGREE_STEP)
        return self

    def press_back(self) -> UseOfWebsitePage:
        """Click Back (towards *Create Your Account*) and wait for the portal's answer."""
        self.submit(self.back_button, guide_step=AGREE_STEP)
        return self


class TermsDialog(PortalPage):
    """The modal *Terms and Conditions of Use* dialog (guide step 3)."""

    heading = UseOfWebsite.DIALOG
    in_a_dialog = True
    page_name = UseOfWebsite.DIALOG
    guide_step = VIEW_TERMS_STEP

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        dialog = page.get_by_role("dialog", name=UseOfWebsite.DIALOG, exact=True)
        self.dialog = self.named(f"the {UseOfWebsite.DIALOG} dialog", dialog)
        self.close_button = self.named(
            f"the dialog's {UseOfWebsite.CLOSE} button",
            dialog.get_by_role("button", name=UseOfWebsite.CLOSE, exact=True),
        )
        self.load_error = self.named("the dialog's error", dialog.get_by_role("alert"))

    @property
    def heading_element(self) -> Named:
        """A dialog is known by its accessible name, not by the page's <h1>."""
        return self.dialog

    def section_heading(self, title: str) -> Named:
        """A heading inside the terms ("Purpose of This Agreement", ...)."""
        return self.named(f'the "{title}" heading', self.dialog.locator.get_by_role("heading", name=title, exact=True))

    def section_titles(self) -> list[str]:
        """The headings the terms show now, the dialog's own title left out."""
        titles = self.dialog.locator.get_by_role("heading").all_inner_texts()
        return [title.strip() for title in titles if title.strip() and title.strip() != UseOfWebsite.DIALOG]

    def read(self) -> TermsDialog:
        """Wait for the terms' text to arrive (the dialog fetches it when opened).

        Reading is what makes the terms count as viewed; closing before the text has
        loaded would leave the checkbox disabled for a reason the guide never mentions.
        """
        self.section_heading(UseOfWebsite.TERMS_SECTIONS[0]).locator.wait_for()
        return self

    def close(self) -> UseOfWebsitePage:
        """Click the dialog's Close button; the CEC is back on *Use of the Website*."""
        self.click(self.close_button, guide_step=VIEW_TERMS_STEP)
        return UseOfWebsitePage(self.page, self.journal).wait_until_shown()

    def close_with_escape(self) -> UseOfWebsitePage:
        """Press Escape, the keyboard way to close a dialog.

        A key press has no BasePage verb, so it is journaled here the same way before
        it happens: a failure right after it still points at the dialog.
        """
        action = self._note("press Escape in", self.dialog, None, guide_step=VIEW_TERMS_STEP)
        self.page.keyboard.press("Escape")
        self.journal.complete(action)
        return UseOfWebsitePage(self.page, self.journal).wait_until_shown()
