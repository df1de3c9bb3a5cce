"""Bounded evidence capture from a Playwright page that may be navigating, closed or hung.

Every browser call here has a timeout or runs only after a bounded call proved the page
responsive (a hung renderer answers no screenshot, and then nothing else is asked of it).
Nothing raises: what could not be captured is listed, in words, in ``missing``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, Final

from playwright.sync_api import Error, Locator, Page

from cec.landmarks import Landmarks
from triage.annotate import Box

#: A portal code at the end of a message: "... try again. (DC-102)".
CODE: Final = re.compile(r"\(([A-Z]{2,4}-\d{3})\)\s*$")
_RECT_JS: Final = """el => { const r = el.getBoundingClientRect();
  return {x: r.x + scrollX, y: r.y + scrollY, w: r.width, h: r.height, text: el.innerText || ''}; }"""
_RECTS_JS: Final = f"els => els.map({_RECT_JS})"
_DIALOG_NAMES_JS: Final = """els => els.map(el => {
  const by = el.getAttribute('aria-labelledby');
  const named = by ? document.getElementById(by) : null;
  return (el.getAttribute('aria-label') || (named ? named.innerText : '') || '').trim(); })"""
_METRICS_JS: Final = """() => ({sx: scrollX, sy: scrollY, w: innerWidth, h: innerHeight,
  dw: document.documentElement.scrollWidth, dh: document.documentElement.scrollHeight})"""


@dataclass(frozen=True)
class Limits:
    """How long capture may wait for the browser, in milliseconds."""

    first_screenshot_ms: float = 1500
    screenshot_ms: float = 3000
    settle_ms: float = 1000
    element_ms: float = 500
    frame_ms: float = 1500


@dataclass
class Capture:
    """What the page showed at the failure; ``missing`` says what could not be captured and why."""

    url: str = ""
    heading: str = ""
    portal_messages: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    viewport_png: bytes | None = None
    full_png: bytes | None = None
    #: Boxes in full-page (document) pixels; ``scroll`` maps them onto the viewport.
    target_box: Box | None = None
    message_boxes: list[Box] = field(default_factory=list)
    #: Fields whose typed value hides a character the eye cannot see, each labelled with it.
    callout_boxes: list[Box] = field(default_factory=list)
    scroll: tuple[float, float] = (0.0, 0.0)
    viewport: tuple[int, int] = (1280, 900)
    missing: list[str] = field(default_factory=list)
    #: What capture had to do to the page (stop a load that never finished), in words.
    notes: list[str] = field(default_factory=list)
    took_ms: float = 0.0

    def codes(self) -> list[str]:
        """The portal codes among the messages, in order ("DC-102")."""
        return [found.group(1) for message in self.portal_messages if (found := CODE.search(message))]


def split_messages(alert_text: str) -> list[str]:
    """One alert region's text as messages, each ending with its code where it has one.

    An error summary lists one message per line; an error page puts a heading line before
    its coded sentence, which belongs to the same message.
    """
    messages: list[str] = []
    pending: list[str] = []
    for line in (raw.strip() for raw in alert_text.splitlines()):
        if not line:
            continue
        pending.append(line)
        if CODE.search(line):
            messages.append(" ".join(pending))
            pending = []
    if pending:
        messages.append(" ".join(pending))
    return messages


def _short(error: BaseException) -> str:
    """The first line of a Playwright error: enough to say why, without its call log."""
    text = str(error).strip().splitlines()
    return text[0][:300] if text else type(error).__name__


def mask_locator(page: Page, landmarks: Landmarks | None, extra: Sequence[Locator] = ()) -> Locator | None:
    """Password-type fields on any page, plus fields the journal typed secrets into, as one locator.

    One combined locator: Playwright resolves each mask locator separately, and five
    more of them would add a quarter to a screenshot's cost.
    """
    masks = landmarks.secret_fields(page) if landmarks is not None else None
    for locator in extra:
        masks = locator if masks is None else masks.or_(locator)
    return masks


def masks_for(page: Page, landmarks: Landmarks | None, extra: Sequence[Locator] = ()) -> list[Locator]:
    """The ``mask`` argument of ``page.screenshot``."""
    masks = mask_locator(page, landmarks, extra)
    return [] if masks is None else [masks]


def screenshot(page: Page, masks: list[Locator], timeout_ms: float, *, full_page: bool = False) -> bytes:
    """A masked PNG of the viewport (or the whole page) within ``timeout_ms``."""
    return page.screenshot(type="png", full_page=full_page, mask=masks, caret="initial", timeout=timeout_ms)


def stop_loading(page: Page) -> bool:
    """Cancel a navigation that is still waiting for the portal (Chromium only); True if done.

    While a form post waits for an answer, Chromium holds the old page's paint and
    Playwright's screenshot waits for the navigation to commit; stopping it is what a
    CEC pressing Esc would do, and shows the page the CEC was looking at. The CDP session
    is left attached: detaching waits on the renderer, which hangs with a hung page.
    """
    try:
        page.context.new_cdp_session(page).send("Page.stopLoading")
    except Error:
        return False
    return True


def _page_picture(result: Capture, page: Page, masks: list[Locator], limits: Limits) -> bytes | None:
    """The viewport screenshot, recovering once from a navigation under way (bounded)."""
    try:
        return screenshot(page, masks, limits.first_screenshot_ms)
    except Error as first:
        if page.is_closed():
            result.missing.append("screenshot: the browser page closed while it was being captured")
            return None
        problem = _short(first)
    if stop_loading(page):
        result.notes.append(
            f"no screenshot within {limits.first_screenshot_ms / 1000:g} s ({problem}): the page was stopped "
            "(a load still waiting for the portal, or a busy page) to capture what the CEC was looking at"
        )
    with suppress(Error):
        page.wait_for_load_state("domcontentloaded", timeout=limits.settle_ms)
    try:
        return screenshot(page, masks, limits.screenshot_ms)
    except Error as second:
        result.missing.append(f"screenshot: {problem}; then: {_short(second)}")
        return None


def _box(raw: dict[str, Any], label: str) -> Box | None:
    if not raw or raw.get("w", 0) <= 0 or raw.get("h", 0) <= 0:
        return None
    return Box(float(raw["x"]), float(raw["y"]), float(raw["w"]), float(raw["h"]), label)


def _attempt(result: Capture, what: str, call: Callable[[], Any]) -> Any:
    try:
        return call()
    except Error as error:
        result.missing.append(f"{what}: {_short(error)}")
        return None


def capture_failure(
    page: Page | None,
    target: Locator | None,
    target_name: str = "",
    *,
    secret_locators: Sequence[Locator] = (),
    limits: Limits | None = None,
    on_screenshot: Callable[[bytes], None] | None = None,
    landmarks: Landmarks | None = None,
    callouts: Sequence[tuple[Locator, str]] = (),
) -> Capture:
    """Everything the page shows now, within bounded time; never raises.

    ``on_screenshot`` receives the viewport screenshot as soon as it exists, so pictures
    can be drawn while the rest is still being asked of the browser. ``landmarks`` (from
    the ``pytest_triage_landmarks`` hook) find the heading, messages, dialogs and secret
    fields; without them only the screenshot and the failing element are captured.
    ``callouts`` are fields to mark with a sentence ("U+00A0 NO-BREAK SPACE at position 17").
    """
    limits = limits or Limits()
    started = time.perf_counter()
    result = Capture()
    try:
        _capture_into(result, page, target, target_name, list(secret_locators), limits, on_screenshot, landmarks)
        if result.viewport_png is not None:
            _callout_boxes(result, callouts, limits)
    except Exception as error:  # the report must survive any browser state
        result.missing.append(f"capture stopped early: {type(error).__name__}: {_short(error)}")
    result.took_ms = (time.perf_counter() - started) * 1000
    return result


def _capture_into(
    result: Capture,
    page: Page | None,
    target: Locator | None,
    target_name: str,
    secrets: list[Locator],
    limits: Limits,
    on_screenshot: Callable[[bytes], None] | None,
    landmarks: Landmarks | None,
) -> None:
    if page is None:
        result.missing.append("screenshot, heading and messages: no browser page was open when it failed")
        return
    if page.is_closed():
        result.missing.append("screenshot, heading and messages: the browser page was already closed")
        return
    result.url = page.url
    if page.viewport_size:
        result.viewport = (page.viewport_size["width"], page.viewport_size["height"])
    masks = masks_for(page, landmarks, secrets)
    result.viewport_png = _page_picture(result, page, masks, limits)
    if result.viewport_png is None:
        # No picture in bounded time: the renderer is hung or gone, so asking it for
        # anything else could hang too. Say so and stop.
        result.missing.append("heading, messages and element positions: the page did not respond")
        return
    if on_screenshot is not None:
        on_screenshot(result.viewport_png)
    metrics = _attempt(result, "page size", lambda: page.evaluate(_METRICS_JS)) or {}
    result.scroll = (float(metrics.get("sx", 0)), float(metrics.get("sy", 0)))
    if landmarks is not None:
        _read_landmarks(result, page, landmarks)
    else:
        result.missing.append("heading, messages and dialogs: no plugin answered pytest_triage_landmarks")
    if target is not None:
        _target_box(result, target, target_name, limits)
    document_height = float(metrics.get("dh", 0))
    if document_height > result.viewport[1] + 1 or result.scroll != (0.0, 0.0):
        try:
            result.full_png = screenshot(page, masks, limits.screenshot_ms, full_page=True)
        except Error as error:
            result.missing.append(f"full-page screenshot: {_short(error)}")
    else:
        result.full_png = result.viewport_png


def _read_landmarks(result: Capture, page: Page, landmarks: Landmarks) -> None:
    headings = _attempt(result, "heading", lambda: landmarks.heading(page).all_inner_texts()) or []
    result.heading = " / ".join(text.strip() for text in headings if text.strip())
    alerts = _attempt(result, "portal messages", lambda: landmarks.alerts(page).evaluate_all(_RECTS_JS)) or []
    for alert in alerts:
        result.portal_messages.extend(split_messages(str(alert.get("text", ""))))
        box = _box(alert, "portal message")
        if box is not None:
            result.message_boxes.append(box)
    dialogs = _attempt(result, "dialogs", lambda: landmarks.dialogs(page).evaluate_all(_DIALOG_NAMES_JS)) or []
    result.dialogs = [str(name) for name in dialogs if name]


def _callout_boxes(result: Capture, callouts: Sequence[tuple[Locator, str]], limits: Limits) -> None:
    """Where each field with an invisible or look-alike character is, labelled with what it holds."""
    for locator, text in callouts:
        try:
            if locator.count() == 0:
                continue
            raw = locator.first.evaluate(_RECT_JS, timeout=limits.element_ms)
        except Error as error:
            result.missing.append(f"callout {text!r}: {_short(error)}")
            continue
        box = _box(raw, text)
        if box is not None:
            result.callout_boxes.append(box)


def _target_box(result: Capture, target: Locator, name: str, limits: Limits) -> None:
    label = f"failing action: {name}" if name else "failing action"
    try:
        if target.count() == 0:
            result.missing.append(f"red box: {name or 'the element'} is not on the page any more")
            return
        raw = target.first.evaluate(_RECT_JS, timeout=limits.element_ms)
    except Error as error:
        result.missing.append(f"red box: {_short(error)}")
        return
    result.target_box = _box(raw, label)
    if result.target_box is None:
        result.missing.append(f"red box: {name or 'the element'} is on the page but not visible")
