"""Secrets never leak: every spelling a file may hold is replaced."""

from __future__ import annotations

import json
import urllib.parse
import zipfile
from pathlib import Path

from triage.redact import REDACTED, Redactor, spellings

SECRET = 'Pa"ss w&rd<1>é'


def test_spellings_cover_json_html_and_form_encoding() -> None:
    forms = spellings(SECRET)
    assert SECRET in forms
    assert json.dumps(SECRET)[1:-1] in forms
    assert urllib.parse.quote_plus(SECRET) in forms
    assert "Pa&quot;ss w&amp;rd&lt;1&gt;é" in forms


def test_text_and_data_are_redacted() -> None:
    redactor = Redactor()
    redactor.add([SECRET, None, "", "ab"])
    assert redactor.secrets == {SECRET}
    assert redactor.text(f"typed {SECRET} then {json.dumps(SECRET)}") == f'typed {REDACTED} then "{REDACTED}"'
    assert redactor.data({"a": [SECRET, 1], SECRET: None}) == {"a": [REDACTED, 1], REDACTED: None}
    assert redactor.leaks(f"password={urllib.parse.quote_plus(SECRET)}")
    assert not redactor.leaks("nothing here")


def test_blob_keeps_length(tmp_path: Path) -> None:
    redactor = Redactor()
    redactor.add(["Secret12!x"])
    data = b"\x00\x01" + b"Secret12%21x" + b"\xff" + b"Secret12!x"
    clean = redactor.blob(data)
    assert len(clean) == len(data)
    assert b"Secret12" not in clean


def test_zip_entries_are_rewritten(tmp_path: Path) -> None:
    trace = tmp_path / "trace.zip"
    with zipfile.ZipFile(trace, "w") as archive:
        archive.writestr("trace.trace", json.dumps({"method": "fill", "params": {"value": "Secret12!x"}}))
        archive.writestr("resources/post", "username=cec.a&password=Secret12%21x")
        archive.writestr("clean.txt", "nothing")
    redactor = Redactor()
    redactor.add(["Secret12!x"])
    assert redactor.zip_file(trace) == 2
    with zipfile.ZipFile(trace) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
        json.loads(archive.read("trace.trace"))
    assert b"Secret12" not in everything
    assert redactor.zip_file(trace) == 0
