"""Complete the User Information pages (guide step 5).

Binds features/05_user_information.feature and nothing else: the step definitions live in
steps.shared (a plugin), so no test module imports another.
"""

from pytest_bdd import scenarios

scenarios("05_user_information.feature")
