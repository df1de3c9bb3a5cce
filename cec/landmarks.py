"""What triage needs to find on any portal page, as an interface pages/ implements.

Triage describes a page it knows nothing about (which heading, which messages, which
dialogs, which fields to mask) without importing a page object: pages/ answers the
``pytest_triage_landmarks`` hook (triage/hooks.py) with an object of this shape, so every
selector stays in pages/ and the dependency points one way.
"""

from __future__ import annotations

from typing import Protocol

from playwright.sync_api import Locator, Page


class Landmarks(Protocol):
    """The portal-wide locators a failure report reads."""

    @property
    def secret_fields_css(self) -> str:
        """A CSS selector for the fields whose values a screenshot must mask (passwords, answers)."""
        ...

    @property
    def page_facts_js(self) -> str:
        """One JavaScript function of ``secret_fields_css`` that the filmstrip evaluates per frame.

        It gives the scroll position, window size, boxes to mask, and a signature of what
        the CEC sees (so an unchanged page reuses its last frame).
        """
        ...

    def heading(self, page: Page) -> Locator:
        """The page's <h1>(s): how a CEC, and a report, names the page on screen."""
        ...

    def alerts(self, page: Page) -> Locator:
        """Every role=alert region: error summaries and error pages."""
        ...

    def dialogs(self, page: Page) -> Locator:
        """Every open dialog (the terms, the Account Created pop-up)."""
        ...

    def secret_fields(self, page: Page) -> Locator:
        """Every field matched by ``secret_fields_css``."""
        ...
