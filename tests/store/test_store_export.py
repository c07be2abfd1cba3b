"""Export writers: every format parses back, ACLED columns are exact, GeoJSON is lon/lat."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest

from frontwatch.models import Event, Verification
from frontwatch.store import ACLED_COLUMNS, FORMATS, write_acled_csv, write_csv, write_geojson, write_hxl_csv
from frontwatch.store.acled import CountryCodes, disorder_type, interaction
from frontwatch.store.export import write_jsonl
from frontwatch.store.records import RECORD_FIELDS

ACLED_31 = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def records() -> list[dict[str, Any]]:
    shelling = Event(
        report_id="r1",
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
        latitude=35.9,
        longitude=36.7,
        geo_precision=1,
        fatalities=5,
        sources=["White Helmets", "Levant Wire"],
        evidence=["At least five civilians were killed, the White Helmets said."],
        notes='Shelling on Sarmin, "at least 5" killed, حلب',
    )
    protest = Event(
        report_id="r2",
        event_date=date(2024, 3, 5),
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Mali)",
        inter1=6,
        location="Bamako",
        country="Mali",
        admin1="Bamako",
        latitude=12.65,
        longitude=-8.0,
        verification=Verification.VERIFIED,
    )
    unplaced = Event(
        report_id="r3",
        event_date=None,
        event_type="Strategic developments",
        sub_event_type="Agreement",
        actor1="Government of Sudan (2019-)",
        location=None,
        country="Sudan",
    )
    return [e.to_record() for e in (shelling, protest, unplaced)]


def test_jsonl_round_trips() -> None:
    out = io.StringIO()
    assert write_jsonl(records(), out) == 3
    assert [json.loads(line) for line in out.getvalue().splitlines()] == records()
    assert "حلب" in out.getvalue()  # not \\u-escaped


def test_csv_flattens_lists_and_parses_back() -> None:
    out = io.StringIO()
    write_csv(records(), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == RECORD_FIELDS
    assert rows[0]["sources"] == "White Helmets; Levant Wire"
    assert rows[0]["notes"] == 'Shelling on Sarmin, "at least 5" killed, حلب'
    assert rows[2]["event_date"] == ""
    assert len(rows) == 3


def test_csv_claims_are_readable_phrases() -> None:
    record = records()[0]
    record["claims"] = [
        {"kind": "killed", "value": 5, "qualifier": "at least", "claimant": "White Helmets"},
        {"kind": "injured", "value": 12, "qualifier": None, "claimant": None},
    ]
    out = io.StringIO()
    write_csv([record], out)
    [row] = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["claims"] == "killed: at least 5 (White Helmets); injured: 12"


def test_acled_csv_has_the_31_columns_in_order_and_derived_values() -> None:
    assert list(ACLED_COLUMNS) == ACLED_31
    out = io.StringIO()
    assert write_acled_csv(records(), out, timestamp=1709600000) == 3
    reader = csv.reader(io.StringIO(out.getvalue()))
    header = next(reader)
    assert header == ACLED_31
    rows = [dict(zip(header, row, strict=True)) for row in reader]
    shelling, protest, unplaced = rows
    assert shelling["event_date"] == "2024-03-04"
    assert shelling["year"] == "2024"
    assert shelling["disorder_type"] == "Political violence"
    assert (shelling["inter1"], shelling["inter2"]) == ("State forces", "Civilians")
    assert shelling["interaction"] == "State forces-Civilians"
    assert shelling["civilian_targeting"] == "Civilian targeting"
    assert (shelling["iso"], shelling["region"]) == ("760", "Middle East")
    assert shelling["source"] == "White Helmets; Levant Wire"
    assert (shelling["latitude"], shelling["longitude"], shelling["fatalities"]) == ("35.9", "36.7", "5")
    assert shelling["timestamp"] == "1709600000"
    assert shelling["admin3"] == shelling["source_scale"] == shelling["tags"] == ""
    assert (protest["disorder_type"], protest["interaction"]) == ("Demonstrations", "Protesters only")
    assert protest["civilian_targeting"] == ""
    assert (protest["iso"], protest["region"]) == ("466", "Western Africa")
    assert (unplaced["disorder_type"], unplaced["year"], unplaced["interaction"]) == (
        "Strategic developments",
        "",
        "",
    )


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Excessive force against protesters", "Political violence"),
        ("Riots", "Mob violence", "Political violence"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Protests", "Protest with intervention", "Demonstrations"),
        ("Strategic developments", "Arrests", "Strategic developments"),
    ],
)
def test_disorder_type(event_type: str, sub_event_type: str, expected: str) -> None:
    assert disorder_type(event_type, sub_event_type) == expected


def test_interaction_orders_by_actor_type() -> None:
    assert interaction(2, 1) == "State forces-Rebel group"
    assert interaction(7, None) == "Civilians only"
    assert interaction(None, 1) == ""


@pytest.mark.parametrize(
    ("country", "iso", "region"),
    [
        ("Palestine", 275, "Middle East"),
        ("Democratic Republic of Congo", 180, "Middle Africa"),
        ("Russia", 643, "Europe"),
        ("Mexico", 484, "Central America"),
        ("Myanmar", 104, "Southeast Asia"),
        ("Atlantis", None, ""),
    ],
)
def test_country_codes(country: str, iso: int | None, region: str) -> None:
    codes = CountryCodes()
    assert (codes.iso_numeric(country), codes.region(country)) == (iso, region)


def test_geojson_is_a_feature_collection_in_lon_lat_order() -> None:
    out = io.StringIO()
    assert write_geojson(records(), out) == 2
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    shelling, protest = collection["features"]
    for feature in (shelling, protest):
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert shelling["geometry"]["coordinates"] == [36.7, 35.9]
    assert protest["geometry"]["coordinates"] == [-8.0, 12.65]
    assert shelling["properties"] == records()[0]
    assert shelling["id"] == records()[0]["event_id"]


def test_geojson_of_nothing_is_still_valid() -> None:
    out = io.StringIO()
    assert write_geojson([], out) == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_hxl_csv_has_a_hashtag_row() -> None:
    out = io.StringIO()
    assert write_hxl_csv(records(), out) == 3
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    header, tags, first = rows[0], rows[1], rows[2]
    assert all(tag.startswith("#") for tag in tags)
    for tag in (
        "#event+id",
        "#event+type",
        "#adm1+name",
        "#loc+name",
        "#geo+lat",
        "#geo+lon",
        "#affected+killed",
    ):
        assert tag in tags
    by_tag = dict(zip(tags, first, strict=True))
    assert (by_tag["#geo+lat"], by_tag["#geo+lon"], by_tag["#meta+source"]) == (
        "35.9",
        "36.7",
        "White Helmets; Levant Wire",
    )
    assert len(header) == len(tags)


def test_formats_mapping_covers_every_writer() -> None:
    assert set(FORMATS) == {"jsonl", "csv", "acled", "hxl", "geojson"}
    for writer in FORMATS.values():
        out = io.StringIO()
        assert writer(iter(records()), out) >= 2  # iterators are enough: writers stream
