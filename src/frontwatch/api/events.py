"""The read endpoints: events as JSON pages, one event in full, GeoJSON, CSV exports, figures.

They are plain (sync) functions: FastAPI runs them in its thread pool, so a slow query never
blocks the event loop. Records are sent exactly as the store gives them (`Event.to_record()`),
serialised once, without a validation pass over thousands of dicts.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel

from frontwatch.api.filters import COUNT_MAX, DEFAULT_LIMIT, MAX_LIMIT, Filters, page
from frontwatch.models import Event
from frontwatch.store import FORMATS, EventQuery, Store
from frontwatch.store.records import RECORD_FIELDS

router = APIRouter(prefix="/api", tags=["events"])

DownloadLimit = Annotated[
    int | None,
    # a count SQLite and PostgreSQL can hold: a larger one is refused, not an overflow in the store
    Query(ge=1, le=COUNT_MAX, description="At most this many events (default: all)."),
]

_SPOOL_BYTES = 8 * 1024 * 1024  # an export larger than this is spooled to a temporary file
_READ_CHARS = 64 * 1024


class EventsPage(BaseModel):
    """A page of events in (event_date, event_id) order; `next` is the cursor of the page after."""

    events: list[Event]
    total: int
    next: str | None


class Figures(BaseModel):
    figures: list[dict[str, Any]]


def store_of(request: Request) -> Store:
    return request.app.state.store


@router.get("/events", response_model=EventsPage, summary="List events")
def list_events(
    request: Request,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Events per page.")] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=1_000, description="The `next` of the previous page.")
                      ] = None,
    fields: Annotated[str | None, Query(
        max_length=1_000, description="Only these record fields, comma-separated (e.g. what a map draws); "
                                      "default: every field.")] = None,
) -> JSONResponse:
    """Events matching every filter given, `limit` at a time; `total` counts all the matches."""
    wanted = _record_fields(fields) if fields is not None else None
    return JSONResponse(page(store_of(request), filters, limit, cursor, wanted))


def _record_fields(fields: str) -> list[str]:
    """The field names asked for, checked against the record's: a typo is a 422, not a silent gap."""
    wanted = [name.strip() for name in fields.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in RECORD_FIELDS]
    if unknown or not wanted:
        raise HTTPException(422, f"fields: unknown field(s) {', '.join(unknown) or '(none given)'}; "
                                 f"known: {', '.join(RECORD_FIELDS)}")
    return wanted


@router.get("/events.geojson", summary="Events as GeoJSON",
            responses={200: {"content": {"application/geo+json": {}},
                             "description": "An RFC 7946 FeatureCollection of Points; events without "
                                            "coordinates are left out."}})
def events_geojson(
    request: Request,
    filters: Filters,
    limit: DownloadLimit = None,
) -> StreamingResponse:
    """The matching events as map points, each feature's properties the full event record."""
    return _download(store_of(request), filters, limit, "geojson", "application/geo+json", None)


@router.get("/export.csv", summary="Events as CSV",
            responses={200: {"content": {"text/csv": {}}, "description": "A CSV file."}})
def export_csv(
    request: Request,
    filters: Filters,
    format: Annotated[Literal["acled", "hxl", "csv"], Query(
        description="acled: ACLED's 31 columns; hxl: with HXL hashtags; csv: every record field.")] = "acled",
    limit: DownloadLimit = None,
) -> StreamingResponse:
    """The matching events in the spreadsheet layout analysts load (the `frontwatch export` writers)."""
    return _download(store_of(request), filters, limit, format, "text/csv; charset=utf-8",
                     f"frontwatch-events-{format}.csv")


@router.get("/events/{event_id}", response_model=Event, summary="One event, in full",
            responses={404: {"description": "No such event."}})
def get_event(request: Request, event_id: str) -> JSONResponse:
    """The event record; its claims say which report made them, and `reports` holds every report
    that told the event, full text included, so a reader can check each evidence span."""
    record = store_of(request).event(event_id)
    if record is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return JSONResponse(record)


@router.get("/figures", response_model=Figures, summary="Aggregate figures")
def list_figures(
    request: Request,
    report_id: Annotated[str | None, Query(max_length=200, description="Only this report's figures.")] = None,
) -> JSONResponse:
    """Casualty and displacement figures reported as totals ("since October, 300 killed"), not
    tied to one event."""
    return JSONResponse({"figures": store_of(request).figures(report_id)})


def _download(store: Store, filters: EventQuery, limit: int | None, fmt: str, media_type: str,
              filename: str | None) -> StreamingResponse:
    """Write with the export writer, spooled (memory up to a bound, then a temporary file), and stream.

    The writers take a text stream; spooling lets a whole-database export run in bounded memory
    while still answering from one consistent read.
    """
    spool: IO[str] = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed by _chunks once sent
        max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8", newline=""
    )
    try:
        FORMATS[fmt](store.iter_events(replace(filters, limit=limit)), spool)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'} if filename else None
    return StreamingResponse(_chunks(spool), media_type=media_type, headers=headers)


def _chunks(spool: IO[str]) -> Iterator[bytes]:
    with spool:
        while chunk := spool.read(_READ_CHARS):
            yield chunk.encode("utf-8")
