"""Open the sign-up link (guide step 1).

Binds features/01_open_sign_up_link.feature and nothing else: the step definitions live in
steps.shared (a plugin), so no test module imports another.
"""

from pytest_bdd import scenarios

scenarios("01_open_sign_up_link.feature")
