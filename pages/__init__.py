"""Page objects: one class per portal page, the only code that knows selectors."""
