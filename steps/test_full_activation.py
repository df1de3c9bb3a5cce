"""Activate a CEC delegation code from start to finish.

Binds features/full_activation.feature and nothing else: the step definitions live in
steps.shared (a plugin), so no test module imports another.
"""

from pytest_bdd import scenarios

scenarios("full_activation.feature")
