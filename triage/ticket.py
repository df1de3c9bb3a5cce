r"""EAS tickets: what a CEC reported, in a small TOML file EAS staff fill in by hand.

The three values are kept exactly as the CEC typed them (TOML quotes keep spaces and
``\u00a0`` escapes), because a stray space is the commonest cause of a failed
activation. Every problem in a ticket is reported with the key (and line, where TOML
gives one) so a non-programmer can fix it; nothing here raises a traceback at a user.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from fixtures.records import CecPersona, DelegationRecord

STATUSES = ("issued", "used", "expired")
DELEGATION_KEYS = ("delegation_code", "business_name", "cert_number")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_TABLES = {
    "entered": DELEGATION_KEYS,
    "on_file": (*DELEGATION_KEYS, "status"),
    "report": ("guide_step", "note"),
    "user_information": tuple(f.name for f in fields(CecPersona)),
    "account": ("username",),
}


class TicketError(ValueError):
    """A ticket that cannot be used; the message names the file and the bad key or line."""


@dataclass(frozen=True)
class Ticket:
    """One reported activation problem."""

    path: Path
    entered: DelegationRecord
    on_file: DelegationRecord
    reported_step: int | None = None
    note: str = ""
    user_information: dict[str, str] = field(default_factory=dict)
    username: str | None = None

    @property
    def name(self) -> str:
        """The ticket's file name without .toml: names its report folder."""
        return self.path.stem


def trimmed(value: str) -> str:
    """What the portal most likely holds for a typed value: no surrounding white space."""
    return value.strip().strip(_ZERO_WIDTH).strip()


def _table(data: dict[str, Any], name: str, where: str, *, required: bool) -> dict[str, Any]:
    table = data.get(name)
    if table is None:
        if required:
            raise TicketError(f"{where}: the [{name}] table is missing; it needs {', '.join(DELEGATION_KEYS)}")
        return {}
    if not isinstance(table, dict):
        raise TicketError(f"{where}: '{name}' must be a table written as [{name}], not a single value")
    unknown = sorted(set(table) - set(_TABLES[name]))
    if unknown:
        raise TicketError(
            f"{where}: [{name}] has unknown key(s) {', '.join(unknown)}; allowed: {', '.join(_TABLES[name])}"
        )
    return table


def _string(table: dict[str, Any], table_name: str, key: str, where: str, *, required: bool) -> str | None:
    value = table.get(key)
    if value is None:
        if required:
            raise TicketError(f"{where}: [{table_name}] {key} is missing")
        return None
    if not isinstance(value, str):
        raise TicketError(
            f'{where}: [{table_name}] {key} must be text in quotes, e.g. {key} = "{value}", not {type(value).__name__}'
        )
    return value


def parse_ticket(text: str, path: Path) -> Ticket:
    """Check a ticket's text and turn it into a :class:`Ticket`."""
    where = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TicketError(f"{where}: not valid TOML: {error}") from None
    unknown = sorted(set(data) - set(_TABLES))
    if unknown:
        raise TicketError(f"{where}: unknown table(s) {', '.join(unknown)}; allowed: {', '.join(_TABLES)}")
    entered_table = _table(data, "entered", where, required=True)
    entered = [_string(entered_table, "entered", key, where, required=True) or "" for key in DELEGATION_KEYS]
    on_file_table = _table(data, "on_file", where, required=False)
    on_file = [
        _string(on_file_table, "on_file", key, where, required=False) or trimmed(typed)
        for key, typed in zip(DELEGATION_KEYS, entered, strict=True)
    ]
    status = _string(on_file_table, "on_file", "status", where, required=False) or "issued"
    if status not in STATUSES:
        raise TicketError(f"{where}: [on_file] status must be one of {', '.join(STATUSES)}, not {status!r}")
    report = _table(data, "report", where, required=False)
    step = report.get("guide_step")
    if step is not None and (isinstance(step, bool) or not isinstance(step, int) or not 1 <= step <= 9):
        raise TicketError(f"{where}: [report] guide_step must be a whole number from 1 to 9, not {step!r}")
    note = _string(report, "report", "note", where, required=False) or ""
    info_table = _table(data, "user_information", where, required=False)
    info = {key: _string(info_table, "user_information", key, where, required=True) or "" for key in info_table}
    account = _table(data, "account", where, required=False)
    username = _string(account, "account", "username", where, required=False)
    return Ticket(
        path=path,
        entered=DelegationRecord(entered[0], entered[1], entered[2]),
        on_file=DelegationRecord(on_file[0], on_file[1], on_file[2], status=status),
        reported_step=step,
        note=note,
        user_information=info,
        username=username,
    )


def load_ticket(path: str | Path) -> Ticket:
    """Read a ticket file; a missing or unreadable file is a :class:`TicketError` too."""
    ticket_path = Path(path)
    try:
        text = ticket_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TicketError(f"{ticket_path}: no such ticket file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise TicketError(f"{ticket_path}: cannot be read ({error})") from None
    return parse_ticket(text, ticket_path)
