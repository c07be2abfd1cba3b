"""Merging into a real database (a SQLite file, a PostgreSQL database): reports stored one by one end
as a batch merge would end them.

Each test stores hand-built reports (see `merge_factories`) and reads the database back, so what
is checked is what a user of `frontwatch events` or the API would see.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from merge_factories import strike, told, toll

from frontwatch.merge import merge_events
from frontwatch.models import CodedReport, FrontwatchError
from frontwatch.store import EventQuery, Store
from frontwatch.store.schema import accounts, claims

DAY = date(2024, 11, 23)
SHELLING = "Shelling/artillery/missile attack"


def reports() -> list[CodedReport]:
    """Six reports of two strikes in Beirut and one in Tyre over two days, with tolls that grow."""
    tyre = {"location": "Tyre", "admin1": "South", "latitude": 33.27, "longitude": 35.2, "evidence": ["T."]}
    hreik = {"location": "Haret Hreik", "actor2": "Hezbollah", "latitude": 33.85}
    next_day = DAY + timedelta(days=1)
    return [
        told("civil-defence", DAY, strike("civil-defence", **toll(11, "civil defence"))),
        told("ministry", next_day, strike("ministry", **toll(29, "ministry"), location="Basta, Beirut")),
        told("wire", DAY, strike("wire", **toll(7, "hospital")), strike("wire", **tyre)),
        told("monitor", next_day, strike("monitor", **hreik)),
        told("blog", DAY + timedelta(days=2), strike("blog", event_date=None, time_precision=3)),
        # undated, another sub-event type: dated by its report's day, it still joins the strike
        told("radio", DAY, strike("radio", event_date=None, sub_event_type=SHELLING, time_precision=3)),
    ]


def stored(store: Store) -> list[dict[str, Any]]:
    return store.events()


def ingest(database: str, coded: list[CodedReport]) -> list[dict[str, Any]]:
    with Store(database) as store:
        for report in coded:
            assert store.save(report) is True
        return stored(store)


def test_any_ingestion_order_gives_the_same_events_and_ids(new_database: Callable[[], str]) -> None:
    batch = reports()
    published = {coded.report.id: coded.report.published for coded in batch}
    expected = [e.to_record() for e in merge_events([e for coded in batch for e in coded.events], published)]
    orders = list(itertools.permutations(range(len(batch))))
    for order in [*random.Random(4).sample(orders, 12), orders[0], orders[-1]]:
        result = ingest(new_database(), [reports()[i] for i in order])
        assert result == expected, f"ingestion order {order}"
    basta = next(r for r in expected if r["location"] == "Basta")
    assert basta["report_ids"] == ["blog", "civil-defence", "ministry", "radio", "wire"]


def test_a_later_report_joins_the_event_and_keeps_its_id(database: str) -> None:
    with Store(database) as store:
        first, _, wire, *_ = reports()
        store.save(first)
        [event] = stored(store)
        assert event["event_id"] == first.events[0].event_id
        store.save(reports()[1])  # published the next day, with a fuller toll
        [joined] = stored(store)
        assert joined["event_id"] == event["event_id"]
        assert joined["report_ids"] == ["civil-defence", "ministry"]
        assert joined["sources"] == ["Outlet civil-defence", "Outlet ministry"]
        # ACLED: a later, fuller count revises the toll upward; the range keeps every figure
        assert (joined["fatalities"], joined["fatalities_low"], joined["fatalities_high"]) == (29, 11, 29)
        store.save(wire)  # same day as the first report, a lower figure: the first day's toll drops
        joined = next(r for r in stored(store) if r["event_id"] == event["event_id"])
        assert (joined["fatalities"], joined["fatalities_low"]) == (29, 7)
        detail = store.event(event["event_id"])
        assert detail is not None
        by_report = sorted((c["report_id"], c["value"]) for c in detail["claims"])
        assert by_report == [("civil-defence", 11), ("ministry", 29), ("wire", 7)]


def test_same_day_reports_code_the_lowest_toll(database: str) -> None:
    first, _, wire, *_ = reports()
    [event] = [r for r in ingest(database, [first, wire]) if r["location"] == "Basta"]
    assert (event["fatalities"], event["fatalities_low"], event["fatalities_high"]) == (7, 7, 11)


def test_an_earlier_report_arriving_late_takes_the_id_over_and_the_old_id_follows(database: str) -> None:
    with Store(database) as store:
        first, next_day, *_ = reports()
        store.save(next_day)
        [event] = stored(store)
        old_id = event["event_id"]
        before = datetime.now(UTC)
        store.save(first)
        [event] = stored(store)
        assert event["event_id"] == first.events[0].event_id != old_id
        assert store.event(old_id) is None
        assert store.current_id(old_id) == event["event_id"]
        assert store.current_id("never-stored") is None
        changes = {(c["change"], c["event_id"]) for c in store.changes(before)}
        assert changes == {("created", event["event_id"]), ("retracted", old_id)}
        with store.engine.connect() as conn:
            owners = set(conn.scalars(sa.select(accounts.c.event_id)))
            claimed = set(conn.scalars(sa.select(claims.c.event_id)))
        assert owners == claimed == {event["event_id"]}


def test_full_text_search_follows_merges_retirements_and_replaced_reports(database: str) -> None:
    """`q` finds an event by the evidence of every report it holds now, and never by what left it: the
    index is rewritten with the events, in the same transaction, whichever way they change."""

    def found(store: Store, q: str) -> list[str]:
        return [e["event_id"] for e in store.events(q=q)]

    with Store(database) as store:
        first, next_day, wire, *_ = reports()
        for report in (next_day, first, wire):  # `first`, published earlier, retires next_day's id
            store.save(report)
        basta, tyre = first.events[0].event_id, wire.events[1].event_id
        assert found(store, "ministry") == found(store, "civil defence") == [basta]
        assert (found(store, "wire"), found(store, "T")) == ([basta], [tyre])  # Tyre's evidence: "T."
        revised = strike("wire", location="Tyre", admin1="South", latitude=33.27, longitude=35.2,
                         evidence=["Revised count from the wire."])
        store.replace(told("wire", DAY, revised))  # its new version tells of Tyre alone
        assert found(store, "wire") == found(store, "revised") == [revised.event_id]
        assert (found(store, "ministry"), found(store, "T")) == ([basta], [])
        # counted as they are listed, searched alone (counted in the index) or with another filter
        assert store.count_events(EventQuery(q="sentence")) == len(store.events(q="sentence")) == 1
        assert store.count_events(EventQuery(q="wire", admin1="south")) == 1
        if "://" not in database:  # SQLite: one entry per event, under its row's rowid, nothing else
            read = "SELECT rowid, notes, evidence FROM {} ORDER BY rowid"
            with store.engine.connect() as conn:
                indexed = [tuple(row) for row in conn.execute(sa.text(read.format("events_fts")))]
                rows = conn.execute(sa.text(read.format("events")))
                assert indexed == [(key, notes, "\n".join(json.loads(said))) for key, notes, said in rows]


def test_changes_lists_created_then_updated(database: str) -> None:
    with Store(database) as store:
        first, next_day, wire, *_ = reports()
        start = datetime.now(UTC)
        store.save(first)
        middle = datetime.now(UTC)
        store.save(next_day)
        store.save(wire)
        tyre = next(r["event_id"] for r in stored(store) if r["location"] == "Tyre")
        basta = first.events[0].event_id
        assert next((c["change"], c["event_id"]) for c in store.changes(start)) == ("created", basta)
        since_middle = {(c["change"], c["event_id"]) for c in store.changes(middle)}
        assert since_middle == {("updated", basta), ("created", tyre)}
        assert store.changes(datetime.now(UTC) + timedelta(seconds=1)) == []
        updated = next(c for c in store.changes(middle) if c["change"] == "updated")
        assert updated["event"]["report_ids"] == ["civil-defence", "ministry", "wire"]


def test_an_unchanged_event_is_not_marked_updated(database: str) -> None:
    with Store(database) as store:
        first, *_ = reports()
        store.save(first)
        after_first = datetime.now(UTC)
        elsewhere = strike("far", location="Tyre", admin1="South", latitude=33.27, longitude=35.2)
        store.save(told("far", DAY, elsewhere))
        assert [c["change"] for c in store.changes(after_first)] == ["created"]


def test_an_id_another_report_already_used_is_refused_and_nothing_is_written(database: str) -> None:
    with Store(database) as store:
        first, second, *_ = reports()
        store.save(first)
        second.events[0].event_id = first.events[0].event_id
        with pytest.raises(FrontwatchError, match="already stored for report civil-defence"):
            store.save(second)
        assert not store.has_report(second.report.id)
        assert store.report_count() == 1 and store.event_count() == 1
