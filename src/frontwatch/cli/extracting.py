"""`frontwatch extract`: read inputs, code them in batches, store each report, collect the events.

Kept apart from the typer app so that the app module stays import-light (spaCy loads here only).
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from frontwatch.geo import note_unplaced
from frontwatch.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_REPORT_BYTES, IngestError, iter_reports
from frontwatch.models import CodedReport, FrontwatchError, Report

if TYPE_CHECKING:
    from frontwatch.scale import Engine
    from frontwatch.store import Store


def _reports_only(items: Iterable[Report | IngestError], failures: _Failures) -> Iterator[Report]:
    """Pass reports on; name each bad input (and its line) in `failures`."""
    for item in items:
        if isinstance(item, IngestError):
            failures.add(item)
        else:
            yield item


class _Failures:
    """The records that failed, each printed on stderr as it happens, naming it."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.items: list[IngestError] = []

    def add(self, failure: IngestError) -> None:
        self.items.append(failure)
        self.console.print(f"[bold red]error:[/] {escape(str(failure))}", highlight=False)

    def report(self, report: Report, error: BaseException, what: str) -> None:
        """A report that was read but could not be coded or stored, named by its id and first words."""
        opening = " ".join(report.text[:60].split())
        self.add(IngestError(f'report {report.id} ("{opening}…")', None,
                             f"{what} ({type(error).__name__}: {error})"))


class _Feed:
    """The reports handed to an engine, remembering those it has taken and not yet given back."""

    def __init__(self, reports: Iterable[Report]) -> None:
        self._reports = iter(reports)
        self.taken: deque[Report] = deque()
        self.broken = False  # reading the inputs failed: that error is not a report's

    def __iter__(self) -> Iterator[Report]:
        return self

    def __next__(self) -> Report:
        try:
            report = next(self._reports)
        except StopIteration:
            raise
        except BaseException:
            self.broken = True
            raise
        self.taken.append(report)
        return report


def code_each(engine: Engine, reports: Iterable[Report], failed: Callable[[Report, Exception], None]
              ) -> Iterator[CodedReport]:
    """`engine.code_many(reports)`, except that a report the pipeline fails on costs that report,
    not the batch: it is passed to `failed` with the error, and the others are coded.

    Engines code in batches and yield in input order, so when one raises, the reports it had taken
    but not given back are coded again one at a time to find the one at fault, and the stream
    goes on after them.
    """
    feed = _Feed(reports)
    while True:
        try:
            for coded in engine.code_many(feed):
                feed.taken.popleft()
                yield coded
            return
        except Exception:
            if feed.broken or not feed.taken:
                raise
        while feed.taken:
            report = feed.taken.popleft()
            try:
                yield from engine.code_many([report])
            except Exception as error:
                failed(report, error)


def _save(store: Store, coded: CodedReport, failures: _Failures) -> bool:
    """Store one report in its own transaction; a report the store refuses is named and skipped
    (its transaction rolled back), while a database that cannot be written stops the run.

    A report stored before is brought up to date (`Store.update`), so what `extract` prints is what
    this version codes, never what an older one left in the database.
    """
    from sqlalchemy.exc import OperationalError, StatementError

    try:
        store.update(coded)
    except OperationalError as error:
        raise FrontwatchError(f"cannot write to the database: {error.orig}") from None
    except Exception as error:
        cause = error.orig if isinstance(error, StatementError) and error.orig is not None else error
        failures.report(coded.report, cause, what="could not be stored")
        return False
    return True


def run_extract(files: list[Path], *, batch: Path | None, published: date | None, source: str | None,
                db: str | None, model: str | None, merge: bool, engine: str = "local",
                workers: int | None = None, scheduler: str | None = None,
                max_line_bytes: int = DEFAULT_MAX_BYTES, max_report_bytes: int = DEFAULT_MAX_REPORT_BYTES,
                ) -> tuple[list[dict[str, Any]], list[IngestError]]:
    """Code every report; store each in its own transaction; return event records and input failures.

    With a database the stored events are the merged ones (reports merge as they are stored), so
    with `merge` the records returned are read back from it: what the output says, the database
    says. Without `merge` each report's own events are returned, as coded. `engine` codes in this
    process ("local") or on a Dask cluster ("dask": `workers` local processes, or the workers of
    the `scheduler` at that address); the output is the same. A batch line over `max_line_bytes`,
    a report text over `max_report_bytes` (UTF-8), and a report the pipeline or the store fails on
    are each named on stderr and returned among the failures; the rest are coded.
    """
    from frontwatch.scale import open_engine

    console = Console(stderr=True)
    failures = _Failures(console)
    engines = ExitStack()
    coder = engines.enter_context(open_engine(engine, model=model, workers=workers, scheduler=scheduler))
    store = None
    records: list[dict[str, Any]] = []
    inputs = iter_reports(files, batch=batch, stdin=sys.stdin, published=published, source=source,
                          max_bytes=max_line_bytes, max_report_bytes=max_report_bytes)
    reports = _reports_only(inputs, failures)
    coded_reports: list[CodedReport] = []
    try:
        if db is not None:
            from frontwatch.store import Store

            store = Store(db)
        with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("reports"),
                      TimeElapsedColumn(), console=console, transient=True,
                      disable=not console.is_terminal) as progress:
            task = progress.add_task("coding", total=None)
            for coded in code_each(coder, reports, partial(failures.report, what="could not be coded")):
                if store is not None and not _save(store, coded, failures):
                    continue
                coded_reports.append(coded)
                progress.advance(task)
        note_unplaced(coded_reports)
        if store is not None and merge:
            # the stored events these reports joined, with whatever earlier reports told of them
            records = store.events_of_reports([coded.report.id for coded in coded_reports])
    finally:
        if store is not None:
            store.close()
        engines.close()
    if store is None and merge:
        from frontwatch.merge import merge_events

        told_on = {coded.report.id: coded.report.published for coded in coded_reports}
        events = merge_events([event for coded in coded_reports for event in coded.events], told_on)
        records = [event.to_record() for event in events]
    elif not merge:
        records = [event.to_record() for coded in coded_reports for event in coded.events]
    if not coded_reports and not failures.items:
        console.print("no reports found in the inputs given")
    return records, failures.items
