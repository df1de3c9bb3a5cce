"""Filmstrip frames: a small, masked picture of the page after every step, cheap enough for every run.

A frame is taken on every passing step of every scenario, so its cost is paid by the
happy path. Playwright's ``page.screenshot`` costs 70-100 ms right after a page load
(full-size capture and encoding, its mask overlay forcing another paint, several round
trips); Chromium's own ``Page.captureScreenshot`` renders the viewport straight at
thumbnail size in 20-30 ms. So, on Chromium, two calls:

1. one bounded ``evaluate`` on the document (it proves the renderer answers: CDP calls
   have no timeout of their own, and a hung page must cost a skipped frame, not a hung
   run) returns the scroll position and the boxes of the password-type fields;
2. CDP captures the viewport at thumbnail size, and Pillow paints the boxes over it
   before the bytes are kept.

A page load still waiting for the portal gets no frame (Chromium would hold the capture
until it commits). Other browsers fall back to a masked ``page.screenshot``.
"""

from __future__ import annotations

import base64
import io
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, Final

from PIL import Image, ImageDraw
from playwright.sync_api import CDPSession, Error, Page

from pages.base import SECRET_FIELDS_CSS, document_element, secret_fields
from triage.annotate import THUMB_WIDTH

MASK_COLOR: Final = (255, 0, 255)
_FACTS_JS: Final = """(root, secret) => ({sx: scrollX, sy: scrollY, w: innerWidth, h: innerHeight,
  boxes: [...document.querySelectorAll(secret)].map(el => {
    const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })})"""


@dataclass
class FrameCamera:
    """Takes filmstrip frames for one scenario (one CDP session per page, opened once)."""

    timeout_ms: float = 1500
    sessions: dict[int, CDPSession | None] = field(default_factory=dict)

    def take(self, page: Page | None, *, navigating: bool = False) -> bytes | None:
        """A masked JPEG of the viewport, ``THUMB_WIDTH`` wide, or None if the page cannot give one now."""
        if page is None or page.is_closed() or navigating:
            return None
        try:
            facts: dict[str, Any] = document_element(page).evaluate(
                _FACTS_JS, SECRET_FIELDS_CSS, timeout=self.timeout_ms
            )
        except Error:
            return None
        session = self._session(page)
        if session is None:
            return self._fallback(page)
        width, height = float(facts["w"]), float(facts["h"])
        scale = THUMB_WIDTH / width if width else 0.25
        clip = {"x": facts["sx"], "y": facts["sy"], "width": width, "height": height, "scale": scale}
        try:
            shot = session.send(
                "Page.captureScreenshot", {"format": "jpeg", "quality": 60, "optimizeForSpeed": True, "clip": clip}
            )
        except Error:
            return None
        return masked(base64.b64decode(shot["data"]), facts["boxes"], scale)

    def _session(self, page: Page) -> CDPSession | None:
        key = id(page)
        if key not in self.sessions:
            try:
                self.sessions[key] = page.context.new_cdp_session(page)
            except Error:
                self.sessions[key] = None
        return self.sessions[key]

    def _fallback(self, page: Page) -> bytes | None:
        with suppress(Error):
            return page.screenshot(
                type="jpeg", quality=35, caret="initial", mask=[secret_fields(page)], timeout=self.timeout_ms
            )
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
