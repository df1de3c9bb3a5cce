"""Binds features/visual.feature (issue 13, @visual); the steps live in steps.shared."""

from pytest_bdd import scenarios

scenarios("visual.feature")
