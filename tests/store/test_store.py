"""The store on a real SQLite file and a real PostgreSQL database: idempotent saves, atomicity,
filters, record shape. Tests taking `store` or `database` run once per back end."""

from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from frontwatch.models import Claim, ClaimKind, CodedReport, Event, FrontwatchError, Report, Verification
from frontwatch.store import EventQuery, Store, database_name
from frontwatch.store import database as database_module
from frontwatch.store import merging as merging_module
from frontwatch.store.records import COLUMN_FIELDS
from frontwatch.store.schema import claims, event_reports, events, figures


def make_coded(text: str = "Report from Idlib.", report_id: str = "") -> CodedReport:
    report = Report(text=text, id=report_id, published=date(2024, 3, 5), source="Levant Wire", title="Idlib")
    killed = Claim(
        kind=ClaimKind.KILLED,
        value=5,
        low=5,
        high=7,
        qualifier="at least",
        claimant="White Helmets",
        evidence="At least five civilians were killed",
        start=0,
        end=35,
        group="civilians",
    )
    injured = Claim(kind=ClaimKind.INJURED, value=12, low=12, high=12, evidence="12 were wounded")
    shelling = Event(
        report_id=report.id,
        event_date=date(2024, 3, 4),
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Syria (2000-2024)",
        actor2="Civilians (Syria)",
        inter1=1,
        inter2=7,
        location="Sarmin",
        country="Syria",
        admin1="Idlib",
        admin2="Idlib",
        latitude=35.9,
        longitude=36.7,
        geo_precision=1,
        fatalities=5,
        fatalities_low=5,
        fatalities_high=7,
        fatalities_qualifier="at least",
        injured=12,
        sources=["White Helmets", "Levant Wire"],
        verification=Verification.UNVERIFIED,
        evidence=["At least five civilians were killed when government forces shelled Sarmin."],
        notes="On 4 March 2024, government forces shelled Sarmin, killing at least 5 civilians.",
        claims=[killed, injured],
    )
    clash = Event(
        report_id=report.id,
        event_date=date(2024, 3, 1),
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Hayat Tahrir al-Sham",
        assoc_actor_1="Turkistan Islamic Party",
        actor2="Military Forces of Syria (2000-2024)",
        inter1=2,
        inter2=1,
        location="Kafr Nabl",
        country="Syria",
        admin1="Idlib",
        fatalities=2,
        verification=Verification.CLAIMED,
        evidence=["HTS fighters clashed with regime troops near Kafr Nabl."],
        notes="On 1 March 2024, HTS clashed with regime forces near Kafr Nabl; 2 fatalities.",
    )
    figure = Claim(kind=ClaimKind.DISPLACED, value=3000, low=3000, high=3000, evidence="3,000 families fled")
    return CodedReport(report=report, events=[clash, shelling], figures=[figure])


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    with Store(database) as opened:
        yield opened


def counts(store: Store) -> tuple[int, ...]:
    with store.engine.connect() as conn:
        extra = [
            conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in (claims, figures)
        ]
    return (store.report_count(), store.event_count(), *extra)


def test_sqlite_file_is_created_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "store.db"
    with Store(f"sqlite:///{path}") as store:
        assert path.exists()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_save_then_resave_changes_nothing(store: Store) -> None:
    coded = make_coded()
    assert not store.has_report(coded.report.id)
    assert store.save(coded) is True
    assert store.has_report(coded.report.id)
    assert counts(store) == (1, 2, 2, 1)
    assert store.save(make_coded()) is False
    assert counts(store) == (1, 2, 2, 1)


def test_records_have_the_exact_jsonl_shape(store: Store) -> None:
    coded = make_coded()
    store.save(coded)
    expected = sorted((e.to_record() for e in coded.events), key=lambda r: r["event_date"])
    assert store.events() == expected
    assert [list(r) for r in store.events()] == [list(r) for r in expected]  # key order too


def test_events_table_has_a_column_per_record_field() -> None:
    assert set(COLUMN_FIELDS) <= set(events.c.keys())
    assert {"created_at", "updated_at"} <= set(events.c.keys())


def test_event_detail_has_claims_and_reports(store: Store) -> None:
    coded = make_coded()
    store.save(coded)
    shelling = coded.events[1]
    detail = store.event(shelling.event_id)
    assert detail is not None
    assert [c["value"] for c in detail["claims"]] == [5, 12]
    assert {c["report_id"] for c in detail["claims"]} == {coded.report.id}
    assert [r["id"] for r in detail["reports"]] == [coded.report.id]
    assert detail["reports"][0]["published"] == "2024-03-05"
    assert store.event("ev-missing") is None


