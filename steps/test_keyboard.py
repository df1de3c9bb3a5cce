"""Binds features/keyboard.feature (issue 13, @keyboard); the steps live in steps.shared."""

from pytest_bdd import scenarios

scenarios("keyboard.feature")
