"""Filmstrip frames: small, masked, reused while the page does not change, skipped on a hung page.

On the happy path a frame is only posted (issue 11): its CDP calls are queued on
Playwright's loop and nothing waits for them; a failure collects and develops them.
"""

from __future__ import annotations

import asyncio
import base64
import gc
import io
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from PIL import Image
from playwright.sync_api import CDPSession, Error, Page

from pages.landmarks import PORTAL_LANDMARKS
from triage.annotate import THUMB_WIDTH
from triage.bundle import FILMSTRIP
from triage.capture import Limits
from triage.frames import MASK_COLOR, FrameCamera, Negative, Posted, develop, masked
from triage.run import RunState
from triage.scenario import ScenarioState

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


FACTS = {"w": 1280, "h": 900, "sx": 0, "sy": 0, "boxes": [[400, 400, 400, 80]], "signature": "log-in"}


class FakeCdp:
    """Playwright's async CDP session as a posted frame uses it: it answers only while the loop runs."""

    def __init__(self, *, fail: bool = False) -> None:
        self.calls: list[str] = []
        self.captures: list[dict[str, Any]] = []
        self.fail = fail

    async def send(self, method: str, params: dict[str, Any], timeout: float) -> dict[str, Any]:
        self.calls.append(f"sent {method}")
        if self.fail:
            raise Error("Target page, context or browser has been closed")
        await asyncio.sleep(0)
        self.calls.append(f"answered {method}")
        if method == "Runtime.evaluate":
            return {"result": {"value": FACTS}}
        self.captures.append(params)
        return {"data": base64.b64encode(jpeg(1280, 900)).decode("ascii")}


class FakeSession:
    """A sync CDP session's private side: Playwright's loop (idle between calls) and the async session."""

    def __init__(self, *, fail: bool = False) -> None:
        self._loop = asyncio.new_event_loop()
        self._impl_obj = FakeCdp(fail=fail)

    def _sync(self, coroutine: Any) -> Any:
        return self.run(coroutine)

    def run(self, awaitable: Any) -> Any:
        """Run the fake loop until ``awaitable`` is done, in a thread of its own.

        A worker whose earlier test started sync Playwright has Playwright's loop marked as
        running in this thread, and asyncio refuses to run a second one here.
        """
        with ThreadPoolExecutor(max_workers=1) as thread:
            return thread.submit(self._loop.run_until_complete, awaitable).result()

    def send(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("the happy path waited for a frame's round trip")


class FakePage:
    def is_closed(self) -> bool:
        return False


def posting_camera(session: FakeSession, page: FakePage) -> FrameCamera:
    camera = FrameCamera(PORTAL_LANDMARKS)
    camera.sessions[id(page)] = cast(CDPSession, session)
    return camera


def test_a_step_s_frame_is_posted_and_nothing_waits_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FrameCamera, "take", lambda *args: pytest.fail("a frame was taken at once"))
    session, page = FakeSession(), FakePage()
    camera = posting_camera(session, page)
    camera.shoot(cast(Page, page), "When the CEC types a password")
    assert session._impl_obj.calls == [], "nothing may reach the browser before the scenario's next call"
    first = camera.frames[0]
    assert isinstance(first, Posted)
    assert first.task is not None
    session.run(first.task)  # the scenario's next browser call runs the loop
    camera.shoot(cast(Page, page), "Then the password is hidden")
    frames = develop(camera.collect())
    assert session._impl_obj.calls.count("sent Page.captureScreenshot") == 1, "an unchanged page is not captured"
    assert [frame.caption for frame in frames] == ["When the CEC types a password", "Then the password is hidden"]
    assert frames[1].image is frames[0].image, "an unchanged page reuses the frame"
    picture = Image.open(io.BytesIO(frames[0].image)).convert("RGB")
    assert picture.width == THUMB_WIDTH
    assert is_mask_colour(picture, 150, 110)
    session._loop.close()


def test_a_posted_capture_asks_for_the_viewport_as_shown() -> None:
    """A clip with a scale makes Chromium emulate another viewport while it captures; a posted frame
    runs beside the scenario's next step, whose own screenshot (a visual baseline) then came out
    shrunk and tiled 4 x 4. The frame is captured as shown and shrunk when developed."""
    session, page = FakeSession(), FakePage()
    camera = posting_camera(session, page)
    camera.shoot(cast(Page, page), "When the CEC is refused with LI-601")
    first = camera.frames[0]
    assert isinstance(first, Posted)
    assert first.task is not None
    session.run(first.task)
    assert session._impl_obj.captures, "the changed page was captured"
    assert all("clip" not in params for params in session._impl_obj.captures)
    session._loop.close()