def test_figures_are_stored_apart_from_events(store: Store) -> None:
    coded = make_coded()
    store.save(coded)
    [figure] = store.figures()
    assert (figure["kind"], figure["value"], figure["report_id"]) == ("displaced", 3000, coded.report.id)
    assert store.figures("other-report") == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Kafr Nabl", "Sarmin"]),
        ({"since": date(2024, 3, 2)}, ["Sarmin"]),
        ({"until": date(2024, 3, 1)}, ["Kafr Nabl"]),
        ({"since": date(2024, 3, 1), "until": date(2024, 3, 4)}, ["Kafr Nabl", "Sarmin"]),
        ({"event_type": "Battles"}, ["Kafr Nabl"]),
        ({"sub_event_type": "Shelling/artillery/missile attack"}, ["Sarmin"]),
        ({"actor": "military forces of syria"}, ["Kafr Nabl", "Sarmin"]),  # actor1 in one, actor2 in other
        ({"actor": "Turkistan"}, ["Kafr Nabl"]),  # associated actor
        ({"actor": "100%_"}, []),  # LIKE wildcards are literal
        ({"country": "syria"}, ["Kafr Nabl", "Sarmin"]),
        ({"country": "Yemen"}, []),
        ({"admin1": "IDLIB"}, ["Kafr Nabl", "Sarmin"]),
        ({"q": "shelled"}, ["Sarmin"]),
        ({"q": "SARMIN killing"}, ["Sarmin"]),  # any case
        ({"q": "shell"}, []),  # whole words, not parts of them
        ({"q": "White Helmets"}, []),  # a claimant, not in the notes or evidence
        ({"q": "regime Kafr"}, ["Kafr Nabl"]),
        ({"q": "shelled Kafr"}, []),  # every word must occur
        ({"q": 'NEAR(" OR ) -'}, []),  # FTS syntax in user input is neutralised
        ({"min_fatalities": 3}, ["Sarmin"]),
        ({"verification": Verification.CLAIMED}, ["Kafr Nabl"]),
        ({"verification": "unverified"}, ["Sarmin"]),
        ({"limit": 1}, ["Kafr Nabl"]),
        ({"limit": 1, "offset": 1}, ["Sarmin"]),
    ],
)
def test_filters(store: Store, filters: dict, expected: list[str]) -> None:
    store.save(make_coded())
    assert [r["location"] for r in store.events(**filters)] == expected


def test_filters_are_bound_parameters_not_sql(store: Store) -> None:
    store.save(make_coded())
    hostile = "x' OR '1'='1"
    assert store.events(country=hostile, actor=hostile, q=hostile, event_type=hostile) == []
    assert store.event_count() == 2


def test_iter_events_streams_the_same_records(store: Store) -> None:
    store.save(make_coded())
    assert list(store.iter_events(EventQuery(country="Syria"))) == store.events(country="Syria")


def test_undated_events_sort_last(store: Store) -> None:
    coded = make_coded()
    coded.events[0].event_date = None
    coded.events[0].event_id = "ev-undated"
    store.save(coded)
    assert [r["event_id"] for r in store.events()][-1] == "ev-undated"


def test_failure_mid_save_leaves_no_rows(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    original = merging_module.insert_claims
    calls = []

    def failing(*args: object) -> None:
        calls.append(args)
        if len(calls) == 2:  # after the report, one event and its claims are written
            raise RuntimeError("disk on fire")
        original(*args)

    monkeypatch.setattr(merging_module, "insert_claims", failing)
    coded = make_coded()
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save(coded)
    assert counts(store) == (0, 0, 0, 0)
    assert not store.has_report(coded.report.id)
    assert store.events(q="shelled") == []  # the full-text index rolled back too

    monkeypatch.setattr(merging_module, "insert_claims", original)
    assert store.save(coded) is True
    assert counts(store) == (1, 2, 2, 1)


def test_event_told_again_by_a_later_report_is_merged_under_its_first_id(store: Store) -> None:
    first = make_coded()
    store.save(first)
    second = make_coded(text="Follow-up from Idlib.")
    second.report = replace(second.report, published=date(2024, 3, 6))
    event = second.events[1]
    event.sources = ["SOHR"]
    event.notes = "Updated: 6 civilians killed in Sarmin."
    assert store.save(second) is True
    assert store.event_count() == 2  # the clash and the shelling, each told by both reports
    shelling_id = first.events[1].event_id
    detail = store.event(shelling_id)
    assert detail is not None
    assert detail["report_ids"] == sorted([first.report.id, second.report.id])
    assert detail["sources"] == ["White Helmets", "Levant Wire", "SOHR"]
    assert {r["id"] for r in detail["reports"]} == {first.report.id, second.report.id}
    assert [r["event_id"] for r in store.events(q="Updated")] == [shelling_id]


def test_a_report_another_writer_stored_after_the_first_check_is_not_stored_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    coded = make_coded()
    store.save(coded)
    # The lock-free check misses (another writer's commit landed just after it); the check made
    # under the write lock finds the report.
    monkeypatch.setattr(Store, "has_report", lambda self, report_id: False)
    assert store.save(coded) is False
    assert counts(store) == (1, 2, 2, 1)


def test_data_survives_reopening(database: str) -> None:
    with Store(database) as store:
        store.save(make_coded())
    with Store(database) as store:
        assert store.event_count() == 2
        assert store.events(q="shelled")[0]["location"] == "Sarmin"
        with store.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(event_reports)).scalar_one() == 2


