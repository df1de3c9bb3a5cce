"""Binds features/accessibility.feature (issue 13, @a11y); the steps live in steps.shared."""

from pytest_bdd import scenarios

scenarios("accessibility.feature")
