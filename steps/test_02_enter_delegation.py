"""Enter the delegation details and click CONTINUE (guide step 2).

Binds features/02_enter_delegation.feature and nothing else: the step definitions live in
steps.shared (a plugin), so no test module imports another.
"""

from pytest_bdd import scenarios

scenarios("02_enter_delegation.feature")
