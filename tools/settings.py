"""The project's options, settable on the command line or as ini options in pyproject (issue 12).

Every option is registered twice, ``--triage-dir`` and ``triage_dir`` in
``[tool.pytest.ini_options]``, with the command line winning: CI keeps its settings in
pyproject and a developer still overrides one for a single run. The option's default is
None so "not given" can be told apart from a value equal to the default.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

#: How each setting's ini text becomes a value: its type and allowed choices, as the option declares them.
_KINDS: dict[str, tuple[type, tuple[str, ...]]] = {}


def add_setting(
    parser: pytest.Parser,
    group: str,
    flag: str,
    *,
    help: str,
    choices: Sequence[str] = (),
    type_: type = str,
    default: str | None = None,
) -> None:
    """``--flag`` and its ini twin (``flag`` with underscores); ``default`` applies when neither is given."""
    name = flag.lstrip("-").replace("-", "_")
    shown = f"{help} (ini option: {name}" + (f"; default {default})" if default is not None else ")")
    options: dict[str, Any] = {"default": None, "help": shown, "type": type_}
    if choices:
        options["choices"] = list(choices)
    parser.getgroup(group).addoption(flag, dest=name, **options)
    parser.addini(name, help=help, default=default)
    _KINDS[name] = (type_, tuple(choices))


def setting(config: pytest.Config, name: str) -> Any:
    """The option's value when given on the command line, else its ini value, else its default (None if none).

    An ini value is checked against the option's type and choices like a command-line one,
    so a typo in pyproject stops the run with a message instead of being ignored.
    """
    value = config.getoption(name)
    if value is not None:
        return value
    raw = config.getini(name)
    if raw is None or str(raw) == "":
        return None
    kind, choices = _KINDS.get(name, (str, ()))
    try:
        value = kind(str(raw))
    except ValueError:
        raise pytest.UsageError(f"ini option {name} = {raw!r} is not a valid {kind.__name__}") from None
    if choices and value not in choices:
        raise pytest.UsageError(f"ini option {name} = {raw!r} must be one of {', '.join(choices)}")
    return value


def only_listing(config: pytest.Config) -> bool:
    """True when pytest only lists tests or fixtures: nothing runs, so nothing is checked or reported."""
    return bool(config.option.collectonly or config.option.showfixtures)
