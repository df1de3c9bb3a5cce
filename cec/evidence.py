"""What the project's fixtures tell the triage plugin, registered explicitly on pytest's stash.

The fixtures that make a scenario's journals, delegation record and secrets (and the run's
portal and admin token) call the ``register_*`` functions; triage reads only these stash
keys. A renamed fixture still registers; a fixture that stops registering breaks loudly
in triage's own tests instead of silently dropping evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final, Protocol

import pytest

from cec.journal import Journals
from cec.records import DelegationRecord

#: The run's Faker seed (fixtures/data.py sets it; triage prints it in the reproduce command).
FAKER_SEED_KEY: Final = pytest.StashKey[int]()


@dataclass
class ScenarioFacts:
    """One test item's registered facts: its CECs' journals, its delegation record, its secrets."""

    journals: Journals | None = None
    delegation: DelegationRecord | None = None
    secrets: set[str] = field(default_factory=set)
    #: Extra evidence files for the bundle, by file name (issue 13: a11y boxes, visual diffs).
    files: dict[str, bytes] = field(default_factory=dict)
    #: The page the scenario started on without walking there (issue 11's fast-forward), else "".
    fast_forward: str = ""
    #: Options its reproduce command needs besides the run's (``--ticket PATH`` of one replayed ticket).
    reproduce_options: list[str] = field(default_factory=list)


@dataclass
class RunFacts:
    """The run's registered facts: where the portal is, and the admin token to redact."""

    portal_url: str = ""
    external_portal: bool = False
    #: The portal has the mock's admin API (False for a portal at --base-url without a token: real-portal mode).
    admin_api: bool = False
    secrets: set[str] = field(default_factory=set)
    #: Options a replay needs to test the same thing (``--ticket PATH`` for an EAS replay).
    reproduce_options: list[str] = field(default_factory=list)

    def real_portal(self) -> bool:
        """A portal given with --base-url and no admin API: a second attempt there is not the suite's to make."""
        return self.external_portal and not self.admin_api


class Stashed(Protocol):
    """A pytest node or config: anything with a stash."""

    @property
    def stash(self) -> pytest.Stash:
        """Pytest's per-object store."""
        ...


SCENARIO_FACTS: Final = pytest.StashKey[ScenarioFacts]()
RUN_FACTS: Final = pytest.StashKey[RunFacts]()


def scenario_facts(node: Stashed) -> ScenarioFacts:
    """The item's facts, made on first use."""
    return node.stash.setdefault(SCENARIO_FACTS, ScenarioFacts())


def run_facts(config: Stashed) -> RunFacts:
    """The run's facts, made on first use."""
    return config.stash.setdefault(RUN_FACTS, RunFacts())


def register_journals(request: pytest.FixtureRequest, journals: Journals) -> None:
    """The scenario's book of journals (every CEC's), for attribution, narration and redaction."""
    scenario_facts(request.node).journals = journals


def register_delegation(request: pytest.FixtureRequest, record: DelegationRecord) -> None:
    """The delegation email's values the scenario used."""
    scenario_facts(request.node).delegation = record


def register_fast_forward(request: pytest.FixtureRequest, page_name: str) -> None:
    """The scenario started on ``page_name``: the mock made a session with the steps before it done."""
    scenario_facts(request.node).fast_forward = page_name


def register_secrets(request: pytest.FixtureRequest, secrets: Iterable[str | None]) -> None:
    """Values no report may show (passwords, security answers)."""
    scenario_facts(request.node).secrets.update(str(secret) for secret in secrets if secret)


def register_evidence_file(request: pytest.FixtureRequest, name: str, data: bytes) -> None:
    """A file the failure's bundle must hold beside triage's own (a diff image, the boxed violations)."""
    scenario_facts(request.node).files[name] = data


def register_portal(config: pytest.Config, base_url: str, *, external: bool, admin_token: str | None) -> None:
    """Where the portal is (for the reproduce command) and its admin token (to redact)."""
    facts = run_facts(config)
    facts.portal_url = base_url
    facts.external_portal = external
    facts.admin_api = bool(admin_token)
    if admin_token:
        facts.secrets.add(admin_token)


def register_reproduce_options(config: pytest.Config, *options: str) -> None:
    """Options the reproduce command must carry for this run's scenarios to mean the same."""
    run_facts(config).reproduce_options.extend(options)


def register_scenario_reproduce_options(request: pytest.FixtureRequest, *options: str) -> None:
    """Options this scenario's reproduce command must carry, besides the run's (its own ticket)."""
    scenario_facts(request.node).reproduce_options.extend(options)
