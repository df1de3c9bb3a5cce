"""Pillow drawing: the annotated failure screenshot and the filmstrip contact sheet.

Both are meant to be read at 100% zoom in an email: text is at least 15 px in a real
TrueType face, boxes are 4 px wide, and the banner sits above the page rather than over
it, so it never hides what the portal showed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from PIL import Image, ImageDraw, ImageFont

RED: Final = (208, 0, 0)
AMBER: Final = (255, 170, 0)
BANNER_BG: Final = (24, 32, 48)
BANNER_FG: Final = (255, 255, 255)
BANNER_DIM: Final = (200, 210, 225)
SHEET_BG: Final = (244, 245, 247)
INK: Final = (20, 20, 20)
BOX_WIDTH: Final = 4
#: TrueType faces tried in order; Pillow's bundled face is the fallback.
FONT_DIRS: Final = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def font(size: int, *, bold: bool = False) -> Font:
    """A legible face at ``size`` px: DejaVu Sans where installed, else Pillow's own."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


@dataclass(frozen=True)
class Box:
    """A rectangle in image pixels."""

    x: float
    y: float
    width: float
    height: float
    label: str = ""

    def scaled(self, factor: float, dy: float = 0) -> Box:
        """The same box on an image scaled by ``factor`` and shifted down by ``dy``."""
        return Box(self.x * factor, self.y * factor + dy, self.width * factor, self.height * factor, self.label)


@dataclass(frozen=True)
class Banner:
    """The lines printed above a failure screenshot."""

    guide_step: str
    gherkin_step: str
    scenario: str
    when_utc: str
    run_id: str


def text_width(text: str, face: Font) -> float:
    """Rendered width of ``text`` in ``face``."""
    return face.getlength(text)


def wrap(text: str, face: Font, width: float, max_lines: int = 3) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; the last line ends in "…" if cut."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, face) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + "…", face) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return [_fit(line, face, width) for line in lines]


def _fit(line: str, face: Font, width: float) -> str:
    if text_width(line, face) <= width:
        return line
    while line and text_width(line + "…", face) > width:
        line = line[:-1]
    return line + "…"


def _banner_lines(banner: Banner, width: float) -> list[tuple[str, Font, tuple[int, int, int]]]:
    title, body, small = font(22, bold=True), font(17), font(15)
    lines: list[tuple[str, Font, tuple[int, int, int]]] = []
    lines += [(line, title, BANNER_FG) for line in wrap(banner.guide_step, title, width, 2)]
    lines += [(line, body, BANNER_FG) for line in wrap(f"Gherkin step: {banner.gherkin_step}", body, width, 2)]
    lines += [(line, body, BANNER_DIM) for line in wrap(f"Scenario: {banner.scenario}", body, width, 2)]
    lines.append((f"{banner.when_utc}   ·   run {banner.run_id}", small, BANNER_DIM))
    return lines


def _line_height(face: Font) -> int:
    bbox = face.getbbox("Ag")
    return int(bbox[3] - bbox[1]) + 8


def _draw_box(draw: ImageDraw.ImageDraw, box: Box, color: tuple[int, int, int], image_size: tuple[int, int]) -> None:
    left = max(0.0, box.x - BOX_WIDTH)
    top = max(0.0, box.y - BOX_WIDTH)
    right = min(image_size[0] - 1.0, box.x + box.width + BOX_WIDTH)
    bottom = min(image_size[1] - 1.0, box.y + box.height + BOX_WIDTH)
    if right <= left or bottom <= top:
        return
    draw.rectangle((left, top, right, bottom), outline=color, width=BOX_WIDTH)
    if box.label:
        face = font(15, bold=True)
        text_w = text_width(box.label, face) + 12
        tag_h = _line_height(face) + 2
        tag_top = top - tag_h if top - tag_h >= 0 else bottom
        draw.rectangle((left, tag_top, left + text_w, tag_top + tag_h), fill=color)
        draw.text((left + 6, tag_top + 3), box.label, font=face, fill=(0, 0, 0) if color == AMBER else BANNER_FG)


