"""Filmstrip frames: small screencast pictures, kept without asking the browser at a step's end."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from triage.annotate import THUMB_WIDTH
from triage.frames import FrameCamera

FORM = """<!doctype html><html><body style="margin:0;background:#fff">
<h1>Log In</h1><input aria-label="Username" value="cec.someone">
<input aria-label="Password" type="password" value="Secret12!x"
  style="position:absolute;left:400px;top:400px;width:400px;height:80px"></body></html>"""


PAINTED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def picture_after(camera: FrameCamera, page: Page, old: bytes | None) -> bytes | None:
    """The camera's picture once one other than ``old`` arrived (frames come as events, between calls).

    Bounded by a number of paints, not by time: each round trip lets Playwright deliver
    the frames the browser pushed meanwhile.
    """
    for _ in range(50):
        page.evaluate(PAINTED)
        if camera.take(page) is not old:
            break
    return camera.take(page)


def followed(page: Page, content: str = FORM) -> FrameCamera:
    """A camera following ``page``, with the picture of ``content`` in hand."""
    camera = FrameCamera()
    camera.follow(page)
    page.set_content(content)
    expect(page.get_by_role("heading", name="Log In")).to_be_visible()
    picture_after(camera, page, None)
    return camera


@pytest.mark.real_browser
def test_a_frame_is_a_thumbnail_sized_jpeg(bare_page: Page) -> None:
    data = followed(bare_page).take(bare_page)
    assert data is not None
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "JPEG"
    assert picture.width == THUMB_WIDTH


@pytest.mark.real_browser
def test_an_unchanged_page_keeps_its_frame_and_a_change_brings_a_new_one(bare_page: Page) -> None:
    camera = followed(bare_page)
    first = camera.take(bare_page)
    assert camera.take(bare_page) is first
    bare_page.get_by_label("Username").fill("cec.someone.else")
    assert picture_after(camera, bare_page, first) is not first


@pytest.mark.real_browser
def test_a_hung_page_gives_its_last_picture_without_waiting(bare_page: Page) -> None:
    camera = followed(bare_page)
    painted = camera.take(bare_page)
    bare_page.evaluate("setTimeout(() => { for (;;) {} }, 0)")
    assert painted is not None
    assert camera.take(bare_page) is painted


@pytest.mark.real_browser
def test_a_load_waiting_for_the_portal_keeps_the_page_the_cec_looked_at(
    bare_page: Page, press_into_a_stalled_load: Callable[[str], None]
) -> None:
    camera = followed(bare_page, FORM.replace("<h1>", '<form action="https://portal.invalid/never"><button>Send</button><h1>'))
    press_into_a_stalled_load("Send")
    assert camera.take(bare_page) is not None
    assert camera.take(None) is None


@pytest.mark.real_browser
def test_no_frames_when_the_filmstrip_is_off(bare_page: Page) -> None:
    camera = FrameCamera(active=False)
    camera.follow(bare_page)
    bare_page.set_content(FORM)
    assert picture_after(camera, bare_page, None) is None
