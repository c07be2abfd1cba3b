"""Benchmark the store's writes: coded reports stored (and merged) per second, per back end.

Usage: python bench/bench_store.py REPORTS.jsonl --db PATH_OR_URL [--db ...] [--writers 1 --writers 4]

The reports are coded once, in this process; then, for each database named (each must be empty)
and each writer count, they are stored again from scratch: one writer stores them in order, N
writers (separate processes, as N `frontwatch extract` runs are) each store a share at the same
time. The time is the storing alone (report, accounts, the merge with the stored events, claims,
figures, control changes and relations), not the coding. Between runs the database's tables are
emptied, not dropped, so every run writes into the same schema.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from frontwatch.ingest import iter_reports
from frontwatch.models import CodedReport, Report
from frontwatch.nlp.pipeline import Coder
from frontwatch.store import Store
from frontwatch.store.schema import events_fts, metadata


def store_share(database: str, share: Sequence[CodedReport], start: Any) -> None:
    with Store(database) as store:
        start.wait()
        for coded in share:
            store.save(coded)


def timed_run(database: str, coded: Sequence[CodedReport], writers: int) -> tuple[float, int]:
    """Seconds to store every report with `writers` processes at once; the events stored."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(writers + 1)
    shares = [coded[n::writers] for n in range(writers)]
    processes = [context.Process(target=store_share, args=(database, share, start)) for share in shares]
    for process in processes:
        process.start()
    start.wait()  # every writer has its store open: timing starts with the first write
    began = time.perf_counter()
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - began
    if any(process.exitcode for process in processes):
        raise SystemExit(f"a writer failed on {database}")
    with Store(database) as store:
        if store.report_count() != len(coded):
            raise SystemExit(f"{database}: {store.report_count()} reports stored of {len(coded)}")
        return elapsed, store.event_count()


def empty(database: str) -> None:
    with Store(database) as store, store.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())
        if conn.dialect.name == "sqlite":
            conn.execute(events_fts.delete())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reports", type=Path, help="A JSON Lines batch of reports.")
    parser.add_argument("--db", action="append", required=True, help="An empty database (path or URL).")
    parser.add_argument("--writers", action="append", type=int, help="Writer processes (default: 1 and 4).")
    args = parser.parse_args()
    reports = [item for item in iter_reports([], batch=args.reports) if isinstance(item, Report)]
    began = time.perf_counter()
    coded = list(Coder().code_many(reports))
    print(f"{len(coded)} reports coded in {time.perf_counter() - began:.1f} s (not counted below)")
    print("| database | writers | seconds | reports/s | events stored |")
    print("| --- | --- | --- | --- | --- |")
    for database in args.db:
        with Store(database) as store:
            if store.report_count():
                raise SystemExit(f"{database} is not empty")
        shown = sa.make_url(database).render_as_string(hide_password=True) if "://" in database else database
        for writers in args.writers or [1, 4]:
            elapsed, stored = timed_run(database, coded, writers)
            rate = len(coded) / elapsed
            print(f"| {shown} | {writers} | {elapsed:.1f} | {rate:.0f} | {stored} |", flush=True)
            empty(database)


if __name__ == "__main__":
    main()
