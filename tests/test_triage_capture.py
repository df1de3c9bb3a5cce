"""Capture: portal messages as the portal shows them, and a page that is hung, closed or navigating."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image
from playwright.sync_api import Page

from pages.landmarks import PORTAL_LANDMARKS as LANDMARKS
from triage.capture import Capture, Limits, capture_failure, split_messages


def test_each_summary_line_is_a_message_with_its_code() -> None:
    text = "Delegation Code is required. (DC-101)\nCEC Certification # is required. (DC-101)\n"
    assert split_messages(text) == [
        "Delegation Code is required. (DC-101)",
        "CEC Certification # is required. (DC-101)",
    ]


def test_an_error_page_heading_joins_its_coded_sentence() -> None:
    text = "CoveredCA.com is temporarily unavailable\n\nPlease try again later. (SYS-503)"
    assert split_messages(text) == ["CoveredCA.com is temporarily unavailable Please try again later. (SYS-503)"]


def test_uncoded_text_is_kept() -> None:
    assert split_messages("Something odd") == ["Something odd"]


def test_codes_in_order() -> None:
    capture = Capture(portal_messages=["a (DC-102)", "b", "c (SYS-999)"])
    assert capture.codes() == ["DC-102", "SYS-999"]


# In the browser: capture survives a hung, closed or navigating page, and masks secrets.


FAST = Limits(first_screenshot_ms=500, screenshot_ms=800, settle_ms=300, element_ms=300)
FORM = """<!doctype html><html><body style="margin:0;background:#fff">
<h1>Username &amp; Password</h1>
<div role="alert"><ul><li>Passwords do not match. (CR-404)</li></ul></div>
<label for="u">Username</label><input id="u" value="cec.someone">
<label for="p">Password</label><input id="p" type="password" value="Secret12!x"
  style="display:block;width:300px;height:40px;font-size:30px">
<button>Continue</button></body></html>"""


@pytest.mark.real_browser
def test_capture_reads_heading_messages_and_boxes(bare_page: Page) -> None:
    bare_page.set_content(FORM)
    continue_button = bare_page.get_by_role("button", name="Continue")
    capture = capture_failure(bare_page, continue_button, "the Continue button", limits=FAST, landmarks=LANDMARKS)
    assert capture.heading == "Username & Password"
    assert capture.portal_messages == ["Passwords do not match. (CR-404)"]
    assert capture.codes() == ["CR-404"]
    assert capture.target_box is not None
    assert capture.target_box.label == "failing action: the Continue button"
    assert len(capture.message_boxes) == 1
    assert capture.viewport_png is not None
    assert capture.missing == []


@pytest.mark.real_browser
def test_password_fields_are_masked(bare_page: Page) -> None:
    bare_page.set_content(FORM)
    box = bare_page.get_by_label("Password").bounding_box()
    assert box is not None
    capture = capture_failure(bare_page, None, limits=FAST, landmarks=LANDMARKS)
    assert capture.viewport_png is not None
    image = Image.open(io.BytesIO(capture.viewport_png)).convert("RGB")
    pixel = image.getpixel((int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2)))
    assert isinstance(pixel, tuple)
    red, green, blue = pixel[:3]
    # Playwright's mask colour is magenta; the field's dots are gone.
    assert red > 200
    assert green < 80
    assert blue > 200


@pytest.mark.real_browser
def test_a_closed_page_is_reported_not_raised(bare_page: Page) -> None:
    bare_page.close()
    capture = capture_failure(bare_page, None, limits=FAST, landmarks=LANDMARKS)
    assert capture.viewport_png is None
    assert any("closed" in entry for entry in capture.missing)


def test_no_page_at_all_is_reported() -> None:
    capture = capture_failure(None, None)
    assert capture.missing
    assert "no browser page" in capture.missing[0]


@pytest.mark.real_browser
def test_a_hung_page_costs_bounded_time(bare_page: Page) -> None:
    bare_page.set_content(FORM)
    bare_page.evaluate("setTimeout(() => { for (;;) {} }, 0)")
    continue_button = bare_page.get_by_role("button", name="Continue")
    capture = capture_failure(bare_page, continue_button, limits=FAST, landmarks=LANDMARKS)
    assert capture.viewport_png is None
    assert capture.took_ms < 5000
    assert any(entry.startswith("screenshot:") for entry in capture.missing)
    assert any("did not respond" in entry for entry in capture.missing)


@pytest.mark.real_browser
def test_a_load_that_never_answers_is_stopped_and_the_page_captured(
    bare_page: Page, press_into_a_stalled_load: Callable[[str], None]
) -> None:
    bare_page.set_content(FORM.replace("<button>", '<form action="https://portal.invalid/never"><button>'))
    press_into_a_stalled_load("Continue")
    capture = capture_failure(bare_page, None, limits=FAST, landmarks=LANDMARKS)
    assert capture.viewport_png is not None
    assert capture.heading == "Username & Password"
    assert capture.notes
    assert "stopped" in capture.notes[0]
    assert capture.took_ms < 3000


@pytest.mark.real_browser
def test_a_field_with_an_invisible_character_gets_a_callout_box_in_the_picture(bare_page: Page) -> None:
    """What the eye cannot see is drawn: the Username field is boxed and labelled with the character."""
    from cec.journal import Action, ActionJournal
    from triage.annotate import Banner
    from triage.narrator import callouts
    from triage.pictures import annotated_screenshot

    bare_page.set_content(FORM)
    field = bare_page.get_by_role("textbox", name="Username")
    journal = ActionJournal()
    typed = Action("type", "the Username field", 6, "Username & Password", field, "cec.\u00a0someone", label="Username")
    journal.record(typed)
    marked = callouts(journal)
    assert [text for _, text in marked] == ["U+00A0 NO-BREAK SPACE at position 5"]
    capture = capture_failure(bare_page, None, landmarks=LANDMARKS, callouts=marked)
    assert len(capture.callout_boxes) == 1, capture.missing
    box = capture.callout_boxes[0]
    assert box.label == "U+00A0 NO-BREAK SPACE at position 5"
    plain = Capture(**{**capture.__dict__, "callout_boxes": []})
    banner = Banner("Step 6 of 9", "When the CEC continues", "scenario", "now", "run")
    assert annotated_screenshot(capture, banner) != annotated_screenshot(plain, banner)
