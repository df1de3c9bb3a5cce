"""Verify all information (guide step 7).

Binds features/07_verify_information.feature and nothing else: the step definitions live in
steps.shared (a plugin), so no test module imports another.
"""

from pytest_bdd import scenarios

scenarios("07_verify_information.feature")
