"""What a copy and paste from the delegation email can bring along (guide step 2).

Binds features/copy_paste.feature and nothing else: the step definitions live in
steps.shared (a plugin), so no test module imports another.
"""

from pytest_bdd import scenarios

scenarios("copy_paste.feature")
