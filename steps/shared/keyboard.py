"""Keyboard-only steps (issue 13, @keyboard): Tab, Shift+Tab, Enter, Space and Escape, and typing.

At every Tab the focus must show (an outline or a shadow) and come after the previous
stop in reading order; the dialogs must take the focus, keep it, and give it back.
"""

from __future__ import annotations

from typing import Final

import pytest
from pytest_bdd import parsers, then, when

from cec.records import Cec
from cec.words import (
    AccountCreated,
    CreateAccount,
    LogIn,
    UseOfWebsite,
    UserInformation,
    UsernamePassword,
    VerifyInformation,
)
from pages.account_created import AccountCreatedDialog
from pages.common import PortalPage
from pages.create_account import CreateAccountPage
from pages.keyboard import Focus, KeyboardUser
from pages.log_in import LoginPage
from pages.use_of_website import TermsDialog, UseOfWebsitePage
from pages.user_information import UserInformationPage1, UserInformationPage2
from pages.username_password import QUESTION_NUMBERS, UsernamePasswordPage
from pages.verify_information import VerifyInformationPage
from steps.journey import entered_values
from steps.shared.state import on

#: More Tab presses than any page has stops: past this, the button was never reached.
MAX_TABS: Final = 60
#: How many times Tab and Shift+Tab are pressed in a dialog to show the focus stays inside.
TRAP_PRESSES: Final = 4
#: The button that moves each page on, by its accessible name.
GO_ON: Final[dict[type[PortalPage], str]] = {
    CreateAccountPage: CreateAccount.CONTINUE,
    UseOfWebsitePage: UseOfWebsite.CONTINUE,
    UserInformationPage1: UserInformation.CONTINUE,
    UserInformationPage2: UserInformation.CONTINUE,
    UsernamePasswordPage: UsernamePassword.CONTINUE,
    VerifyInformationPage: VerifyInformation.CONFIRM,
    AccountCreatedDialog: AccountCreated.LOG_IN,
    LoginPage: LogIn.LOG_IN,
}


def keyboard_values(current: PortalPage, cec: Cec) -> dict[str, tuple[str, bool]]:
    """What the CEC types on the page, by field label, each with whether it is secret."""
    if isinstance(current, UsernamePasswordPage):
        credentials = cec.credentials
        values = {UsernamePassword.USERNAME: (credentials.username, False)}
        for label in (UsernamePassword.PASSWORD, UsernamePassword.CONFIRM_PASSWORD):
            values[label] = (credentials.password, True)
        for n, question, answer in zip(
            QUESTION_NUMBERS, current.question_choices()[:3], credentials.security_answers, strict=True
        ):
            values[UsernamePassword.SECURITY_QUESTION.format(n=n)] = (question, False)
            values[UsernamePassword.ANSWER.format(n=n)] = (answer, True)
        return values
    if isinstance(current, LoginPage):
        return {LogIn.USERNAME: (cec.credentials.username, False), LogIn.PASSWORD: (cec.credentials.password, True)}
    if isinstance(current, (CreateAccountPage, UserInformationPage1, UserInformationPage2)):
        return {label: (value, False) for label, value in entered_values(current, cec).items() if value}
    return {}


def tab(keyboard: KeyboardUser, before: Focus | None, key: str = "Tab") -> Focus:
    """Press Tab (or Shift+Tab): the focus must land somewhere, show, and (forwards) read in order."""
    __tracebackhide__ = True
    focus = keyboard.move(key)
    assert focus is not None, f"after {key} nothing on {keyboard.page_name} has the focus"
    assert focus.indicator, f"the focus on {focus.describe()} does not show: no outline and no shadow"
    if before is not None and key == "Tab" and not focus.dialog:
        assert focus.reads_after(before), (
            f"Tab went from {before.describe()} back up to {focus.describe()}: not in reading order"
        )
    return focus


