"""Filmstrip frames: a small, masked picture of the page after every step, cheap enough for every run.

A frame is taken after every passing step of every scenario, so the happy path pays for
it. Playwright's ``page.screenshot`` costs 70-100 ms there (a full-size capture and
encoding, a mask overlay that forces another paint, several instrumented round trips).
On Chromium a frame is one or two CDP round trips, none of them traced with a DOM
snapshot (issue 11):

1. one CDP ``Runtime.evaluate`` of the landmarks' ``page_facts_js`` (pages/landmarks.py) gives the scroll position,
   the password-type fields' boxes and a signature of what the page shows;
2. if the signature is the one of the previous frame (a "Then" step that only looked),
   the previous picture is reused; otherwise CDP captures the viewport straight at
   thumbnail size and Pillow paints the boxes over it before the bytes are kept.

Every CDP call carries its own timeout (CDP has none of its own): a hung renderer, or a
page load still waiting for the portal, costs a skipped frame, never a hung run. An
earlier guard, a bounded ``wait_for_function``, cost a round trip and, with the trace on,
two DOM snapshots per step. Other browsers fall back to a masked ``page.screenshot``.
"""

from __future__ import annotations

import base64
import io
import json
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, Final

from PIL import Image, ImageDraw
from playwright.sync_api import CDPSession, Error, Page

from cec.landmarks import Landmarks
from triage.annotate import THUMB_WIDTH

MASK_COLOR: Final = (255, 0, 255)


@dataclass
class FrameCamera:
    """Takes filmstrip frames for one scenario (one CDP session per page, opened once)."""

    #: The portal's landmarks (``pytest_triage_landmarks``); without them every frame is a plain screenshot.
    landmarks: Landmarks | None = None
    timeout_ms: float = 1500
    sessions: dict[int, CDPSession | None] = field(default_factory=dict)
    last: tuple[int, str, bytes] | None = None

    def take(self, page: Page | None) -> bytes | None:
        """A masked JPEG of the viewport, ``THUMB_WIDTH`` wide, or None if the page cannot give one now."""
        if page is None or page.is_closed():
            return None
        session = self._session(page)
        if session is None or self.landmarks is None:
            return self._fallback(page)
        expression = f"({self.landmarks.page_facts_js})({json.dumps(self.landmarks.secret_fields_css)})"
        try:
            answer = session.send(
                "Runtime.evaluate", {"expression": expression, "returnByValue": True}, timeout=self.timeout_ms
            )
            facts: dict[str, Any] = answer["result"]["value"]
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


def masked(jpeg: bytes, boxes: list[list[float]], scale: float) -> bytes:
    """The picture with every box (CSS pixels of the viewport) painted over, as Playwright masks do."""
    if not boxes:
        return jpeg
    picture = Image.open(io.BytesIO(jpeg)).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for x, y, width, height in boxes:
        if width > 0 and height > 0:
            draw.rectangle(
                (x * scale - 1, y * scale - 1, (x + width) * scale + 1, (y + height) * scale + 1), fill=MASK_COLOR
            )
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=70)
    return out.getvalue()
