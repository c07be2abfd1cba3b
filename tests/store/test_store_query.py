"""The store's query features the API pages with: bbox, keyset paging, counts, a report's events.

Events are written through `Store.save` into a real SQLite file and a real PostgreSQL database (each
test runs on both) and read back; each expectation is worked out from the events written, not from
the store's own answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest

from frontwatch.models import CodedReport, Event, Report
from frontwatch.store import EventQuery, Store

PLACES = [  # (location, latitude, longitude)
    ("Aleppo", 36.2, 37.16),
    ("Idlib", 35.93, 36.63),
    ("El Obeid", 13.18, 30.22),
    ("Suva", -18.14, 178.44),  # east of the antimeridian's western side
    ("Apia", -13.83, -171.76),  # west of it
]
ELSEWHERE = [("Marib", 15.46, 45.33)]


def report_with_events(report_id: str, count: int, start: date, *, undated: int = 0,
                       places: list[tuple[str, float, float]] = PLACES) -> CodedReport:
    report = Report(text=f"Report {report_id}.", id=report_id, published=start)
    events = []
    for n in range(count + undated):
        location, lat, lon = places[n % len(places)]
        events.append(Event(
            report_id=report_id, event_date=start + timedelta(days=n // 3) if n < count else None,
            event_type="Battles", sub_event_type="Armed clash", actor1="Hayat Tahrir al-Sham",
            location=location, latitude=lat, longitude=lon, country="Syria", fatalities=n,
            evidence=[f"Clashes near {location}, number {n}."], notes=f"Clash {n} near {location}.",
        ))
    return CodedReport(report, events)


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    with Store(database) as opened:
        opened.save(report_with_events("first", 23, date(2024, 11, 27), undated=3))
        # Elsewhere and months earlier, so the store never merges the two reports' events.
        opened.save(report_with_events("second", 7, date(2024, 5, 2), places=ELSEWHERE))
        yield opened


def test_keyset_pages_cover_every_event_once_in_order(store: Store) -> None:
    everything = store.events()
    assert everything[-1]["event_date"] is None  # undated events sort last, and are paged too
    for size in (1, 4, 7, 100):
        walked: list[str] = []
        after = None
        while True:
            page = store.events(after=after, limit=size)
            walked += [e["event_id"] for e in page]
            if len(page) < size:
                break
            last = page[-1]
            after = (date.fromisoformat(last["event_date"]) if last["event_date"] else None, last["event_id"])
        assert walked == [e["event_id"] for e in everything], size


def test_a_page_starts_after_its_position_even_when_events_arrive(store: Store) -> None:
    first_page = store.events(limit=5)
    last = first_page[-1]
    store.save(report_with_events("early", 2, date(2020, 1, 1)))  # sorts before the position
    after = (date.fromisoformat(last["event_date"]), last["event_id"])
    rest = store.events(after=after)
    assert [e["event_id"] for e in first_page + rest] == [
        e["event_id"] for e in store.events() if e["report_id"] != "early"]


def test_count_matches_the_filters_wherever_the_page_is(store: Store) -> None:
    query = EventQuery(min_fatalities=10, since=date(2024, 11, 29))
    matching = list(store.iter_events(query))
    assert 0 < len(matching) < store.event_count()
    assert store.count_events(query) == len(matching)
    paged = replace(query, limit=2, after=(date(2024, 11, 30), matching[0]["event_id"]))
    assert store.count_events(paged) == len(matching)
    assert store.count_events() == store.event_count()


@pytest.mark.parametrize(
    ("bbox", "locations"),
    [
        ((35.0, 35.0, 38.0, 37.0), {"Aleppo", "Idlib"}),
        ((40.0, 10.0, 50.0, 20.0), {"Marib"}),
        ((37.0, 36.0, 37.5, 36.5), {"Aleppo"}),
        ((170.0, -30.0, -170.0, 0.0), {"Suva", "Apia"}),  # west > east: across the antimeridian
        ((-170.0, -30.0, 170.0, 0.0), set()),  # the same longitudes the other way round: nothing south
        ((0.0, 50.0, 10.0, 60.0), set()),
    ],
)
def test_bbox_keeps_the_events_inside(store: Store, bbox: tuple[float, float, float, float],
                                      locations: set[str]) -> None:
    assert {e["location"] for e in store.events(bbox=bbox)} == locations


def test_events_of_one_report(store: Store) -> None:
    second = store.events(report_id="second")
    assert len(second) == 7 and {e["report_id"] for e in second} == {"second"}
    assert store.events(report_id="no-such-report") == []


@pytest.mark.parametrize("q", ["%", "' --", "*", "()"])
def test_a_search_with_no_words_matches_nothing(store: Store, q: str) -> None:
    assert store.events(q=q) == []
    assert store.count_events(EventQuery(q=q)) == 0


def test_an_empty_search_does_not_filter(store: Store) -> None:
    assert len(store.events(q="  ")) == store.event_count()
