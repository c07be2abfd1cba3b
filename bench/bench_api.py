"""API latency on 100k events: p50/p95 of typical filtered queries against a live `frontwatch serve`.

The database is made from real coding: the seed article and the samples are coded once and
stored through `Store.save`; their events are then replicated, with new ids, dates shifted over
three years and coordinates jittered, by bulk inserts into the same tables (events, their
report links, claims, and the full-text index as the store fills it) until there are 100k. The
server is the real CLI (`frontwatch serve`) in its own process on a free loopback port; a bounded
number of requests is timed over HTTP with httpx. Timings are measured here, never asserted by tests.

Usage: python bench/bench_api.py [--events 100000] [--requests 40]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from frontwatch.ingest import iter_jsonl, read_report
from frontwatch.models import Report
from frontwatch.store import Store
from frontwatch.store.merging import index_text
from frontwatch.store.records import event_row
from frontwatch.store.schema import claims, event_reports, events

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SEED = REPO.parent / "shared" / "seed" / "syria-offensive-2024-12-02.txt"
PUBLISHED = {  # the publication day and outlet each file is coded with (as `make demo` does)
    SEED.name: (date(2024, 12, 2), "CNN"),
    "sudan-market-drone-strike.txt": (date(2025, 5, 13), "Nile Desk"),
    "yemen-clashes.md": (date(2025, 6, 2), "Gulf Field Desk"),
}
SPREAD_DAYS = 3 * 365
CHUNK = 5_000


def real_reports() -> list[Report]:
    files = [SEED, *sorted(SAMPLES.glob("*.txt")), *sorted(SAMPLES.glob("*.md"))]
    reports = []
    for path in files:
        if path.is_file() and path.name != "README.md":
            published, source = PUBLISHED.get(path.name, (None, None))
            reports.append(read_report(path, published=published, source=source))
    reports += [item for item in iter_jsonl(SAMPLES / "sample-batch.jsonl") if isinstance(item, Report)]
    return reports


def build(path: Path, total: int, console: Console) -> tuple[list[dict[str, Any]], float, float]:
    """Code the real reports into `path`, then replicate their events up to `total`.

    Returns (the events coded from the real reports, coding seconds, replication seconds).
    """
    from frontwatch.nlp.pipeline import Coder

    start = time.perf_counter()
    coder = Coder()
    with Store(path) as store:
        for coded in coder.code_many(real_reports()):
            store.save(coded)
        templates = store.events()
        coded_seconds = time.perf_counter() - start
        start = time.perf_counter()
        with store.engine.begin() as conn:
            for rows, texts in _replicas(templates, total - len(templates)):
                for table, batch in rows.items():
                    if batch:
                        conn.execute(sa.insert(table), batch)
                index_text(conn, texts)  # after their events: each is indexed under its event's rowid
        console.print(f"  {store.event_count():,} events in {path}")
    return templates, coded_seconds, time.perf_counter() - start


Replicas = tuple[dict[sa.Table, list[dict[str, Any]]], list[dict[str, str]]]


def _replicas(templates: list[dict[str, Any]], count: int) -> Iterator[Replicas]:
    """Rows for `count` copies of the template events, `CHUNK` events at a time, and their texts
    for the full-text index."""
    rng = random.Random(20241202)
    now = datetime.now(UTC)
    for first in range(0, count, CHUNK):
        rows: dict[sa.Table, list[dict[str, Any]]] = {table: [] for table in (events, event_reports, claims)}
        texts: list[dict[str, str]] = []
        for n in range(first, min(first + CHUNK, count)):
            record = _moved(dict(templates[n % len(templates)], event_id=f"evbench{n:07d}"), rng)
            event_id, report_id = record["event_id"], record["report_id"]
            rows[events].append(dict(event_row(record), created_at=now, updated_at=now))
            rows[event_reports] += [{"event_id": event_id, "report_id": rid} for rid in record["report_ids"]]
            rows[claims] += [dict(c, report_id=report_id, event_id=event_id) for c in record["claims"]]
            evidence = "\n".join(record["evidence"])
            texts.append({"event_id": event_id, "notes": record["notes"], "evidence": evidence})
        yield rows, texts


def _moved(record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The copy told on another day (up to three years earlier), a few kilometres away."""
    if record["event_date"]:
        day = date.fromisoformat(record["event_date"]) - timedelta(days=rng.randrange(SPREAD_DAYS))
        record.update(event_date=day.isoformat(), date_end=None)
    if record["latitude"] is not None and record["longitude"] is not None:
        record.update(latitude=max(-90.0, min(90.0, record["latitude"] + rng.uniform(-0.5, 0.5))),
                      longitude=max(-180.0, min(180.0, record["longitude"] + rng.uniform(-0.5, 0.5))))
    return record


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(path: Path) -> Iterator[str]:
    """`frontwatch serve` on a free loopback port, in its own process, until the block ends."""
    port = free_port()
    cli = Path(sys.executable).with_name("frontwatch")  # the console script beside this interpreter
    command = [str(cli), "serve", "--db", str(path), "--port", str(port)]
    env = {key: value for key, value in os.environ.items() if key != "FRONTWATCH_TOKEN"}
    log = path.with_suffix(".log")
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as sink:
        server = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"frontwatch serve exited:\n{log.read_text(errors='replace')}")
            try:
                httpx.get(f"{url}/api/events", params={"limit": 1}, timeout=5).raise_for_status()
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def timed(client: httpx.Client, path: str, params: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    start = time.perf_counter()
    response = client.get(path, params=params)
    elapsed = time.perf_counter() - start
    response.raise_for_status()
    return elapsed * 1000, response.json()


def queries(templates: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each typical query, in a few variants drawn from the data (so no answer is a cached one)."""
    dated = sorted(date.fromisoformat(t["event_date"]) for t in templates if t["event_date"])
    last = dated[-1]

    def window(n: int) -> dict[str, str]:
        start = last - timedelta(days=60 * n + 30)
        return {"since": start.isoformat(), "until": (start + timedelta(days=90)).isoformat()}

    types = sorted({t["event_type"] for t in templates})
    countries = sorted({t["country"] for t in templates if t["country"]})
    placed = [t for t in templates if t["latitude"] is not None]
    actors = sorted({t["actor1"].split(":")[-1].split("(")[0].strip() for t in templates if t["actor1"]})
    places = sorted({t["location"] for t in templates if t["location"] and t["location"].isalpha()})
    return {
        "event_type": [{"event_type": kind} for kind in types],
        "country + 90-day range": [{"country": c, **window(n)} for n, c in enumerate(countries)],
        "bbox (2°×2°)": [{"bbox": _box(t)} for t in placed[:8]],
        "q: a place name": [{"q": place} for place in places[:8]],
        "q: a common word": [{"q": word} for word in ("killed", "civilians", "forces")],
        "actor (any role)": [{"actor": name} for name in actors[:8]],
        "type + country + min_fatalities": [{"event_type": kind, "country": countries[n % len(countries)],
                                             "min_fatalities": 1} for n, kind in enumerate(types)],
    }


def _box(template: dict[str, Any]) -> str:
    lon, lat = template["longitude"], template["latitude"]
    return f"{lon - 1:.3f},{max(-90, lat - 1):.3f},{lon + 1:.3f},{min(90, lat + 1):.3f}"


Row = tuple[str, int, float, float, str]  # query, requests, p50 ms, p95 ms, matches


def measure(url: str, templates: list[dict[str, Any]], requests: int) -> list[Row]:
    rows = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for label, variants in queries(templates).items():
            for params in variants:  # warm-up: the first touch of each variant's pages
                timed(client, "/api/events", params)
            times, totals = [], []
            for n in range(requests):
                ms, body = timed(client, "/api/events", variants[n % len(variants)])
                times.append(ms)
                totals.append(body["total"])
            rows.append((label, requests, *_percentiles(times), f"{min(totals):,}–{max(totals):,}"))
        times, cursor, walked = [], None, 0
        for _ in range(requests):  # a client walking the whole table, 100 at a time
            ms, body = timed(client, "/api/events", {"limit": 100, **({"cursor": cursor} if cursor else {})})
            times.append(ms)
            walked += len(body["events"])
            cursor = body["next"]
        rows.append(("cursor paging, limit=100", requests, *_percentiles(times), f"{walked:,} walked"))
        times = [timed(client, f"/api/events/{templates[n % len(templates)]['event_id']}", {})[0]
                 for n in range(requests)]
        rows.append(("one event in full", requests, *_percentiles(times), "1"))
    return rows


def _percentiles(times: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return statistics.median(times), cuts[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events in the database")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per query")
    args = parser.parse_args()
    console = Console()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="frontwatch-bench-") as scratch:
        path = Path(scratch) / "bench.db"
        with console.status("coding the real reports and replicating their events"):
            templates, coding, replicating = build(path, args.events, console)
        with console.status("timing the API"), served(path) as url:
            rows = measure(url, templates, args.requests)
    table = Table(title=f"frontwatch API on {args.events:,} events (SQLite, loopback)", header_style="bold")
    table.add_column("query")
    for column in ("requests", "p50 ms", "p95 ms", "matches"):
        table.add_column(column, justify="right")
    for label, count, p50, p95, matches in rows:
        table.add_row(label, str(count), f"{p50:.1f}", f"{p95:.1f}", matches)
    console.print(table)
    console.print(f"{len(templates)} events coded from the real reports in {coding:.1f} s; "
                  f"replicated in {replicating:.1f} s; whole run {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
