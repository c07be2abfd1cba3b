"""Hand-built events for the merge tests: an Israeli strike on Basta (Beirut) and the claims about it.

Built by hand, not by the NLP pipeline, so that each test states exactly what every report said.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from frontwatch.models import Claim, ClaimKind, CodedReport, Event, Report

ISRAEL = "Military Forces of Israel (2022-)"
CIVILIANS = "Civilians (Lebanon)"


def killed(value: int, claimant: str, low: int | None = None, high: int | None = None) -> Claim:
    """A death-toll claim as the coder records it."""
    return Claim(
        ClaimKind.KILLED,
        value,
        value if low is None else low,
        value if high is None else high,
        claimant=claimant,
    )


def toll(value: int, claimant: str) -> dict[str, Any]:
    """The fields of an event whose one report gave one death toll."""
    return {
        "fatalities": value,
        "fatalities_low": value,
        "fatalities_high": value,
        "claims": [killed(value, claimant)],
    }


def strike(report: str, **fields: Any) -> Event:
    """An Israeli air strike on civilians in Basta (Beirut) on 23 Nov 2024; fields override."""
    values: dict[str, Any] = {
        "report_id": report,
        "event_date": date(2024, 11, 23),
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": ISRAEL,
        "actor2": CIVILIANS,
        "location": "Basta",
        "country": "Lebanon",
        "admin1": "Beirut",
        "latitude": 33.8869,
        "longitude": 35.5131,
        "geo_precision": 1,
        "evidence": [f"Sentence of {report}."],
        "sources": [f"Outlet {report}"],
    }
    values.update(fields)
    return Event(**values)


def told(report_id: str, published: date, *events: Event) -> CodedReport:
    """The report `report_id`, published on a day, telling the given events (built for that report)."""
    assert all(event.report_id == report_id for event in events)
    report = Report(f"Text of {report_id}.", report_id, published, source=f"Outlet {report_id}")
    return CodedReport(report=report, events=list(events))
