"""What axe-core finds on the page the CEC is on (issue 13): WCAG 2.1 A and AA rules only.

axe-core ships inside axe-playwright-python (no network needed). This module runs it and
reports what it sees; the steps decide that a violation fails. The offending elements are
journaled as one action, so triage boxes them on the failure's screenshot, and their
positions are returned for the evidence picture that boxes every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page

from cec.journal import ActionJournal
from pages.base import BasePage, Named

#: The axe-core tags of WCAG 2.0 and 2.1, levels A and AA: what issue 13 asks the portal to meet.
WCAG_TAGS: Final = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: The journal's verb for an element axe-core found at fault.
AXE_VERB: Final = "accessibility check of"
_AXE: Final = Axe()
_RECT_JS: Final = """els => els.map(el => { const r = el.getBoundingClientRect();
  return [r.x + scrollX, r.y + scrollY, r.width, r.height]; })"""


@dataclass(frozen=True)
class Violation:
    """One axe-core rule the page breaks, and where."""

    rule: str
    impact: str
    help: str
    help_url: str
    #: axe-core's CSS selector of each offending element (its own words for where they are).
    targets: tuple[str, ...]
    #: The start of each offending element's HTML, as axe-core quotes it.
    html: tuple[str, ...]

    def describe(self) -> str:
        """The violation as a failure message names it: rule, impact, help URL, offending elements."""
        elements = "\n".join(f"    {target}: {html}" for target, html in zip(self.targets, self.html, strict=True))
        return f"{self.rule} ({self.impact}): {self.help}\n  {self.help_url}\n{elements}"


def _violation(raw: dict[str, Any]) -> Violation:
    nodes = raw.get("nodes", [])
    # A target inside a frame or shadow root is a list of selectors; the last one is the element.
    targets = tuple(str(t[-1] if isinstance(t, list) else t) for node in nodes for t in node.get("target", [])[:1])
    return Violation(
        rule=str(raw.get("id", "")),
        impact=str(raw.get("impact") or "unknown"),
        help=str(raw.get("help", "")),
        help_url=str(raw.get("helpUrl", "")),
        targets=targets,
        html=tuple(str(node.get("html", ""))[:160] for node in nodes),
    )


class AccessibilityScan(BasePage):
    """axe-core run over whatever the CEC's browser shows now (a page, or a page with a dialog open)."""

    def __init__(self, page: Page, journal: ActionJournal) -> None:
        super().__init__(page, journal)
        self.page_name = journal.current_page
        self.guide_step = journal.current_guide_step

    def violations(self) -> list[Violation]:
        """Every WCAG 2.1 A/AA rule axe-core finds broken, in axe-core's order."""
        options = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}
        results = _AXE.run(self.page, options=options)
        return [_violation(raw) for raw in results.response.get("violations", [])]

    def offending(self, violations: list[Violation]) -> Locator:
        """Every offending element as one locator (axe-core names them by CSS; there is no role to use)."""
        return self.page.locator(", ".join(dict.fromkeys(t for v in violations for t in v.targets)))

    def point_at(self, violations: list[Violation]) -> None:
        """Journal the offending elements as the last thing looked at: triage boxes them at the failure."""
        rules = ", ".join(v.rule for v in violations)
        target = Named(f"the elements breaking {rules}", self.offending(violations))
        self.journal.complete(self._note(AXE_VERB, target, None, guide_step=None))

    def boxes(self, violations: list[Violation]) -> list[tuple[str, tuple[float, float, float, float]]]:
        """Each offending element's rule and box in page pixels (for the evidence picture)."""
        found: list[tuple[str, tuple[float, float, float, float]]] = []
        for violation in violations:
            for target in violation.targets:
                rects = self.page.locator(target).evaluate_all(_RECT_JS)
                found.extend((violation.rule, (r[0], r[1], r[2], r[3])) for r in rects)
        return found

    def full_page_picture(self) -> bytes:
        """The whole page as it is now (passwords masked), for the evidence picture."""
        secrets = self.page.locator("input[type=password]")
        return self.page.screenshot(type="png", full_page=True, mask=[secrets], animations="disabled")
