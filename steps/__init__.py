"""pytest-bdd steps: shared step definitions in ``steps.shared``, one ``test_*`` module per feature."""
