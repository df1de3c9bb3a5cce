"""A scenario with a second CEC in another browser: the failure is about whoever acted last."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page

from cec.journal import Action, ActionJournal, Journals
from pages.landmarks import PORTAL_LANDMARKS
from triage.capture import Limits
from triage.run import RunState
from triage.scenario import ScenarioState

VERIFY = "Verify Your Information"
USED = "This delegation code has already been used to create an account. (DC-103)"


def verify_page(page: Page, alert: str = "") -> Page:
    page.set_content(
        f"<h1>{VERIFY}</h1>{f'<div role=alert>{alert}</div>' if alert else ''}"
        '<label>Password <input type="password" value="Colleague-Pass1!"></label><button>Confirm</button>'
    )
    return page


@pytest.fixture
def colleague_page(open_bare_page: Callable[[], Page]) -> Page:
    """The colleague's own browser (a context of its own, as other_cecs.py gives them)."""
    return open_bare_page()


def press_confirm(journal: ActionJournal, page: Page) -> None:
    """What VerifyInformationPage.confirm journals, on a hand-made page."""
    journal.page = page
    confirm = Action("click", "the Confirm button", 7, VERIFY, page.get_by_role("button", name="Confirm"))
    journal.record(confirm)
    journal.complete(confirm)


def type_password(journal: ActionJournal, page: Page) -> None:
    """What UsernamePasswordPage journals when a CEC types their password."""
    journal.page = page
    password = page.get_by_label("Password")
    journal.record(Action("type", "Password", 6, "Username & Password", password, "Colleague-Pass1!", secret=True))


def run_state(tmp_path: Path) -> RunState:
    return RunState(
        "run", tmp_path, filmstrip=False, trace=False, limits=Limits(), controller=True, landmarks=PORTAL_LANDMARKS
    )


def fail(tmp_path: Path, state: ScenarioState, step: str) -> ScenarioState:
    state.fail(run_state(tmp_path), step, ("AssertionError", "not what the guide says"))
    return state


@pytest.fixture
def book() -> Journals:
    """The scenario's journals: the CEC's first (the ``journal`` fixture's), then the colleague's."""
    journals = Journals()
    journals()
    journals("the colleague")
    return journals


def scenario(book: Journals, page: Page) -> ScenarioState:
    """The scenario as triage follows it: the CEC's own page and journal, and the whole book."""
    return ScenarioState(
        "node", "name", datetime.now(UTC), scenario="Two CECs", page=page, journal=book.made[0], journals=book
    )


@pytest.mark.real_browser
@pytest.mark.parametrize("last", ["the colleague", "the CEC"])
def test_the_evidence_is_about_whoever_acted_last(
    bare_page: Page, colleague_page: Page, book: Journals, tmp_path: Path, last: str
) -> None:
    cec, colleague = book.made
    type_password(colleague, colleague_page)
    first, then = [(cec, bare_page), (colleague, colleague_page)][:: 1 if last == "the colleague" else -1]
    press_confirm(first[0], verify_page(first[1]))
    press_confirm(then[0], verify_page(then[1], USED))
    step = f"When {last} clicks Confirm"
    state = fail(tmp_path, scenario(book, bare_page), step)
    assert state.capture is not None
    assert state.capture.portal_messages == [USED]
    assert state.journal is then[0]
    assert state.doing() == f'During the step "{step}", {last} clicked the Confirm button on {VERIFY}.'
    # The colleague's password is redacted whoever the failure is about.
    assert state.redactor(run_state(tmp_path)).text("typed Colleague-Pass1!") == "typed [redacted]"


@pytest.mark.real_browser
def test_a_colleague_whose_page_never_opened_is_followed_too(
    bare_page: Page, colleague_page: Page, book: Journals, tmp_path: Path
) -> None:
    cec, colleague = book.made
    press_confirm(cec, verify_page(bare_page))
    colleague.page = colleague_page
    colleague_page.set_content("<h1>Page not found</h1>")
    colleague.expect_page("Create Your Account")
    state = fail(tmp_path, scenario(book, bare_page), "Given a colleague with the same email has reached ...")
    assert state.capture is not None
    assert state.capture.heading == "Page not found"
    assert state.doing().endswith("before the colleague had done anything on the portal.")
