"""RSS and Atom feeds: feedparser reads the feed, each new or changed entry's page is fetched and its
main text extracted by the same trafilatura reader `frontwatch extract` uses for HTML files.

A feed entry is a teaser; the page holds the casualty figures and the places. The entry's own
text is coded only when the page cannot be had (robots.txt, an error, not HTML), and when that
was a passing error the page is tried again next poll, its fuller text then updating the report.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from frontwatch.ingest import IngestError, UnreadableInput, read_html
from frontwatch.ingest.htmlpage import looks_like_html
from frontwatch.models import FrontwatchError, Report, content_id
from frontwatch.monitor.config import SourceSpec
from frontwatch.monitor.fetch import Fetched, FetchError
from frontwatch.monitor.items import Checkpoint, Item, Offer, PollContext, watch_report_id
from frontwatch.monitor.state import Cursor

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class FeedError(FrontwatchError):
    """A feed URL that answered with something feedparser cannot read as RSS or Atom."""


class FeedSource:
    """One RSS or Atom feed, polled by URL."""

    def __init__(self, spec: SourceSpec) -> None:
        self.spec = spec

    @property
    def finished(self) -> bool:
        return False

    def listen(self, wake: Callable[[], None], stop: threading.Event) -> None:
        """Feeds cannot tell: they are heard of only by polling."""

    def poll(self, context: PollContext) -> Iterator[Offer]:
        url = self.spec.location
        fetched = context.fetcher.get(url, context.cursor(url))
        if fetched.not_modified:
            log.debug("%s: not modified", url)
            return
        parsed = parse_feed(fetched)
        outlet = self.spec.outlet or _clean(parsed.feed.get("title")) or urlsplit(url).netloc
        # Feeds list the newest first; coding the oldest first keeps a story's updates in order.
        for entry in reversed(parsed.entries):
            yield from self._entry(entry, fetched.url, outlet, context)
        yield Checkpoint(fetched.cursor(url), whole_poll=True)

    def _entry(self, entry: Any, base: str, outlet: str, context: PollContext) -> Iterator[Offer]:
        link = urljoin(base, entry["link"]) if _clean(entry.get("link")) else None
        key = link or _clean(entry.get("id"))
        if not key:
            title = _clean(entry.get("title"))
            yield IngestError(self.spec.location, None, f"entry {title!r} has no link or id")
            return
        teaser = _entry_html(entry)
        announced = (str(_field(entry, name) or "") for name in ("id", "updated", "title"))
        fingerprint = content_id(key, *announced, teaser)
        cursor = context.cursor(key)
        if cursor and cursor.fingerprint == fingerprint:
            return
        page, settled = _fetch_page(link, cursor, context)
        if page is not None and page.not_modified:
            yield Checkpoint(replace(cursor or Cursor(key), fingerprint=fingerprint))
            return
        published = _entry_date(entry)
        report = (_page_report(page, published, outlet) if page else None) or _teaser_report(
            teaser, key, published, outlet
        )
        if isinstance(report, IngestError):
            yield report
        else:
            title = _clean(entry.get("title")) or report.title
            yield Item(key, replace(report, id=watch_report_id(key), url=link or report.url, title=title))
        validators = page.cursor(key) if page else Cursor(key)
        yield Checkpoint(replace(validators, fingerprint=fingerprint if settled else None))


def parse_feed(fetched: Fetched) -> Any:
    """feedparser's reading of a fetched feed; FeedError when it holds no RSS or Atom at all.

    The bytes go in as a stream: given bytes, feedparser would first try them as a file name.
    A feed with recoverable damage still yields its entries; only one with none is an error.
    """
    parsed = feedparser.parse(
        io.BytesIO(fetched.content),
        response_headers={"content-location": fetched.url, "content-type": fetched.content_type},
    )
    if parsed.entries or (parsed.version and not parsed.bozo):
        if parsed.bozo:
            log.warning("%s: damaged feed, read what could be read (%s)", fetched.url, parsed.bozo_exception)
        return parsed
    reason = parsed.get("bozo_exception") or "no RSS or Atom in it"
    raise FeedError(f"{fetched.url}: not a readable RSS or Atom feed ({reason})")


def _fetch_page(link: str | None, cursor: Cursor | None, context: PollContext) -> tuple[Fetched | None, bool]:
    """The entry's page (or None) and whether that outcome is settled (False: retry next poll)."""
    if not link or not link.lower().startswith(("http://", "https://")):
        return None, True
    try:
        return context.fetcher.get(link, cursor), True
    except FetchError as error:
        log.info("%s: page not fetched (%s); coding the feed entry's own text", link, error.reason)
        return None, not error.transient


def _page_report(page: Fetched, published: date | None, outlet: str) -> Report | None:
    """The page's main text, or None when the page is not an HTML article with words in it."""
    media_type = page.content_type.split(";")[0].strip().lower()
    if media_type not in _HTML_TYPES and not looks_like_html(page.content[:1024]):
        log.info("%s: page is %s, not HTML; coding the feed entry's own text", page.url,
                 media_type or "untyped")
        return None
    try:
        return read_html(page.content, published=published, source=outlet, name=page.url)
    except UnreadableInput as error:
        log.info("%s: %s; coding the feed entry's own text", page.url, error.reason)
        return None


def _teaser_report(teaser: str, key: str, published: date | None, outlet: str) -> Report | IngestError:
    """The feed entry's own text, when its page cannot be had."""
    if not teaser.strip():
        return IngestError(key, None, "the page could not be had and the entry has no text")
    # Made a page: trafilatura reads nothing from a bare fragment.
    markup = f"<html><body>{teaser}</body></html>".encode()
    try:
        return read_html(markup, published=published, source=outlet, name=f"{key} (feed entry)")
    except UnreadableInput as error:
        return error.as_ingest_error()


def _entry_html(entry: Any) -> str:
    """The entry's fullest text: Atom content (or RSS content:encoded) before the summary."""
    for content in entry.get("content") or []:
        if _clean(content.get("value")):
            return content["value"]
    return entry.get("summary") or ""


def _entry_date(entry: Any) -> date | None:
    """The entry's publication day (feedparser gives UTC struct_times), else its last update's."""
    parsed = _field(entry, "published_parsed") or _field(entry, "updated_parsed")
    return date(*parsed[:3]) if parsed else None


def _field(entry: Any, key: str) -> Any:
    """An entry's own field, without feedparser's deprecated stand-ins (`updated` for `published`)."""
    return entry[key] if key in entry else None  # noqa: SIM401 (`get` is what maps the stand-ins)


def _clean(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
