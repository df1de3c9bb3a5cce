"""``--pause-on-failure`` reaches the Inspector at the failing step, with the page from the journal."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import pytest

from cec.evidence import register_journals
from cec.journal import ActionJournal, Journals
from fixtures.browser import pytest_bdd_step_error


@dataclass
class PauseRecorder:
    """Stands in for a Playwright page: records each pause instead of opening the Inspector."""

    pauses: int = 0

    def is_closed(self) -> bool:
        return False

    def pause(self) -> None:
        self.pauses += 1


@dataclass
class Writer:
    lines: list[str] = field(default_factory=list)

    def line(self, text: str) -> None:
        self.lines.append(text)


@dataclass
class Step:
    name: str


class Options:
    """A config whose options and terminal writer the hook reads."""

    def __init__(self, **options: object) -> None:
        self.options = options
        self.writer = Writer()

    def getoption(self, name: str) -> object:
        return self.options[name]

    def get_terminal_writer(self) -> Writer:
        return self.writer


@dataclass
class Node:
    stash: pytest.Stash = field(default_factory=pytest.Stash)


@dataclass
class Request:
    config: Options
    node: Node = field(default_factory=Node)


def _failing_step(headed: bool) -> tuple[PauseRecorder, Options]:
    page = PauseRecorder()
    journals = Journals()
    journal: ActionJournal = journals()
    journal.page = cast(Any, page)
    journal.expect_page("Use of the Website")
    request = Request(Options(pause_on_failure=True, headed=headed))
    register_journals(cast(Any, request), journals)
    pytest_bdd_step_error(cast(Any, request), Step("the CEC clicks CONTINUE"))
    return page, request.config


def test_the_pause_is_reached_at_the_failing_step_with_the_journal_s_page() -> None:
    page, config = _failing_step(headed=True)
    assert page.pauses == 1
    assert config.writer.lines == ["Paused at the failing step: the CEC clicks CONTINUE (resume in the Inspector)"]


def test_no_pause_without_a_window() -> None:
    page, _ = _failing_step(headed=False)
    assert page.pauses == 0
