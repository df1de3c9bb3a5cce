"""The small activation flow the triage tests and the bench run in a temporary project."""
