"""What the sign-up pages share: progress through the steps, re-shown values and errors, rendering."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import g, redirect, session
from flask.globals import request_ctx
from werkzeug.wrappers import Response

from cec.codes import ErrorCode
from cec.link import SIGN_UP_LINK
from mock_portal import csrf, messages
from mock_portal.messages import Problem
from mock_portal.rendering import render, url_for
from mock_portal.session import PortalSession

# Session keys holding sign-up progress, in step order.  Opening the sign-up link forgets them.
PROGRESS_KEYS = ("delegation", "terms_viewed", "terms_agreed", "user_info_1", "user_info_2",
                 "credentials", "pending", "created")
# What each page needs to have been completed before it.
PREREQUISITES = {
    "terms": ("delegation",),
    "user-info-1": ("delegation", "terms_agreed"),
    "user-info-2": ("delegation", "terms_agreed", "user_info_1"),
    "credentials": ("delegation", "terms_agreed", "user_info_1", "user_info_2"),
    "verify": ("delegation", "terms_agreed", "user_info_1", "user_info_2", "credentials"),
}


def restart() -> None:
    """Forget the sign-up progress of this session (the failed-attempt counter stays)."""
    for key in PROGRESS_KEYS:
        session.pop(key, None)


def new_session_id() -> None:
    """Move this session to a new id; the old cookie stops working.

    Nobody who planted or noted the old id rides along into a signed-in or new account.
    """
    current = request_ctx.session
    if isinstance(current, PortalSession):
        current.regenerate()


def remember(page: str, values: Mapping[str, str], problems: Iterable[Problem]) -> None:
    """Keep typed values and problems for the next GET of ``page`` (POST-redirect-GET)."""
    pending = dict(session.get("pending") or {})
    pending[page] = {
        "values": dict(values),
        "problems": [[p.field, p.message, p.code] for p in problems],
    }
    session["pending"] = pending


def take(page: str) -> tuple[dict[str, str], list[Problem]]:
    """Pop what :func:`remember` kept for ``page``."""
    pending = dict(session.get("pending") or {})
    kept = pending.pop(page, None)
    if kept is None:
        return {}, []
    session["pending"] = pending
    problems = [Problem(str(f), str(m), str(c)) for f, m, c in kept.get("problems", [])]
    values = {str(k): str(v) for k, v in dict(kept.get("values", {})).items()}
    return values, problems


def missing_step(page: str) -> bool:
    """Tell whether a step before ``page`` is not complete in this session."""
    return any(not session.get(key) for key in PREREQUISITES.get(page, ()))


def start_over() -> Response:
    """Redirect to *Create Your Account* with the SS-902 message."""
    remember("signup", {}, [messages.problem(ErrorCode.SS_ORDER)])
    return redirect(url_for("create_account.create_account"), code=303)


def form_values(form: Mapping[str, str], fields: Iterable[str]) -> dict[str, str]:
    """Take the named fields from a posted form (missing ones as empty strings)."""
    return {name: form.get(name, "") for name in fields}


def render_page(
    template: str,
    *,
    problems: Iterable[Problem] = (),
    form_fields: Iterable[str] = (),
    **context: Any,
) -> str:
    """Render a page with its errors, the CSRF token and the stuck-continue flag.

    Fields with a problem get ``aria-invalid`` and ``aria-describedby`` pointing at their
    inline message; a problem with no field (DC-102, LI-601...) marks every field in
    ``form_fields`` and points at its line of the error summary.
    """
    problem_list = list(problems)
    field_errors: dict[str, list[str]] = {}
    for problem in problem_list:
        if problem.field:
            field_errors.setdefault(problem.field, []).append(problem.message)
    aria = {name: f"{name}-error" for name in field_errors}
    form_level = " ".join(
        f"error-{i}" for i, p in enumerate(problem_list) if not p.field and not p.code.startswith("SS-")
    )
    if form_level:
        for name in form_fields:
            aria[name] = f"{aria[name]} {form_level}" if name in aria else form_level
    context.setdefault("values", {})
    return render(
        template,
        problems=problem_list,
        field_errors=field_errors,
        aria=aria,
        csrf_token=csrf.token(),
        stuck=bool(g.get("stuck", False)),
        signup_link=SIGN_UP_LINK,
        **context,
    )
