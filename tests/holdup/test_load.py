"""Concurrency and load: 1,000 reports posted by 20 clients at once to `frontwatch serve` (its own
process, uvicorn on loopback), 40 of them posted twice at the same moment by two clients, while
4 readers page through the events. Nothing is lost, nothing is stored twice, nothing fails.

The test asserts correctness only; the throughput and latency it measures go to the terminal
summary (and docs/reliability.md), never into an assert.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from holdup_checks import check_record
from holdup_figures import Figures
from holdup_reports import short_reports
from live_api import TOKEN, auth, serve

from frontwatch.store import Store

REPORTS = 1_000
TWICE = 40
WRITERS = 20
READERS = 4
READ_PAUSE = 0.05  # seconds between one reader's requests: a dashboard's pace, not a flood
DEADLINE = 600  # seconds: the whole run stops by itself long before this


def test_concurrent_writers_and_readers_lose_and_duplicate_nothing(tmp_path: Path, figures: Figures) -> None:
    reports = short_reports(REPORTS)
    db = tmp_path / "served.db"
    with serve(["--db", str(db)], {"FRONTWATCH_TOKEN": TOKEN}) as (url, _printed):
        with httpx.Client(base_url=url, timeout=120, headers=auth()) as warm:
            assert warm.post("/api/reports", json=reports[0]).status_code == 201  # loads the pipeline
        jobs: deque[dict[str, Any]] = deque()
        for report in reports[1:]:
            jobs.append(report)
            if len(jobs) <= 2 * TWICE:
                jobs.append(report)  # the same report again, taken by the next free client
        writes: list[dict[str, Any]] = []
        reads: list[dict[str, Any]] = []
        writing = threading.Event()
        writing.set()
        started = time.monotonic()
        writers = [threading.Thread(target=_client, args=(url, _writer(jobs), writes))
                   for _ in range(WRITERS)]
        readers = [threading.Thread(target=_client, args=(url, _reader(writing, writes), reads))
                   for _ in range(READERS)]
        for thread in writers + readers:
            thread.start()
        for thread in writers:
            thread.join(DEADLINE - (time.monotonic() - started))
        writing.clear()
        elapsed = time.monotonic() - started
        for thread in readers:
            thread.join(60)
        assert not any(thread.is_alive() for thread in writers + readers), "the load did not finish"
        with httpx.Client(base_url=url, timeout=120) as client:
            listed = client.get("/api/events", params={"limit": 10_000}).json()
    assert len(writes) == REPORTS - 1 + TWICE and len(reads) > 0
    assert [w for w in writes if w["status"] != 201] == []
    assert [r for r in reads if r["status"] != 200] == []
    _assert_each_report_stored_once(reports, writes)
    _assert_nothing_lost(db, reports, writes, listed)
    _record(figures, writes, reads, elapsed)


def _client(url: str, work: Callable[[httpx.Client], dict[str, Any] | None], results: list[dict[str, Any]]
            ) -> None:
    """One client, its own connection: do `work` until it says there is no more."""
    with httpx.Client(base_url=url, timeout=120, headers=auth()) as client:
        while (result := work(client)) is not None:
            results.append(result)


def _writer(jobs: deque[dict[str, Any]]) -> Callable[[httpx.Client], dict[str, Any] | None]:
    def write(client: httpx.Client) -> dict[str, Any] | None:
        try:
            report = jobs.popleft()
        except IndexError:
            return None
        began = time.monotonic()
        response = client.post("/api/reports", json=report)
        result = {"id": report["id"], "status": response.status_code, "seconds": time.monotonic() - began}
        if response.status_code == 201:
            result.update(response.json())
        return result
    return write


def _reader(writing: threading.Event, writes: list[dict[str, Any]]
            ) -> Callable[[httpx.Client], dict[str, Any] | None]:
    """Page through the events, and look up the events of a report already acknowledged."""
    turn = iter(range(10_000))

    def read(client: httpx.Client) -> dict[str, Any] | None:
        if not writing.is_set() or (n := next(turn, None)) is None:
            return None
        time.sleep(READ_PAUSE)
        params: dict[str, Any] = {"limit": 50}
        if n % 2 and writes:
            params["report_id"] = writes[n % len(writes)]["id"]
        began = time.monotonic()
        response = client.get("/api/events", params=params)
        result = {"status": response.status_code, "seconds": time.monotonic() - began}
        if response.status_code == 200:
            for record in response.json()["events"]:
                check_record(record)
        return result
    return read


def _assert_each_report_stored_once(reports: list[dict[str, Any]], writes: list[dict[str, Any]]) -> None:
    """Every post answered for its report; each report stored by exactly one of its posts."""
    stored: dict[str, list[bool]] = {}
    for write in writes:
        assert write["report_id"] == write["id"]
        stored.setdefault(write["id"], []).append(write["stored"])
        for record in write["events"]:
            check_record(record)
            assert write["id"] in record["report_ids"]
    assert set(stored) == {report["id"] for report in reports[1:]}
    assert all(sorted(flags) == ([False, True] if i <= TWICE else [True])
               for i, flags in enumerate((stored[report["id"]] for report in reports[1:]), start=1))


def _assert_nothing_lost(db: Path, reports: list[dict[str, Any]], writes: list[dict[str, Any]],
                         listed: dict[str, Any]) -> None:
    """The database holds each report once, every event a post returned still is (or was merged into
    one that is), and the event list names each event once."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        ids = [row[0] for row in conn.execute("SELECT id FROM reports")]
    assert sorted(ids) == sorted(report["id"] for report in reports)
    events = listed["events"]
    assert listed["total"] == len(events) and listed["next"] is None
    assert len({event["event_id"] for event in events}) == len(events)
    with Store(db) as store:
        returned = {record["event_id"] for write in writes for record in write["events"]}
        assert all(store.current_id(event_id) is not None for event_id in returned)


def _record(figures: Figures, writes: list[dict[str, Any]], reads: list[dict[str, Any]], elapsed: float
            ) -> None:
    def p95(results: list[dict[str, Any]]) -> str:
        seconds = sorted(result["seconds"] for result in results)
        return f"{seconds[int(0.95 * (len(seconds) - 1))] * 1000:.0f} ms"

    figures.set("load: writes (201, zero lost, zero duplicated, zero 5xx)", len(writes))
    figures.set("load: reads during the writes (all 200)", len(reads))
    figures.set("load: write throughput, 20 clients", f"{len(writes) / elapsed:.1f} reports/s")
    figures.set("load: write latency p95", p95(writes))
    figures.set("load: read latency p95", p95(reads))
