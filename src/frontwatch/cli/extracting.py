"""`frontwatch extract`: read inputs, code them in batches, store each report, collect the events.

Kept apart from the typer app so that the app module stays import-light (spaCy loads here only).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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
                db: str | None, model: str | None, merge: bool
                ) -> tuple[list[dict[str, Any]], list[IngestError]]:
    """Code every report; store each in its own transaction; return event records and input failures."""
    from frontwatch.nlp.pipeline import Coder

    console = Console(stderr=True)
    failures: list[IngestError] = []
    coder = Coder(model=model)
    store = None
    if db is not None:
        from frontwatch.store import Store

        store = Store(db)
    records: list[dict[str, Any]] = []
    reports = _reports_only(iter_reports(files, batch=batch, stdin=sys.stdin, published=published,
                                         source=source), console, failures)
    coded_reports: list[CodedReport] = []
    try:
        with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("reports"),
                      TimeElapsedColumn(), console=console, transient=True,
                      disable=not console.is_terminal) as progress:
            task = progress.add_task("coding", total=None)
            for coded in coder.code_many(reports):
                if store is not None:
                    store.save(coded)
                coded_reports.append(coded)
                progress.advance(task)
    finally:
        if store is not None:
            store.close()
    if merge:
        from frontwatch.merge import merge_events

        events = merge_events([event for coded in coded_reports for event in coded.events])
    else:
        events = [event for coded in coded_reports for event in coded.events]
    records = [event.to_record() for event in events]
    if not coded_reports and not failures:
        console.print("no reports found in the inputs given")
    return records, failures
