"""`frontwatch extract`: read inputs, code them in batches, store each report, collect the events.

Kept apart from the typer app so that the app module stays import-light (spaCy loads here only).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from frontwatch.geo import note_unplaced
from frontwatch.ingest import IngestError, iter_reports
from frontwatch.models import CodedReport, Report


def _reports_only(items: Iterable[Report | IngestError], console: Console, failures: list[IngestError]
                  ) -> Iterator[Report]:
    """Pass reports on; print each bad input (naming it and its line) and remember it."""
    for item in items:
        if isinstance(item, IngestError):
            failures.append(item)
            console.print(f"[bold red]error:[/] {item}", highlight=False)
        else:
            yield item


def run_extract(files: list[Path], *, batch: Path | None, published: date | None, source: str | None,
                db: str | None, model: str | None, merge: bool, engine: str = "local",
                workers: int | None = None, scheduler: str | None = None
                ) -> tuple[list[dict[str, Any]], list[IngestError]]:
    """Code every report; store each in its own transaction; return event records and input failures.

    With a database the stored events are the merged ones (reports merge as they are stored), so
    with `merge` the records returned are read back from it: what the output says, the database
    says. Without `merge` each report's own events are returned, as coded. `engine` codes in this
    process ("local") or on a Dask cluster ("dask": `workers` local processes, or the workers of
    the `scheduler` at that address); the output is the same.
    """
    from frontwatch.scale import open_engine

    console = Console(stderr=True)
    failures: list[IngestError] = []
    engines = ExitStack()
    coder = engines.enter_context(open_engine(engine, model=model, workers=workers, scheduler=scheduler))
    store = None
    records: list[dict[str, Any]] = []
    reports = _reports_only(iter_reports(files, batch=batch, stdin=sys.stdin, published=published,
                                         source=source), console, failures)
    coded_reports: list[CodedReport] = []
    try:
        if db is not None:
            from frontwatch.store import Store

            store = Store(db)
        with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("reports"),
                      TimeElapsedColumn(), console=console, transient=True,
                      disable=not console.is_terminal) as progress:
            task = progress.add_task("coding", total=None)
            for coded in coder.code_many(reports):
                if store is not None:
                    store.save(coded)
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
    if not coded_reports and not failures:
        console.print("no reports found in the inputs given")
    return records, failures
