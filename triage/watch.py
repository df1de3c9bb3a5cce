"""Console errors and failed requests of a scenario's pages, collected as they happen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from playwright.sync_api import ConsoleMessage, Page, Request, Response

MAX_EVENTS: Final = 50


@dataclass
class PageWatch:
    """Console errors and failed requests of a scenario's pages, collected as they happen."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def _keep(self, bucket: list[str], line: str) -> None:
        if len(bucket) < MAX_EVENTS:
            bucket.append(line)

    def attach(self, page: Page) -> None:
        """Subscribe to ``page``'s console, uncaught errors, failed and error-status requests.

        Not to every request: those events cost the happy path about 3%, and a load still
        waiting at the failure is found by the screenshot's first, short timeout anyway.
        """
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self._keep(self.console_errors, f"uncaught: {error}"))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self._keep(self.console_errors, f"{message.text} ({where})" if where else message.text)

    def _on_request_failed(self, request: Request) -> None:
        self._keep(self.failed_requests, f"{request.method} {request.url}: {request.failure or 'failed'}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self._keep(
                self.failed_requests, f"{response.request.method} {response.url}: HTTP {response.status}"
            )
