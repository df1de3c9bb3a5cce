"""What the whole run shares (:class:`RunState`), and a written bundle (:class:`Bundle`)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from cec.evidence import RunFacts
from cec.landmarks import Landmarks
from triage.bundle import write_bundle
from triage.capture import Limits
from triage.redact import Redactor
from triage.retry import EVERY_ATTEMPT
from triage.schema import TriageJson


@dataclass
class RunState:
    """What the whole run shares: its id, where bundles go, the registered run facts, the summary lines."""

    run_id: str
    root: Path
    filmstrip: bool
    trace: bool
    limits: Limits
    controller: bool
    #: ``--triage-trace full``: a DOM snapshot at every action, not only of the failing page.
    trace_snapshots: bool = False
    summary: list[str] = field(default_factory=list)
    faker_seed: int | None = None
    #: The portal's landmark locators, from the ``pytest_triage_landmarks`` hook (pages/ answers it).
    landmarks: Landmarks | None = None
    #: What the portal fixture registered (cec.evidence): its address and admin token.
    facts: RunFacts = field(default_factory=RunFacts)
    #: ``--triage-evidence`` (triage.retry): record filmstrip and trace on every attempt, or on retries only.
    evidence: str = EVERY_ATTEMPT
    #: pytest-playwright's own ``--tracing`` runs: its trace holds the Gherkin step groups instead of ours.
    playwright_trace: bool = False
    _pool: ThreadPoolExecutor | None = None

    def pictures(self) -> ThreadPoolExecutor:
        """Where pictures are drawn, made at the run's first failure.

        Pillow releases the GIL while it decodes and encodes, so pictures are drawn there
        while the main thread waits on the browser or writes pytest's own report.
        """
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="triage-pictures")
        return self._pool

    def close(self) -> None:
        """Let the picture threads finish (at the end of the run)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


@dataclass
class Bundle:
    """A written bundle: where it is, as reports show it, and its triage.json."""

    folder: Path
    display: str
    document: TriageJson
    screenshot: bytes | None

    def rewrite(self, redactor: Redactor) -> None:
        """Write triage.json and triage.md again (a file was added after the bundle was written)."""
        self.document = write_bundle(self.folder, self.document, {}, redactor, self.display)
