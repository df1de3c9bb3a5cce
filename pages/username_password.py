"""*Username & Password*: the credentials the CEC will log in with (guide step 6)."""

from __future__ import annotations

from playwright.sync_api import Page

from cec.journal import ActionJournal
from cec.records import Credentials
from cec.words import UsernamePassword
from pages.base import Named
from pages.common import PortalPage, option_texts

W = UsernamePassword
QUESTION_NUMBERS = (1, 2, 3)
QUESTION_LABELS = tuple(W.SECURITY_QUESTION.format(n=n) for n in QUESTION_NUMBERS)
SECRET_LABELS = (W.PASSWORD, W.CONFIRM_PASSWORD, *(W.ANSWER.format(n=n) for n in QUESTION_NUMBERS))


class UsernamePasswordPage(PortalPage):
    """Username, Password, Confirm Password and three security questions with answers."""

    heading = W.HEADING
    page_name = W.HEADING
    guide_step = 6
    path = "/credentials"
    secret_labels = SECRET_LABELS

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        self.username = self.textbox(W.USERNAME)
        self.password = self.textbox(W.PASSWORD)
        self.confirm_password = self.textbox(W.CONFIRM_PASSWORD)
        self.rules = self.named("the username and password rules", page.get_by_role("list", name=W.RULES, exact=True))
        self.continue_button = self.button(W.CONTINUE)
        self.back_button = self.button(W.BACK)

    def question(self, n: int) -> Named:
        """The list "Security Question n"."""
        return self.dropdown(W.SECURITY_QUESTION.format(n=n))

    def answer(self, n: int) -> Named:
        """The box "Answer n" (typed like a password)."""
        return self.textbox(W.ANSWER.format(n=n))

    def rule_texts(self) -> list[str]:
        """The rules the page lists beside the fields."""
        return [rule.strip() for rule in self.rules.locator.get_by_role("listitem").all_inner_texts()]

    def question_choices(self) -> list[str]:
        """The security questions the first list offers."""
        return option_texts(self.question(1).locator)

    def choose_questions(self, questions: tuple[str, str, str] | None = None) -> UsernamePasswordPage:
        """Pick three security questions: the ones given, or the first three the page offers."""
        chosen = questions or tuple(self.question_choices()[:3])
        for n, text in zip(QUESTION_NUMBERS, chosen, strict=True):
            self.select(self.question(n), text)
        return self

    def enter_credentials(
        self, credentials: Credentials, questions: tuple[str, str, str] | None = None
    ) -> UsernamePasswordPage:
        """Complete the page: username, password twice, three questions and their answers."""
        self.fill(self.username, credentials.username)
        self.fill(self.password, credentials.password, secret=True)
        self.fill(self.confirm_password, credentials.password, secret=True)
        self.choose_questions(questions)
        for n, answer in zip(QUESTION_NUMBERS, credentials.security_answers, strict=True):
            self.fill(self.answer(n), answer, secret=True)
        return self

    def values(self) -> dict[str, str]:
        """What the non-secret fields show now, by label (passwords are never shown again)."""
        shown = {W.USERNAME: self.value_of(self.username)}
        shown.update({label: self.value_of(self.dropdown(label)) for label in QUESTION_LABELS})
        return shown

    def press_continue(self) -> UsernamePasswordPage:
        """Click Continue and wait for the portal's answer, whatever it is."""
        self.submit(self.continue_button)
        return self

    def press_back(self) -> UsernamePasswordPage:
        """Click Back (towards *User Information (2 of 2)*) and wait for the portal's answer."""
        self.submit(self.back_button)
        return self
