"""Writers from event records (the `Event.to_record()` dicts) to the formats analysts load.

Every writer streams: it takes any iterable (a list, or `Store.iter_events()`), writes each record
as it comes, and returns how many it wrote, so exporting a whole database stays in small memory.
"""

from __future__ import annotations

import csv
import json
import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, TextIO

from frontwatch.store.acled import CountryCodes, civilian_targeting, disorder_type, inter_label, interaction
from frontwatch.store.records import RECORD_FIELDS

Record = Mapping[str, Any]
Writer = Callable[[Iterable[Record], TextIO], int]

LIST_SEPARATOR = "; "

ACLED_COLUMNS: tuple[str, ...] = (
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
)
"""ACLED's current export columns, in its order."""

HXL_COLUMNS: tuple[tuple[str, str, str], ...] = (
    # (header, HXL hashtag, record field)
    ("event_id", "#event+id", "event_id"),
    ("event_date", "#date+occurred", "event_date"),
    ("event_type", "#event+type", "event_type"),
    ("sub_event_type", "#event+type+sub", "sub_event_type"),
    ("actor1", "#actor+name+primary", "actor1"),
    ("actor2", "#actor+name+secondary", "actor2"),
    ("country", "#country+name", "country"),
    ("admin1", "#adm1+name", "admin1"),
    ("admin2", "#adm2+name", "admin2"),
    ("location", "#loc+name", "location"),
    ("latitude", "#geo+lat", "latitude"),
    ("longitude", "#geo+lon", "longitude"),
    ("fatalities", "#affected+killed", "fatalities"),
    ("injured", "#affected+injured", "injured"),
    ("verification", "#status+verification", "verification"),
    ("sources", "#meta+source", "sources"),
    ("notes", "#description", "notes"),
)
"""Humanitarian Exchange Language tags, so HDX tools can read the CSV without a mapping."""


def write_jsonl(records: Iterable[Record], stream: TextIO) -> int:
    """One record per line, UTF-8 kept readable (names in Arabic script stay legible)."""
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[Record], stream: TextIO) -> int:
    """The JSON Lines fields as columns; lists joined by "; ", claims as short readable phrases."""
    writer = csv.writer(stream)
    writer.writerow(RECORD_FIELDS)
    return _write_rows(writer, ([_flat(record, name) for name in RECORD_FIELDS] for record in records))


def write_acled_csv(records: Iterable[Record], stream: TextIO, *, timestamp: int | None = None) -> int:
    """ACLED's 31-column export; `timestamp` (Unix seconds) defaults to the time of export."""
    stamp = int(time.time()) if timestamp is None else timestamp
    countries = CountryCodes()
    writer = csv.writer(stream)
    writer.writerow(ACLED_COLUMNS)
    return _write_rows(writer, (_acled_row(record, countries, stamp) for record in records))


def write_hxl_csv(records: Iterable[Record], stream: TextIO) -> int:
    """A CSV whose second row holds HXL hashtags (the HXL convention)."""
    writer = csv.writer(stream)
    writer.writerow([header for header, _tag, _field in HXL_COLUMNS])
    writer.writerow([tag for _header, tag, _field in HXL_COLUMNS])
    return _write_rows(writer, ([_flat(record, name) for _h, _t, name in HXL_COLUMNS] for record in records))


def write_geojson(records: Iterable[Record], stream: TextIO) -> int:
    """An RFC 7946 FeatureCollection of Points ([longitude, latitude]); unplaced events are skipped."""
    stream.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for record in records:
        point = _coordinates(record)
        if point is None:
            continue
        feature = {
            "type": "Feature",
            "id": record.get("event_id"),
            "geometry": {"type": "Point", "coordinates": point},
            "properties": dict(record),
        }
        stream.write(("\n" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


FORMATS: Mapping[str, Writer] = MappingProxyType(
    {
        "jsonl": write_jsonl,
        "csv": write_csv,
        "acled": write_acled_csv,
        "hxl": write_hxl_csv,
        "geojson": write_geojson,
    }
)
"""Export format name (as the CLI spells it) → writer."""


def _write_rows(writer: Any, rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def _flat(record: Record, name: str) -> Any:
    value = record.get(name)
    if name == "claims":
        return LIST_SEPARATOR.join(_claim_phrase(claim) for claim in value or [])
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return "" if value is None else value


def _claim_phrase(claim: Mapping[str, Any]) -> str:
    """ "killed: at least 13 (White Helmets)": what a reader of the spreadsheet needs at a glance."""
    figure = " ".join(str(part) for part in (claim.get("qualifier"), claim.get("value")) if part is not None)
    phrase = f"{claim.get('kind')}: {figure}"
    return f"{phrase} ({claim['claimant']})" if claim.get("claimant") else phrase


def _acled_row(record: Record, countries: CountryCodes, timestamp: int) -> list[Any]:
    event_date = record.get("event_date") or ""
    country = record.get("country")
    values = {
        "event_id_cnty": record.get("event_id"),
        "event_date": event_date,
        "year": event_date[:4],
        "time_precision": record.get("time_precision"),
        "disorder_type": disorder_type(record.get("event_type"), record.get("sub_event_type")),
        "inter1": inter_label(record.get("inter1")),
        "inter2": inter_label(record.get("inter2")),
        "interaction": interaction(record.get("inter1"), record.get("inter2")),
        "civilian_targeting": civilian_targeting(record),
        "iso": countries.iso_numeric(country),
        "region": countries.region(country),
        "source": _flat(record, "sources"),
        "timestamp": timestamp,
    }
    return [_flat(values, column) if column in values else _flat(record, column) for column in ACLED_COLUMNS]


def _coordinates(record: Record) -> list[float] | None:
    lat, lon = record.get("latitude"), record.get("longitude")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [float(lon), float(lat)]
