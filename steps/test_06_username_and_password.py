"""Create a Username & Password (guide step 6).

Binds features/06_username_and_password.feature and nothing else: the step definitions live in
steps.shared (a plugin), so no test module imports another.
"""

from pytest_bdd import scenarios

scenarios("06_username_and_password.feature")
