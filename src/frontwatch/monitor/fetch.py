"""HTTP for the watcher, polite by construction: every request goes through one `Fetcher`, which
asks robots.txt first, spaces requests to each host, sends conditional headers, and caps sizes.

A watcher runs for weeks against sites that owe it nothing; one that hammers a host or ignores
its robots.txt gets blocked, and then the map goes quiet without anyone noticing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from frontwatch.models import FrontwatchError
from frontwatch.monitor.config import WatchSettings
from frontwatch.monitor.state import Cursor

ROBOTS_TTL = 24 * 3600.0
"""Seconds a host's robots.txt is trusted before it is fetched again (RFC 9309 suggests a day)."""


class Stopped(Exception):
    """The watcher was asked to stop while a request waited for its turn."""


class FetchError(FrontwatchError):
    """A URL that could not be had. `transient` errors (network, 5xx, 429) are worth retrying;
    `status` is the HTTP status when there was one, `retry_after` the server's word on when to
    come back, in seconds."""

    def __init__(self, url: str, reason: str, *, transient: bool, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response worth reading (200), or word that nothing changed since the cursor (304)."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def cursor(self, key: str, fingerprint: str | None = None) -> Cursor:
        """A cursor carrying this response's validators, for the next conditional request."""
        return Cursor(key, fingerprint, self.etag, self.last_modified)


class Fetcher:
    """One HTTP client for every source of a watcher.

    `pause(seconds)` waits for a host's turn and returns True when the watcher is stopping (as
    `threading.Event.wait` does); `monotonic` tells the time for the spacing. Both are injectable
    so tests run without sleeping, and `transport` lets a test or an app supply httpx's transport.
    """

    def __init__(
        self,
        settings: WatchSettings,
        *,
        pause: Callable[[float], bool],
        monotonic: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self._pause = pause
        self._monotonic = monotonic
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent},
            timeout=settings.timeout,
            follow_redirects=True,
            transport=transport,
        )
        self._next_turn: dict[str, float] = {}
        self._robots: dict[str, tuple[RobotFileParser, float]] = {}

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, cursor: Cursor | None = None) -> Fetched:
        """GET `url` if robots.txt allows it, conditionally on the cursor's validators.

        Raises FetchError (disallowed, HTTP error, network error, too large) or Stopped.
        """
        if not self.allowed(url):
            raise FetchError(url, "robots.txt disallows it", transient=False)
        headers = {}
        if cursor and cursor.etag:
            headers["If-None-Match"] = cursor.etag
        if cursor and cursor.last_modified:
            headers["If-Modified-Since"] = cursor.last_modified
        return self._request(url, headers)

    def allowed(self, url: str) -> bool:
        """What the host's robots.txt says of `url` for our user agent (fetched once a day per host)."""
        origin = _origin(url)
        cached = self._robots.get(origin)
        if cached is None or self._monotonic() - cached[1] > ROBOTS_TTL:
            cached = (self._read_robots(origin), self._monotonic())
            self._robots[origin] = cached
        return cached[0].can_fetch(self.settings.user_agent, url)

    def _read_robots(self, origin: str) -> RobotFileParser:
        """RFC 9309: a missing robots.txt (4xx) allows everything; 401/403 are read as a refusal,
        as Python's own parser does; an unreachable one (5xx, network) is an error, retried later."""
        parser = RobotFileParser(origin + "/robots.txt")
        try:
            fetched = self._request(parser.url, {})
        except FetchError as error:
            if error.transient:
                raise FetchError(parser.url, error.reason, transient=True,
                                 retry_after=error.retry_after) from None
            parser.disallow_all = error.status in (401, 403)
            parser.allow_all = not parser.disallow_all
            return parser
        parser.parse(fetched.content.decode("utf-8", errors="replace").splitlines())
        return parser

    def _request(self, url: str, headers: dict[str, str]) -> Fetched:
        self._wait_turn(urlsplit(url).netloc.lower())
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return _fetched(response, b"")
                if response.status_code >= 400:
                    raise _http_error(url, response)
                return _fetched(response, self._read_capped(url, response))
        except httpx.HTTPError as error:
            raise FetchError(url, _describe(error), transient=True) from None

    def _wait_turn(self, host: str) -> None:
        delay = self._next_turn.get(host, 0.0) - self._monotonic()
        if delay > 0 and self._pause(delay):
            raise Stopped
        self._next_turn[host] = self._monotonic() + self.settings.host_delay

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"larger than {limit} bytes", transient=False)
            chunks.append(chunk)
        return b"".join(chunks)


def _fetched(response: httpx.Response, content: bytes) -> Fetched:
    return Fetched(
        url=str(response.url),
        status=response.status_code,
        content=content,
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _http_error(url: str, response: httpx.Response) -> FetchError:
    status = response.status_code
    transient = status >= 500 or status in (408, 429)
    return FetchError(url, f"HTTP {status}", transient=transient, status=status,
                      retry_after=_retry_after(response.headers.get("retry-after")))


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds or as an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _describe(error: httpx.HTTPError) -> str:
    """A network failure in words: httpx's own message is often empty for timeouts."""
    message = str(error).strip()
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
