"""The portal's log: one line per request, with every control character escaped.

Request paths, exception messages and tracebacks are written by whoever sends the
request; a ``%0A`` in a path must not start a forged line (the log is where SYS-999
references are looked up), so every record is flattened to one line before any handler
sees it.
"""

from __future__ import annotations

import logging
import traceback
import unicodedata

LOGGER_NAMES = ("mock_portal", "werkzeug")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def escape(text: str) -> str:
    """Escape backslashes and every control or line-separating character (newline, ESC, U+2028...)."""
    if text.isprintable() and "\\" not in text:
        # Nearly every line: no Cc, Zl or Zp character is printable, so there is nothing to escape.
        return text
    out: list[str] = []
    for ch in text:
        if ch in _SHORT:
            out.append(_SHORT[ch])
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


class OneLine(logging.Filter):
    """Fold a record, traceback included, into one escaped line."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        if getattr(record, "one_line", False):
            return True
        text = record.getMessage()
        if record.exc_info:
            text += " | " + "".join(traceback.format_exception(*record.exc_info)).rstrip()
        record.msg = escape(text)
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        record.one_line = True
        return True


_FILTER = OneLine()


def install() -> None:
    """Put the filter on the portal's loggers (once, however many apps are built)."""
    for name in LOGGER_NAMES:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
