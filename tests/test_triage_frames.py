"""Filmstrip frames: small, masked, reused while the page does not change, skipped on a hung page."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image
from playwright.sync_api import Page

from pages.landmarks import PORTAL_LANDMARKS
from triage.annotate import THUMB_WIDTH
from triage.frames import MASK_COLOR, FrameCamera, masked

FORM = """<!doctype html><html><body style="margin:0;background:#fff">
<h1>Log In</h1><input aria-label="Username" value="cec.someone">
<input aria-label="Password" type="password" value="Secret12!x"
  style="position:absolute;left:400px;top:400px;width:400px;height:80px"></body></html>"""


def is_mask_colour(picture: Image.Image, x: int, y: int) -> bool:
    pixel = picture.getpixel((x, y))
    assert isinstance(pixel, tuple)
    red, green, blue = pixel[:3]
    return red > 200 and green < 80 and blue > 200


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (255, 255, 255)).save(out, format="JPEG")
    return out.getvalue()


def test_masked_paints_boxes_at_the_frame_scale() -> None:
    picture = Image.open(io.BytesIO(masked(jpeg(320, 225), [[400, 400, 400, 80]], 0.25))).convert("RGB")
    assert is_mask_colour(picture, 150, 110)
    assert picture.getpixel((20, 20)) == (255, 255, 255)


def test_nothing_to_mask_keeps_the_bytes() -> None:
    data = jpeg(320, 225)
    assert masked(data, [], 0.25) is data



@pytest.mark.real_browser
def test_a_frame_is_thumbnail_sized_and_masked(bare_page: Page) -> None:
    bare_page.set_content(FORM)
    data = FrameCamera(PORTAL_LANDMARKS).take(bare_page)
    assert data is not None
    picture = Image.open(io.BytesIO(data)).convert("RGB")
    assert picture.width == THUMB_WIDTH
    assert is_mask_colour(picture, 150, 110)
    assert MASK_COLOR == (255, 0, 255)


@pytest.mark.real_browser
def test_an_unchanged_page_reuses_its_frame_and_a_change_takes_a_new_one(bare_page: Page) -> None:
    bare_page.set_content(FORM)
    camera = FrameCamera(PORTAL_LANDMARKS)
    first = camera.take(bare_page)
    assert camera.take(bare_page) is first
    bare_page.get_by_label("Username").fill("cec.someone.else")
    assert camera.take(bare_page) is not first


@pytest.mark.real_browser
@pytest.mark.parametrize(
    "change",
    [
        "document.querySelector('h1').textContent = 'Log Up'",  # the same length, other words
        "document.querySelector('input').value = 'cec.sometwo'",  # a value retyped, same length
        "document.querySelector('h1').hidden = true",  # shown or hidden, no text changed
    ],
)
def test_a_change_of_the_same_length_still_takes_a_new_frame(bare_page: Page, change: str) -> None:
    bare_page.set_content(FORM)
    camera = FrameCamera(PORTAL_LANDMARKS)
    first = camera.take(bare_page)
    bare_page.evaluate(change)
    assert camera.take(bare_page) is not first


@pytest.mark.real_browser
def test_a_hung_or_closed_page_gives_no_frame_in_bounded_time(bare_page: Page) -> None:
    bare_page.set_content(FORM)
    bare_page.evaluate("setTimeout(() => { for (;;) {} }, 0)")
    assert FrameCamera(PORTAL_LANDMARKS, timeout_ms=500).take(bare_page) is None
    bare_page.close()
    assert FrameCamera(PORTAL_LANDMARKS).take(bare_page) is None


@pytest.mark.real_browser
def test_no_frame_while_a_load_waits_for_the_portal(
    bare_page: Page, press_into_a_stalled_load: Callable[[str], None]
) -> None:
    bare_page.set_content(FORM.replace("<h1>", '<form action="https://portal.invalid/never"><button>Log In</button>'))
    press_into_a_stalled_load("Log In")
    assert FrameCamera(PORTAL_LANDMARKS, timeout_ms=500).take(bare_page) is None
    assert FrameCamera(PORTAL_LANDMARKS).take(None) is None