def annotate(screenshot: bytes, banner: Banner, target: Box | None, messages: Sequence[Box]) -> Image.Image:
    """The screenshot under a banner, a red box on the failing action's element, amber on messages.

    Boxes are in the screenshot's pixels; the banner is added above, so they shift down by its height.
    """
    page = Image.open(io.BytesIO(screenshot)).convert("RGB")
    width = max(page.width, 900)
    lines = _banner_lines(banner, width - 32)
    banner_height = 16 + sum(_line_height(face) for _, face, _ in lines) + 10
    out = Image.new("RGB", (width, banner_height + page.height), (255, 255, 255))
    out.paste(page, (0, banner_height))
    draw = ImageDraw.Draw(out)
    draw.rectangle((0, 0, width, banner_height - 1), fill=BANNER_BG)
    draw.rectangle((0, banner_height - 6, width, banner_height - 1), fill=RED)
    y = 14
    for text, face, color in lines:
        draw.text((16, y), text, font=face, fill=color)
        y += _line_height(face)
    for box in messages:
        _draw_box(draw, box.scaled(1.0, banner_height), AMBER, out.size)
    if target is not None:
        _draw_box(draw, target.scaled(1.0, banner_height), RED, out.size)
    return out


@dataclass(frozen=True)
class Frame:
    """One filmstrip picture: the page after a step (or at the failure) and its caption."""

    caption: str
    image: bytes
    failed: bool = False


THUMB_WIDTH: Final = 320
COLUMNS: Final = 4


def _decode_small(data: bytes, size: tuple[int, int]) -> Image.Image:
    """Decode a frame; JPEGs decode straight at 1/2, 1/4 or 1/8 size (most of the filmstrip's cost saved)."""
    encoded = Image.open(io.BytesIO(data))
    encoded.draft("RGB", size)
    return encoded.convert("RGB")


def _thumbnail(frame: Frame, height: int) -> Image.Image:
    try:
        picture = _decode_small(frame.image, (THUMB_WIDTH, height))
    except (OSError, ValueError):
        picture = Image.new("RGB", (THUMB_WIDTH, height), (220, 220, 220))
    # Crop to the viewport's aspect ratio so a full-page frame does not shrink to a sliver.
    wanted = picture.width * height / THUMB_WIDTH
    if picture.height > wanted:
        picture = picture.crop((0, 0, picture.width, int(wanted)))
    picture.thumbnail((THUMB_WIDTH, height), Image.Resampling.BILINEAR)
    cell = Image.new("RGB", (THUMB_WIDTH, height), (255, 255, 255))
    cell.paste(picture, (0, 0))
    return cell


def filmstrip(frames: Sequence[Frame], title: str, *, viewport: tuple[int, int] = (1280, 900)) -> Image.Image:
    """A contact sheet: one thumbnail per completed step and the failure, captioned, failure outlined."""
    thumb_height = round(THUMB_WIDTH * viewport[1] / viewport[0])
    caption_face, number_face, title_face = font(14), font(14, bold=True), font(18, bold=True)
    caption_lines = 3
    cell_height = thumb_height + 10 + caption_lines * _line_height(caption_face) + 12
    gap = 16
    columns = max(1, min(COLUMNS, len(frames)))
    rows = max(1, (len(frames) + columns - 1) // columns)
    header = 16 + _line_height(title_face) + 10
    width = gap + columns * (THUMB_WIDTH + gap)
    sheet = Image.new("RGB", (width, header + rows * (cell_height + gap)), SHEET_BG)
    draw = ImageDraw.Draw(sheet)
    draw.text((gap, 14), _fit(title, title_face, width - 2 * gap), font=title_face, fill=INK)
    for index, frame in enumerate(frames):
        left = gap + (index % columns) * (THUMB_WIDTH + gap)
        top = header + (index // columns) * (cell_height + gap)
        sheet.paste(_thumbnail(frame, thumb_height), (left, top))
        outline = RED if frame.failed else (180, 184, 190)
        draw.rectangle(
            (left - 3, top - 3, left + THUMB_WIDTH + 2, top + cell_height - 8),
            outline=outline,
            width=5 if frame.failed else 1,
        )
        number = f"{index + 1}."
        draw.text((left + 4, top + thumb_height + 8), number, font=number_face, fill=RED if frame.failed else INK)
        indent = text_width(number, number_face) + 10
        lines = wrap(frame.caption, caption_face, THUMB_WIDTH - indent - 6, caption_lines)
        for line_no, line in enumerate(lines):
            draw.text(
                (left + indent, top + thumb_height + 8 + line_no * _line_height(caption_face)),
                line,
                font=caption_face,
                fill=RED if frame.failed else INK,
            )
    return sheet


def png_bytes(image: Image.Image) -> bytes:
    """PNG-encode fast: screenshots compress well enough at level 1, at a fraction of the time."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()
