"""Binds features/phones.feature (issue 13, @mobile); the steps live in steps.shared."""

from pytest_bdd import scenarios

scenarios("phones.feature")
