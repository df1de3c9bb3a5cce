"""Filmstrip frames: a small picture of the page after every step, at no cost to a passing step.

A frame is kept after every passing step of every scenario, so the happy path pays for
whatever a frame costs. Asking the browser for a picture at each step boundary (a CDP
capture, or ``page.screenshot`` at 70-100 ms) costs round trips while the scenario waits,
about a sixth of the @smoke scenario's time (issue 11), and needs a bounded guard
against a hung or still-loading page.

So the camera asks for nothing at the step boundary. It starts Playwright's screencast
(``page.screencast.start(on_frame=...)``) on each page once: the browser pushes a small
JPEG, ``THUMB_WIDTH`` wide, whenever the page paints, and Playwright acknowledges it
itself. A step's frame is the latest picture that arrived by the end of the step; a
page that did not repaint keeps its previous picture (the same bytes). A hung page or a
load still waiting for the portal costs nothing either: the frame is the last thing
the page painted, which is what the CEC was looking at.

Password-type fields show as the browser paints them (bullets): the frames hold no
typed secret. The screenshot at the failure is still taken and masked by
:mod:`triage.capture`.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from typing import Final

from playwright.sync_api import Error, Page, ScreencastFrame, ScreencastSize

from triage.annotate import THUMB_WIDTH

#: The screencast's bounds: ``THUMB_WIDTH`` wide, any page height (the aspect ratio is kept).
FRAME_SIZE: Final = ScreencastSize(width=THUMB_WIDTH, height=THUMB_WIDTH * 4)
FRAME_QUALITY: Final = 60


@dataclass
class FrameCamera:
    """Keeps the latest screencast picture of each followed page of one scenario."""

    #: False under ``--triage-filmstrip=off``: no screencast starts.
    active: bool = True
    latest: dict[int, bytes] = field(default_factory=dict)
    followed: set[int] = field(default_factory=set)

    def follow(self, page: Page) -> None:
        """Start the page's screencast (once); runs inside Playwright's event dispatch, so it never raises."""
        key = id(page)
        if not self.active or key in self.followed:
            return
        self.followed.add(key)

        def keep(frame: ScreencastFrame) -> None:
            self.latest[key] = frame["data"]

        with suppress(Error):
            page.screencast.start(on_frame=keep, size=FRAME_SIZE, quality=FRAME_QUALITY)

    def take(self, page: Page | None) -> bytes | None:
        """The page's latest picture (JPEG, ``THUMB_WIDTH`` wide), or None before its first paint; never waits."""
        if page is None:
            return None
        return self.latest.get(id(page))
