"""Filmstrip frames: a small, masked picture of the page after every step, paid for only by a failure.

A frame is asked for after every passing step of every scenario, so the happy path would
pay for it; nearly every scenario passes and its frames are thrown away. On Chromium
(issue 11) the end of a step therefore only *posts* two CDP calls on Playwright's loop
(:mod:`triage.posted`), both at once, and waits for neither:

1. ``Runtime.evaluate`` of the landmarks' ``page_facts_js`` (pages/landmarks.py): the
   viewport's size, the password-type fields' boxes and a signature of what the page shows;
2. ``Page.captureScreenshot`` of the viewport (no clip: a clip is in document coordinates
   and needs the scroll position, which would make the capture wait for the evaluate and
   land after the next step's first click).

Only a failure reads the answers (:meth:`FrameCamera.collect`, bounded), and
:func:`develop` makes the frames in the picture thread: a frame whose signature is the
previous frame's reuses its picture (a "Then" step that only looked), the others are
shrunk to ``THUMB_WIDTH`` and the boxes painted over before the bytes are kept. A passing
scenario drops its posted calls unread (:meth:`FrameCamera.drop`).

Every CDP call carries its own timeout (CDP has none of its own): a hung renderer, or a
page load still waiting for the portal, costs a skipped frame, never a hung run. When
posting is impossible (Playwright moved its private attributes) a frame is taken at once,
as before: :meth:`FrameCamera.take`, two round trips with a thumbnail-sized clip. Other
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
#: The viewport as posted: full size, encoded for speed (it is shrunk before it is kept).
_VIEWPORT_SHOT: Final = {"format": "jpeg", "quality": 50, "optimizeForSpeed": True}


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
    """One step's frame in flight: the two posted CDP calls, unread until a failure asks."""

    label: str
    page: int
    session: CDPSession
    facts: Task[Any] | None = None
    shot: Task[Any] | None = None
    picture: bytes | None = None


@dataclass
class FrameCamera:
    """Takes filmstrip frames for one scenario (one CDP session per page, opened once)."""

    #: The portal's landmarks (``pytest_triage_landmarks``); without them every frame is a plain screenshot.
    landmarks: Landmarks | None = None
    timeout_ms: float = 1500
    sessions: dict[int, CDPSession | None] = field(default_factory=dict)
    last: tuple[int, str, bytes] | None = None
    #: The frames of the steps so far, in order: posted, or taken at once where posting is impossible.
    frames: list[Posted | Negative] = field(default_factory=list)

    def shoot(self, page: Page | None, label: str) -> None:
        """After a step: post the frame's two CDP calls and return at once (or take it now, the fallback)."""
        if page is None or page.is_closed():
            return
        session = self._session(page)
        if session is None or self.landmarks is None or not can_post(session):
            picture = self.take(page)
            if picture is not None:
                self.frames.append(Negative(label, id(page), picture=picture))
            return
        expression = self._facts_expression(self.landmarks)
        timeout = self.timeout_ms
        self.frames.append(
            Posted(
                label,
                id(page),
                session,
                facts=post(session, lambda cdp: cdp.send("Runtime.evaluate", _by_value(expression), timeout)),
                shot=post(session, lambda cdp: cdp.send("Page.captureScreenshot", dict(_VIEWPORT_SHOT), timeout)),
            )
        )

    def collect(self, within_ms: float | None = None) -> list[Negative]:
        """The frames so far, waiting (bounded) for answers still on their way; for a failure's filmstrip."""
        posted = [frame for frame in self.frames if isinstance(frame, Posted)]
        tasks = [task for frame in posted for task in (frame.facts, frame.shot) if task is not None]
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
        width, height = float(facts["w"]), float(facts["h"])
        scale = THUMB_WIDTH / width if width else 0.25
        clip = {"x": facts["sx"], "y": facts["sy"], "width": width, "height": height, "scale": scale}
        try:
            shot = session.send(
                "Page.captureScreenshot",
                {"format": "jpeg", "quality": 60, "optimizeForSpeed": True, "clip": clip},
                timeout=self.timeout_ms,
            )
        except Error:
            return None
        picture = masked(base64.b64decode(shot["data"]), facts["boxes"], scale)
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


def _negative(frame: Posted | Negative) -> Negative:
    """The answers of a posted frame (None where a call failed or did not end in time)."""
    if isinstance(frame, Negative):
        return frame
    facts, shot = answer(frame.facts), answer(frame.shot)
    with suppress(KeyError, TypeError):
        return Negative(frame.label, frame.page, facts=facts["result"]["value"], shot=base64.b64decode(shot["data"]))
    return Negative(frame.label, frame.page)


def develop(negatives: Sequence[Negative]) -> list[Frame]:
    """The filmstrip's frames: each viewport shrunk and masked, an unchanged page's picture reused.

    Pure Pillow work, no browser: it runs in the picture thread. A step whose calls failed
    (a hung or closed page) has no frame, as when frames were taken at once.
    """
    frames: list[Frame] = []
    last: tuple[int, str, bytes] | None = None
    for negative in negatives:
        if negative.picture is not None:
            frames.append(Frame(negative.label, negative.picture))
            continue
        if negative.facts is None or negative.shot is None:
            continue
        signature = str(negative.facts.get("signature", ""))
        if last is None or last[:2] != (negative.page, signature):
            last = (negative.page, signature, thumbnail(negative.shot, negative.facts))
        frames.append(Frame(negative.label, last[2]))
    return frames


def thumbnail(jpeg: bytes, facts: dict[str, Any]) -> bytes:
    """The viewport's picture ``THUMB_WIDTH`` wide, the boxes of ``facts`` (CSS pixels) painted over."""
    picture = Image.open(io.BytesIO(jpeg))
    size = (THUMB_WIDTH, max(1, round(THUMB_WIDTH * picture.height / picture.width)))
    width = float(facts.get("w") or 0) or float(picture.width)
    picture.draft("RGB", size)  # libjpeg decodes straight at a fraction of the size
    small = picture.convert("RGB").resize(size, Image.Resampling.LANCZOS)
    return _painted(small, facts.get("boxes") or [], THUMB_WIDTH / width)


def masked(jpeg: bytes, boxes: list[list[float]], scale: float) -> bytes:
    """The picture with every box (CSS pixels of the viewport) painted over, as Playwright masks do."""
    if not boxes:
        return jpeg
    return _painted(Image.open(io.BytesIO(jpeg)).convert("RGB"), boxes, scale)


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
