"""Conversion between the JSON Lines contract (`Event.to_record()`) and database rows.

The record shape is read off a blank `Event` rather than restated, so a field added to the
contract shows up here (and fails the schema test until it gets a column) instead of vanishing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from frontwatch.models import Claim, Event, Figure, Report
from frontwatch.store.schema import CLAIM_FIELDS

RECORD_FIELDS: tuple[str, ...] = tuple(
    Event(
        report_id="", event_date=None, event_type="", sub_event_type="", actor1=None, location=None
    ).to_record()
)
"""Keys of `Event.to_record()`, in order."""

LIST_FIELDS = frozenset({"report_ids", "sources", "evidence"})
DATE_FIELDS = frozenset({"event_date", "date_end"})
COLUMN_FIELDS: tuple[str, ...] = tuple(name for name in RECORD_FIELDS if name != "claims")
"""Record fields stored as `events` columns (claims have their own table)."""


def event_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record's `events` column values (timestamps are the caller's)."""
    row: dict[str, Any] = {}
    for name in COLUMN_FIELDS:
        value = record.get(name)
        if name in LIST_FIELDS:
            value = json.dumps(list(value or []), ensure_ascii=False)
        elif name in DATE_FIELDS and value is not None:
            value = date.fromisoformat(value)
        row[name] = value
    return row


def event_record(
    row: Mapping[str, Any], claims: list[dict[str, Any]], fields: Sequence[str] = RECORD_FIELDS
) -> dict[str, Any]:
    """Back to the exact `Event.to_record()` shape, key order included (or only `fields`, in their
    order)."""
    record: dict[str, Any] = {}
    for name in fields:
        if name == "claims":
            record[name] = claims
            continue
        value = row[name]
        if name in LIST_FIELDS:
            value = json.loads(value)
        elif name in DATE_FIELDS and value is not None:
            value = value.isoformat()
        record[name] = value
    return record


def claim_row(claim: Claim, *, report_id: str, event_id: str | None = None) -> dict[str, Any]:
    """A claim's row; a humanitarian `Figure` also fills the period and area columns of `figures`."""
    row = dict(Claim.to_record(claim), report_id=report_id)
    if event_id is not None:
        row["event_id"] = event_id
    if isinstance(claim, Figure):
        row.update(
            period_start=claim.period_start,
            period_end=claim.period_end,
            area=json.dumps(claim.area, ensure_ascii=False),
        )
    return row


def figure_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored aggregate figure: the `Figure.to_record()` shape, with the report that gave it."""
    return dict(
        claim_record(row),
        period_start=row["period_start"].isoformat() if row["period_start"] else None,
        period_end=row["period_end"].isoformat() if row["period_end"] else None,
        area=json.loads(row["area"]) if row["area"] else [],
        report_id=row["report_id"],
    )


def claim_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The `Claim.to_record()` shape."""
    return {name: row[name] for name in CLAIM_FIELDS}


def report_row(report: Report, ingested_at: datetime) -> dict[str, Any]:
    return {
        "id": report.id,
        "text": report.text,
        "published": report.published,
        "source": report.source,
        "title": report.title,
        "url": report.url,
        "ingested_at": ingested_at,
    }


def report_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored report as JSON-ready values (dates as ISO text)."""
    return {
        "id": row["id"],
        "text": row["text"],
        "published": row["published"].isoformat() if row["published"] else None,
        "source": row["source"],
        "title": row["title"],
        "url": row["url"],
        "ingested_at": as_utc(row["ingested_at"]).isoformat(),
    }


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; the store only ever writes UTC, so say so."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
