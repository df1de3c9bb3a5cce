"""Guide step 6: *Username & Password*, and the rules of its fields."""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask import Blueprint, current_app, redirect, request, session
from werkzeug.wrappers import Response

from cec.codes import ErrorCode
from mock_portal import flow, messages, records
from mock_portal.db import get_db
from mock_portal.messages import PASSWORD_RULES, Problem
from mock_portal.reference import COMMON_PASSWORDS, KEYBOARD_RUNS, SECURITY_QUESTIONS
from mock_portal.rendering import url_for

bp = Blueprint("username_password", __name__)

USERNAME_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9._@-]{7,49}")
SECRET_FIELDS = ("password", "password_confirm", "answer1", "answer2", "answer3")

CREDENTIAL_FIELDS = {
    "username": "Username",
    "password": "Password",
    "password_confirm": "Confirm Password",
    "question1": "Security Question 1",
    "answer1": "Answer 1",
    "question2": "Security Question 2",
    "answer2": "Answer 2",
    "question3": "Security Question 3",
    "answer3": "Answer 3",
}
USERNAME_RULE = (
    "Username must be 8 to 50 characters, start with a letter, and use only letters, numbers, and . _ - @"
)


def check_password(password: str, username: str) -> list[Problem]:
    """One CR-403 problem per broken password rule."""
    problems: list[Problem] = []
    if not 8 <= len(password) <= 50:
        problems.append(Problem("password", "Password must be 8 to 50 characters.", "CR-403"))
    kinds = sum((
        any(ch.isupper() for ch in password),
        any(ch.islower() for ch in password),
        any(ch.isdigit() for ch in password),
        any(not ch.isalnum() for ch in password),
    ))
    if kinds < 3:
        problems.append(Problem(
            "password",
            "Password must include at least three of: an uppercase letter, a lowercase letter, "
            "a number, a special character.",
            "CR-403",
        ))
    if username and username.lower() in password.lower():
        problems.append(Problem("password", "Password must not contain your Username.", "CR-403"))
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or any(run in lowered for run in KEYBOARD_RUNS):
        problems.append(Problem(
            "password", "Password is too common or a keyboard pattern. Choose a different password.", "CR-403"
        ))
    return problems


def check_credentials(form: Mapping[str, str]) -> list[Problem]:
    """Rules of *Username & Password* that need no database (CR-402..CR-405)."""
    codes = {"username": "CR-402", "password": "CR-403", "password_confirm": "CR-404"}
    problems = [
        Problem(name, f"{label} is required.", codes.get(name, "CR-405"))
        for name, label in CREDENTIAL_FIELDS.items()
        if form.get(name, "") == ""
    ]
    missing = {p.field for p in problems}
    username = form.get("username", "")
    if "username" not in missing and not USERNAME_PATTERN.fullmatch(username):
        problems.append(Problem("username", USERNAME_RULE, "CR-402"))
    password = form.get("password", "")
    if "password" not in missing:
        problems.extend(check_password(password, username))
    if "password_confirm" not in missing and form["password_confirm"] != password:
        problems.append(Problem("password_confirm", "Passwords do not match.", "CR-404"))
    questions = []
    for number in (1, 2, 3):
        question = form.get(f"question{number}", "")
        if f"question{number}" not in missing:
            if question in SECURITY_QUESTIONS:
                questions.append(question)
            else:
                message = f"Security Question {number} must be one of the listed questions."
                problems.append(Problem(f"question{number}", message, "CR-405"))
        answer = form.get(f"answer{number}", "")
        if f"answer{number}" not in missing and not (3 <= len(answer.strip()) <= 100):
            problems.append(Problem(
                f"answer{number}", f"Answer {number} must be 3 to 100 characters.", "CR-405"
            ))
    if len(questions) == 3 and len(set(questions)) < 3:
        problems.append(Problem("question2" if questions[0] == questions[1] else "question3",
                                "Choose three different security questions.", "CR-405"))
    return problems


def hash_cost() -> int:
    """The scrypt cost for this portal (``HASH_COST``, the mock's --hash-cost)."""
    return int(current_app.config.get("HASH_COST") or records.DEFAULT_HASH_COST)


def hashed_credentials(form: Mapping[str, str], cost: int) -> dict[str, str]:
    """What the session keeps of accepted credentials: the username, questions, and salted hashes only."""
    return {
        "username": form["username"],
        "password_hash": records.hash_secret(form["password"], cost),
        **{f"question{n}": form[f"question{n}"] for n in (1, 2, 3)},
        **{f"answer{n}_hash": records.hash_secret(records.normalise_answer(form[f"answer{n}"]), cost)
           for n in (1, 2, 3)},
    }


@bp.route("/credentials", methods=["GET", "POST"])
def username_password() -> Response | str:
    """Choose a username, password and three security questions."""
    if flow.missing_step("credentials"):
        return flow.start_over()
    if request.method == "GET":
        values, problems = flow.take("credentials")
        if not problems:
            stored = session.get("credentials") or {}
            values = {k: v for k, v in stored.items() if k == "username" or k.startswith("question")}
        return flow.render_page("username_password.html", problems=problems, values=values,
                                questions=SECURITY_QUESTIONS, password_rules=PASSWORD_RULES)
    if request.form.get("action") == "back":
        return redirect(url_for("user_information.page_2"), code=303)
    form = {name: request.form.get(name, "") for name in CREDENTIAL_FIELDS}
    form["username"] = form["username"].strip()
    problems = check_credentials(form)
    if not any(p.field == "username" for p in problems) and records.username_taken(get_db(), form["username"]):
        problems.insert(0, messages.problem(ErrorCode.CR_USERNAME_TAKEN))
    if problems:
        # Passwords and answers are never kept or shown again.
        shown = {k: v for k, v in form.items() if k not in SECRET_FIELDS}
        flow.remember("credentials", shown, problems)
        return redirect(url_for("username_password.username_password"), code=303)
    session["credentials"] = hashed_credentials(form, hash_cost())
    return redirect(url_for("verify_information.verify_information"), code=303)
