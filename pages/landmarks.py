"""The portal-wide landmarks triage reads on any page: heading, alerts, dialogs, secret fields.

Triage knows no page object; it asks the ``pytest_triage_landmarks`` hook (declared in
triage/hooks.py), which this plugin answers, so the selectors stay in pages/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pytest
from playwright.sync_api import Locator, Page

from cec.landmarks import Landmarks

#: Password-type inputs: the portal renders passwords and security answers so.
SECRET_FIELDS_CSS: Final = "input[type=password]"  # noqa: S105 - a selector, not a password

#: What triage's filmstrip needs to know about the page now, as one JavaScript function of
#: the secret-field selector: the scroll position and window size, the boxes of the fields
#: to mask, and a cheap signature that changes when what the CEC sees changes (address,
#: text, typed values, ticks, disabled buttons, hidden or invalid elements, open dialogs,
#: scrolling). The signature is an FNV-1a hash: it stays in memory, never in a report.
PAGE_FACTS_JS = """(secret) => {
  const fields = [...document.querySelectorAll('input, select, textarea, button')];
  const shown = [document.body ? document.body.textContent : '',
    fields.map(el => `${el.value || ''}${el.checked ? 'c' : ''}${el.disabled ? 'd' : ''}`).join(','),
    [...document.querySelectorAll('[hidden], [aria-invalid=true], [role=dialog], dialog[open]')]
      .map(el => el.tagName + (el.hidden ? 'h' : '') + (el.getAttribute('aria-invalid') || '')).join(',')].join('|');
  let hash = 2166136261;
  for (let i = 0; i < shown.length; i++) { hash = Math.imul(hash ^ shown.charCodeAt(i), 16777619); }
  return {sx: scrollX, sy: scrollY, w: innerWidth, h: innerHeight,
    boxes: [...document.querySelectorAll(secret)].map(el => {
      const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }),
    signature: [location.href, scrollX, scrollY, innerWidth, innerHeight, shown.length, hash >>> 0].join('|')};
}"""


@dataclass(frozen=True)
class PortalLandmarks:
    """The landmarks of the CoveredCA sign-up pages (and of the mock), by role."""

    secret_fields_css: str = SECRET_FIELDS_CSS
    page_facts_js: str = PAGE_FACTS_JS

    def heading(self, page: Page) -> Locator:
        """The page's <h1>(s)."""
        return page.get_by_role("heading", level=1)

    def alerts(self, page: Page) -> Locator:
        """Every role=alert region."""
        return page.get_by_role("alert")

    def dialogs(self, page: Page) -> Locator:
        """Every open dialog."""
        return page.get_by_role("dialog")

    def secret_fields(self, page: Page) -> Locator:
        """Every password-type input: masked in every screenshot, journaled or not."""
        return page.locator(self.secret_fields_css)


PORTAL_LANDMARKS: Final = PortalLandmarks()


@pytest.hookimpl(optionalhook=True)
def pytest_triage_landmarks(config: pytest.Config) -> Landmarks:
    """Hand triage the portal's landmarks (optional: the run may have triage off)."""
    return PORTAL_LANDMARKS
