"""The folder EAS receives for one failed scenario, and the index of all of them.

``reports/triage/<scenario-slug>/`` holds the annotated screenshot, the raw and full-page
screenshots, the filmstrip, the trace, ``triage.md`` (plain words for an email) and
``triage.json`` (the same facts for tools, :class:`~triage.schema.TriageJson`), from which
``triage.md`` and ``index.html`` are rendered with the Jinja templates in ``templates/``.
Everything text passes through the :class:`~triage.redact.Redactor` before it is written.
"""

from __future__ import annotations

import json
import re
import shlex
import unicodedata
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any, Final, cast

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from triage.redact import Redactor
from triage.retry import LEAN_NOTE
from triage.schema import TriageJson

SCREENSHOT: Final = "screenshot.png"
RAW: Final = "raw.png"
FULL_PAGE: Final = "fullpage.png"
FILMSTRIP: Final = "filmstrip.png"
TRACE: Final = "trace.zip"
MARKDOWN: Final = "triage.md"
JSON: Final = "triage.json"
INDEX: Final = "index.html"
#: Every file a bundle may hold, in the order triage.md lists them.
ARTIFACT_ORDER: Final = (SCREENSHOT, RAW, FULL_PAGE, FILMSTRIP, TRACE, MARKDOWN, JSON)
_ANSI: Final = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def slug(text: str, limit: int = 80) -> str:
    """A folder name from a scenario name: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "scenario"


def new_folder(root: Path, name: str) -> Path:
    """Create ``root/name``, or ``name-2``, ``name-3``... (atomic, so parallel workers never share one)."""
    root.mkdir(parents=True, exist_ok=True)
    candidate, counter = name, 1
    while True:
        try:
            (root / candidate).mkdir()
        except FileExistsError:
            counter += 1
            candidate = f"{name}-{counter}"
            continue
        return root / candidate


def clean_error(text: str, limit: int = 4000) -> str:
    """An exception message without terminal colours, cut to a readable length."""
    text = _ANSI.sub("", text).strip()
    return text if len(text) <= limit else text[:limit] + " …"


def display_path(path: Path, root: Path) -> str:
    """A bundle's folder as reports show it: relative to where pytest was started, if inside it."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def reproduce_command(
    nodeid: str, faker_seed: int, base_url: str | None, external: bool, options: Sequence[str] = ()
) -> str:
    """The command line that replays this scenario with the same test data.

    For a portal started separately the admin token comes from the environment, so the
    command can be pasted into an email without the token.
    """
    parts = ["python", "-m", "pytest", nodeid, "--faker-seed", str(faker_seed), *options]
    command = shlex.join(parts)
    if external and base_url:
        command += f" --base-url {shlex.quote(base_url)} --admin-token \"$MOCK_ADMIN_TOKEN\""
    return command


def _templates() -> Environment:
    """The Jinja templates of triage.md and index.html (HTML escaped, Markdown as written)."""
    return Environment(
        loader=PackageLoader("triage", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


def render_markdown(document: TriageJson) -> str:
    """triage.md: what an EAS email needs, in plain language, from triage.json's facts."""
    return _templates().get_template(MARKDOWN).render(doc=document)


def write_bundle(
    folder: Path, document: TriageJson, files: dict[str, bytes], redactor: Redactor, display_folder: str
) -> TriageJson:
    """Write the images, then triage.json and triage.md (redacted); return the JSON written."""
    for name, content in files.items():
        (folder / name).write_bytes(content)
    present = {path.name for path in folder.iterdir()} | {MARKDOWN, JSON}
    artifacts = [name for name in ARTIFACT_ORDER if name in present]
    show_trace = show_trace_command(f"{display_folder}/{TRACE}") if TRACE in artifacts else ""
    written = cast(TriageJson, redactor.data({**document, "artifacts": artifacts, "show_trace": show_trace}))
    (folder / JSON).write_text(json.dumps(written, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / MARKDOWN).write_text(redactor.text(render_markdown(written)), encoding="utf-8")
    return written


#: The command that opens a trace in Playwright's trace viewer, from the project's folder.
SHOW_TRACE: Final = ".venv/bin/playwright show-trace"


def show_trace_command(trace: str) -> str:
    """How to open a bundle's trace, with the form for machines without Playwright's own Chromium.

    ``show-trace`` opens Playwright's Chromium; where only the system Chromium exists,
    ``--host``/``--port`` serves the trace viewer to any browser instead.
    """
    return (
        f"{SHOW_TRACE} {trace}\n"
        f"{SHOW_TRACE} --host 127.0.0.1 --port 9323 {trace}   # then open http://127.0.0.1:9323"
    )


def write_index(root: Path, run_id: str, flaky: Collection[str] = ()) -> Path | None:
    """``index.html``: every bundle of this run with its thumbnail, guide step and message.

    ``flaky`` names the bundles of attempts whose scenario then passed on a rerun.
    """
    rows: list[dict[str, Any]] = []
    for path in sorted(root.glob(f"*/{JSON}")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        name = path.parent.name
        picture = RAW if (root / name / RAW).exists() else SCREENSHOT
        rows.append({
            "name": name,
            "doc": document,
            "picture": picture if (root / name / picture).exists() else "",
            "flaky": name in flaky,
            "filmstrip": (root / name / FILMSTRIP).exists(),
            "lean": LEAN_NOTE in document.get("not_captured", []),
        })
    if not rows and not root.exists():
        return None
    page = _templates().get_template(INDEX).render(
        rows=rows, run_id=run_id, screenshot=SCREENSHOT, markdown=MARKDOWN, filmstrip=FILMSTRIP
    )
    root.mkdir(parents=True, exist_ok=True)
    index = root / INDEX
    index.write_text(page, encoding="utf-8")
    return index
