"""Small helpers the step modules share: which page the CEC is on, and who the CEC is.

Scenario state lives in fixtures set by ``target_fixture`` (``on_page``: the page object
of the page the CEC is on); these helpers only check and combine it.
"""

from __future__ import annotations

from typing import TypeVar

from cec.records import CecPersona, Credentials, DelegationRecord
from pages.common import PortalPage
from pages.journey import Cec

P = TypeVar("P", bound=PortalPage)


def on(current: PortalPage, kind: type[P]) -> P:
    """The current page as the page a step needs, failing plainly when the CEC is elsewhere."""
    assert isinstance(current, kind), f"the CEC is on {current.page_name!r}, not on {kind.page_name!r}"
    return current


def the_cec(delegation_email: DelegationRecord, persona: CecPersona, credentials: Credentials) -> Cec:
    """The CEC of this scenario: their delegation email, their details, their chosen credentials."""
    return Cec(delegation_email, persona, credentials)
