"""A real news site on loopback, a clock the tests move by hand, and report texts of our own.

The site is `http.server` in a thread: each test sets what its paths serve (and which requests
fail), and reads back the requests it got, headers included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler

from frontwatch.monitor import Watcher

# Short reports of our own, each telling one event with a place and a toll.
MARKET_STRIKE = (
    "An airstrike hit a crowded market in Maarat al-Numan in Idlib province on Monday, killing at least "
    "nine civilians, the Syrian Civil Defence said. Rescuers were still searching the rubble."
)
MARKET_STRIKE_UPDATED = (
    "An airstrike hit a crowded market in Maarat al-Numan in Idlib province on Monday, killing at least "
    "fourteen civilians, the Syrian Civil Defence said, raising its earlier toll. Rescuers pulled five "
    "more bodies from the rubble overnight."
)
SARMIN_SHELLING = (
    "Government forces shelled the town of Sarmin in Idlib province on Tuesday, killing three people, "
    "including a child, local medics said."
)
GEZIRA_ATTACK = (
    "Fighters of the Rapid Support Forces attacked the village of Wad al-Noura in Gezira state on "
    "Wednesday, killing 35 villagers, activists said."
)
MARIB_CLASHES = (
    "Houthi fighters clashed with government troops near the city of Marib on Sunday. Twelve fighters "
    "were killed on both sides, military sources said."
)
SARAQIB_DRONE = (
    "A drone strike hit a car near the town of Saraqib in Idlib province on Thursday, killing two men, "
    "a local monitor said."
)

WatcherFactory = Callable[..., Watcher]
"""The `make_watcher` fixture: `make_watcher(*specs, db=None)`."""

START = datetime(2025, 3, 12, 8, 0, tzinfo=UTC)


class Clock:
    """Aware UTC time that moves only when a test says so."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class NewsSite:
    """What each path serves, the failures queued for a path, and every request received."""

    pages: dict[str, Page] = field(default_factory=dict)
    failures: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
              etag: str | None = None, last_modified: datetime | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        modified = format_datetime(last_modified, usegmt=True) if last_modified else None
        self.pages[path] = Page(data, content_type, etag, modified)

    def fail(self, path: str, status: int, times: int = 1, **headers: str) -> None:
        """The next `times` requests for `path` get `status` (with these headers)."""
        self.failures.setdefault(path, []).extend([(status, headers)] * times)

    def hits(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == path]


def handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
            queued = site.failures.get(self.path)
            if queued:
                status, headers = queued.pop(0)
                self._send(status, b"server trouble", "text/plain", headers)
                return
            page = site.pages.get(self.path)
            if page is None:
                self._send(404, b"not found", "text/plain", {})
                return
            validators = {k: v for k, v in (("ETag", page.etag), ("Last-Modified", page.last_modified)) if v}
            if (page.etag and self.headers.get("If-None-Match") == page.etag) or (
                page.last_modified and self.headers.get("If-Modified-Since") == page.last_modified
            ):
                self._send(304, b"", None, validators)
                return
            self._send(200, page.body, page.content_type, validators)

        def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str]) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test reads `site.requests` instead."""

    return Handler


def rss(title: str, entries: list[dict[str, str]]) -> str:
    """An RSS 2.0 feed; each entry has title, link and text, optionally guid, published and updated."""
    items = []
    for entry in entries:
        parts = [f"<title>{escape(entry['title'])}</title>", f"<link>{escape(entry['link'])}</link>",
                 f"<guid>{escape(entry.get('guid', entry['link']))}</guid>",
                 f"<description>{escape('<p>' + entry['text'] + '</p>')}</description>"]
        if "published" in entry:
            parts.append(f"<pubDate>{entry['published']}</pubDate>")
        if "updated" in entry:
            parts.append(f"<atom:updated>{entry['updated']}</atom:updated>")
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link><description>news</description>"
        + "".join(items)
        + "</channel></rss>"
    )


def article(title: str, text: str, published: str = "2025-03-12") -> str:
    """A news page as sites serve them: navigation and footer around the article."""
    paragraphs = "".join(f"<p>{escape(sentence)}</p>" for sentence in re.split(r"(?<=\.)\s+", text))
    return (
        "<!doctype html><html><head>"
        f"<title>{escape(title)} | Levant Desk</title>"
        f'<meta property="article:published_time" content="{published}T09:00:00Z">'
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>Copyright Levant Desk. All rights reserved.</footer></body></html>"
    )
