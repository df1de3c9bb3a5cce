"""The journal additions triage relies on (pages/base.py): completion, arrival order, awaited page."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from playwright.sync_api import Locator

from cec.journal import Action, ActionJournal, Journals

NO_LOCATOR = cast(Locator, object())


def action(verb: str = "click", step: int = 2, **changes: Any) -> Action:
    return Action(verb, "the CONTINUE button", step, "Create Your Account", NO_LOCATOR, **changes)


def test_an_action_counts_as_done_only_when_completed() -> None:
    journal = ActionJournal()
    assert not journal.last_completed
    first = action()
    journal.record(first)
    assert not journal.last_completed
    journal.complete(first)
    assert journal.last_completed
    journal.record(action(step=3))
    assert not journal.last_completed
    journal.complete(first)  # an older action does not complete the newer one
    assert not journal.last_completed


def test_arrival_after_the_last_action_is_known() -> None:
    journal = ActionJournal()
    assert not journal.arrived_since_last_action
    journal.arrive("the guide's sign-up link", 1)
    assert journal.arrived_since_last_action
    journal.record(action())
    assert not journal.arrived_since_last_action
    assert journal.current_guide_step == 2
    journal.expect_page("Use of the Website")
    assert journal.awaiting_page == "Use of the Website"
    journal.arrive("Use of the Website", 3)
    assert journal.awaiting_page == ""
    assert journal.arrived_since_last_action
    assert journal.current_guide_step == 3


def test_secret_values_are_listed_and_shown_redacted() -> None:
    journal = ActionJournal()
    journal.record(action("type", 6, value="Secret12!x", secret=True))
    journal.record(action("type", 6, value="cec.someone"))
    assert journal.secrets() == ["Secret12!x"]
    assert [typed.shown() for typed in journal.typed] == ["[redacted]", "cec.someone"]


def test_the_book_knows_who_acted_last_and_every_secret() -> None:
    book = Journals()
    cec, colleague = book(), book("the colleague")
    assert (cec.who, colleague.who) == ("the CEC", "the colleague")
    colleague.record(action("type", value="Colleague-Pass1!", secret=True))
    cec.record(action("type", value="Cec-Pass1!", secret=True))
    assert book.most_recent() is cec
    colleague.arrive("Verify Your Information", 7)
    assert book.most_recent() is colleague
    assert sorted(book.secrets()) == ["Cec-Pass1!", "Colleague-Pass1!"]
    assert Journals().most_recent() is None


class FakePage:
    """Just enough of a Playwright page for the journal: an address, navigation and request-failure listeners."""

    url = "http://portal.test/signup"

    def __init__(self) -> None:
        self.listeners: dict[str, list[Any]] = {}

    def on(self, event: str, listener: Any) -> None:
        self.listeners.setdefault(event, []).append(listener)

    def navigate(self) -> None:
        for listener in self.listeners.get("framenavigated", []):
            listener(MAIN_FRAME)

    def fail_request(self, *, navigation: bool, frame: Any = None) -> None:
        request = SimpleNamespace(
            is_navigation_request=lambda: navigation, frame=frame or MAIN_FRAME, failure="net::ERR_EMPTY_RESPONSE"
        )
        for listener in self.listeners.get("requestfailed", []):
            listener(request)


MAIN_FRAME = SimpleNamespace(parent_frame=None)


def arrived(page: FakePage) -> ActionJournal:
    journal = ActionJournal()
    journal.watch(cast(Any, page))
    journal.arrive("Create Your Account", 2)
    return journal


def test_a_page_just_arrived_on_need_not_be_waited_for_again() -> None:
    page = FakePage()
    assert arrived(page).still_on("Create Your Account", cast(Any, page))


def test_anything_since_the_arrival_makes_the_wait_ask_the_browser_again() -> None:
    page = FakePage()
    assert not arrived(page).still_on("Use of the Website", cast(Any, page)), "another page"
    assert not arrived(page).still_on("Create Your Account", cast(Any, FakePage())), "another browser page"
    acted = arrived(page)
    acted.record(action())
    assert not acted.still_on("Create Your Account", cast(Any, page)), "an action since"
    waiting = arrived(page)
    waiting.expect_page("Use of the Website")
    assert not waiting.still_on("Create Your Account", cast(Any, page)), "waiting for another page"
    navigated = arrived(page)
    page.navigate()
    assert not navigated.still_on("Create Your Account", cast(Any, page)), "a newer document"


def test_only_a_failed_navigation_of_the_main_frame_counts_as_one() -> None:
    page = FakePage()
    journal = arrived(page)
    page.fail_request(navigation=False)
    page.fail_request(navigation=True, frame=SimpleNamespace(parent_frame=MAIN_FRAME))
    assert journal.failed_navigations == 0, "a failed image or an iframe's page is not the CEC's answer"
    page.fail_request(navigation=True)
    assert (journal.failed_navigations, journal.navigation_failure) == (1, "net::ERR_EMPTY_RESPONSE")
    assert journal.documents == 0
