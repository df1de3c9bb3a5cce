"""Root conftest: the suite's plugins, in the order data flows, and nothing clever."""

pytest_plugins = [
    "fixtures.portal",
    "fixtures.data",
    "fixtures.browser",
    "pages.landmarks",
    "steps.shared",
    "triage.plugin",
    "triage.listing",
    "triage.attachments",
]
