"""The narrator: pure functions from the journal (and the captured page) to what triage.md says.

No browser, no state: the same journal always gives the same sentences, so each can be
tested on a hand-made journal.
"""

from __future__ import annotations

from typing import Final

from playwright.sync_api import Locator

from cec.journal import WAIT_VERB, ActionJournal
from triage.capture import Capture
from triage.findings import Finding, check_values, visible
from triage.guide import Whereabouts
from triage.schema import TypedJson

PAST_TENSE: Final = {
    "click": "clicked", "type": "typed into", "select": "chose an option in", "check": "ticked", WAIT_VERB: "waited for"
}


def whereabouts(journal: ActionJournal, capture: Capture) -> Whereabouts:
    """What the journal and the captured page say about where the CEC was."""
    last = journal.last
    return Whereabouts(
        journal_step=journal.current_guide_step,
        last_verb=last.verb if last else "",
        last_target=last.target if last else "",
        last_page=last.page_name if last else "",
        last_role=last.role if last else "",
        last_completed=journal.last_completed,
        arrived_since=journal.arrived_since_last_action,
        portal_messages=tuple(capture.portal_messages),
        heading=capture.heading,
        dialogs=tuple(capture.dialogs),
        who=journal.who,
    )


def doing(journal: ActionJournal | None, failed_step: str) -> str:
    """One plain sentence: what the CEC had just done when it failed."""
    step = f'During the step "{failed_step}"' if failed_step else "Outside any Gherkin step"
    who = journal.who if journal is not None else "the CEC"
    if journal is None or (journal.last is None and not journal.current_page):
        return f"{step}, before {who} had done anything on the portal."
    last = journal.last
    if journal.arrived_since_last_action or last is None:
        return f"{step}, {who} was on {journal.current_page}."
    verb = PAST_TENSE.get(last.verb, last.verb)
    if journal.last_completed:
        sentence = f"{step}, {who} {verb} {last.target} on {last.page_name}"
    elif last.verb == WAIT_VERB:
        sentence = f"{step}, {who} waited for {last.target} on {last.page_name}, and it never became usable"
    else:
        sentence = (
            f"{step}, {who} went to {last.verb} {last.target} on {last.page_name}, "
            "and the browser never finished doing it"
        )
    if journal.awaiting_page:
        sentence += f"; {who} was then waiting for {journal.awaiting_page} to appear"
    return sentence + "."


def findings(journal: ActionJournal) -> list[Finding]:
    """Input hygiene for every value typed, each named by its field's label where the page recorded it."""
    return check_values((typed.label or typed.field, typed.value) for typed in journal.typed)


def callouts(journal: ActionJournal) -> list[tuple[Locator, str]]:
    """A callout per finding, on the field it was typed into: "U+00A0 NO-BREAK SPACE at position 17".

    A screenshot cannot show a non-breaking space or a zero-width character; the callout
    says what the field holds, so the picture EAS forwards explains itself.
    """
    where: dict[str, Locator] = {}
    for action in journal.actions:
        if action.value is not None and not action.secret:
            where[action.label or action.target] = action.locator
    marked: list[tuple[Locator, str]] = []
    for finding in findings(journal):
        locator = where.get(finding.field)
        if locator is not None:
            marked.append((locator, f"{finding.codepoint} {finding.char_name} at position {finding.position}"))
    return marked


def data_used(journal: ActionJournal) -> list[TypedJson]:
    """Every value typed, as triage.json lists it (secrets already replaced)."""
    return [
        {"guide_step": typed.guide_step, "field": typed.field, "value": visible(typed.shown())}
        for typed in journal.typed
    ]
