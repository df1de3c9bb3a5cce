"""What every page object shares: named locators and the journal of what the CEC did.

Page objects never assert business rules; they act and report what they see. Every action
goes through :class:`BasePage` so the scenario's :class:`ActionJournal` knows the last
element touched (triage draws a red box around it), whether that action finished (a click
that went through and a click that never happened belong to different guide steps), and
every value typed (triage checks it for the stray spaces the guide warns about). The
journal is a fixture, so evidence reaches triage/ through pytest, never through
page-object return values.

The few portal-wide locators triage needs to describe a page it knows nothing about
(the <h1>, the role=alert messages, open dialogs, password-type fields to mask) live
here too, so selectors stay in pages/.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Self

from playwright.sync_api import Locator, Page, expect

#: One clock for every journal in the process: which of two CECs acted last, without ties.
ACTIVITY = itertools.count(1)
#: The journal's verb for waiting on a button that must become usable before it is pressed.
WAIT_VERB = "wait for"


@dataclass(frozen=True)
class Named:
    """A locator with the human name reports use ("the CONTINUE button")."""

    name: str
    locator: Locator


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


@dataclass(frozen=True)
class TypedValue:
    """A value typed into a named field; secret values never leave the journal unredacted."""

    field: str
    value: str
    secret: bool
    guide_step: int

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

    def arrive(self, page_name: str, guide_step: int) -> None:
        """Remember the page (and guide step) the CEC is on now."""
        self.current_page = page_name
        self.current_guide_step = guide_step
        self.awaiting_page = ""
        self.arrived_after = len(self.actions)
        self.last_activity = next(ACTIVITY)

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
        self.current_guide_step = action.guide_step
        self.awaiting_page = ""
        if action.value is not None:
            self.typed.append(TypedValue(action.target, action.value, action.secret, action.guide_step))

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


def main_heading(page: Page) -> Locator:
    """The page's <h1>(s): how a CEC, and a failure report, names the page on screen."""
    return page.get_by_role("heading", level=1)


def alert_regions(page: Page) -> Locator:
    """Every visible role=alert region: the portal's error summaries and error pages."""
    return page.get_by_role("alert")


def open_dialogs(page: Page) -> Locator:
    """Every visible dialog (the terms, the Account Created pop-up)."""
    return page.get_by_role("dialog")


#: Password-type inputs: the portal renders passwords and security answers so.
SECRET_FIELDS_CSS = "input[type=password]"  # noqa: S105 - a selector, not a password


def secret_fields(page: Page) -> Locator:
    """Every password-type input (passwords and security answers).

    Screenshots mask these whatever page is showing, so a report never depends on a page
    object having journaled the field first.
    """
    return page.locator(SECRET_FIELDS_CSS)


#: What triage's filmstrip needs to know about the page now, as one JavaScript function of
#: the secret-field selector: the scroll position and window size, the boxes of the fields
#: to mask, and a cheap signature that changes when what the CEC sees changes (address,
#: text, typed values, ticks, disabled buttons, hidden or invalid elements, open dialogs,
#: scrolling). The signature is an FNV-1a hash: it stays in memory, never in a report.
PAGE_FACTS_JS = """(secret) => {
  const fields = [...document.querySelectorAll('input, select, textarea, button')];
  const shown = [document.body ? document.body.textContent : '',
    fields.map(el => `${el.value || ''}${el.checked ? 'c' : ''}${el.disabled ? 'd' : ''}`).join(','),
    [...document.querySelectorAll('[hidden], [aria-invalid=true], [role=dialog], dialog[open]')]
      .map(el => el.tagName + (el.hidden ? 'h' : '') + (el.getAttribute('aria-invalid') || '')).join(',')].join('|');
  let hash = 2166136261;
  for (let i = 0; i < shown.length; i++) { hash = Math.imul(hash ^ shown.charCodeAt(i), 16777619); }
  return {sx: scrollX, sy: scrollY, w: innerWidth, h: innerHeight,
    boxes: [...document.querySelectorAll(secret)].map(el => {
      const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }),
    signature: [location.href, scrollX, scrollY, innerWidth, innerHeight, shown.length, hash >>> 0].join('|')};
}"""


class BasePage:
    """A portal page: its guide step(s), its heading, and journaled actions."""

    #: The page's <h1>, verbatim from the portal spec.
    heading: str = ""
    #: The name reports use for the page.
    page_name: str = ""
    #: The guide step the page belongs to (portal-spec.md, "Where a failure belongs").
    guide_step: int = 0

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        self.page = page
        self.journal = journal
        journal.page = page

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
        """
        self.journal.expect_page(self.page_name)
        expect(self.heading_element.locator).to_be_visible()
        self.journal.arrive(self.page_name, self.guide_step)
        return self

    def named(self, name: str, locator: Locator) -> Named:
        """Give a locator the human name that reports show."""
        return Named(name, locator)

    def _note(
        self, verb: str, target: Named, value: str | None, *, secret: bool = False, guide_step: int | None
    ) -> Action:
        step = self.guide_step if guide_step is None else guide_step
        action = Action(verb, target.name, step, self.page_name, target.locator, value, secret)
        self.journal.record(action)
        return action

    def click(self, target: Named, *, guide_step: int | None = None) -> None:
        """Click a named element, journaled first so a failing click is the last action.

        ``guide_step`` is for pages that span two steps (Use of the Website: 3 and 4).
        """
        action = self._note("click", target, None, guide_step=guide_step)
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
        return [text.strip() for text in alert_regions(self.page).all_inner_texts() if text.strip()]
