"""The account-created pop-up and Log In (guide steps 8 and 9).

Binds features/08_09_account_created_and_log_in.feature and nothing else: the step definitions live in
steps.shared (a plugin), so no test module imports another.
"""

from pytest_bdd import scenarios

scenarios("08_09_account_created_and_log_in.feature")
