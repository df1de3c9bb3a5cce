"""Review and agree to the Terms and Conditions of Use (guide steps 3 and 4).

Binds features/03_04_terms_and_conditions.feature and nothing else: the step definitions live in
steps.shared (a plugin), so no test module imports another.
"""

from pytest_bdd import scenarios

scenarios("03_04_terms_and_conditions.feature")
