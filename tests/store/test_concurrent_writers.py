"""Several writers at once — processes (parallel `extract` runs) and threads (an API server's
requests) — storing overlapping batches into one database, on SQLite and PostgreSQL.

Reports of the same happenings (a day or two apart, some undated, with other tolls) merge into
shared events, so concurrent merges fight over the same rows. Whatever the interleaving, the
database must end as one writer storing every report once ends it: no event duplicated or lost,
no account, claim or report link twice.
"""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
import threading
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from frontwatch.models import Claim, ClaimKind, CodedReport, Event, Report
from frontwatch.store import Store
from frontwatch.store.schema import accounts, claims, event_reports

WRITERS = 4
HAPPENINGS = [  # (place, latitude, longitude, country, admin1, day, sub-event type, actor1, actor2)
    ("Sarmin", 35.90, 36.72, "Syria", "Idlib", date(2024, 3, 4), "Shelling/artillery/missile attack",
     "Military Forces of Syria (2000-2024)", "Civilians (Syria)"),
    ("Kafr Nabl", 35.61, 36.56, "Syria", "Idlib", date(2024, 3, 4), "Armed clash",
     "Hayat Tahrir al-Sham", "Military Forces of Syria (2000-2024)"),
    ("Ariha", 35.81, 36.61, "Syria", "Idlib", date(2024, 3, 5), "Air/drone strike",
     "Military Forces of Russia (2000-)", "Civilians (Syria)"),
    ("El Obeid", 13.18, 30.22, "Sudan", "North Kordofan", date(2024, 3, 4), "Air/drone strike",
     "Rapid Support Forces", "Civilians (Sudan)"),
    ("Bara", 13.70, 30.37, "Sudan", "North Kordofan", date(2024, 3, 6), "Armed clash",
     "Rapid Support Forces", "Military Forces of Sudan (2019-)"),
    ("Marib", 15.46, 45.33, "Yemen", "Marib", date(2024, 3, 5), "Armed clash",
     "Ansar Allah", "Military Forces of Yemen (2016-)"),
    ("Basta", 33.89, 35.51, "Lebanon", "Beirut", date(2024, 3, 4), "Air/drone strike",
     "Military Forces of Israel (2022-)", "Civilians (Lebanon)"),
    ("Tyre", 33.27, 35.20, "Lebanon", "South", date(2024, 3, 5), "Air/drone strike",
     "Military Forces of Israel (2022-)", "Hezbollah"),
]


def reports(count: int = 36) -> list[CodedReport]:
    """`count` reports, each telling one to three of the happenings its own way (fixed seed)."""
    rng = random.Random(6)
    made = []
    for number in range(count):
        report_id = f"report-{number:02d}"
        published = date(2024, 3, 4) + timedelta(days=rng.randint(0, 2))
        told = rng.sample(HAPPENINGS, rng.randint(1, 3))
        events = []
        for place, lat, lon, country, admin1, day, sub_type, actor1, actor2 in told:
            killed = rng.randint(0, 12)
            claim = Claim(ClaimKind.KILLED, killed, killed, killed, claimant=f"Witness {number}",
                          evidence=f"{killed} killed in {place}, report {number}.")
            events.append(Event(
                report_id=report_id,
                event_date=None if rng.random() < 0.15 else day + timedelta(days=rng.choice((0, 0, 0, 1))),
                event_type="Battles" if sub_type == "Armed clash" else "Explosions/Remote violence",
                sub_event_type=sub_type, actor1=actor1, actor2=actor2, location=place, country=country,
                admin1=admin1, latitude=lat, longitude=lon, geo_precision=1, fatalities=killed,
                fatalities_low=killed, fatalities_high=killed, sources=[f"Outlet {number % 7}"],
                evidence=[f"{killed} killed in {place}, report {number}."],
                notes=f"Report {number} on {place}.", claims=[claim],
            ))
        made.append(CodedReport(Report(f"Text of report {number}.", report_id, published,
                                       source=f"Outlet {number % 7}"), events))
    return made


def batches() -> list[list[int]]:
    """One batch per writer; every report is in two of them, so each is offered twice at once."""
    count = len(reports())
    return [[n for n in range(count) if n % WRITERS in (w, (w + 1) % WRITERS)] for w in range(WRITERS)]


def store_batch(database: str, numbers: Sequence[int], start: Any) -> None:
    """One writer: open the store (all at once on a new database: its creation races too), wait for
    the others, then store its batch in its own order."""
    every = reports()
    batch = [every[n] for n in numbers]
    random.Random(len(numbers) + numbers[0]).shuffle(batch)
    with Store(database) as store:
        start.wait(timeout=120)
        for coded in batch:
            store.save(coded)


def in_processes(database: str) -> None:
    context = multiprocessing.get_context("spawn")  # a clean interpreter each, as separate runs are
    start = context.Barrier(WRITERS)
    writers = [context.Process(target=store_batch, args=(database, batch, start)) for batch in batches()]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=300)
    assert [writer.exitcode for writer in writers] == [0] * WRITERS


def in_threads(database: str) -> None:
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def write(batch: list[int]) -> None:
        try:
            store_batch(database, batch, start)
        except BaseException as error:  # reported by the main thread
            failures.append(error)
            start.abort()

    threads = [threading.Thread(target=write, args=(batch,)) for batch in batches()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert failures == []


def contents(database: str) -> dict[str, Any]:
    """Everything ingestion order must not change: the events, and every account, claim and link."""
    with Store(database) as store, store.engine.connect() as conn:
        return {
            "reports": store.report_count(),
            "events": store.events(),
            "accounts": sorted(conn.execute(sa.select(accounts.c.account_id, accounts.c.event_id,
                                                      accounts.c.record)).all()),
            "claims": sorted(conn.execute(sa.select(*(c for c in claims.c if c.name != "id"))).all(),
                             key=repr),
            "links": sorted(conn.execute(sa.select(event_reports)).all()),
        }


@pytest.mark.parametrize("writers", [in_processes, in_threads], ids=["processes", "threads"])
def test_concurrent_overlapping_writers_end_as_one_writer(
    new_database: Callable[[], str], writers: Callable[[str], None]
) -> None:
    alone = new_database()
    with Store(alone) as store:
        for coded in reports():
            assert store.save(coded) is True
    expected = contents(alone)
    assert expected["reports"] == len(reports())
    assert len(expected["events"]) < sum(len(coded.events) for coded in reports())  # reports did merge

    together = new_database()
    writers(together)
    assert contents(together) == expected



def test_opening_waits_while_another_process_switches_a_new_database_to_wal(tmp_path: Path) -> None:
    """Parallel `extract --db` runs on a database that does not exist yet all switch the new file
    to WAL at once. SQLite refuses a switch at once, without waiting, while another connection holds
    the write lock of a database not yet in WAL; opening must wait for it, not fail."""
    path = tmp_path / "new.db"
    switching = sqlite3.connect(path, isolation_level=None, check_same_thread=False)  # another writer
    switching.execute("CREATE TABLE other_tool (x)")
    switching.execute("BEGIN IMMEDIATE")
    switching.execute("INSERT INTO other_tool VALUES (1)")
    threading.Timer(0.5, switching.execute, args=("COMMIT",)).start()
    with Store(path) as store:
        assert store.report_count() == 0
    switching.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