@when("the CEC completes the page with the keyboard alone")
def complete_by_keyboard(on_page: PortalPage, cec: Cec) -> None:
    """Tab through the page in order, type each value, tick with Space, press Enter on the button that goes on."""
    keyboard = KeyboardUser(on_page.page, on_page.journal)
    to_type = keyboard_values(on_page, cec)
    button = GO_ON[type(on_page)]
    focus: Focus | None = None
    for _ in range(MAX_TABS):
        focus = tab(keyboard, focus)
        if focus.is_field and focus.name in to_type:
            value, secret = to_type.pop(focus.name)
            keyboard.type_text(focus.name, value, secret=secret)
        elif focus.type == "checkbox":
            keyboard.press(" ")
        elif focus.tag == "button" and focus.name == button:
            assert not to_type, f"Tab reached {button} without passing the fields {', '.join(to_type)}"
            keyboard.press("Enter")
            return
    pytest.fail(f"{MAX_TABS} presses of Tab never reached the {button} button on {on_page.page_name}", pytrace=False)


def enter_on(keyboard: KeyboardUser, name: str) -> None:
    """Tab in reading order (every stop checked) to the element named ``name`` and press Enter there."""
    __tracebackhide__ = True
    focus: Focus | None = None
    for _ in range(MAX_TABS):
        focus = tab(keyboard, focus)
        if focus.name == name:
            keyboard.press("Enter")
            return
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {name!r} on {keyboard.page_name}", pytrace=False)


@when(parsers.re(r"the CEC presses Enter on (?P<button>.+) with the fields empty"))
def enter_on_empty(button: str, on_page: PortalPage) -> None:
    """Tab to the page's button, passing the fields by, and press Enter: the portal refuses."""
    enter_on(KeyboardUser(on_page.page, on_page.journal), button)


@then(parsers.re(r'the focus is on the error summary saying "(?P<message>[^"]+)"'))
def focus_on_summary(message: str, on_page: PortalPage) -> None:
    """A refused page puts the focus on what went wrong, visibly."""
    keyboard = KeyboardUser(on_page.page, on_page.journal)
    focus = keyboard.focus_once_loaded()
    assert focus is not None, "after the refused page loaded nothing has the focus, not the error summary"
    assert focus.role == "alert", f"the focus is on {focus.describe()}, not the error summary"
    assert message in focus.name, f"the focused error summary does not say {message!r}: {focus.name!r}"
    assert focus.indicator, "the focus on the error summary does not show: no outline and no shadow"


@when("the CEC opens the terms with the keyboard", target_fixture="on_page")
def open_terms_by_keyboard(on_page: PortalPage) -> TermsDialog:
    """Tab to "View the Terms and Conditions of Use", press Enter, and let the terms load."""
    use_of_website = on(on_page, UseOfWebsitePage)
    enter_on(KeyboardUser(use_of_website.page, use_of_website.journal), UseOfWebsite.VIEW_TERMS)
    return TermsDialog(use_of_website.page, use_of_website.journal).wait_until_shown().read()


@then(parsers.re(r'the focus is inside the "(?P<name>[^"]+)" dialog'))
def focus_in_dialog(name: str, on_page: PortalPage) -> None:
    """The dialog took the focus when it opened."""
    focus = KeyboardUser(on_page.page, on_page.journal).focus_in_dialog(name)
    where = focus.describe() if focus is not None else "nothing"
    assert focus is not None, f"the {name!r} dialog is open but nothing has the focus"
    assert focus.dialog == name, f"the {name!r} dialog is open but the focus is on {where}"


@then("Tab and Shift+Tab keep the focus inside the dialog")
def focus_trapped(on_page: PortalPage) -> None:
    """Tabbing round and round never leaves the dialog for the page behind it."""
    keyboard = KeyboardUser(on_page.page, on_page.journal)
    for key in ("Tab",) * TRAP_PRESSES + ("Shift+Tab",) * TRAP_PRESSES:
        focus = tab(keyboard, None, key)
        assert focus.dialog == on_page.page_name, f"{key} left the {on_page.page_name!r} dialog for {focus.describe()}"


@when("the CEC closes the dialog with Escape", target_fixture="on_page")
def escape_dialog(on_page: PortalPage) -> UseOfWebsitePage:
    """Escape closes the terms; the CEC is back on *Use of the Website*."""
    return on(on_page, TermsDialog).close_with_escape()
