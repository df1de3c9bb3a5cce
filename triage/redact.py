"""Keep passwords, security answers and the admin token out of everything the run writes.

A secret can reach a file in many spellings: as typed, JSON-escaped (trace actions,
triage.json), HTML-escaped (report.html), or form-encoded (the POST body a trace's
network log keeps). :class:`Redactor` knows them all, for text and for bytes.
"""

from __future__ import annotations

import html
import json
import urllib.parse
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

REDACTED: Final = "[redacted]"
#: Shorter values are not secrets anyone generates, and masking them would garble reports.
MIN_SECRET_LENGTH: Final = 3


def spellings(secret: str) -> set[str]:
    """Every way ``secret`` may be written into a file the run produces."""
    forms = {
        secret,
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        html.escape(secret, quote=True),
        html.escape(secret, quote=False),
        urllib.parse.quote_plus(secret),
        urllib.parse.quote(secret, safe=""),
        urllib.parse.quote(secret),
    }
    forms |= {json.dumps(form)[1:-1] for form in list(forms)}
    return {form for form in forms if len(form) >= MIN_SECRET_LENGTH}


@dataclass
class Redactor:
    """Replaces every spelling of the known secrets; cheap when there is nothing to replace."""

    secrets: set[str] = field(default_factory=set)
    _cached: list[str] | None = field(default=None, repr=False, compare=False)

    def add(self, values: Iterable[str | None]) -> None:
        """Learn more secrets (the journal's typed ones, the credentials, the admin token)."""
        new = {value for value in values if value and len(value) >= MIN_SECRET_LENGTH} - self.secrets
        if new:
            self.secrets |= new
            self._cached = None

    def _forms(self) -> list[str]:
        if self._cached is None:
            forms: set[str] = set()
            for secret in self.secrets:
                forms |= spellings(secret)
            # Longest first, so a secret's JSON spelling is replaced before its plain substring.
            self._cached = sorted(forms, key=len, reverse=True)
        return self._cached

    def text(self, value: str) -> str:
        """``value`` with every secret spelled ``[redacted]``."""
        for form in self._forms():
            if form in value:
                value = value.replace(form, REDACTED)
        return value

    def leaks(self, value: str) -> bool:
        """True when ``value`` holds a secret in any spelling."""
        return any(form in value for form in self._forms())

    def data(self, value: object) -> object:
        """A JSON-like structure with every string redacted."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.text(str(key)): self.data(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(item) for item in value]
        return value

    def blob(self, data: bytes) -> bytes:
        """Bytes with every secret overwritten by ``*`` of the same length.

        Same length, so binary containers (images, offsets in a trace's resources) stay
        readable; the characters are ASCII so JSON and HTML stay valid.
        """
        for form in self._forms():
            raw = form.encode("utf-8")
            if raw in data:
                data = data.replace(raw, b"*" * len(raw))
        return data

    def zip_file(self, path: Path) -> int:
        """Rewrite a zip (a Playwright trace) with every entry redacted; return entries changed."""
        changed = 0
        with zipfile.ZipFile(path) as source:
            entries = [(info, source.read(info)) for info in source.infolist()]
        cleaned = []
        for info, data in entries:
            clean = self.blob(data)
            changed += clean != data
            cleaned.append((info, clean))
        if changed:
            temporary = path.with_name(path.name + ".tmp")
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
                for info, data in cleaned:
                    target.writestr(info, data)
            temporary.replace(path)
        return changed
