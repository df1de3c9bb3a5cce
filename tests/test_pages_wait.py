"""Waiting for the next page ends as soon as the portal has answered, and never on an old answer.

A refused CONTINUE shows *Create Your Account* again with its error: the wait for *Use of the
Website* must end there, not after the whole ``expect`` timeout (every failing scenario paid it).
An error left from an earlier attempt is still on screen while the corrected press is on its
way: it must never end the wait, or a CEC who corrects a DC-102 would fail on the old DC-102.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Error, Page, Route, expect

from cec.journal import ActionJournal
from cec.records import DelegationRecord
from mock_portal.server import RunningPortal
from mock_portal.testing import EXAMPLE_DELEGATION
from pages.common import option_texts
from pages.create_account import CreateAccountPage
from pages.use_of_website import UseOfWebsitePage

#: Far longer than the test may take: a wait that ends had a reason other than the timeout.
LONG_EXPECT_MS = 60_000
#: Enough for a page that is already there, short enough to show a wait that did not end early.
SHORT_EXPECT_MS = 1_500
EXAMPLE = DelegationRecord(
    EXAMPLE_DELEGATION["delegation_code"], EXAMPLE_DELEGATION["business_name"], EXAMPLE_DELEGATION["cert_number"]
)
#: The example record with the stray space the guide warns about: the portal answers DC-102.
STRAY_SPACE = DelegationRecord(f"{EXAMPLE.code} ", EXAMPLE.business_name, EXAMPLE.cert_number)


@pytest.fixture
def expect_ms() -> Iterator[Callable[[int], None]]:
    """Set Playwright's ``expect`` timeout for this test, and put the default back after it."""
    yield lambda ms: expect.set_options(timeout=ms)
    expect.set_options(timeout=None)


def refused_once(page: Page, portal: RunningPortal) -> CreateAccountPage:
    """*Create Your Account* showing the portal's DC-102 for a stray space in the code."""
    create = CreateAccountPage.open_sign_up_link(page, ActionJournal(), portal.signup_url)
    create.enter_delegation(STRAY_SPACE).press_continue()
    expect(create.alert_saying("(DC-102)").locator).to_be_visible()
    return create


def no_content_for_posts(route: Route) -> None:
    """Answer a form's post with "204 No Content": the browser keeps the page it has."""
    if route.request.method == "POST":
        route.fulfill(status=204)
    else:
        route.fallback()


@pytest.mark.real_browser
@pytest.mark.timeout(20)
def test_a_refused_continue_ends_the_wait_with_the_portals_error(
    portal_server: RunningPortal, open_bare_page: Callable[[], Page], expect_ms: Callable[[int], None]
) -> None:
    create = refused_once(open_bare_page(), portal_server)
    expect_ms(LONG_EXPECT_MS)
    with pytest.raises(AssertionError, match=r"the Use of the Website heading never appeared.*\(DC-102\)"):
        UseOfWebsitePage(create.page, create.journal).wait_until_shown()
    # The journal is left as the whole timeout would have left it: step 2's press, waiting for the page.
    assert create.journal.awaiting_page == "Use of the Website"
    assert create.journal.current_guide_step == 2
    assert create.journal.last is not None
    assert create.journal.last.target == "the CONTINUE button"
    # The page shown again, heading and error both, is where a wait for that page ends: arrived.
    create.wait_until_shown()
    assert create.journal.current_page == "Create Your Account"


@pytest.mark.real_browser
@pytest.mark.timeout(30)
def test_an_earlier_attempts_error_never_ends_the_wait(
    portal_server: RunningPortal, open_bare_page: Callable[[], Page], expect_ms: Callable[[int], None]
) -> None:
    create = refused_once(open_bare_page(), portal_server)
    create.enter_delegation(EXAMPLE)
    # The corrected press gets no new page yet ("204 No Content" keeps the old document):
    # what shows is the earlier attempt's page, DC-102 and all, at the same address.
    create.page.route("**/signup", no_content_for_posts)
    create.click(create.continue_button)
    expect(create.alert_saying("(DC-102)").locator).to_be_visible()
    expect_ms(SHORT_EXPECT_MS)
    use_of_website = UseOfWebsitePage(create.page, create.journal)
    with pytest.raises(AssertionError) as waited:
        use_of_website.wait_until_shown()
    assert "never appeared" not in str(waited.value), "an earlier attempt's error ended the wait"
    # The portal answers this time: the corrected details are accepted and the CEC arrives.
    create.page.unroute("**/signup")
    create.press_continue()
    use_of_website.wait_until_shown()
    assert create.journal.current_page == "Use of the Website"



@pytest.mark.real_browser
@pytest.mark.timeout(20)
def test_a_press_whose_answer_never_comes_fails_in_the_press_at_once(
    portal_server: RunningPortal, open_bare_page: Callable[[], Page]
) -> None:
    page = open_bare_page()
    create = CreateAccountPage.open_sign_up_link(page, ActionJournal(), portal_server.signup_url)
    create.enter_delegation(EXAMPLE)
    page.route("**/signup", no_content_for_posts)
    # Well inside the test's timeout: a press that waited for a navigation would time out the test.
    with pytest.raises(Error, match=r"the CONTINUE button brought no page: net::ERR_ABORTED"):
        create.press_continue()
    # The press went through and belongs to step 2, as when expect_navigation failed around it.
    assert create.journal.last_completed
    assert create.journal.current_guide_step == 2
    page.unroute("**/signup")
    create.press_continue()
    UseOfWebsitePage(page, create.journal).wait_until_shown()
    # The answer is loaded, not only committed: its scripts ran (terms.js opens the dialog).
    assert page.evaluate("document.readyState") == "complete"


LIST = """<!doctype html><html><body><label for=q>Question</label><select id=q><option value="">Select</option>
<option value=1>First pet?</option><option value=2> First car? </option></select></body></html>"""


@pytest.mark.real_browser
@pytest.mark.timeout(20)
def test_a_lists_real_choices_are_read_without_its_nothing_chosen_option(bare_page: Page) -> None:
    """The choices the security questions are picked from, read in one round trip (issue 11)."""
    bare_page.set_content(LIST)
    assert option_texts(bare_page.get_by_role("combobox", name="Question")) == ["First pet?", "First car?"]
