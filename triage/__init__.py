"""Failure evidence for EAS: capture at the failing step, annotate, bundle, attach to reports.

The pytest plugin is :mod:`triage.plugin`; the other modules are plain functions it
composes, so each can be tested without a browser.
"""
