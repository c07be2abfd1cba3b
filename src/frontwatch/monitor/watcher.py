"""The watcher: polls each source when it is due, codes what is new, re-codes what changed.

One place decides what an offered report is — new, changed at its source, or already known by
its key or by its text — so every kind of source follows the same rules. Time and stopping are
injected (`clock`, `stop()`), so a test runs one poll round, or a bounded run, without sleeping.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import partial

from frontwatch.geo import note_unplaced
from frontwatch.ingest import IngestError
from frontwatch.models import CodedReport, FrontwatchError, Report
from frontwatch.monitor.config import SourceKind, SourceSpec, WatchSettings
from frontwatch.monitor.feeds import FeedSource
from frontwatch.monitor.fetch import Fetcher, FetchError, Stopped
from frontwatch.monitor.files import FolderSource, StdinSource
from frontwatch.monitor.items import Checkpoint, Item, PollContext, Source, text_hash
from frontwatch.monitor.state import SeenItem, Tally, WatchState
from frontwatch.store import Store

log = logging.getLogger(__name__)


class Taken(StrEnum):
    CODED = "coded"
    UPDATED = "updated"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class PollResult:
    """One poll of one source: what it took, what it rejected, and how it ended."""

    source: str
    tally: Tally
    rejected: int
    """Inputs that are not reports (a bad JSONL line, an empty file, an entry with no text)."""
    failed: int
    """Reports that could not be coded or stored this time; they are offered again next poll."""
    error: str | None
    seconds: float
    next_poll: datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def backoff(interval: float, failures: int, cap: float, rng: random.Random) -> float:
    """Seconds to wait before polling a source that failed `failures` times in a row.

    The source's own interval doubled per failure, capped, then drawn from the upper half of
    that ("equal jitter"): never hammering a struggling site, and never back in lock-step with
    every other client that the same outage knocked over.
    """
    nominal = min(cap, interval * 2 ** min(failures, 32))
    return nominal / 2 + rng.uniform(0, nominal / 2)


def _message(failure: Exception, source: str) -> str:
    """The error in words, without the source's own name in front (the status lists it already)."""
    return str(failure).removeprefix(f"{source}: ")


def build_source(spec: SourceSpec) -> Source:
    if spec.kind is SourceKind.FEED:
        return FeedSource(spec)
    if spec.kind is SourceKind.FOLDER:
        return FolderSource(spec)
    return StdinSource(spec)


