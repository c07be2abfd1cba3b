"""Query parameters of the event endpoints, parsed into an `EventQuery`, and the paging cursor.

Every value is validated here, so a bad one comes back as a 422 naming the parameter, and what
reaches the store is typed: the store binds it as a parameter, never as SQL text.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError
from pydantic import BeforeValidator

from frontwatch.models import Verification
from frontwatch.store import EventQuery, Store
from frontwatch.store.records import RECORD_FIELDS

MAX_LIMIT = 10_000
DEFAULT_LIMIT = 100
_TEXT_MAX = 200  # longest name a filter takes: far above any ACLED actor or place name
_Q_MAX = 1_000
_POSITION = ("event_date", "event_id")  # what a cursor is made of
COUNT_MAX = 2**31 - 1  # the largest count an INTEGER column holds in both databases
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic alone would also take Unix timestamps and basic-format dates."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return date.fromisoformat(value)  # a ValueError here ("day is out of range") is reported too
    raise ValueError("expected a date as YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _text(description: str) -> Any:
    return Query(max_length=_TEXT_MAX, description=description)


def bad_parameter(name: str, message: str, value: Any) -> RequestValidationError:
    """The same 422 that FastAPI gives for a mistyped parameter, for checks it cannot express."""
    return RequestValidationError([{"type": "value_error", "loc": ("query", name), "msg": message,
                                    "input": value}])


def event_filters(
    since: Annotated[IsoDate | None, Query(description="Events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[IsoDate | None, Query(description="Events on or before this day (YYYY-MM-DD).")] = None,
    event_type: Annotated[str | None, _text('ACLED event type, e.g. "Battles".')] = None,
    sub_event_type: Annotated[str | None, _text('ACLED sub-event type, e.g. "Armed clash".')] = None,
    actor: Annotated[str | None, _text("Part of an actor's name, in any of the four actor roles.")
                     ] = None,
    country: Annotated[str | None, _text("Country name (any case).")] = None,
    admin1: Annotated[str | None, _text("First-level division, e.g. a governorate (any case).")] = None,
    bbox: Annotated[str | None, Query(description="minLon,minLat,maxLon,maxLat in degrees (RFC 7946 order; "
                                                  "minLon > maxLon crosses the antimeridian).",
                                      examples=["35.5,32.3,42.4,37.4"])] = None,
    q: Annotated[str | None, Query(max_length=_Q_MAX, description="Full-text search over notes and "
                                                                  "evidence: every word must occur.")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=COUNT_MAX, description="At least this many "
                                                                            "fatalities.")] = None,
    verification: Annotated[Verification | None, Query(description="How far the account is verified.")
                            ] = None,
    report_id: Annotated[str | None, _text("Events told by this report.")] = None,
) -> EventQuery:
    """The filters shared by every event endpoint (list, GeoJSON, CSV)."""
    if since and until and since > until:
        raise bad_parameter("until", f"until ({until}) is before since ({since})", until.isoformat())
    return EventQuery(
        since=since, until=until, event_type=event_type, sub_event_type=sub_event_type, actor=actor,
        country=country, admin1=admin1, bbox=parse_bbox(bbox) if bbox is not None else None, q=q,
        min_fatalities=min_fatalities, verification=verification, report_id=report_id,
    )


Filters = Annotated[EventQuery, Depends(event_filters)]


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """"west,south,east,north" → a checked tuple (degrees, latitudes in order, all finite)."""
    parts = value.split(",")
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise bad_parameter("bbox", "expected four numbers: minLon,minLat,maxLon,maxLat", value) from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise bad_parameter("bbox", "coordinates must be finite numbers", value)
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise bad_parameter("bbox", "longitudes must lie between -180 and 180", value)
    if not (-90 <= south <= north <= 90):
        raise bad_parameter("bbox", "latitudes must lie between -90 and 90, minLat first", value)
    return west, south, east, north


# -- paging ------------------------------------------------------------------------------------


def encode_cursor(record: dict[str, Any]) -> str:
    """An opaque token for the position just after `record` in the store's order."""
    position = json.dumps([record["event_date"], record["event_id"]], separators=(",", ":"))
    return base64.urlsafe_b64encode(position.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[date | None, str]:
    """Back to (event_date, event_id); anything not made by `encode_cursor` is a 422 on `cursor`."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        event_date, event_id = json.loads(raw)
        if not isinstance(event_id, str) or not (event_date is None or isinstance(event_date, str)):
            raise ValueError(cursor)
        return (date.fromisoformat(event_date) if event_date else None), event_id
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        raise bad_parameter("cursor", "not a cursor this API returned (use the `next` value as given)",
                            cursor) from None


def page(
    store: Store, query: EventQuery, limit: int, cursor: str | None, fields: Sequence[str] | None = None
) -> dict[str, Any]:
    """`{"events", "total", "next"}`: one page in the store's order, and the cursor of the next.

    One event more than asked for is read to learn whether another page exists, so the last page
    says `next: null` rather than sending the client to an empty one. With `fields`, each event
    holds only those (the store reads only their columns).
    """
    after = decode_cursor(cursor) if cursor else None
    read = RECORD_FIELDS if fields is None else tuple(dict.fromkeys([*fields, *_POSITION]))
    records = list(store.iter_events(replace(query, after=after, limit=limit + 1), read))
    more = len(records) > limit
    records = records[:limit]
    next_cursor = encode_cursor(records[-1]) if more else None
    if fields is not None:
        records = [{name: record[name] for name in fields} for record in records]
    return {
        "events": records,
        "total": store.count_events(query),
        "next": next_cursor,
    }
