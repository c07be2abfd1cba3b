"""`frontwatch watch`: follow feeds, folders and stdin, coding each new report as it arrives.

Kept apart from the typer app so that the app module stays import-light (spaCy loads here only,
and only when there is something to watch).
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from rich.console import Console
from rich.logging import RichHandler
from rich.table import Table

from frontwatch.models import CodedReport, FrontwatchError, Report
from frontwatch.monitor import (
    PollResult,
    SourceStatus,
    WatchConfig,
    Watcher,
    WatchSettings,
    build_source,
    load_config,
    source_spec,
    watch_status,
)
from frontwatch.store import Store

if TYPE_CHECKING:
    from frontwatch.nlp.pipeline import Coder


def watch_config(sources: Sequence[str], config: Path | None, interval: float | None) -> WatchConfig:
    """The config file's sources and settings, plus the sources named on the command line."""
    loaded = load_config(config) if config else WatchConfig(sources=(), settings=WatchSettings())
    named = tuple(source_spec(argument, interval=interval) for argument in sources)
    return WatchConfig(sources=loaded.sources + named, settings=loaded.settings, db=loaded.db)


def run_watch(config: WatchConfig, db: str, *, once: bool, model: str | None, console: Console) -> int:
    """Watch until stopped (exit code 0), or poll every source once (`once`: 1 if any failed)."""
    if not config.sources:
        raise FrontwatchError("nothing to watch: give feed URLs, folders or -, or --config FILE.toml")
    pipeline = _WorkerCoder(model)
    with Store(db) as store, logging_to(console):
        watcher = Watcher([build_source(spec) for spec in config.sources], store, pipeline.code,
                          settings=config.settings)
        try:
            with _stop_on_signals(watcher, console):
                results = _on_a_worker_thread(watcher, pipeline, once=once)
        finally:
            watcher.close()
    return 1 if any(result.error for result in results) else 0


def show_status(db: str, *, as_json: bool, console: Console) -> None:
    """Each source any watcher followed in `db`: last poll, last error, reports taken."""
    with Store(db) as store:
        statuses = watch_status(store)
    if as_json:
        for status in statuses:
            sys.stdout.write(json.dumps(status.to_record(), ensure_ascii=False) + "\n")
        return
    print_status(statuses, console)


def print_status(statuses: Sequence[SourceStatus], console: Console) -> None:
    table = Table(header_style="bold")
    for column in ("source", "kind", "last poll", "last error", "failing", "next poll", "coded", "updated",
                   "known"):
        table.add_column(column, overflow="fold")
    for status in statuses:
        error = f"{_when(status.last_error_at)} {status.last_error}" if status.last_error else ""
        table.add_row(status.source, status.kind, _when(status.last_poll), error,
                      str(status.failures) if status.failures else "", _when(status.next_poll),
                      str(status.coded), str(status.updated), str(status.skipped))
    console.print(table)
    console.print(f"{len(statuses)} source(s)")


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "-"


@contextmanager
def logging_to(console: Console) -> Iterator[None]:
    """The watcher's log (what was coded, updated, skipped or failed) on the console while it runs."""
    logger = logging.getLogger("frontwatch.monitor")
    handler = RichHandler(console=console, show_path=False, markup=False)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


class _WorkerCoder:
    """The coding pipeline, loaded by the worker thread that codes with it: the gazetteer's SQLite
    connection may only be used by the thread that opened it."""

    def __init__(self, model: str | None) -> None:
        self.model = model
        self._coder: Coder | None = None

    def load(self) -> None:
        from frontwatch.nlp.pipeline import Coder

        self._coder = Coder(model=self.model)

    def code(self, report: Report) -> CodedReport:
        if self._coder is None:
            raise FrontwatchError("the coding pipeline is not loaded yet")
        return self._coder.code(report)


def _on_a_worker_thread(watcher: Watcher, pipeline: _WorkerCoder, *, once: bool) -> list[PollResult]:
    """Load the pipeline and run the watcher on a thread of their own, while this (main) thread waits.

    Signal handlers run on the main thread, between any two of its steps: one calling `stop()`
    while that same thread held the lock inside the watcher's wake-up event would deadlock.
    Daemonic, so that a second Ctrl-C ends the process at once.
    """
    results: list[PollResult] = []
    failures: list[BaseException] = []

    def work() -> None:
        try:
            pipeline.load()
            if once:
                results.extend(watcher.run_once())
            else:
                watcher.run()
        except BaseException as failure:  # handed to the main thread, which reports it
            failures.append(failure)

    worker = threading.Thread(target=work, name="frontwatch-watcher", daemon=True)
    worker.start()
    worker.join()
    if failures:
        raise failures[0]
    return results


@contextmanager
def _stop_on_signals(watcher: Watcher, console: Console) -> Iterator[None]:
    """Ctrl-C or SIGTERM: finish the report in hand, then exit 0. A second Ctrl-C aborts at once."""

    def stop(signum: int, _frame: FrameType | None) -> None:
        if watcher.stopping:
            raise KeyboardInterrupt
        console.print(f"{signal.Signals(signum).name}: stopping after the report in hand "
                      "(Ctrl-C again to abort)", highlight=False)
        watcher.stop()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