def test_a_sqlite_path_gets_its_directories(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "frontwatch.db"
    with Store(path) as store:
        store.save(make_coded())
    assert sqlite3.connect(path).execute("SELECT count(*) FROM event_reports").fetchone() == (2,)


def test_ids_sort_byte_by_byte_on_every_back_end(store: Store) -> None:
    """PostgreSQL's linguistic collations sort "ev-b" after "evA"; SQLite compares bytes. The test
    server's databases use ICU "en-US", so this fails there unless ids are compared as bytes."""
    ids = ["Ev9", "ev-b", "evA", "ev_c", "eva", "evé"]
    coded = make_coded()
    template = coded.events[0]
    coded.events = [replace(template, event_id=event_id, location=event_id, sources=[], claims=[],
                            evidence=[f"Clash {n}."]) for n, event_id in enumerate(ids)]
    for event in coded.events:
        event.report_ids = [coded.report.id]
    store.save(coded)
    assert [e["event_id"] for e in store.events()] == sorted(ids, key=lambda i: i.encode())
    walked, after = [], None
    while page := store.events(after=after, limit=2):
        walked += [e["event_id"] for e in page]
        after = (date.fromisoformat(page[-1]["event_date"]), page[-1]["event_id"])
    assert walked == sorted(ids, key=lambda i: i.encode())


def test_in_memory_store() -> None:
    with Store("sqlite://") as store:
        assert store.save(make_coded())
        assert store.event_count() == 2


def test_a_database_is_named_without_its_password() -> None:
    assert database_name("postgresql://fw:secret@db.example.org:5432/events") == (
        "postgresql://fw:***@db.example.org:5432/events")
    assert database_name("/srv/frontwatch/events.db") == "/srv/frontwatch/events.db"


def test_unsupported_or_missing_backends_are_user_errors() -> None:
    with pytest.raises(FrontwatchError, match="unsupported database URL"):
        Store("mysql://localhost/db")
    with pytest.raises(FrontwatchError, match=r"not a database URL: postgresql://… \(invalid literal"):
        Store("postgresql://fw:secret@localhost:five/db")


def test_postgres_without_psycopg_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda n: None if n == "psycopg" else find_spec(n))
    with pytest.raises(FrontwatchError, match=r"pip install 'psycopg\[binary\]'"):
        Store("postgresql://user@localhost/frontwatch")


def busy(dialect: str) -> sa.exc.OperationalError:
    """What the driver raises when another writer holds the database too long."""
    if dialect == "sqlite":
        return sa.exc.OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))
    from psycopg.errors import SerializationFailure

    return sa.exc.OperationalError("INSERT", {}, SerializationFailure("could not serialize access"))


def test_a_write_that_finds_the_database_busy_is_retried_whole(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    original, calls = merging_module.insert_claims, []

    def busy_once(*args: object) -> None:
        calls.append(args)
        if len(calls) == 2:  # half-way through the report: the first attempt rolls back
            raise busy(store.engine.dialect.name)
        original(*args)

    monkeypatch.setattr(merging_module, "insert_claims", busy_once)
    monkeypatch.setattr(database_module.time, "sleep", lambda seconds: None)
    assert store.save(make_coded()) is True
    assert counts(store) == (1, 2, 2, 1)


def test_a_database_busy_past_every_retry_is_a_user_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def always_busy(*args: object) -> None:
        raise busy(store.engine.dialect.name)

    monkeypatch.setattr(merging_module, "insert_claims", always_busy)
    monkeypatch.setattr(database_module.time, "sleep", lambda seconds: None)
    with pytest.raises(FrontwatchError, match="stayed busy with other writers"):
        store.save(make_coded())
    assert counts(store) == (0, 0, 0, 0)
