"""Triage's inputs arrive by registration (cec.evidence), never by scanning fixture values."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from cec.evidence import (
    register_delegation,
    register_journals,
    register_portal,
    register_secrets,
    run_facts,
    scenario_facts,
)
from cec.journal import Journals
from cec.records import DelegationRecord
from triage.capture import Capture, Limits
from triage.run import RunState
from triage.scenario import ScenarioState


def request() -> pytest.FixtureRequest:
    """Just what the register functions use of a fixture request: the item's stash."""
    return cast(pytest.FixtureRequest, SimpleNamespace(node=SimpleNamespace(stash=pytest.Stash())))


def test_registered_facts_reach_the_bundle_and_the_redactor(tmp_path: Path) -> None:
    asked = request()
    book = Journals()
    register_journals(asked, book)
    register_delegation(asked, DelegationRecord("SJ5Nen", "Bay Clinic", "123456789"))
    register_secrets(asked, ["Answer-1", None])
    config = SimpleNamespace(stash=pytest.Stash())
    register_portal(cast(pytest.Config, config), "http://portal:8080", external=True, admin_token="tok-42")
    run = RunState("run", tmp_path, filmstrip=False, trace=False, limits=Limits(), controller=True,
                   facts=run_facts(cast(pytest.Config, config)))
    state = ScenarioState("node", "name", datetime.now(UTC), facts=scenario_facts(asked.node))
    book()
    assert state.book() is book
    assert state.journal is book.made[0]
    redactor = state.redactor(run)
    assert redactor.text("Answer-1 tok-42") == "[redacted] [redacted]"
    document = state.document(run, Capture(), redactor)
    assert document["delegation_email"] == {
        "delegation_code": "SJ5Nen", "business_name": "Bay Clinic", "cert_number": "123456789"
    }
    assert document["portal_url"] == "http://portal:8080"
    assert '--base-url http://portal:8080 --admin-token "$MOCK_ADMIN_TOKEN"' in document["reproduce"]

