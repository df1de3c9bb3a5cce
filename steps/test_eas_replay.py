"""Replay a CEC's reported activation for the EAS (what ``eas-reproduce`` runs).

Binds features/eas_replay.feature and nothing else.
"""

from pytest_bdd import scenarios

scenarios("eas_replay.feature")
