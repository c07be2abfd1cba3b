"""Benchmark the dashboard: time from navigation until 10,000 events are drawn in headless chromium.

Usage: python bench/bench_dashboard.py [--events 10000] [--runs 5] [--db PATH]

The database is made of real coding, replicated: the seed article and the sample reports are
coded once, then their events are stored again under new reports, each round of copies three days
earlier and a few kilometres away, until the store holds the wanted number of events. Copies go
back in time so that the store's merge step (which looks for stored events a day or so around
each new one) only ever meets the few copies near it, as in a real archive. The server is the real
`frontwatch serve`; the page is timed by its own performance mark "frontwatch:drawn" (set once the
first page of events is on the map, the timeline and the list), read in milliseconds since
navigation started. Target: under 2 s for 10,000 events.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

from frontwatch.ingest import IngestError, iter_jsonl, read_report
from frontwatch.models import CodedReport, Report
from frontwatch.store import Store

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "syria-offensive-2024-12-02.txt"
SAMPLES = REPO / "samples"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SPACING_DAYS = 3  # copies of one event this far apart are never taken for the same event
JITTER_DEGREES = 0.05


def real_reports() -> list[Report]:
    """The seed article (when ../shared is there) and every sample report, as the README codes them."""
    reports = [
        read_report(SAMPLES / "sudan-market-drone-strike.txt", published=date(2025, 5, 13),
                    source="Nile Desk"),
        read_report(SAMPLES / "yemen-clashes.md", published=date(2025, 6, 2), source="Gulf Field Desk"),
    ]
    batch = iter_jsonl(SAMPLES / "sample-batch.jsonl")
    reports += [item for item in batch if not isinstance(item, IngestError)]
    if SEED.is_file():
        reports.append(read_report(SEED, published=date(2024, 12, 2), source="CNN"))
    return reports


def copies(templates: list[CodedReport], round_: int, rng: random.Random) -> Iterator[CodedReport]:
    """Round `round_` of the templates: new report ids, dates moved back, coordinates jittered."""
    shift = timedelta(days=-SPACING_DAYS * round_)
    for coded in templates:
        report = replace(coded.report, id=f"bench-{round_}-{coded.report.id}")
        events = [
            replace(
                event,
                report_id=report.id,
                report_ids=[],
                event_id="",
                event_date=event.event_date + shift,
                date_end=event.date_end + shift if event.date_end else None,
                latitude=event.latitude + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES),
                longitude=event.longitude + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES),
            )
            for event in coded.events
        ]
        yield CodedReport(report, events, [])


def build_database(path: Path, wanted: int) -> int:
    """Fill the store at `path` until it holds `wanted` events (more if the last round overshoots)."""
    from frontwatch.nlp.pipeline import Coder

    with Store(path) as store:
        if (count := store.event_count()) >= wanted:
            return count  # a database kept from an earlier run (--db)
    coded = list(Coder().code_many(real_reports()))
    # Only events the map can draw, and that have a day to move (undated ones would all merge).
    templates = [
        CodedReport(c.report, [e for e in c.events if e.event_date and e.latitude is not None], [])
        for c in coded
    ]
    per_round = sum(len(t.events) for t in templates)
    print(f"coded {len(coded)} real reports: {per_round} dated, located events to replicate", file=sys.stderr)
    rng = random.Random(20241202)
    with Store(path) as store:
        round_ = store.report_count() // len(templates)
        while (count := store.event_count()) < wanted:
            for copy in copies(templates, round_, rng):
                store.save(copy)
            round_ += 1
    return count


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """`frontwatch serve` over `db` on a free loopback port, until the block ends."""
    port = free_port()
    executable = Path(sys.executable).with_name("frontwatch")
    command = [str(executable), "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/api/events", params={"limit": 1}).raise_for_status()
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"`{' '.join(command)}` did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure(url: str, runs: int) -> list[dict[str, float]]:
    """Per run: ms from navigation to drawn, ms the events request took, and markers drawn."""
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.goto(url + "/")
            page.wait_for_selector("html[data-ready='true']", state="attached", timeout=120_000)
            results.append(
                page.evaluate(
                    """() => {
                        const api = performance.getEntriesByType("resource")
                            .find((r) => r.name.includes("/api/events"));
                        return {
                            drawn_ms: performance.getEntriesByName("frontwatch:drawn")[0].startTime,
                            fetch_ms: api.responseEnd - api.startTime,
                            markers: Number(document.getElementById("map").dataset.drawn),
                        };
                    }"""
                )
            )
            context.close()
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="events in the database (default 10,000)")
    parser.add_argument("--runs", type=int, default=5, help="page loads to time (default 5)")
    parser.add_argument("--db", type=Path, help="database to build or reuse (default: a temporary one)")
    args = parser.parse_args()
    os.environ.setdefault("FRONTWATCH_DATA_DIR", str(REPO / ".cache" / "frontwatch"))
    workdir = Path(tempfile.mkdtemp(prefix="frontwatch-bench-"))
    try:
        db = args.db or workdir / "dashboard.db"
        start = time.perf_counter()
        count = build_database(db, args.events)
        print(f"database: {count:,} events in {db} ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
        with serving(db) as url:
            results = measure(url, args.runs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    drawn = [r["drawn_ms"] for r in results]
    fetched = [r["fetch_ms"] for r in results]
    print(
        f"dashboard: {int(results[0]['markers']):,} events drawn in {statistics.median(drawn) / 1000:.2f} s "
        f"(median of {len(drawn)}; best {min(drawn) / 1000:.2f} s), of which the events request "
        f"{statistics.median(fetched) / 1000:.2f} s; target < 2 s"
    )


if __name__ == "__main__":
    main()
