"""The domain core: the guide's steps, the portal's words and codes, the CEC's records, the journal.

Everything else imports this package; it imports nothing of ours, so a reader can start
here and learn the whole vocabulary of the suite without meeting a browser or a fixture.
"""
