"""Which page the CEC is on, and who the CEC is.

Scenario state lives in fixtures set by ``target_fixture`` (``on_page``: the page object
of the page the CEC is on; ``delegation_email``: the email the scenario's Given chose);
the ``cec`` fixture puts the scenario's CEC together from them once, for every step.
"""

from __future__ import annotations

from typing import TypeVar

import pytest

from cec.records import Cec, CecPersona, Credentials, DelegationRecord
from pages.common import PortalPage

P = TypeVar("P", bound=PortalPage)


def on(current: PortalPage, kind: type[P]) -> P:
    """The current page as the page a step needs, failing plainly when the CEC is elsewhere."""
    __tracebackhide__ = True
    assert isinstance(current, kind), f"the CEC is on {current.page_name!r}, not on {kind.page_name!r}"
    return current


@pytest.fixture
def cec(delegation_email: DelegationRecord, persona: CecPersona, credentials: Credentials) -> Cec:
    """The scenario's CEC: their delegation email, their details, their chosen credentials.

    ``delegation_email`` comes from the scenario's first Given ("a CEC has a delegation
    email", or a used or expired one), so the CEC is put together on first use, after it.
    """
    return Cec(delegation_email, persona, credentials)
