"""Follow the steps in order, in one session.

Binds features/session_and_order.feature and nothing else: the step definitions live in
steps.shared (a plugin), so no test module imports another.
"""

from pytest_bdd import scenarios

scenarios("session_and_order.feature")
