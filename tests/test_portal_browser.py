"""A real browser walks the guide's example record through all nine steps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright, Route, expect

from mock_portal.server import RunningPortal
from mock_portal.testing import EXAMPLE_CREDENTIALS, EXAMPLE_DELEGATION

CHROMIUM = "/usr/bin/chromium"
TERMS_SECTIONS = (
    "Purpose of This Agreement", "Privacy Policy", "Notices Required Under Government Code Section 11015.5",
)
LAUNCH_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def portal_page(playwright: Playwright) -> Iterator[Page]:
    """A page in a fresh Chromium (pytest-playwright's ``playwright`` fixture, this machine's Chromium)."""
    executable = CHROMIUM if Path(CHROMIUM).exists() else None
    browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()
        browser.close()


@pytest.mark.real_browser
def test_example_record_walks_all_nine_steps_in_a_browser(portal_server: RunningPortal, portal_page: Page) -> None:
    page = portal_page
    # Step 1: the guide's link opens Create Your Account.
    page.goto(portal_server.signup_url)
    expect(page.get_by_role("heading", level=1, name="Create Your Account", exact=True)).to_be_visible()
    expect(page).to_have_title("Create Your Account | CoveredCA.com")

    # Step 2: a stray space is refused (DC-102), then the exact values pass.
    page.get_by_role("textbox", name="Delegation Code", exact=True).fill(EXAMPLE_DELEGATION["delegation_code"] + " ")
    page.get_by_role("textbox", name="CEE Business Legal Name", exact=True).fill(EXAMPLE_DELEGATION["business_name"])
    page.get_by_role("textbox", name="CEC Certification #", exact=True).fill(EXAMPLE_DELEGATION["cert_number"])
    page.get_by_role("button", name="CONTINUE", exact=True).click()
    summary = page.get_by_role("alert").filter(has=page.get_by_role("list"))
    expect(summary).to_contain_text("(DC-102)")
    expect(page.get_by_role("textbox", name="Delegation Code", exact=True)).to_have_attribute("aria-invalid", "true")
    page.get_by_role("textbox", name="Delegation Code", exact=True).fill(EXAMPLE_DELEGATION["delegation_code"])
    page.get_by_role("button", name="CONTINUE", exact=True).click()

    # Step 3: view the terms; Escape closes and returns focus; Close too.
    expect(page.get_by_role("heading", level=1, name="Use of the Website")).to_be_visible()
    agree = page.get_by_role("checkbox", name="Check this box to show you agree to Terms and Conditions", exact=True)
    continue_button = page.get_by_role("button", name="Continue", exact=True)
    expect(agree).to_be_disabled()
    expect(continue_button).to_be_disabled()
    expect(page.get_by_text("You must view the Terms and Conditions of Use before you can agree.")).to_be_visible()
    opener = page.get_by_role("button", name="View the Terms and Conditions of Use", exact=True)
    opener.click()
    dialog = page.get_by_role("dialog", name="Terms and Conditions of Use", exact=True)
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    for title in TERMS_SECTIONS:
        expect(dialog.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(dialog.get_by_role("button", name="Close", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('terms-dialog').contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    expect(agree).to_be_enabled()
    opener.press("Enter")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close", exact=True).click()
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()

    # Step 4: agree enables Continue.
    expect(continue_button).to_be_disabled()
    agree.check()
    expect(continue_button).to_be_enabled()
    continue_button.click()

    # Step 5: both User Information pages.
    expect(page.get_by_role("heading", level=1, name="User Information (1 of 2)")).to_be_visible()
    page.get_by_role("textbox", name="First Name", exact=True).fill("José")
    page.get_by_role("textbox", name="Last Name", exact=True).fill("O'Brien-Núñez")
    page.get_by_role("textbox", name="Date of Birth", exact=True).fill("02/29/1980")
    page.get_by_role("textbox", name="Email Address", exact=True).fill("jose.obrien@example.org")
    page.get_by_role("textbox", name="Confirm Email Address", exact=True).fill("jose.obrien@example.org")
    page.get_by_role("textbox", name="Phone Number", exact=True).fill("916-555-0100")
    page.get_by_role("combobox", name="Preferred Language", exact=True).select_option(label="English")
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="User Information (2 of 2)")).to_be_visible()
    expect(page.get_by_role("combobox", name="State", exact=True)).to_have_value("CA")
    page.get_by_role("textbox", name="Street Address", exact=True).fill("1601 Exposition Blvd")
    page.get_by_role("textbox", name="City", exact=True).fill("Sacramento")
    page.get_by_role("textbox", name="ZIP Code", exact=True).fill("95815")
    page.get_by_role("combobox", name="County", exact=True).select_option(label="Sacramento")
    page.get_by_role("button", name="Continue", exact=True).click()

    # Step 6: Username & Password.
    expect(page.get_by_role("heading", level=1, name="Username & Password")).to_be_visible()
    expect(page.get_by_role("list", name="Username and password rules")).to_be_visible()
    page.get_by_role("textbox", name="Username", exact=True).fill(EXAMPLE_CREDENTIALS["username"])
    page.get_by_role("textbox", name="Password", exact=True).fill(EXAMPLE_CREDENTIALS["password"])
    page.get_by_role("textbox", name="Confirm Password", exact=True).fill(EXAMPLE_CREDENTIALS["password"])
    for n in (1, 2, 3):
        page.get_by_role("combobox", name=f"Security Question {n}", exact=True).select_option(
            EXAMPLE_CREDENTIALS[f"question{n}"]
        )
        page.get_by_role("textbox", name=f"Answer {n}", exact=True).fill(EXAMPLE_CREDENTIALS[f"answer{n}"])
    page.get_by_role("button", name="Continue", exact=True).click()

    # Step 7: Verify Your Information, passwords masked, then Confirm.
    expect(page.get_by_role("heading", level=1, name="Verify Your Information")).to_be_visible()
    account = page.get_by_role("region", name="Account")
    expect(account).to_contain_text("********")
    expect(account.get_by_role("link", name="Edit", exact=True)).to_be_visible()
    assert EXAMPLE_CREDENTIALS["password"] not in page.content()
    page.get_by_role("button", name="Confirm", exact=True).click()

    # Step 8: the Account Created pop-up with its Log In button focused.
    created = page.get_by_role("dialog", name="Account Created", exact=True)
    expect(created).to_contain_text(
        "Your CoveredCA.com account has been created. Log In with the Username and Password you created."
    )
    log_in = created.get_by_role("button", name="Log In", exact=True)
    expect(log_in).to_be_focused()
    log_in.click()

    # Step 9: the Log In page, then the home page.
    expect(page.get_by_role("heading", level=1, name="Log In", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login\??$"))
    page.get_by_role("textbox", name="Username", exact=True).fill(EXAMPLE_CREDENTIALS["username"])
    page.get_by_role("textbox", name="Password", exact=True).fill(EXAMPLE_CREDENTIALS["password"])
    page.get_by_role("button", name="Log In", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Welcome, José", exact=True)).to_be_visible()
    expect(page.get_by_text("Enrollment Counselor", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Log Out", exact=True)).to_be_visible()


@pytest.mark.real_browser
def test_view_the_terms_waits_for_its_script_instead_of_ignoring_a_click(
    portal_server: RunningPortal, portal_page: Page
) -> None:
    """A click on "View the Terms..." before terms.js ran used to open nothing (seen under load).

    terms.js is held back at the network: until it runs the button is disabled, so a click
    (a CEC's or Playwright's, which waits for an enabled button) cannot be lost.
    """
    page = portal_page
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    page.route("**/static/terms.js", hold)
    page.goto(portal_server.signup_url)
    for label, key in (("Delegation Code", "delegation_code"), ("CEE Business Legal Name", "business_name"),
                       ("CEC Certification #", "cert_number")):
        page.get_by_role("textbox", name=label, exact=True).fill(EXAMPLE_DELEGATION[key])
    page.get_by_role("button", name="CONTINUE", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Use of the Website")).to_be_visible()
    opener = page.get_by_role("button", name="View the Terms and Conditions of Use", exact=True)
    expect(opener).to_be_disabled()
    page.wait_for_function("() => true")
    assert len(held) == 1, "terms.js was requested once and is still held"
    held[0].continue_()
    expect(opener).to_be_enabled()
    opener.click()
    expect(page.get_by_role("dialog", name="Terms and Conditions of Use", exact=True)).to_be_visible()
