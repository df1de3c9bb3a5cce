"""Pillow for the accessibility and visual checks (issue 13): boxes on a picture, and a tolerant comparison.

A screenshot of the same page on the same machine can still differ by a shade in a few
anti-aliased pixels, so a pixel counts as changed only past a per-channel threshold, and a
page counts as changed only when more than a small share of its pixels did.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageChops, ImageDraw

#: A pixel has changed when one of its channels moved by more than this (0-255).
PIXEL_THRESHOLD: Final = 40
#: A page has changed when more than this share of its pixels changed (0.1%).
MAX_CHANGED_SHARE: Final = 0.001
RED: Final = (220, 0, 0)
_BOX_WIDTH: Final = 4

Box = tuple[float, float, float, float]


def png(image: Image.Image) -> bytes:
    """The image as PNG bytes."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def load(data: bytes) -> Image.Image:
    """PNG bytes as an RGB image."""
    return Image.open(io.BytesIO(data)).convert("RGB")


def boxed(picture: bytes, boxes: Sequence[tuple[str, Box]]) -> bytes:
    """The picture with a red, labelled box around each (label, (x, y, w, h))."""
    image = load(picture)
    draw = ImageDraw.Draw(image)
    for label, (x, y, w, h) in boxes:
        pad = _BOX_WIDTH
        draw.rectangle((x - pad, y - pad, x + w + pad, y + h + pad), outline=RED, width=_BOX_WIDTH)
        draw.text((x, max(0.0, y - pad - 12)), label, fill=RED)
    return png(image)


@dataclass(frozen=True)
class Difference:
    """How two pictures of a page differ: the share of changed pixels, and where."""

    changed_share: float
    region: tuple[int, int, int, int] | None
    size_expected: tuple[int, int]
    size_actual: tuple[int, int]

    @property
    def same_size(self) -> bool:
        """False when the page grew or shrank: always a difference."""
        return self.size_expected == self.size_actual

    @property
    def significant(self) -> bool:
        """More than anti-aliasing: a size change or more than the allowed share of changed pixels."""
        return not self.same_size or self.changed_share > MAX_CHANGED_SHARE

    def describe(self) -> str:
        """In words, for the failure message."""
        if not self.same_size:
            (width, height), (base_width, base_height) = self.size_actual, self.size_expected
            return f"the page is {width}x{height} px, the baseline {base_width}x{base_height} px"
        return (
            f"{self.changed_share:.3%} of the pixels changed by more than {PIXEL_THRESHOLD}/255 "
            f"(allowed {MAX_CHANGED_SHARE:.3%}), in the region {self.region}"
        )


def _changed_mask(expected: Image.Image, actual: Image.Image) -> Image.Image:
    """A 1-bit mask of the pixels where any channel moved past the threshold."""
    channels = ImageChops.difference(expected, actual).split()
    worst = channels[0]
    for channel in channels[1:]:
        worst = ImageChops.lighter(worst, channel)
    return worst.point(lambda value: 255 if value > PIXEL_THRESHOLD else 0).convert("1")


def compare(expected_png: bytes, actual_png: bytes) -> tuple[Difference, bytes]:
    """The difference between baseline and screenshot, and a diff image with the changed region boxed."""
    expected, actual = load(expected_png), load(actual_png)
    sizes = (expected.size, actual.size)
    if expected.size != actual.size:
        canvas = Image.new("RGB", (max(expected.width, actual.width), max(expected.height, actual.height)), "white")
        expected_on, actual_on = canvas.copy(), canvas.copy()
        expected_on.paste(expected)
        actual_on.paste(actual)
        expected, actual = expected_on, actual_on
    mask = _changed_mask(expected, actual)
    changed = mask.histogram()[-1]
    region = mask.getbbox()
    difference = Difference(changed / (mask.width * mask.height), region, *sizes)
    faded = Image.blend(actual, Image.new("RGB", actual.size, "white"), 0.6)
    faded.paste(Image.new("RGB", actual.size, RED), mask=mask)
    if region is not None:
        ImageDraw.Draw(faded).rectangle(
            (region[0] - _BOX_WIDTH, region[1] - _BOX_WIDTH, region[2] + _BOX_WIDTH, region[3] + _BOX_WIDTH),
            outline=RED,
            width=_BOX_WIDTH,
        )
    return difference, png(faded)
