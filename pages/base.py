"""What every page object shares: named locators, and journaled actions.

Page objects never assert business rules; they act and report what they see. Every action
goes through :class:`BasePage`, which writes it into the scenario's journal
(:mod:`cec.journal`) before the browser carries it out: triage reads the journal, never
the page objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Final, Self

from playwright.sync_api import Locator, Page, expect

from cec.journal import WAIT_VERB, Action, ActionJournal
from pages.landmarks import PORTAL_LANDMARKS

#: A portal code anywhere in an alert ("(DC-102)"): how the portal marks its own errors (cec/codes.py).
PORTAL_ERROR: Final = re.compile(r"\([A-Z]{2,3}-\d{3}\)")


@dataclass(frozen=True)
class Named:
    """A locator with the human name reports use ("the CONTINUE button")."""

    name: str
    locator: Locator
    #: The field's label as the portal shows it ("Delegation Code"); "" for buttons and the like.
    label: str = ""


class BasePage:
    """A portal page: its guide step(s), its heading, and journaled actions."""

    #: The page's <h1>, verbatim from the portal spec.
    heading: str = ""
    #: A dialog is known by its accessible name; the <h1> under it is the page's, not its own.
    in_a_dialog: ClassVar[bool] = False
    #: The name reports use for the page.
    page_name: str = ""
    #: The guide step the page belongs to (portal-spec.md, "Where a failure belongs").
    guide_step: int = 0

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        self.page = page
        self.journal = journal

    @property
    def heading_element(self) -> Named:
        """The page's <h1>: how the CEC (and the suite) knows which page this is."""
        heading = self.page.get_by_role("heading", level=1, name=self.heading, exact=True)
        return self.named(f"the {self.heading} heading", heading)

    def wait_until_shown(self) -> Self:
        """Wait for the page's heading, then count the CEC as arrived on this page.

        Until the heading shows, a failure still belongs to the step whose button led
        here (portal-spec.md, "Where a failure belongs"), so arrival is recorded only now;
        meanwhile the journal says which page the CEC was waiting for.

        When the portal has already answered by showing the page the CEC acted on again
        (a newer document at the same address), its error ends the wait at once instead of
        the whole timeout: the failure and the journal are what the timeout would have left.
        An alert in an older document (an earlier attempt's) never counts. A page reached at
        an address of its own is waited for as ever, with no extra question to the browser.
        A page the CEC has just arrived on, with nothing done and no new document since, is
        not asked for again (:meth:`~cec.journal.ActionJournal.still_on`).
        """
        self.journal.watch(self.page)
        if self.journal.still_on(self.page_name, self.page):
            return self
        self.journal.expect_page(self.page_name)
        heading = self.heading_element.locator
        if self.journal.answered_on_same_address:
            # Whichever shows first (both may: a page shown again with its heading and an error).
            expect(heading.or_(self.portal_errors).first).to_be_visible()
            if not heading.is_visible():
                raise AssertionError(self._refusal())
        else:
            expect(heading).to_be_visible()
        self.journal.arrive(self.page_name, self.guide_step)
        return self

    @property
    def portal_errors(self) -> Locator:
        """Every alert carrying a portal code ("... (DC-102)"): the portal's error, not page furniture."""
        return PORTAL_LANDMARKS.alerts(self.page).filter(has_text=PORTAL_ERROR)

    def _refusal(self) -> str:
        """Why the page never showed: what the portal said instead, as the CEC reads it."""
        said = "; ".join(message.replace("\n", " ") for message in self.alert_messages())
        return f"{self.heading_element.name} never appeared: the portal showed the page again, saying: {said}"

    def named(self, name: str, locator: Locator, label: str = "") -> Named:
        """Give a locator the human name that reports show (and a field its portal label)."""
        return Named(name, locator, label)

    def _note(
        self,
        verb: str,
        target: Named,
        value: str | None,
        *,
        secret: bool = False,
        guide_step: int | None,
        role: str = "",
    ) -> Action:
        step = self.guide_step if guide_step is None else guide_step
        action = Action(
            verb, target.name, step, self.page_name, target.locator, value, secret, role=role, label=target.label
        )
        self.journal.watch(self.page)
        self.journal.record(action)
        return action

    def click(self, target: Named, *, guide_step: int | None = None, role: str = "") -> None:
        """Click a named element, journaled first so a failing click is the last action.

        ``guide_step`` is for pages that span two steps (Use of the Website: 3 and 4);
        ``role`` says what the press means to triage (e.g. the account-creating Confirm).
        """
        action = self._note("click", target, None, guide_step=guide_step, role=role)
        target.locator.click()
        self.journal.complete(action)

    def fill(self, target: Named, value: str, *, secret: bool = False, guide_step: int | None = None) -> None:
        """Type a value exactly as given (no trimming: stray spaces are the point)."""
        action = self._note("type", target, value, secret=secret, guide_step=guide_step)
        target.locator.fill(value)
        self.journal.complete(action)

    def select(self, target: Named, label: str, *, guide_step: int | None = None) -> None:
        """Choose an option of a select by its visible label."""
        action = self._note("select", target, label, guide_step=guide_step)
        target.locator.select_option(label=label)
        self.journal.complete(action)

    def check(self, target: Named, *, guide_step: int | None = None) -> None:
        """Tick a checkbox."""
        action = self._note("check", target, None, guide_step=guide_step)
        target.locator.check()
        self.journal.complete(action)

    def wait_until_usable(self, target: Named, *, guide_step: int | None = None) -> None:
        """Wait for a button to be enabled, journaled so a button that never works is named and boxed.

        For a button whose press belongs to the next guide step (the pop-up's Log In): a
        button that never becomes usable is its own page's fault, the press is not.
        """
        action = self._note(WAIT_VERB, target, None, guide_step=guide_step)
        expect(target.locator).to_be_enabled()
        self.journal.complete(action)

    def alert_messages(self) -> list[str]:
        """Every message the portal shows in a role=alert region, with its code."""
        return [text.strip() for text in PORTAL_LANDMARKS.alerts(self.page).all_inner_texts() if text.strip()]
