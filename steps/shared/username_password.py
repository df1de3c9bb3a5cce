"""Guide step 6 on *Username & Password*: the credentials and their rules."""

from __future__ import annotations

from dataclasses import replace

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from cec.records import Credentials
from cec.words import UsernamePassword
from pages.common import PortalPage
from pages.username_password import UsernamePasswordPage
from steps.shared.state import on

#: Long enough to be a valid username, short enough that a password around it stays valid.
SHORT_USERNAME = 20


@when("the CEC completes all required fields in the Username & Password window")
def complete_credentials(on_page: PortalPage, credentials: Credentials) -> None:
    """Guide step 6: a username, a password twice, three questions and answers."""
    on(on_page, UsernamePasswordPage).enter_credentials(credentials)


@then("the page lists the rules for the Username and the Password")
def rules_listed(on_page: PortalPage) -> None:
    """The CEC can read the rules before choosing."""
    credentials_page = on(on_page, UsernamePasswordPage)
    expect(credentials_page.rules.locator).to_be_visible()
    rules = credentials_page.rule_texts()
    assert any(UsernamePassword.USERNAME in rule for rule in rules), rules
    assert any(UsernamePassword.PASSWORD in rule for rule in rules), rules


@when(parsers.re(r'the CEC completes the window with the username "(?P<username>[^"]+)"'))
def complete_with_username(username: str, on_page: PortalPage, credentials: Credentials) -> None:
    """Choose a particular username; everything else meets the rules."""
    on(on_page, UsernamePasswordPage).enter_credentials(replace(credentials, username=username))


@when("the CEC completes the window with that CEC's username in capital letters")
def complete_with_taken_username(on_page: PortalPage, credentials: Credentials, taken_username: str) -> None:
    """Choose a username another CEC has, only in other letters' case."""
    assert taken_username.upper() != taken_username, "the taken username has no letters to capitalise"
    on(on_page, UsernamePasswordPage).enter_credentials(replace(credentials, username=taken_username.upper()))


@when(parsers.re(r'the CEC completes the window with the password "(?P<password>[^"]+)"'))
def complete_with_password(password: str, on_page: PortalPage, credentials: Credentials) -> None:
    """Choose a particular password, typed twice the same."""
    on(on_page, UsernamePasswordPage).enter_credentials(replace(credentials, password=password))


@when("the CEC completes the window with a password that contains the username")
def complete_with_password_containing_username(on_page: PortalPage, credentials: Credentials) -> None:
    """A password that meets every other rule but has the username inside."""
    username = credentials.username[:SHORT_USERNAME]
    password = f"Q{username}7!"
    on(on_page, UsernamePasswordPage).enter_credentials(replace(credentials, username=username, password=password))


@when("the CEC completes the window but types a different password in Confirm Password")
def complete_with_other_confirmation(on_page: PortalPage, credentials: Credentials) -> None:
    """Confirm Password differs from Password by one character."""
    on(on_page, UsernamePasswordPage).enter_credentials(credentials).enter(
        UsernamePassword.CONFIRM_PASSWORD, f"{credentials.password}9"
    )


@when("the CEC completes the window choosing the same question for Security Question 1 and Security Question 2")
def complete_with_repeated_question(on_page: PortalPage, credentials: Credentials) -> None:
    """Two of the three questions are the same."""
    credentials_page = on(on_page, UsernamePasswordPage)
    first, _, third = credentials_page.question_choices()[:3]
    credentials_page.enter_credentials(credentials, questions=(first, first, third))
