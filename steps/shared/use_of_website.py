"""Guide steps 3-4 on *Use of the Website*: the terms dialog, the checkbox, Continue."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from pages.common import PortalPage
from pages.use_of_website import TermsDialog, UseOfWebsitePage
from steps.shared.state import on
from tools.admin_client import AdminClient

AGREE = "Check this box to show you agree to Terms and Conditions"
VIEW_TERMS = "View the Terms and Conditions of Use"


@then(parsers.re(rf'the checkbox "{AGREE}" is (?P<state>disabled|enabled)'))
def checkbox_state(state: str, on_page: PortalPage) -> None:
    """Whether the CEC can agree yet."""
    checkbox = on(on_page, UseOfWebsitePage).agree_checkbox.locator
    if state == "enabled":
        expect(checkbox).to_be_enabled()
    else:
        expect(checkbox).to_be_disabled()


@then(parsers.re(r'the page explains "(?P<hint>[^"]+)"'))
def page_explains(hint: str, on_page: PortalPage) -> None:
    """The hint next to the checkbox says why it is disabled."""
    expect(on(on_page, UseOfWebsitePage).agree_hint.locator).to_have_text(hint)


@then(parsers.re(r"the Continue button is (?:still )?(?P<state>disabled|enabled)"))
def continue_state(state: str, on_page: PortalPage) -> None:
    """The guide: "(Continue button should be enabled)" once the box is checked."""
    button = on(on_page, UseOfWebsitePage).continue_button.locator
    if state == "enabled":
        expect(button).to_be_enabled()
    else:
        expect(button).to_be_disabled()


@when(f'the CEC selects "{VIEW_TERMS}"', target_fixture="on_page")
def select_view_terms(on_page: PortalPage) -> TermsDialog:
    """Guide step 3: open the terms."""
    return on(on_page, UseOfWebsitePage).view_terms()


@then(parsers.re(r"the terms show the sections (?P<titles>.+)"))
def terms_show_sections(titles: str, on_page: PortalPage) -> None:
    """The verbiage to review is there, section by section."""
    dialog = on(on_page, TermsDialog)
    for title in re.findall(r'"([^"]+)"', titles):
        expect(dialog.section_heading(title).locator).to_be_visible()


@then("the dialog has a Close button")
def dialog_has_close(on_page: PortalPage) -> None:
    """The guide's way out of the dialog."""
    expect(on(on_page, TermsDialog).close_button.locator).to_be_visible()


@when(parsers.re(r"(?:the CEC )?reviews the verbiage and clicks Close"), target_fixture="on_page")
def review_and_close(on_page: PortalPage) -> UseOfWebsitePage:
    """Guide step 3: let the terms load, then click Close."""
    return on(on_page, TermsDialog).read().close()


@when(parsers.re(r"(?:the CEC )?reviews the verbiage and presses Escape"), target_fixture="on_page")
def review_and_escape(on_page: PortalPage) -> UseOfWebsitePage:
    """Close the terms from the keyboard instead."""
    return on(on_page, TermsDialog).read().close_with_escape()


@when("the CEC clicks Close", target_fixture="on_page")
def click_close(on_page: PortalPage) -> UseOfWebsitePage:
    """Click Close without waiting for the terms' text."""
    return on(on_page, TermsDialog).close()


@then("the terms dialog is closed")
def dialog_closed(on_page: PortalPage) -> None:
    """The dialog is gone and the page is usable again."""
    expect(on(on_page, UseOfWebsitePage).terms_dialog.locator).to_be_hidden()


@then(f'the focus is back on "{VIEW_TERMS}"')
def focus_back(on_page: PortalPage) -> None:
    """Keyboard and screen-reader users continue where they were."""
    expect(on(on_page, UseOfWebsitePage).view_terms_button.locator).to_be_focused()


@given("the portal fails to send the terms once")
def terms_fail_once(admin: AdminClient) -> None:
    """The next request for the terms (the dialog's text) gets a server error."""
    admin.inject_fault("terms", "http-500")


@then(parsers.re(r'the dialog says "(?P<message>[^"]+)"'))
def dialog_says(message: str, on_page: PortalPage) -> None:
    """The dialog tells the CEC the terms did not load."""
    expect(on(on_page, TermsDialog).load_error.locator).to_have_text(message)


@given("the CEC has viewed the Terms and Conditions of Use and closed them", target_fixture="on_page")
def viewed_terms(on_page: PortalPage) -> UseOfWebsitePage:
    """Guide step 3 done."""
    return on(on_page, UseOfWebsitePage).review_terms()


@when(parsers.re(rf'(?:the CEC )?clicks the checkbox next to "{AGREE}"'))
def click_agree(on_page: PortalPage) -> None:
    """Guide step 4: agree."""
    on(on_page, UseOfWebsitePage).agree()


@when(parsers.re(r"(?:the CEC )?clicks the checkbox again"))
def click_agree_again(on_page: PortalPage) -> None:
    """Change one's mind: uncheck."""
    on(on_page, UseOfWebsitePage).toggle_agreement()
