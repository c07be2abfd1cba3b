"""What every coded event must satisfy, whatever text it came from: the schema the hold-up tests
hold the pipeline, the store and the API to.

Written as plain asserts over the JSON Lines record (`Event.to_record()`), the shape every
consumer reads, so the same check serves the coder, the CLI output and the API's responses.
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import httpx

from frontwatch.models import EVENT_TYPES, INTER_LABELS, ClaimKind, CodedReport, Verification

_VERIFICATIONS = frozenset(str(v) for v in Verification)
_CLAIM_KINDS = frozenset(str(k) for k in ClaimKind)


def check_record(record: dict[str, Any], text: str | None = None) -> None:
    """One event record: real dates, coordinates on the globe, types from ACLED's taxonomy,
    counts that are counts, and evidence offsets inside the report `text` when it is given."""
    encoded = json.dumps(record, allow_nan=False, ensure_ascii=False).encode("utf-8")  # no NaN, no surrogate
    assert encoded, record
    assert isinstance(record["event_id"], str) and record["event_id"], record
    assert isinstance(record["report_id"], str) and record["report_id"] in record["report_ids"], record
    start, end = _day(record["event_date"]), _day(record["date_end"])
    assert start is not None or end is None, record
    assert start is None or end is None or start <= end, record
    assert record["time_precision"] in (1, 2, 3), record
    assert record["event_type"] in EVENT_TYPES, record
    assert record["sub_event_type"] in EVENT_TYPES[record["event_type"]], record
    for role in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
        actor = record[role]
        assert actor is None or (isinstance(actor, str) and actor.strip()), (role, record)
    for inter in ("inter1", "inter2"):
        assert record[inter] is None or record[inter] in INTER_LABELS, (inter, record)
    _check_point(record["latitude"], record["longitude"], record)
    assert record["geo_precision"] in (None, 1, 2, 3), record
    _check_count(record["fatalities_low"], record["fatalities"], record["fatalities_high"], record)
    injured = record["injured"]
    assert injured is None or (isinstance(injured, int) and injured >= 0), record
    assert record["verification"] in _VERIFICATIONS, record
    assert all(isinstance(s, str) for s in record["sources"] + record["evidence"]), record
    assert isinstance(record["notes"], str), record
    for claim in record["claims"]:
        check_claim(claim, text)


def check_claim(claim: dict[str, Any], text: str | None = None) -> None:
    """A reported figure: a known kind, low <= value <= high, its offsets inside the report."""
    assert claim["kind"] in _CLAIM_KINDS, claim
    _check_count(claim["low"], claim["value"], claim["high"], claim)
    assert 0 <= claim["start"] <= claim["end"], claim
    if text is not None:
        assert claim["end"] <= len(text), claim


def check_error_body(response: httpx.Response, statuses: set[int]) -> dict[str, Any]:
    """An expected 4xx, as JSON whose `error` says in one line what is wrong, with no traceback."""
    assert response.status_code in statuses, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert isinstance(body["error"], str) and body["error"].strip(), body
    assert "Traceback" not in response.text
    return body


def check_coded(coded: CodedReport) -> None:
    """Everything the pipeline made of one report: its events, its figures, its control changes."""
    text = coded.report.text
    for event in coded.events:
        assert event.report_id == coded.report.id
        check_record(event.to_record(), text)
    for figure in coded.figures:
        record = figure.to_record()
        check_claim(record, text)
        period = _day(record.get("period_start")), _day(record.get("period_end"))
        assert None in period or period[0] <= period[1], record
    for change in coded.control:
        _check_point(change.latitude, change.longitude, change.to_record())
        json.dumps(change.to_record(), allow_nan=False)


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    return date.fromisoformat(value)  # a date that does not exist raises here


def _check_point(latitude: float | None, longitude: float | None, record: Any) -> None:
    assert (latitude is None) == (longitude is None), record
    if latitude is not None and longitude is not None:
        assert math.isfinite(latitude) and -90 <= latitude <= 90, record
        assert math.isfinite(longitude) and -180 <= longitude <= 180, record


def _check_count(low: int, value: int, high: int, record: Any) -> None:
    assert all(isinstance(n, int) and not isinstance(n, bool) for n in (low, value, high)), record
    assert 0 <= low <= value <= high, record