class Watcher:
    """Follows `sources`, coding with `code` into `store`, remembering its progress in the store.

    `code` is `Coder().code`, or whatever runs it where it must run (the API server codes every
    report on one thread of its own, since a spaCy pipeline is not to be shared). `clock` gives
    aware UTC datetimes (scheduling and the state's timestamps); `rng` draws the back-off jitter.
    `stop()` may be called from any other thread (or a signal handler, when the watcher runs on
    another thread than the main one): the report in hand is finished, nothing new is started.
    """

    def __init__(
        self,
        sources: Sequence[Source],
        store: Store,
        code: Callable[[Report], CodedReport],
        *,
        settings: WatchSettings | None = None,
        clock: Callable[[], datetime] = utc_now,
        rng: random.Random | None = None,
    ) -> None:
        self.sources = list(sources)
        self.store = store
        self.code = code
        self.settings = settings or WatchSettings()
        self.clock = clock
        self.rng = rng or random.Random()
        self.state = WatchState(store.engine)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._woken: set[str] = set()
        self._lock = threading.Lock()
        self.fetcher = Fetcher(self.settings, pause=self._stop.wait)
        for source in self.sources:
            self.state.register(source.spec.location, source.spec.kind)

    def close(self) -> None:
        self.fetcher.close()

    # -- control ---------------------------------------------------------------------------------

    def stop(self) -> None:
        """Finish the report in hand, then return from `run` (safe to call from any other thread)."""
        self._stop.set()
        self._wake.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        """Poll each source when it is due, or sooner when it wakes the watcher, until stopped (or
        until every source is finished, as stdin is at its end)."""
        quiet = threading.Event()
        for source in self.sources:
            source.listen(partial(self._wake_for, source), quiet)
        try:
            while not self.stopping:
                self._wake.clear()
                self.poll_round()
                if all(source.finished for source in self.sources):
                    break
                self._wake.wait(self._seconds_to_next_poll())
        finally:
            quiet.set()

    def run_once(self) -> list[PollResult]:
        """Poll every source one time, whatever its schedule, reading stdin to its end."""
        return [self.poll(source, once=True) for source in self.sources if not self.stopping]

    def poll_round(self) -> list[PollResult]:
        """Poll every source that is due now (or woke the watcher), once."""
        now = self.clock()
        results = []
        for source in self.sources:
            if self.stopping:
                break
            if not source.finished and self._due(source, now):
                results.append(self.poll(source))
        return results

    def _due(self, source: Source, now: datetime) -> bool:
        with self._lock:
            if source.spec.location in self._woken:
                return True
        status = self.state.status(source.spec.location)
        return status is None or status.next_poll is None or status.next_poll <= now

    def _wake_for(self, source: Source) -> None:
        with self._lock:
            self._woken.add(source.spec.location)
        self._wake.set()

    def _seconds_to_next_poll(self) -> float:
        now = self.clock()
        waits = [
            (status.next_poll - now).total_seconds() if status.next_poll else 0.0
            for source in self.sources
            if not source.finished and (status := self.state.status(source.spec.location))
        ]
        return max(0.0, min(waits, default=0.0))

    # -- one poll --------------------------------------------------------------------------------

    def poll(self, source: Source, *, once: bool = False) -> PollResult:
        """Poll one source now, whatever its schedule, and record the outcome in the state."""
        name = source.spec.location
        with self._lock:
            self._woken.discard(name)
        started = time.perf_counter()
        counts = dict.fromkeys((*Taken, "rejected", "failed"), 0)
        error: str | None = None
        retry_after: float | None = None
        failed_since_checkpoint = failed_in_poll = False
        context = PollContext(cursor=self.state.cursor, fetcher=self.fetcher,
                              wake=partial(self._wake_for, source), stopping=lambda: self.stopping, once=once)
        try:
            with closing(source.poll(context)) as offers:
                for offer in offers:
                    if isinstance(offer, Checkpoint):
                        if not (failed_in_poll if offer.whole_poll else failed_since_checkpoint):
                            self.state.save_cursor(offer.cursor, self.clock())
                        failed_since_checkpoint = False
                    elif isinstance(offer, IngestError):
                        log.warning("%s: %s", name, offer)
                        counts["rejected"] += 1
                    else:
                        taken = self._take(name, offer)
                        counts[taken or "failed"] += 1
                        failed_since_checkpoint |= taken is None
                        failed_in_poll |= taken is None
                    if self.stopping:
                        break
        except Stopped:
            pass
        except FetchError as failure:
            error, retry_after = _message(failure, name), failure.retry_after
        except (FrontwatchError, OSError) as failure:
            error = _message(failure, name)
        except Exception as failure:  # a daemon outlives its sources' surprises; the log keeps the trace
            log.exception("%s: poll failed", name)
            error = f"{type(failure).__name__}: {failure}"
        return self._record(source.spec, counts, error, retry_after, time.perf_counter() - started)

    def _record(self, spec: SourceSpec, counts: dict[str, int], error: str | None, retry_after: float | None,
                seconds: float) -> PollResult:
        now = self.clock()
        tally = Tally(coded=counts[Taken.CODED], updated=counts[Taken.UPDATED], skipped=counts[Taken.SKIPPED])
        if error is None:
            # A poll cut short by stop() is due again at once: the next start picks up where it left off.
            next_poll = now if self.stopping else now + timedelta(seconds=spec.interval)
            self.state.record_success(spec.location, now, next_poll, tally)
            log.info("%s: %d new, %d updated, %d known, %d rejected, %d failed (%.2f s)", spec.location,
                     tally.coded, tally.updated, tally.skipped, counts["rejected"], counts["failed"], seconds)
        else:
            status = self.state.status(spec.location)
            failures = (status.failures if status else 0) + 1
            delay = backoff(spec.interval, failures, self.settings.max_backoff, self.rng)
            if retry_after is not None:  # the server's word beats our guess, even past max_backoff
                delay = max(delay, retry_after)
            next_poll = now + timedelta(seconds=delay)
            self.state.record_failure(spec.location, now, next_poll, error, tally)
            log.warning("%s: %s (failure %d in a row; next try in %.0f s)", spec.location, error, failures,
                        delay)
        return PollResult(spec.location, tally, counts["rejected"], counts["failed"], error, seconds,
                          next_poll)

    # -- one report ------------------------------------------------------------------------------

    def _take(self, source: str, item: Item) -> Taken | None:
        """Code and store one offered report; None when that failed (it is offered again next poll)."""
        try:
            return self._code(source, item)
        except Exception as failure:  # one bad report must not hold back the ones after it
            log.error("%s: not coded (%s: %s)", item.key, type(failure).__name__, failure)
            return None

    def _code(self, source: str, item: Item) -> Taken:
        """New, changed, or known? Known by key with the same text, or by text under another key.

        The store is written before the state: a crash between the two only means the report is
        offered again, found stored, and remembered then.
        """
        report = item.report
        if report.published is None:
            # Relative dates ("on Monday") need a day to count from; a live report is today's news.
            report = replace(report, published=self.clock().date())
        digest = text_hash(report)
        seen = self.state.item(item.key)
        if seen is not None and seen.content_hash == digest:
            return Taken.SKIPPED
        if seen is not None and seen.owner:
            coded = self.code(replace(report, id=seen.report_id))
            self.store.replace(coded)
            note_unplaced([coded])
            self.state.remember(source, SeenItem(item.key, digest, seen.report_id, True), self.clock())
            log.info("updated %s: %d event(s)", report.title or item.key, len(coded.events))
            return Taken.UPDATED
        if (twin := self.state.report_with_text(digest)) is not None:
            self.state.remember(source, SeenItem(item.key, digest, twin, False), self.clock())
            return Taken.SKIPPED
        if self.store.has_report(report.id):  # stored by `frontwatch extract`, or before the state was
            self.state.remember(source, SeenItem(item.key, digest, report.id, True), self.clock())
            return Taken.SKIPPED
        coded = self.code(report)
        self.store.save(coded)
        note_unplaced([coded])
        self.state.remember(source, SeenItem(item.key, digest, report.id, True), self.clock())
        log.info("coded %s: %d event(s)", report.title or item.key, len(coded.events))
        return Taken.CODED
