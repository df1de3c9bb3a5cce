"""A CEC without a mouse (issue 13, @keyboard): keys pressed, text typed, and where the focus is.

Every key press is journaled before it happens, with the element that had the focus, so a
failure right after it is boxed on that element. The focus is read as facts (what it is,
where, whether it shows); the steps judge them.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Final

from playwright.sync_api import Page, expect

from cec.journal import ActionJournal
from pages.base import BasePage, Named

#: The keys a keyboard-only CEC uses (besides typing text): issue 13's list.
KEYS: Final = ("Tab", "Shift+Tab", "Enter", " ", "Escape")
_FOCUS_JS: Final = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) { return null; }
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  const dialog = el.closest('[role=dialog]');
  const titled = dialog && dialog.getAttribute('aria-labelledby');
  return {tag: el.tagName.toLowerCase(), type: el.getAttribute('type') || '', role: el.getAttribute('role') || '',
    name: (label || el.getAttribute('aria-label') || el.innerText || '').replace(/\\*$/, '').trim(),
    x: rect.x + scrollX, y: rect.y + scrollY, w: rect.width, h: rect.height,
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    dialog: titled ? (document.getElementById(titled) || {innerText: ''}).innerText.trim() : (dialog ? '?' : '')};
}"""


@dataclass(frozen=True)
class Focus:
    """The element that has the keyboard focus, as a CEC would see it."""

    tag: str
    type: str
    role: str
    name: str
    x: float
    y: float
    w: float
    h: float
    #: An outline or a box shadow shows where the focus is.
    indicator: bool
    #: The name of the dialog it is in ("" outside any dialog).
    dialog: str

    def describe(self) -> str:
        """"the button 'Continue'", for failure messages."""
        kind = self.role or (f"{self.tag}[{self.type}]" if self.type else self.tag)
        return f"the {kind} {self.name[:60]!r}" + (f" in the {self.dialog!r} dialog" if self.dialog else "")

    @property
    def is_field(self) -> bool:
        """A text box or list the CEC types into."""
        return self.tag in ("input", "select", "textarea") and self.type not in ("checkbox", "submit", "button")

    def reads_after(self, before: Focus) -> bool:
        """True when this element comes after ``before`` in reading order: below it, or beside it to the right."""
        same_row = self.y < before.y + before.h and self.x > before.x
        return self.y + 1 >= before.y or same_row


def _focus(raw: dict[str, Any] | None) -> Focus | None:
    if raw is None:
        return None
    return Focus(
        str(raw["tag"]), str(raw["type"]), str(raw["role"]), str(raw["name"]),
        float(raw["x"]), float(raw["y"]), float(raw["w"]), float(raw["h"]),
        bool(raw["outline"] or raw["shadow"]), str(raw["dialog"]),
    )


class KeyboardUser(BasePage):
    """The CEC's keyboard on whatever page is open."""

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        self.page_name = journal.current_page
        self.guide_step = journal.current_guide_step
        # The focused element has no role or name known in advance: ":focus" is all there is.
        self.focused = self.named("the element with the keyboard focus", page.locator(":focus"))

    def focus(self) -> Focus | None:
        """Where the focus is now (None: on the page itself, nothing focused)."""
        return _focus(self.page.evaluate(_FOCUS_JS))

    def focus_once_loaded(self) -> Focus | None:
        """Where the focus is once the page's own scripts have run.

        A page's script moves the focus (a refused page's to its error summary) when it runs,
        at the end of the document; the error can show before that, and a step that reads the
        focus as soon as the error shows would read it too early.
        """
        self.page.wait_for_load_state("domcontentloaded")
        return self.focus()

    def focus_in_dialog(self, name: str) -> Focus | None:
        """Where the focus is once it has gone into the dialog ``name``, or where it stays if it never does.

        A dialog that opens with its page takes the focus by ``autofocus``, which the browser
        applies when it next renders the page, after the dialog already shows; a step that
        read the focus as soon as the dialog showed could read it one frame too early
        (Playwright's own ``to_be_focused`` retries for the same reason).
        """
        focused = self.page.get_by_role("dialog", name=name, exact=True).locator(":focus")
        with suppress(AssertionError):
            expect(focused).to_have_count(1)
        return self.focus()

    def press(self, key: str) -> None:
        """Press one of the keyboard-only keys (Enter may start a page load: nothing is read after it)."""
        if key not in KEYS:
            raise ValueError(f"{key!r} is not one of the keyboard-only keys {KEYS}")
        spoken = "Space" if key == " " else key
        action = self._note(f"press {spoken} on", self.focused, None, guide_step=None)
        self.page.keyboard.press(key)
        self.journal.complete(action)

    def move(self, key: str = "Tab") -> Focus | None:
        """Press Tab or Shift+Tab; returns where the focus went."""
        self.press(key)
        return self.focus()

    def type_text(self, label: str, value: str, *, secret: bool = False) -> None:
        """Type into the focused field as a CEC types (a list picks the option typed, by its text)."""
        target = Named(f"the {label} field", self.focused.locator, label)
        action = self._note("type", target, value, secret=secret, guide_step=None)
        self.page.keyboard.type(value)
        self.journal.complete(action)

    def follow_page(self) -> None:
        """After a page change: journal entries belong to the page the CEC is on now."""
        self.page_name = self.journal.current_page
        self.guide_step = self.journal.current_guide_step
