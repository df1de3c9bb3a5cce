"""Guide step 7 on *Verify Your Information*: what it shows, what it hides, Edit."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from cec.records import CecPersona, Credentials, DelegationRecord
from cec.words import UsernamePassword, VerifyInformation
from pages.common import PortalPage
from pages.verify_information import VerifyInformationPage
from steps.journey import delegation_values, edit, persona_values
from steps.shared.state import on

ANSWER_LABELS = tuple(UsernamePassword.ANSWER.format(n=n) for n in (1, 2, 3))
QUESTION_LABELS = tuple(UsernamePassword.SECURITY_QUESTION.format(n=n) for n in (1, 2, 3))


def mismatches(shown: dict[str, str], expected: dict[str, str]) -> dict[str, tuple[str | None, str]]:
    """Each label whose shown value differs from the expected one: (shown, expected)."""
    return {label: (shown.get(label), value) for label, value in expected.items() if shown.get(label) != value}


@then("the Delegation group shows the Delegation Code, CEE Business Legal Name and CEC Certification # from the email")
def delegation_group(on_page: PortalPage, delegation_email: DelegationRecord) -> None:
    """The email's three values, exactly."""
    shown = on(on_page, VerifyInformationPage).shown(VerifyInformation.DELEGATION)
    assert not mismatches(shown, delegation_values(delegation_email))


@then("the User Information group shows what the CEC entered on the User Information pages")
def user_information_group(on_page: PortalPage, persona: CecPersona) -> None:
    """Every value of both User Information pages."""
    shown = on(on_page, VerifyInformationPage).shown(VerifyInformation.USER_INFORMATION)
    assert not mismatches(shown, persona_values(persona))


@then("the Account group shows the Username and the security questions")
def account_group(on_page: PortalPage, credentials: Credentials) -> None:
    """The username, and three different questions."""
    shown = on(on_page, VerifyInformationPage).shown(VerifyInformation.ACCOUNT)
    assert shown.get(UsernamePassword.USERNAME) == credentials.username
    questions = [shown.get(label, "") for label in QUESTION_LABELS]
    assert all(questions), questions
    assert len(set(questions)) == len(questions), questions


@then(parsers.re(r'the Account group shows the Password and every answer as "(?P<mask>[^"]+)"'))
def account_masks(mask: str, on_page: PortalPage) -> None:
    """Secrets are shown only as a mask."""
    shown = on(on_page, VerifyInformationPage).shown(VerifyInformation.ACCOUNT)
    expected = {label: mask for label in (UsernamePassword.PASSWORD, *ANSWER_LABELS)}
    assert not mismatches(shown, expected)


@then("neither the password nor any security answer appears anywhere on the page")
def no_secrets(on_page: PortalPage, credentials: Credentials) -> None:
    """Not in the text the CEC reads, nor in the page's source."""
    verify = on(on_page, VerifyInformationPage)
    text, source = verify.visible_text(), verify.source()
    leaked = [secret for secret in credentials.secrets() if secret in text or secret in source]
    assert not leaked, f"{len(leaked)} secret value(s) appear on the page"


@when(parsers.re(r"the CEC clicks Edit in the (?P<group>.+) group"), target_fixture="on_page")
def click_edit(group: str, on_page: PortalPage) -> PortalPage:
    """Go back to the page where the group's values were entered."""
    return edit(on(on_page, VerifyInformationPage), group)


@then(parsers.re(r'the User Information group shows "(?P<value>[^"]*)" as the (?P<label>.+)'))
def user_information_value(value: str, label: str, on_page: PortalPage) -> None:
    """One value of the User Information group."""
    shown = on(on_page, VerifyInformationPage).shown(VerifyInformation.USER_INFORMATION)
    assert shown.get(label) == value
