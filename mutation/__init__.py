"""Mutation testing of the mock portal: the runner's configuration and hand-made mutants.

Not part of the suite: ``make mutate`` runs the tool, and the project tests start a
mutated mock to prove the copy-paste scenarios would notice a portal that normalises.
"""
