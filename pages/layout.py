"""How a page is laid out on the screen (issue 13): sideways scrolling, and pictures for visual checks.

The visual checks need the same picture every run: animations off, caret hidden, and the
parts that change from run to run (the values of a delegation record, a username) masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from playwright.sync_api import Locator, Page

from pages.landmarks import PORTAL_LANDMARKS

_WIDTHS_JS: Final = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
#: The colour masked parts are painted in (Playwright's default magenta, written down to stay the same).
MASK_COLOUR: Final = "#FF00FF"


@dataclass(frozen=True)
class Widths:
    """The document's full width and the width the window shows, in CSS pixels."""

    scroll: int
    client: int

    @property
    def scrolls_sideways(self) -> bool:
        """True when the page is wider than the window (WCAG 1.4.10 reflow fails)."""
        return self.scroll > self.client


def widths(page: Page) -> Widths:
    """How wide the page is and how wide the window shows it."""
    scroll, client = page.evaluate(_WIDTHS_JS)
    return Widths(int(scroll), int(client))


def dynamic_parts(page: Page, *, typed_values: bool) -> list[Locator]:
    """What differs from run to run: the values shown back (Verify), passwords, and typed values if asked."""
    parts = [page.get_by_role("definition"), PORTAL_LANDMARKS.secret_fields(page)]
    if typed_values:
        parts.append(page.get_by_role("textbox"))
    return parts


def steady_picture(page: Page, masks: list[Locator]) -> bytes:
    """The viewport as a PNG, the same every run: animations stopped, caret hidden, dynamic parts masked."""
    return page.screenshot(
        type="png", animations="disabled", caret="hide", mask=masks, mask_color=MASK_COLOUR, scale="css"
    )
