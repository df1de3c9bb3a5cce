"""Accessibility steps (issue 13, @a11y): axe-core's WCAG 2.1 A and AA rules on what the CEC sees."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_bdd import then, when

from cec.evidence import register_evidence_file
from cec.journal import ActionJournal
from cec.records import DelegationRecord
from pages.accessibility import AccessibilityScan
from pages.common import PortalPage
from pages.create_account import CreateAccountPage
from steps.pictures import boxed
from steps.shared.state import on

#: The bundle's picture of every offending element, boxed and labelled with its rule.
A11Y_PICTURE = "accessibility.png"
#: Values no delegation email holds, fixed so the DC-102 state looks the same every run.
WRONG_DELEGATION = DelegationRecord("ZZ0000", "No Such Enrollment Entity", "000000000")


@then("axe-core finds no WCAG 2.1 A or AA violation")
def no_violations(page: Page, journal: ActionJournal, request: pytest.FixtureRequest) -> None:
    """Fail with each rule, its impact, its help URL and the offending elements; box them in the bundle."""
    scan = AccessibilityScan(page, journal)
    violations = scan.violations()
    if not violations:
        return
    scan.point_at(violations)
    register_evidence_file(request, A11Y_PICTURE, boxed(scan.full_page_picture(), scan.boxes(violations)))
    listed = "\n".join(violation.describe() for violation in violations)
    where = journal.current_page or page.url
    pytest.fail(f"axe-core found {len(violations)} WCAG 2.1 A/AA violation(s) on {where}:\n{listed}", pytrace=False)


@when("the CEC clicks CONTINUE with a Delegation Code no email holds")
def continue_with_wrong_code(on_page: PortalPage) -> None:
    """Guide step 2 with one wrong value: the portal answers DC-102."""
    on(on_page, CreateAccountPage).enter_delegation(WRONG_DELEGATION).press_continue()
