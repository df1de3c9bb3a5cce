"""Pillow output: the annotated screenshot and the filmstrip, legible and correctly marked."""

from __future__ import annotations

import io

from PIL import Image, ImageFont

from triage.annotate import AMBER, RED, Banner, Box, Frame, annotate, filmstrip, font, png_bytes, wrap

BANNER = Banner(
    guide_step="Step 2 of 9: Enter the delegation code, CEE business legal name and CEC certification # "
    "and click CONTINUE",
    gherkin_step="When the CEC enters the delegation email's values and clicks CONTINUE",
    scenario="A CEC pastes the code from the email",
    when_utc="2025-01-01 12:00:00 UTC",
    run_id="20250101T120000Z-abc123",
)


def page_png(width: int = 1280, height: int = 900, color: tuple[int, int, int] = (250, 250, 250)) -> bytes:
    return png_bytes(Image.new("RGB", (width, height), color))


def test_banner_sits_above_the_page_and_boxes_follow_it() -> None:
    target = Box(100, 200, 150, 40, "failing action: the CONTINUE button")
    message = Box(100, 60, 600, 50, "portal message")
    out = annotate(page_png(), BANNER, target, [message])
    banner_height = out.height - 900
    assert out.width == 1280
    assert banner_height > 80
    # The page itself is untouched below the banner, away from the boxes.
    assert out.getpixel((1200, banner_height + 850)) == (250, 250, 250)
    # Red on the target's edge, amber on the message's edge, both shifted by the banner.
    assert out.getpixel((100 + 75, banner_height + 200 + 40 + 2)) == RED
    assert out.getpixel((100 + 300, banner_height + 60 + 50 + 2)) == AMBER


def test_boxes_outside_the_picture_are_skipped() -> None:
    out = annotate(page_png(), BANNER, Box(5000, 5000, 10, 10), [])
    assert out.size[0] == 1280


def test_banner_text_is_big_enough_to_read_at_100_percent() -> None:
    face = font(17)
    assert isinstance(face, ImageFont.FreeTypeFont), "a scalable font, not Pillow's tiny bitmap default"
    ascent, descent = face.getmetrics()
    assert ascent + descent >= 18
    assert wrap("word " * 100, face, 400, max_lines=2)[-1].endswith("…")


def test_filmstrip_outlines_the_failure_and_captions_every_frame() -> None:
    jpeg = io.BytesIO()
    Image.new("RGB", (1280, 900), (0, 90, 160)).save(jpeg, format="JPEG")
    frames = [Frame(f"Given step {n}", jpeg.getvalue()) for n in range(5)]
    frames.append(Frame("FAILED: When the CEC clicks CONTINUE", page_png(color=(255, 255, 255)), failed=True))
    sheet = filmstrip(frames, "How the CEC got here: a scenario")
    assert sheet.width < 1400
    assert sheet.height < 900
    # Sixth frame: second row, second column; its outline is thick red.
    data = png_bytes(sheet)
    reopened = Image.open(io.BytesIO(data))
    reopened.load()
    left = 16 + 1 * (320 + 16)
    assert any(reopened.getpixel((left - 2, y)) == RED for y in range(reopened.height // 2, reopened.height))


def test_broken_frame_bytes_still_make_a_sheet() -> None:
    sheet = filmstrip([Frame("broken", b"not an image", failed=True)], "title")
    assert sheet.width > 300
