"""What copy-pasting the delegation email can bring along, and the value the CEC meant.

The guide warns "Be sure not to include any additional spaces when copying this
information"; the portal compares the three values exactly as typed. These are the
characters behind that warning, shared by the input findings (triage) and the EAS
ticket reader, which must guess what the portal holds when a ticket does not say.
"""

from __future__ import annotations

import re
from typing import Final

#: Spaces that look like a space but are not U+0020 (email clients and PDFs produce them).
UNUSUAL_SPACES: Final = frozenset(
    "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"
)
#: Characters with no width: invisible on screen, but part of the value.
ZERO_WIDTH: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
#: Tabs and line breaks a copy from a table or a wrapped line brings along.
CONTROL_WHITESPACE: Final = frozenset("\t\n\r\v\f\u0085\u2028\u2029")
#: Curly quotes and apostrophes that word processors and mail clients substitute.
SMART_QUOTES: Final = frozenset("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00b4\u0060")
#: Letters a person reads as digits (and the digit meant), in a delegation code.
LOOKALIKE_LETTERS: Final = {"O": "0", "l": "1", "I": "1"}
#: What each curly quote stands for when it is put straight.
_STRAIGHT: Final = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4\u0060"} | {
    ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"
}


def cleaned(value: str) -> str:
    """The value the CEC meant: what a delegation email most likely said before the paste.

    Zero-width characters go, look-alike spaces, tabs and line breaks become plain
    spaces, curly quotes become straight, runs of spaces become one, and the ends are
    trimmed. Look-alike letters stay: whether the email said O or 0 cannot be guessed.
    """
    without_invisible = "".join(char for char in value if char not in ZERO_WIDTH)
    spaced = "".join(" " if char in UNUSUAL_SPACES | CONTROL_WHITESPACE else char for char in without_invisible)
    return re.sub(" {2,}", " ", spaced.translate(_STRAIGHT)).strip()
