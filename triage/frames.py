"""Filmstrip frames: a small, masked picture of the page after every step, paid for only by a failure.

A frame is asked for after every passing step of a scenario that records its filmstrip (every
attempt with ``--triage-evidence every-attempt``; under the default, on-first-retry, only a
failed scenario's retry: :mod:`triage.retry`), so the happy path would pay for it; nearly
every scenario passes and its frames are thrown away. On Chromium
(issue 11) the end of a step therefore only *posts* the frame on Playwright's loop
(:mod:`triage.posted`) and waits for nothing. The posted frame is two CDP calls, the
second sent as soon as the first answers, with no round trip of the scenario's:

1. ``Runtime.evaluate`` of the landmarks' ``page_facts_js`` (pages/landmarks.py) gives the scroll position,
   the password-type fields' boxes and a signature of what the page shows;
2. if the signature is the one of the previous frame (a "Then" step that only looked),
   nothing more; otherwise CDP captures the viewport as it is on screen.

The capture has no clip and no scale, though a thumbnail-sized clip would be cheaper: a
clip with a scale makes Chromium emulate another viewport while it captures, and a
posted frame runs beside the scenario's next step, so a screenshot the scenario itself
took then (a visual baseline, a failure's screenshot) came out as the page shrunk and
tiled 4 x 4 (seen in ``make test``). The picture is scaled down when it is developed.

Measured (issue 11): posting the capture together with the evaluate saved no time, since it had to
capture the whole viewport at full size and could not skip unchanged pages: that cost the browser
more CPU per step than it saved. The capture therefore leaves a round trip after the step's end; the
next step's first action may, rarely, already show in it.

Measured (issue 11, session 8, CPU of the whole browser tree in a cgroup, 40 captures of a
portal-like 1280x900 page): a capture costs the browser 25-40 ms of CPU beside 5-12 ms for the
evaluate; JPEG quality (30 or 60) or PNG changes nothing, a 0.25 clip scale saves about a third.
The @smoke run posts about 22 captures: roughly 0.6 CPU-seconds per scenario that records
its filmstrip, which is why a first attempt under on-first-retry records none.

Only a failure reads the answers (:meth:`FrameCamera.collect`, bounded), and
:func:`develop` makes the frames in the picture thread: an unchanged page reuses the
previous picture, the boxes are painted over the others before the bytes are kept. A
passing scenario drops its posted frames unread (:meth:`FrameCamera.drop`).

Every CDP call carries its own timeout (CDP has none of its own): a hung renderer, or a
page load still waiting for the portal, costs a skipped frame, never a hung run. When
posting is impossible (Playwright moved its private attributes) a frame is taken at once,
as before: :meth:`FrameCamera.take`, two round trips. Other
browsers fall back to a masked ``page.screenshot``.
"""

from __future__ import annotations

import base64
import io
import json
from asyncio import Task
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, Final

from PIL import Image, ImageDraw
from playwright.sync_api import CDPSession, Error, Page

from cec.landmarks import Landmarks
from triage.annotate import THUMB_WIDTH, Frame
from triage.posted import answer, can_post, post, settle

MASK_COLOR: Final = (255, 0, 255)
#: ``Page.captureScreenshot`` of the viewport as shown: no clip, so no emulated viewport (module doc).
VIEWPORT_SHOT: Final = {"format": "jpeg", "quality": 60, "optimizeForSpeed": True}


@dataclass
class Negative:
    """One step's frame before it is developed: the posted calls' answers, or a picture already taken."""

    label: str
    page: int
    facts: dict[str, Any] | None = None
    shot: bytes | None = None
    picture: bytes | None = None


@dataclass
class Posted:
    """One step's frame in flight: the posted CDP calls, unread until a failure asks."""

    label: str
    page: int
    session: CDPSession
    task: Task[Any] | None = None


