"""Re-coding a stored report: `extract` run again, or after frontwatch was upgraded, must leave
the database holding what the current coder makes of the report, once."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

from frontwatch.models import CodedReport, Event, Report
from frontwatch.store import Store

REPORT = Report(
    "Shelling hit Sarmin on Monday, killing two civilians.", id="sarmin", published=date(2024, 12, 3)
)


def event(location: str, fatalities: int) -> Event:
    return Event(
        REPORT.id, date(2024, 12, 2), "Explosions/Remote violence", "Shelling/artillery/missile attack",
        None, location, country="Syria", latitude=35.9, longitude=36.7, fatalities=fatalities,
        evidence=[REPORT.text],
    )


def test_the_same_coding_changes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        coded = CodedReport(REPORT, [event("Sarmin", 2)])
        assert store.update(coded) is True
        first = store.events()
        assert store.update(CodedReport(REPORT, [event("Sarmin", 2)])) is False
        assert store.events() == first


def test_a_new_coding_replaces_the_old_one(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        store.update(CodedReport(REPORT, [event("Sarmin", 2)]))
        assert store.update(CodedReport(REPORT, [event("Sarmin", 3)])) is True
        [stored] = store.events()
        assert (stored["location"], stored["fatalities"]) == ("Sarmin", 3)
        assert store.report_count() == 1


def test_events_an_older_version_stored_without_accounts_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.save(CodedReport(REPORT, [event("Sarmin", 2)]))
    with sqlite3.connect(path) as db:  # what a database written before accounts existed looks like
        db.execute("DELETE FROM accounts")
    with Store(path) as store:
        assert store.update(CodedReport(REPORT, [replace(event("Sarmin", 2), fatalities=4)])) is True
        [stored] = store.events()
        assert stored["fatalities"] == 4
