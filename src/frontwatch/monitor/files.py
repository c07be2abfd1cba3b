"""Local sources: folders that receive report files, and JSON Lines arriving on stdin.

Both read through `frontwatch.ingest`, exactly as `frontwatch extract` does, so a file means the
same whether it is coded once or watched.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

import watchfiles

from frontwatch.ingest import IngestError, UnreadableInput, iter_jsonl
from frontwatch.ingest.jsonl import is_jsonl_path
from frontwatch.ingest.sources import is_report_file, read_report, report_files
from frontwatch.models import FrontwatchError, Report
from frontwatch.monitor.config import SourceSpec
from frontwatch.monitor.items import Checkpoint, Item, Offer, PollContext, watch_report_id
from frontwatch.monitor.state import Cursor

log = logging.getLogger(__name__)

STDIN_NAME = "<stdin>"
_STDIN_WAIT = 0.5
"""Seconds a one-shot read of stdin waits for a line before checking whether it should stop."""
_DEBOUNCE_MS = 500
"""watchfiles gathers the events of this many milliseconds into one wake-up (a copy is many writes)."""


def jsonl_key(report: Report) -> str:
    """A JSON Lines report lives at its URL when it has one (so a feed's copy is the same report),
    else at its id (the batch's own, or its text's hash)."""
    return report.url or f"jsonl:{report.id}"


class FolderSource:
    """A folder of .txt, .md, .html and .jsonl files, new and changed ones read on each poll.

    A file is read again only when its size or modification time changed; a JSON Lines file
    offers every line, and the watcher skips the lines it already has. Deleted files are left
    alone: their events stay, as a desk's archive should.
    """

    def __init__(self, spec: SourceSpec) -> None:
        self.spec = spec
        self.path = Path(spec.location)

    @property
    def finished(self) -> bool:
        return False

    def listen(self, wake: Callable[[], None], stop: threading.Event) -> None:
        """Hear of changes as they happen (watchfiles), so a new file is coded in seconds, not at
        the next interval. The poll still does the work, and still runs on its interval."""
        listener = threading.Thread(target=self._listen, args=(wake, stop), name=f"watch {self.path}",
                                    daemon=True)
        listener.start()

    def _listen(self, wake: Callable[[], None], stop: threading.Event) -> None:
        try:
            for _changes in watchfiles.watch(self.path, watch_filter=_report_change, stop_event=stop,
                                             debounce=_DEBOUNCE_MS, raise_interrupt=False):
                wake()
        except (OSError, RuntimeError) as error:
            log.warning("%s: no longer hearing of changes (%s); polling every %g s",
                        self.path, error, self.spec.interval)

    def poll(self, context: PollContext) -> Iterator[Offer]:
        if not self.path.is_dir():
            raise FrontwatchError(f"{self.path}: folder not found")
        for path in report_files(self.path):
            try:
                stat = path.stat()
            except FileNotFoundError:  # deleted since the listing
                continue
            key = path.resolve().as_uri()
            fingerprint = f"{stat.st_mtime_ns}:{stat.st_size}"
            cursor = context.cursor(key)
            if cursor and cursor.fingerprint == fingerprint:
                continue
            modified = datetime.fromtimestamp(stat.st_mtime, UTC).date()
            if is_jsonl_path(path):
                yield from _jsonl_items(iter_jsonl(path, published=modified, source=self.spec.outlet))
            else:
                yield from self._file_item(path, key, modified)
            yield Checkpoint(Cursor(key, fingerprint))

    def _file_item(self, path: Path, key: str, modified: date) -> Iterator[Offer]:
        """One report file; undated, it is dated by its modification day (its relative dates need one)."""
        try:
            report = read_report(path, source=self.spec.outlet)
        except UnreadableInput as error:
            yield error.as_ingest_error()
            return
        yield Item(key, replace(report, id=watch_report_id(key), published=report.published or modified))


class StdinSource:
    """JSON Lines on standard input (`tail -f scraped.jsonl | frontwatch watch -`).

    A reader thread parses lines as they come and wakes the watcher; a poll takes what has
    arrived. A one-shot poll (`--once`) reads to the end of the input.
    """

    def __init__(self, spec: SourceSpec, stream: IO[bytes] | IO[str] | None = None) -> None:
        self.spec = spec
        self._stream = stream
        self._arrived: queue.SimpleQueue[Offer | None] = queue.SimpleQueue()  # None: end of input
        self._reader: threading.Thread | None = None
        self._ended = False

    @property
    def finished(self) -> bool:
        return self._ended

    def listen(self, wake: Callable[[], None], stop: threading.Event) -> None:
        self._start(wake)

    def poll(self, context: PollContext) -> Iterator[Offer]:
        self._start(context.wake)
        while not self._ended:
            try:
                offer = self._arrived.get(timeout=_STDIN_WAIT) if context.once else self._arrived.get_nowait()
            except queue.Empty:
                if context.once and not context.stopping():
                    continue
                return
            if offer is None:
                self._ended = True
                return
            yield offer

    def _start(self, wake: Callable[[], None]) -> None:
        if self._reader is None:
            self._reader = threading.Thread(target=self._read, args=(wake,), name="read stdin", daemon=True)
            self._reader.start()

    def _read(self, wake: Callable[[], None]) -> None:
        stream = self._stream if self._stream is not None else sys.stdin.buffer
        try:
            for offer in _jsonl_items(iter_jsonl(stream, STDIN_NAME)):
                self._arrived.put(offer)
                wake()
        except (OSError, ValueError) as error:  # ValueError: the stream was closed under us
            self._arrived.put(IngestError(STDIN_NAME, None, f"read failed ({error})"))
        self._arrived.put(None)
        wake()


def _report_change(_change: watchfiles.Change, path: str) -> bool:
    """Only report files wake the watcher: not editors' swap files, nor a database kept in the folder
    (whose every write would wake it to write again)."""
    name = Path(path)
    return not name.name.startswith(".") and is_report_file(name)


def _jsonl_items(entries: Iterator[Report | IngestError]) -> Iterator[Offer]:
    for entry in entries:
        yield entry if isinstance(entry, IngestError) else Item(jsonl_key(entry), entry)