@dataclass
class FrameCamera:
    """Takes filmstrip frames for one scenario (one CDP session per page, opened once)."""

    #: The portal's landmarks (``pytest_triage_landmarks``); without them every frame is a plain screenshot.
    landmarks: Landmarks | None = None
    timeout_ms: float = 1500
    sessions: dict[int, CDPSession | None] = field(default_factory=dict)
    last: tuple[int, str, bytes] | None = None
    #: The page and signature of the last posted frame whose picture was captured.
    seen: tuple[int, str] | None = None
    #: The frames of the steps so far, in order: posted, or taken at once where posting is impossible.
    frames: list[Posted | Negative] = field(default_factory=list)

    def shoot(self, page: Page | None, label: str) -> None:
        """After a step: post the frame's CDP calls and return at once (or take it now, the fallback)."""
        if page is None or page.is_closed():
            return
        session = self._session(page)
        if session is None or self.landmarks is None or not can_post(session):
            picture = self.take(page)
            if picture is not None:
                self.frames.append(Negative(label, id(page), picture=picture))
            return
        key, expression, timeout = id(page), self._facts_expression(self.landmarks), self.timeout_ms

        async def frame(cdp: Any) -> dict[str, Any]:
            reply = await cdp.send("Runtime.evaluate", _by_value(expression), timeout)
            facts: dict[str, Any] = reply["result"]["value"]
            signature = (key, str(facts.get("signature", "")))
            if self.seen == signature:
                return {"facts": facts}
            shot = await cdp.send("Page.captureScreenshot", VIEWPORT_SHOT, timeout)
            self.seen = signature
            return {"facts": facts, "data": shot["data"]}

        self.frames.append(Posted(label, key, session, post(session, frame)))

    def collect(self, within_ms: float | None = None) -> list[Negative]:
        """The frames so far, waiting (bounded) for answers still on their way; for a failure's filmstrip."""
        posted = [frame for frame in self.frames if isinstance(frame, Posted)]
        tasks = [frame.task for frame in posted if frame.task is not None]
        if posted and tasks:
            settle(posted[-1].session, tasks, (self.timeout_ms if within_ms is None else within_ms) / 1000)
        return [_negative(frame) for frame in self.frames]

    def drop(self) -> None:
        """A passing scenario's frames are never read: forget them (their answers are read and dropped)."""
        self.frames.clear()

    def take(self, page: Page | None) -> bytes | None:
        """A masked JPEG of the viewport, ``THUMB_WIDTH`` wide, now, or None if the page cannot give one now."""
        if page is None or page.is_closed():
            return None
        session = self._session(page)
        if session is None or self.landmarks is None:
            return self._fallback(page)
        try:
            expression = self._facts_expression(self.landmarks)
            reply = session.send("Runtime.evaluate", _by_value(expression), timeout=self.timeout_ms)
            facts: dict[str, Any] = reply["result"]["value"]
        except (Error, KeyError, TypeError):
            return None
        signature = str(facts.get("signature", ""))
        if self.last is not None and self.last[:2] == (id(page), signature):
            return self.last[2]
        try:
            shot = session.send("Page.captureScreenshot", VIEWPORT_SHOT, timeout=self.timeout_ms)
        except Error:
            return None
        picture = masked(base64.b64decode(shot["data"]), facts["boxes"], _scale(facts))
        self.last = (id(page), signature, picture)
        return picture

    @staticmethod
    def _facts_expression(landmarks: Landmarks) -> str:
        return f"({landmarks.page_facts_js})({json.dumps(landmarks.secret_fields_css)})"

    def _session(self, page: Page) -> CDPSession | None:
        key = id(page)
        if key not in self.sessions:
            try:
                self.sessions[key] = page.context.new_cdp_session(page)
            except Error:
                self.sessions[key] = None
        return self.sessions[key]

    def _fallback(self, page: Page) -> bytes | None:
        masks = [self.landmarks.secret_fields(page)] if self.landmarks is not None else []
        with suppress(Error):
            return page.screenshot(type="jpeg", quality=35, caret="initial", mask=masks, timeout=self.timeout_ms)
        return None


def _by_value(expression: str) -> dict[str, Any]:
    return {"expression": expression, "returnByValue": True}


def _scale(facts: dict[str, Any]) -> float:
    width = float(facts["w"])
    return THUMB_WIDTH / width if width else 0.25


def _negative(frame: Posted | Negative) -> Negative:
    """The answers of a posted frame (None where a call failed or did not end in time)."""
    if isinstance(frame, Negative):
        return frame
    answered = answer(frame.task) or {}
    data = answered.get("data")
    return Negative(frame.label, frame.page, answered.get("facts"), None if data is None else base64.b64decode(data))


def develop(negatives: Sequence[Negative]) -> list[Frame]:
    """The filmstrip's frames: each picture masked, an unchanged page's picture reused.

    Pure Pillow work, no browser: it runs in the picture thread. A step whose calls failed
    (a hung or closed page) has no frame, as when frames were taken at once.
    """
    frames: list[Frame] = []
    last: tuple[int, str, bytes] | None = None
    for negative in negatives:
        if negative.picture is not None:
            frames.append(Frame(negative.label, negative.picture))
            continue
        if negative.facts is None:
            continue
        signature = (negative.page, str(negative.facts.get("signature", "")))
        if last is None or last[:2] != signature:
            if negative.shot is None:
                continue  # unchanged since a frame whose capture failed: no picture to reuse
            last = (*signature, masked(negative.shot, negative.facts.get("boxes") or [], _scale(negative.facts)))
        frames.append(Frame(negative.label, last[2]))
    return frames


def masked(jpeg: bytes, boxes: list[list[float]], scale: float) -> bytes:
    """The viewport's picture ``THUMB_WIDTH`` wide, every box (CSS pixels) painted over, as Playwright masks do.

    ``scale`` is the thumbnail's pixels per CSS pixel; the capture itself is at the device's
    pixels, so it is shrunk here first.
    """
    picture = Image.open(io.BytesIO(jpeg)).convert("RGB")
    if picture.width > THUMB_WIDTH:
        height = max(1, round(picture.height * THUMB_WIDTH / picture.width))
        picture = picture.resize((THUMB_WIDTH, height), Image.Resampling.BILINEAR)
    elif not boxes:
        return jpeg
    return _painted(picture, boxes, scale)


def _painted(picture: Image.Image, boxes: list[list[float]], scale: float) -> bytes:
    draw = ImageDraw.Draw(picture)
    for x, y, width, height in boxes:
        if width > 0 and height > 0:
            draw.rectangle(
                (x * scale - 1, y * scale - 1, (x + width) * scale + 1, (y + height) * scale + 1), fill=MASK_COLOR
            )
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=70)
    return out.getvalue()
