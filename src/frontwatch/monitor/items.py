"""The vocabulary between sources and the watcher: what a poll yields, and what it may use.

A source only finds reports; deciding whether one is new, changed or a copy, coding it and
storing it is the watcher's job, in one place for every kind of source.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from frontwatch.ingest import IngestError
from frontwatch.models import Report, content_id
from frontwatch.monitor.config import SourceSpec
from frontwatch.monitor.state import Cursor

if TYPE_CHECKING:
    from frontwatch.monitor.fetch import Fetcher


@dataclass(frozen=True, slots=True)
class Item:
    """A report as a source offers it. `key` says where it lives (its URL, file URI, or JSONL id):
    the same key with new text is the same report, updated."""

    key: str
    report: Report


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A cursor to save once the items before it are taken.

    `whole_poll=False` covers the items since the previous checkpoint (one page, one file);
    `whole_poll=True` covers the whole poll (a feed's own validators: saving them after a failed
    entry would hide that entry behind the next 304).
    """

    cursor: Cursor
    whole_poll: bool = False


Offer = Item | Checkpoint | IngestError


@dataclass(frozen=True, slots=True)
class PollContext:
    """What a source may use while polling: remembered cursors, the shared HTTP client, a way to
    ask for an early poll (`wake`), whether the watcher is stopping, and whether this is a
    one-shot poll (`--once`: read stdin to its end)."""

    cursor: Callable[[str], Cursor | None]
    fetcher: Fetcher
    wake: Callable[[], None]
    stopping: Callable[[], bool]
    once: bool = False


class Source(Protocol):
    """A place reports come from. `poll` yields offers lazily, so the watcher can stop between two."""

    spec: SourceSpec

    def poll(self, context: PollContext) -> Iterator[Offer]: ...

    def listen(self, wake: Callable[[], None], stop: threading.Event) -> None:
        """Start hearing of news between polls, calling `wake` when some comes, until `stop`."""
        ...

    @property
    def finished(self) -> bool:
        """True when nothing more can ever come (stdin at its end)."""
        ...


def watch_report_id(key: str) -> str:
    """The id of a report the watcher stores for `key`: stable, so an update replaces it."""
    return "w" + content_id(key)


def text_hash(report: Report) -> str:
    """What makes two reports the same text (whitespace and Unicode forms aside)."""
    return content_id(report.text, length=32)
