"""The bundle's pictures from a :class:`~triage.capture.Capture`: annotated screenshot and filmstrip.

Pure Pillow work, no browser: the plugin runs these in a worker thread while the main
thread is still busy with the browser and pytest's own failure report. The filmstrip's
frames are developed here too (:func:`triage.frames.develop`): shrunk, masked, deduplicated.
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image, ImageDraw

from triage.annotate import Banner, Box, Frame, annotate, filmstrip, font, png_bytes, wrap
from triage.capture import Capture
from triage.frames import Negative, develop


def _shift(box: Box | None, dx: float, dy: float) -> Box | None:
    return None if box is None else Box(box.x + dx, box.y + dy, box.width, box.height, box.label)


def placeholder(capture: Capture) -> bytes:
    """A grey picture saying why there is no screenshot, so every bundle has one to open."""
    image = Image.new("RGB", capture.viewport, (225, 225, 225))
    draw = ImageDraw.Draw(image)
    face = font(20)
    y = 40
    for reason in capture.missing or ["no screenshot"]:
        for line in wrap(f"Not captured: {reason}", face, capture.viewport[0] - 80, 4):
            draw.text((40, y), line, font=face, fill=(60, 60, 60))
            y += 30
    return png_bytes(image)


def annotated_screenshot(capture: Capture, banner: Banner) -> bytes:
    """The whole page (or the viewport) under the banner, with the red and amber boxes.

    Amber marks the portal's messages and every field whose typed value holds a character
    the eye cannot see (its callout names the character and where it is).

    Boxes are captured in document coordinates; on a viewport-only picture they move by
    the scroll position.
    """
    marked = [*capture.message_boxes, *capture.callout_boxes]
    if capture.full_png is not None:
        return png_bytes(annotate(capture.full_png, banner, capture.target_box, marked))
    if capture.viewport_png is not None:
        dx, dy = capture.scroll
        boxes = [box for box in (_shift(b, -dx, -dy) for b in marked) if box is not None]
        return png_bytes(annotate(capture.viewport_png, banner, _shift(capture.target_box, -dx, -dy), boxes))
    return png_bytes(annotate(placeholder(capture), banner, None, []))


def filmstrip_png(
    negatives: Sequence[Negative], failing_caption: str, failing_picture: bytes, title: str, viewport: tuple[int, int]
) -> bytes:
    """The contact sheet: every completed step's frame (developed here, masked), then the failure, outlined."""
    frames = develop(negatives)
    sheet = filmstrip([*frames, Frame(failing_caption, failing_picture, failed=True)], title, viewport=viewport)
    return png_bytes(sheet)
