"""Helpers of the dashboard tests: the browser's settings, the site under test, recorded traffic."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import ConsoleMessage, Page, Request, Response

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1400, "height": 900}


@dataclass
class Site:
    """The running server, and the seed's events as the API lists them."""

    url: str
    client: httpx.Client
    seed_events: list[dict[str, Any]]
    db: Path  # the server's SQLite file, for events a test stores directly

    def events(self, **filters: str) -> dict[str, Any]:
        response = self.client.get("/api/events", params={"limit": 10_000, **filters})
        response.raise_for_status()
        return response.json()


@dataclass
class Traffic:
    """What a page asked for and what went wrong, so tests can assert it stayed on loopback."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # uncaught exceptions, console errors, HTTP errors

    def watch(self, page: Page) -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.failed.append(_describe(request)))
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("console", self._console)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status} {response.request.method} {response.url}")


def _describe(request: Request) -> str:
    return f"{request.method} {request.url}: {request.failure}"
