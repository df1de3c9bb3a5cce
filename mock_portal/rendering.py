"""Render the portal's pages with less per-request work than Flask's ``render_template`` (issue 11, goal 4).

Flask's path runs the context processors (``g``, ``request``, ``session``, ``config`` put into
every template's context) and two signals on each render; no portal template reads any of
them, and they cost about as much as a small page's own markup. The links in a page are the
same on every request (no route takes a parameter, the portal is always served at the root),
so each is built once per app and script root instead of once per render. A select's options
(58 counties, 56 states) are escaped once and joined in Python, not looped over in the template.

A page depends only on its template and context, and most GETs show a fresh form whose only
per-session part is the CSRF token: each page is kept, rendered with a slot where the token
goes, keyed by its template, script root and the rest of its context; the next request with
the same context gets it with its own token put in the slot. A context holding anything but
plain data (strings, numbers, lists, dicts, frozen dataclasses) is rendered every time.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from typing import Any

from flask import Flask, current_app, request
from markupsafe import Markup, escape

#: The app extension holding the URLs already built, keyed by script root, endpoint and values.
URLS_EXTENSION = "mock_portal.urls"
#: At most this many URLs are kept (the portal builds a dozen; a script root is the server's to
#: set, but a bound keeps a client that could vary it from growing the table).
MAX_URLS = 256
#: The app extension holding the pages already rendered.
PAGES_EXTENSION = "mock_portal.pages"
#: How many pages are kept; when full the table starts afresh (re-shown values make pages many).
MAX_PAGES = 512
#: The context key of the session's CSRF token.
TOKEN_KEY = "csrf_token"  # noqa: S105 - the name of a context key, not a secret
#: Where the token goes in a kept page: Markup, so it is written as it is, with characters that
#: escaping changes, so no value anyone typed can produce it in a page.
TOKEN_SLOT = Markup("<csrf-token-slot>")
_PLAIN = (str, int, float, bool, type(None))


class _NotPlain(Exception):
    """A context value that cannot be part of a key (so the page is rendered every time)."""


def _frozen(value: object) -> object:
    """``value`` as a hashable key, its types included (so ``Markup("<b>")`` and ``"<b>"`` differ)."""
    kind = type(value)
    if kind is str:
        return value
    if kind in _PLAIN:
        return (kind, value)
    if kind is dict:
        return (dict, tuple((key, _frozen(item)) for key, item in value.items()))  # type: ignore[attr-defined]
    if kind is list or kind is tuple:
        return (kind, tuple(_frozen(item) for item in value))  # type: ignore[attr-defined]
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and kind.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return (kind, tuple(_frozen(getattr(value, f.name)) for f in dataclasses.fields(value)))
    raise _NotPlain(kind.__name__)


def render(template: str, **context: Any) -> str:
    """The named template rendered with exactly ``context`` (and the Jinja globals, ``url_for`` among them)."""
    token = context.pop(TOKEN_KEY, None)
    try:
        key = (template, request.root_path, type(token), _frozen(context))
    except _NotPlain:
        return _render(template, context, token)
    pages: dict[object, str] = current_app.extensions[PAGES_EXTENSION]
    page = pages.get(key)
    if page is None:
        page = _render(template, context, TOKEN_SLOT if token is not None else None)
        if len(pages) >= MAX_PAGES:
            pages.clear()
        pages[key] = page
    return page if token is None else page.replace(TOKEN_SLOT, str(escape(token)))


def _render(template: str, context: dict[str, Any], token: object) -> str:
    if token is not None:
        context[TOKEN_KEY] = token
    return current_app.jinja_env.get_template(template).render(context)


def url_for(endpoint: str, **values: Any) -> str:
    """``flask.url_for`` for an app-relative link, built once and then looked up."""
    built: dict[tuple[str, str, tuple[tuple[str, Any], ...]], str] = current_app.extensions[URLS_EXTENSION]
    key = (request.root_path, endpoint, tuple(sorted(values.items())))
    found = built.get(key)
    if found is None:
        found = current_app.url_for(endpoint, **values)
        if len(built) < MAX_URLS:
            built[key] = found
    return found


@functools.lru_cache(maxsize=64)
def _escaped_options(options: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    """Each option's value, its tag up to the ``>`` without it, and the rest of the tag, escaped."""
    return tuple((value, f'<option value="{escape(value)}"', f">{escape(shown)}</option>\n    ")
                 for value, shown in options)


def option_tags(options: Iterable[str | tuple[str, str]], selected: object) -> Markup:
    """The ``<option>`` tags of a select: each a string shown as its value, or a (value, shown) pair.

    The one whose value equals ``selected`` is marked ``selected``; each tag is followed by the
    line break and indent the template's loop used to write.
    """
    pairs = tuple((item, item) if isinstance(item, str) else (item[0], item[1]) for item in options)
    tags = "".join(f"{start} selected{end}" if value == selected else f"{start}{end}"
                   for value, start, end in _escaped_options(pairs))
    return Markup(tags)  # noqa: S704 - every value and label in the pieces was escaped by _escaped_options


def install(app: Flask) -> None:
    """Give the app its table of built URLs and the templates the cached ``url_for`` and ``option_tags``."""
    app.extensions[URLS_EXTENSION] = {}
    app.extensions[PAGES_EXTENSION] = {}
    app.jinja_env.globals["url_for"] = url_for
    app.jinja_env.globals["option_tags"] = option_tags
