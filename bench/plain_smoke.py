"""The @smoke activation's clicks through Playwright alone: no pytest, no BDD, no page objects, no evidence.

The floor the suite's smoke scenario is compared with (issue 11, goal 1): the same
pages, fields and buttons in the same order, each waited for as the suite waits, in a
fresh browser context per run of an already launched browser (pytest-playwright's
``browser`` is session-scoped too), against the same mock portal.
"""

from __future__ import annotations

import time

from playwright.sync_api import Browser, Page, expect

from cec.words import (
    AccountCreated,
    CreateAccount,
    LogIn,
    UseOfWebsite,
    UserInformation,
    UsernamePassword,
    VerifyInformation,
)
from tools.admin_client import SIGNUP_PATH, AdminClient

PERSONA = {
    UserInformation.FIRST_NAME: "Maria", UserInformation.MIDDLE_INITIAL: "L", UserInformation.LAST_NAME: "Lopez",
    UserInformation.DATE_OF_BIRTH: "04/12/1985", UserInformation.EMAIL: "maria.lopez@example.org",
    UserInformation.CONFIRM_EMAIL: "maria.lopez@example.org", UserInformation.PHONE: "(916) 555-0100",
}
ADDRESS = {UserInformation.STREET_ADDRESS: "1601 Exposition Blvd", UserInformation.CITY: "Sacramento",
           UserInformation.ZIP_CODE: "95815"}
PASSWORD = "Sunny-Days42"  # noqa: S105 - a made-up password for a throwaway mock account


def _heading(page: Page, name: str) -> None:
    expect(page.get_by_role("heading", level=1, name=name, exact=True)).to_be_visible()


def _fill(page: Page, values: dict[str, str]) -> None:
    for label, value in values.items():
        page.get_by_role("textbox", name=label, exact=True).fill(value)


def _press(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def activate(browser: Browser, base_url: str, admin: AdminClient, number: int) -> float:
    """One activation, guide steps 1-9 and a login, in a new context; its seconds, set-up included."""
    started = time.perf_counter()
    record = admin.create_delegation()
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}{SIGNUP_PATH}")
    _heading(page, CreateAccount.HEADING)
    _fill(page, {CreateAccount.DELEGATION_CODE: record.code, CreateAccount.BUSINESS_NAME: record.business_name,
                 CreateAccount.CERT_NUMBER: record.cert_number})
    _press(page, CreateAccount.CONTINUE)
    _heading(page, UseOfWebsite.HEADING)
    # The dialog's script (terms.js) may still be loading when the heading shows; a click
    # before it runs opens nothing, and the Close button below is waited for in vain.
    page.wait_for_load_state()
    page.get_by_role("link", name=UseOfWebsite.VIEW_TERMS, exact=True).or_(
        page.get_by_role("button", name=UseOfWebsite.VIEW_TERMS, exact=True)).click()
    dialog = page.get_by_role("dialog", name=UseOfWebsite.DIALOG, exact=True)
    dialog.get_by_role("button", name=UseOfWebsite.CLOSE, exact=True).click()
    expect(dialog).to_be_hidden()
    page.get_by_role("checkbox", name=UseOfWebsite.AGREE, exact=True).check()
    _press(page, UseOfWebsite.CONTINUE)
    _heading(page, UserInformation.HEADING_1)
    _fill(page, PERSONA)
    page.get_by_role("combobox", name=UserInformation.PREFERRED_LANGUAGE, exact=True).select_option(label="English")
    _press(page, UserInformation.CONTINUE)
    _heading(page, UserInformation.HEADING_2)
    _fill(page, ADDRESS)
    page.get_by_role("combobox", name=UserInformation.STATE, exact=True).select_option(label="California")
    page.get_by_role("combobox", name=UserInformation.COUNTY, exact=True).select_option(label="Sacramento")
    _press(page, UserInformation.CONTINUE)
    _heading(page, UsernamePassword.HEADING)
    username = f"bench.cec{number:04d}.{record.code.lower()}"
    _fill(page, {UsernamePassword.USERNAME: username, UsernamePassword.PASSWORD: PASSWORD,
                 UsernamePassword.CONFIRM_PASSWORD: PASSWORD})
    for n in (1, 2, 3):
        question = page.get_by_role("combobox", name=UsernamePassword.SECURITY_QUESTION.format(n=n), exact=True)
        question.select_option(index=n)
        page.get_by_role("textbox", name=UsernamePassword.ANSWER.format(n=n), exact=True).fill(f"answer {n}")
    _press(page, UsernamePassword.CONTINUE)
    _heading(page, VerifyInformation.HEADING)
    _press(page, VerifyInformation.CONFIRM)
    popup = page.get_by_role("dialog", name=AccountCreated.DIALOG, exact=True)
    popup.get_by_role("button", name=AccountCreated.LOG_IN, exact=True).click()
    _heading(page, LogIn.HEADING)
    _fill(page, {LogIn.USERNAME: username, LogIn.PASSWORD: PASSWORD})
    _press(page, LogIn.LOG_IN)
    expect(page.get_by_text(LogIn.ROLE_LABEL, exact=True)).to_be_visible()
    if admin.account(username) is None:
        raise RuntimeError(f"the plain script's activation made no account for {username}")
    context.close()
    return time.perf_counter() - started