def test_a_passing_scenario_drops_its_frames_without_asyncio_complaints(caplog: pytest.LogCaptureFixture) -> None:
    session, page = FakeSession(fail=True), FakePage()
    camera = posting_camera(session, page)
    camera.shoot(cast(Page, page), "When the CEC closes the page")
    session.run(asyncio.sleep(0))
    assert session._impl_obj.calls == ["sent Runtime.evaluate"]
    with caplog.at_level(logging.ERROR, logger="asyncio"):
        camera.drop()
        del camera
        gc.collect()
    ours = [record for record in caplog.records if record.name == "asyncio" and "FrameCamera" in record.getMessage()]
    assert not ours, "a dropped frame's task complained"
    session._loop.close()


def test_failed_calls_leave_no_frame() -> None:
    session, page = FakeSession(fail=True), FakePage()
    camera = posting_camera(session, page)
    camera.shoot(cast(Page, page), "When the page closed")
    assert develop(camera.collect()) == []
    session._loop.close()


#: Posted frames answer together; on a loaded machine that may take longer than a run's limit.
LOADED_MACHINE_MS = 20_000


class PublicOnly:
    """A CDP session without Playwright's private attributes (a Playwright that moved them)."""

    def __init__(self, session: CDPSession) -> None:
        self.send = session.send


@pytest.mark.real_browser
def test_without_playwright_s_private_loop_a_frame_is_taken_at_once(bare_page: Page) -> None:
    bare_page.set_content(FORM)
    camera = FrameCamera(PORTAL_LANDMARKS)
    camera.sessions[id(bare_page)] = cast(CDPSession, PublicOnly(bare_page.context.new_cdp_session(bare_page)))
    camera.shoot(bare_page, "When the CEC types a password")
    assert isinstance(camera.frames[0], Negative)
    assert camera.frames[0].picture is not None, "taken at once"
    [frame] = develop(camera.collect())
    assert is_mask_colour(Image.open(io.BytesIO(frame.image)).convert("RGB"), 150, 110)


@pytest.mark.real_browser
def test_a_posted_frame_of_a_real_page_arrives_masked_and_thumbnail_sized(bare_page: Page) -> None:
    bare_page.set_content(FORM)
    camera = FrameCamera(PORTAL_LANDMARKS, timeout_ms=LOADED_MACHINE_MS)
    camera.shoot(bare_page, "When the CEC types a password")
    camera.shoot(bare_page, "Then nothing changed")
    bare_page.get_by_label("Username").fill("cec.someone.else")
    camera.shoot(bare_page, "When the CEC retypes the username")
    first, same, changed = develop(camera.collect())
    picture = Image.open(io.BytesIO(first.image)).convert("RGB")
    assert picture.width == THUMB_WIDTH
    assert is_mask_colour(picture, 150, 110)
    assert same.image is first.image
    assert changed.image is not first.image


@pytest.mark.real_browser
def test_a_failing_scenario_s_filmstrip_has_its_posted_frames_masked(bare_page: Page, tmp_path: Path) -> None:
    """Through the plugin's own path: a step passes (frame posted), the next fails (filmstrip drawn)."""
    limits = Limits(frame_ms=LOADED_MACHINE_MS)
    run = RunState("run", tmp_path, filmstrip=True, trace=False, limits=limits, controller=True,
                   landmarks=PORTAL_LANDMARKS)
    camera = FrameCamera(PORTAL_LANDMARKS, timeout_ms=LOADED_MACHINE_MS)
    state = ScenarioState("test_log_in", "test_log_in", datetime.now(UTC), camera=camera)
    state.watch_page(bare_page)
    bare_page.set_content(FORM)
    state.finish_step("When the CEC types a password", run)
    assert isinstance(state.camera.frames[0], Posted)
    state.fail(run, "Then the CEC is logged in", ("AssertionError", "not logged in"))
    sheet = Image.open(io.BytesIO(state.pictures[FILMSTRIP].result())).convert("RGB")
    run.close()
    # Two cells side by side: the step's frame left of x=340, the failure's screenshot right of it.
    first_cell = sheet.crop((0, 0, 340, sheet.height))
    magenta = sum(1 for x in range(0, 340, 2) for y in range(0, sheet.height, 2) if is_mask_colour(first_cell, x, y))
    assert magenta > 200, "the step's frame is in the filmstrip with the password box painted over"



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
