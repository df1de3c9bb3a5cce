"""The journal: what each CEC of a scenario did in the browser, written by pages, read by triage.

Every page-object action is recorded here first, so triage knows the last element
touched (it draws a red box around it), whether that action finished (a click that went
through and a click that never happened belong to different guide steps), and every
value typed (it checks them for the stray spaces the guide warns about). The journal is
a fixture: evidence reaches triage through pytest, never through page-object return
values, and triage never needs to import a page object to read it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from playwright.sync_api import Frame, Locator, Page, Request

#: One clock for every journal in the process: which of two CECs acted last, without ties.
ACTIVITY = itertools.count(1)
#: The journal's verb for waiting on a button that must become usable before it is pressed.
WAIT_VERB = "wait for"
#: The role of the Verify page's Confirm press: the action that creates the account (guide step 7).
CONFIRM_ROLE = "confirm"


@dataclass(frozen=True)
class Action:
    """One thing the CEC did on a page, as triage will describe it."""

    verb: str
    target: str
    guide_step: int
    page_name: str
    locator: Locator
    value: str | None = None
    secret: bool = False
    at: datetime = field(default_factory=lambda: datetime.now(UTC))
    #: What the action means to the guide, beyond its verb (``CONFIRM_ROLE``); "" for most.
    role: str = ""
    #: The form field's label as the portal shows it ("Delegation Code"), for a typed value.
    label: str = ""


@dataclass(frozen=True)
class TypedValue:
    """A value typed into a named field; secret values never leave the journal unredacted."""

    field: str
    value: str
    secret: bool
    guide_step: int
    #: The field's label as the portal shows it ("Delegation Code"); "" when the page did not say.
    label: str = ""

    def shown(self) -> str:
        """The value as reports may print it."""
        return "[redacted]" if self.secret else self.value


@dataclass
class ActionJournal:
    """Everything one scenario did in the browser, in order (a function-scoped fixture)."""

    actions: list[Action] = field(default_factory=list)
    typed: list[TypedValue] = field(default_factory=list)
    current_page: str = ""
    current_guide_step: int = 0
    #: The page the CEC is waiting to see (set by ``wait_until_shown``, cleared on arrival).
    awaiting_page: str = ""
    #: How many of ``actions`` went through (Playwright returned) rather than raised.
    completed: int = 0
    #: How many actions there were at the last arrival (-1: no arrival yet).
    arrived_after: int = -1
    #: Called just before the final Confirm, which creates an account and uses up the code.
    #: The ``journal`` fixture makes it refuse on a real portal (see --allow-account-creation).
    before_account_creation: Callable[[], None] = field(default=lambda: None)
    #: Who acts in this journal, as reports say it ("the CEC", or another CEC of the scenario).
    who: str = "the CEC"
    #: The browser page this CEC uses (set by every page object made for this journal).
    page: Page | None = None
    #: When this journal last recorded anything (a tick of ``ACTIVITY``): whose turn it was at a failure.
    last_activity: int = 0
    #: How many navigations ``page``'s main frame has committed since the journal began watching it
    #: (each portal page is a new document; a same-document navigation would count as one too).
    documents: int = 0
    #: ``documents`` and the page's address when the CEC last acted or opened an address: an answer
    #: shown in a newer document is the portal's answer to that; one in an older document is stale.
    documents_at_action: int = 0
    address_at_action: str = ""
    #: How many of ``page``'s main-frame navigations failed in the network (a dropped connection, a
    #: "204 No Content"), and the browser's words for the last one ("net::ERR_EMPTY_RESPONSE").
    failed_navigations: int = 0
    navigation_failure: str = ""
    #: The page whose navigations ``documents`` counts (one listener per page, however many page objects).
    _watched: Page | None = field(default=None, repr=False)

    def watch(self, page: Page) -> None:
        """Make ``page`` this CEC's page, and count the documents its main frame commits from now on.

        Counting costs nothing per step: Playwright reports every navigation to the client anyway.
        Failed requests are reported once asked for (one message per page): a navigation that
        failed commits no document, and a press that started one must fail at once, not wait.
        """
        self.page = page
        if page is not self._watched:
            self._watched = page
            page.on("framenavigated", self._navigated)
            page.on("requestfailed", self._request_failed)

    def _navigated(self, frame: Frame) -> None:
        if frame.parent_frame is None:
            self.documents += 1

    def _request_failed(self, request: Request) -> None:
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self.failed_navigations += 1
            self.navigation_failure = request.failure or "the request failed"

    def _mark(self) -> None:
        """Remember which document the CEC acted in (nothing is asked of the browser)."""
        self.documents_at_action = self.documents
        self.address_at_action = self.page.url if self.page is not None else ""

    @property
    def answered_on_same_address(self) -> bool:
        """True when a document newer than the last action shows at the same address: the page shown again.

        That is how a portal refuses a form (POST-redirect-GET back to itself), so an error it
        shows now is its answer. Any alert on the page the CEC acted on is older, and never counts.
        """
        if self.page is None or self.documents <= self.documents_at_action:
            return False
        return self.page.url == self.address_at_action

    def arrive(self, page_name: str, guide_step: int) -> None:
        """Remember the page (and guide step) the CEC is on now."""
        self.current_page = page_name
        self.current_guide_step = guide_step
        self.awaiting_page = ""
        self.arrived_after = len(self.actions)
        self.last_activity = next(ACTIVITY)
        self._mark()

    def still_on(self, page_name: str, page: Page) -> bool:
        """True when the CEC arrived on ``page_name`` in ``page`` and nothing happened since.

        No action, no wait for another page, no newer document: the page the wait for it
        saw is still the one shown, so a second wait (a "Then the page opens" right after
        the step that opened it) need not ask the browser again (issue 11).
        """
        return (
            self.current_page == page_name
            and self.page is page
            and not self.awaiting_page
            and self.arrived_since_last_action
            and self.documents == self.documents_at_action
        )

    def expect_page(self, page_name: str) -> None:
        """Note that the CEC is waiting for ``page_name`` to show (reports say so on failure)."""
        self.awaiting_page = page_name
        self.last_activity = next(ACTIVITY)

    def record(self, action: Action) -> None:
        """Add an action; typed values are also kept for the input-hygiene findings.

        The CEC is on the action's guide step from now on: a button press and whatever
        it brings (an error, or the next page not appearing) belong to the button's step.
        """
        self.actions.append(action)
        self.last_activity = next(ACTIVITY)
        self._mark()
        self.current_guide_step = action.guide_step
        self.awaiting_page = ""
        if action.value is not None:
            self.typed.append(TypedValue(action.target, action.value, action.secret, action.guide_step, action.label))

    def complete(self, action: Action) -> None:
        """Mark ``action`` as done: the browser carried it out without an error."""
        if self.actions and self.actions[-1] is action:
            self.completed = len(self.actions)

    @property
    def last(self) -> Action | None:
        """The most recent action: the element a failure most likely concerns."""
        return self.actions[-1] if self.actions else None

    @property
    def last_completed(self) -> bool:
        """True when the most recent action went through (False also when there is none)."""
        return bool(self.actions) and self.completed == len(self.actions)

    @property
    def arrived_since_last_action(self) -> bool:
        """True when the CEC reached a page after the last action (its step is the page's)."""
        return self.arrived_after >= 0 and self.arrived_after == len(self.actions)

    def secrets(self) -> list[str]:
        """Every secret value typed in the scenario, for redaction."""
        return [t.value for t in self.typed if t.secret and t.value]


@dataclass
class Journals:
    """Every journal of one scenario: its CEC's, then any other CEC's (a colleague in another browser).

    Calling it makes the next journal. Triage reads the whole book: a failure concerns
    whoever acted last, and every CEC's passwords and answers must be redacted.
    """

    new: Callable[[], ActionJournal] = ActionJournal
    made: list[ActionJournal] = field(default_factory=list)

    def __call__(self, who: str = "the CEC") -> ActionJournal:
        """A new journal for ``who``, kept in the book."""
        journal = self.new()
        journal.who = who
        self.made.append(journal)
        return journal

    def most_recent(self) -> ActionJournal | None:
        """The journal that recorded something last (the first one when none has)."""
        return max(self.made, key=lambda journal: journal.last_activity, default=None)

    def secrets(self) -> list[str]:
        """Every secret any CEC of the scenario typed."""
        return [secret for journal in self.made for secret in journal.secrets()]
