"""Attribution: portal-spec.md's table "Where a failure belongs", applied to the journal."""

from __future__ import annotations

from typing import Any

from cec.guide import GUIDE_STEPS, GuideStep
from cec.journal import CONFIRM_ROLE
from triage.guide import Whereabouts, attribute


def after_confirm(**facts: Any) -> Whereabouts:
    """Where the CEC is once their last action was clicking Confirm on Verify Your Information (step 7)."""
    return Whereabouts(
        journal_step=7, last_verb="click", last_target="the Confirm button", last_page="Verify Your Information",
        last_role=CONFIRM_ROLE, **facts,
    )


def test_titles_are_the_spec_table() -> None:
    assert sorted(GUIDE_STEPS) == list(range(1, 10))
    assert GUIDE_STEPS[4] == "Agree to the Terms and Conditions and Continue"
    assert GuideStep.of(4).as_json() == {"number": 4, "title": "Agree to the Terms and Conditions and Continue"}
    assert GuideStep.of(2).label().startswith("Step 2 of 9: Enter the delegation code")


def test_nothing_done_yet_is_opening_the_sign_up_link() -> None:
    assert attribute(Whereabouts(journal_step=0)).step.number == 1


def test_a_button_press_and_what_it_brings_belong_to_the_button() -> None:
    where = Whereabouts(
        journal_step=2, last_verb="click", last_target="the CONTINUE button", last_page="Create Your Account",
        last_completed=True, portal_messages=["Something went wrong. Reference: X (SYS-999)"],
        heading="Something went wrong",
    )
    result = attribute(where)
    assert result.step.number == 2
    assert "CONTINUE" in result.reason


def test_an_error_confirm_brings_stays_on_verify() -> None:
    where = after_confirm(
        last_completed=True, portal_messages=["Something went wrong. Reference: X (SYS-999)"],
        heading="Something went wrong",
    )
    assert attribute(where).step.number == 7


def test_confirm_that_never_happened_stays_on_verify() -> None:
    where = after_confirm(last_completed=False, heading="Verify Your Information")
    assert attribute(where).step.number == 7


def test_confirm_went_through_but_the_page_stayed_is_still_verify() -> None:
    where = after_confirm(last_completed=True, heading="Verify Your Information")
    assert attribute(where).step.number == 7


def test_pop_up_missing_without_an_error_is_step_8() -> None:
    where = after_confirm(last_completed=True, heading="")
    assert attribute(where).step.number == 8


def test_pop_up_shown_but_broken_is_step_8() -> None:
    where = after_confirm(last_completed=True, heading="Verify Your Information", dialogs=["Account Created"])
    assert attribute(where).step.number == 8


def test_arrival_after_the_last_action_is_the_page_step() -> None:
    where = Whereabouts(journal_step=8, last_verb="click", last_target="the Confirm button",
                        last_page="Verify Your Information", last_completed=True, arrived_since=True)
    result = attribute(where)
    assert result.step.number == 8
    assert "reached" in result.reason


def test_the_reason_names_who_acted() -> None:
    where = after_confirm(last_completed=False, heading="Verify Your Information", who="the colleague")
    assert attribute(where).reason == "the last thing the colleague did was click the Confirm button"


def test_a_button_named_confirm_without_the_confirm_role_is_not_the_account_creation() -> None:
    where = Whereabouts(journal_step=7, last_verb="click", last_target="the Confirm button",
                        last_page="Verify Your Information", last_completed=True, heading="")
    assert attribute(where).step.number == 7
