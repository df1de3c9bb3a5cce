"""What every page object shares: named locators and the journal of what the CEC did.

Page objects never assert business rules; they act and report what they see. Every action
goes through :class:`BasePage` so the scenario's :class:`ActionJournal` knows the last
element touched (triage draws a red box around it) and every value typed (triage checks
it for the stray spaces the guide warns about). The journal is a fixture, so evidence
reaches triage/ through pytest, never through page-object return values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Self

from playwright.sync_api import Locator, Page, expect


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

    def arrive(self, page_name: str, guide_step: int) -> None:
        """Remember the page (and guide step) the CEC is on now."""
        self.current_page = page_name
        self.current_guide_step = guide_step

    def record(self, action: Action) -> None:
        """Add an action; typed values are also kept for the input-hygiene findings.

        The CEC is on the action's guide step from now on: a button press and whatever
        it brings (an error, or the next page not appearing) belong to the button's step.
        """
        self.actions.append(action)
        self.current_guide_step = action.guide_step
        if action.value is not None:
            self.typed.append(TypedValue(action.target, action.value, action.secret, action.guide_step))

    @property
    def last(self) -> Action | None:
        """The most recent action: the element a failure most likely concerns."""
        return self.actions[-1] if self.actions else None

    def secrets(self) -> list[str]:
        """Every secret value typed in the scenario, for redaction."""
        return [t.value for t in self.typed if t.secret and t.value]


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

    @property
    def heading_element(self) -> Named:
        """The page's <h1>: how the CEC (and the suite) knows which page this is."""
        heading = self.page.get_by_role("heading", level=1, name=self.heading, exact=True)
        return self.named(f"the {self.heading} heading", heading)

    def wait_until_shown(self) -> Self:
        """Wait for the page's heading, then count the CEC as arrived on this page.

        Until the heading shows, a failure still belongs to the step whose button led
        here (portal-spec.md, "Where a failure belongs"), so arrival is recorded only now.
        """
        expect(self.heading_element.locator).to_be_visible()
        self.journal.arrive(self.page_name, self.guide_step)
        return self

    def named(self, name: str, locator: Locator) -> Named:
        """Give a locator the human name that reports show."""
        return Named(name, locator)

    def _note(
        self, verb: str, target: Named, value: str | None, *, secret: bool = False, guide_step: int | None
    ) -> None:
        step = self.guide_step if guide_step is None else guide_step
        self.journal.record(Action(verb, target.name, step, self.page_name, target.locator, value, secret))

    def click(self, target: Named, *, guide_step: int | None = None) -> None:
        """Click a named element, journaled first so a failing click is the last action.

        ``guide_step`` is for pages that span two steps (Use of the Website: 3 and 4).
        """
        self._note("click", target, None, guide_step=guide_step)
        target.locator.click()

    def fill(self, target: Named, value: str, *, secret: bool = False, guide_step: int | None = None) -> None:
        """Type a value exactly as given (no trimming: stray spaces are the point)."""
        self._note("type", target, value, secret=secret, guide_step=guide_step)
        target.locator.fill(value)

    def select(self, target: Named, label: str, *, guide_step: int | None = None) -> None:
        """Choose an option of a select by its visible label."""
        self._note("select", target, label, guide_step=guide_step)
        target.locator.select_option(label=label)

    def check(self, target: Named, *, guide_step: int | None = None) -> None:
        """Tick a checkbox."""
        self._note("check", target, None, guide_step=guide_step)
        target.locator.check()

    def alert_messages(self) -> list[str]:
        """Every message the portal shows in a role=alert region, with its code."""
        return [text.strip() for text in self.page.get_by_role("alert").all_inner_texts() if text.strip()]
