"""The project's own tests of mock_portal/, triage/ and fixtures/."""
