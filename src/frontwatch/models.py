"""Typed records that flow between frontwatch's stages.

Every stage (ingest, nlp, geo, timex, merge, store, api) speaks in these types, so they live in
one module: a reader of the code learns the vocabulary once. They are plain dataclasses (no
validation framework on the hot path); `Event.to_record()` gives the JSON Lines contract that the
CLI, the exports and the scorer read.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
"""ACLED's 6 event types and their 25 sub-event types."""

SUB_EVENT_TO_TYPE: dict[str, str] = {sub: kind for kind, subs in EVENT_TYPES.items() for sub in subs}

INTER_LABELS: dict[int, str] = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
"""ACLED actor-type (inter) codes."""


class Verification(StrEnum):
    """How far an event's account can be trusted, from its claims and the outlet's own hedges."""

    UNVERIFIED = "unverified"  # one party's claim, or the outlet says it could not verify
    CLAIMED = "claimed"  # the actor itself claims it ("claimed to have captured")
    VERIFIED = "verified"  # geolocated or verified footage; acknowledged by the party that acted or lost
    DISPUTED = "disputed"  # the parties contradict each other
    DEBUNKED = "debunked"  # a fact-check found it false


class ClaimKind(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    DISPLACED = "displaced"
    ARRESTED = "arrested"
    ABDUCTED = "abducted"


_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form a report's content hash is taken over: NFC, single spaces, no outer space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_id(*parts: str, length: int = 16) -> str:
    """A short, stable hex id over normalised parts (used for report and event ids)."""
    digest = hashlib.sha256("\x1f".join(normalise_text(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Report:
    """One piece of reporting: a wire story, a rescue-group statement, an ACLED-style note."""

    text: str
    id: str = ""
    published: date | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", "r" + content_id(self.text))


@dataclass(slots=True)
class Place:
    """A gazetteer entry, or an area the coder fell back to."""

    name: str
    latitude: float | None
    longitude: float | None
    country: str | None = None  # English country name, ACLED style ("Syria", "Palestine")
    country_code: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    feature: str = "populated place"  # "populated place", "admin1", "admin2", "country", "site"...
    population: int = 0
    source: str = "geonames"  # "geonames", "pycountry", "import:<file>", "user"
    geonameid: int | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "feature": self.feature,
            "population": self.population,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor as ACLED names it, with its type code."""

    name: str  # canonical, e.g. "Military Forces of Syria (2000-2024)", "Civilians (Syria)"
    inter: int  # ACLED inter code 1-8
    country: str | None = None
    parent: str | None = None  # coalition or umbrella the actor belongs to


@dataclass(slots=True)
class Claim:
    """A figure somebody reported: "at least 13 civilians killed, the White Helmets said"."""

    kind: ClaimKind
    value: int  # the figure coded by ACLED's convention (lowest reported)
    low: int
    high: int
    qualifier: str | None = None  # "at least", "more than", "several", "dozens", "about", ...
    claimant: str | None = None  # who said it ("White Helmets")
    cited: str | None = None  # whom the claimant cited ("local health authorities")
    evidence: str = ""  # the sentence the figure stands in
    start: int = 0  # character offsets of the figure in the report text
    end: int = 0
    group: str | None = None  # the victims named ("civilians", "children", "people")

    def to_record(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "claimant": self.claimant,
            "cited": self.cited,
            "group": self.group,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class DateSpan:
    """A resolved date: one day or a range, with ACLED's time precision (1 day, 2 week, 3 month+)."""

    start: date
    end: date | None = None
    precision: int = 1


@dataclass(slots=True)
class Event:
    """One coded event: a place, a day and an actor pair, as an ACLED coder would record it."""

    report_id: str
    event_date: date | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    location: str | None
    date_end: date | None = None
    time_precision: int = 1
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    fatalities_low: int = 0
    fatalities_high: int = 0
    fatalities_qualifier: str | None = None
    injured: int | None = None
    sources: list[str] = field(default_factory=list)
    verification: Verification = Verification.UNVERIFIED
    evidence: list[str] = field(default_factory=list)
    notes: str = ""
    claims: list[Claim] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)
    event_id: str = ""

    def __post_init__(self) -> None:
        if not self.report_ids:
            self.report_ids = [self.report_id]
        if not self.event_id:
            self.event_id = self.default_id()

    def default_id(self) -> str:
        """Stable across runs and engines: derived from the fields that define the event."""
        return "ev" + content_id(
            self.report_id,
            self.event_date.isoformat() if self.event_date else "",
            self.sub_event_type,
            self.actor1 or "",
            self.actor2 or "",
            self.location or "",
            self.evidence[0] if self.evidence else "",
        )

    def to_record(self) -> dict[str, Any]:
        """The JSON Lines contract of `frontwatch extract --format jsonl`."""
        return {
            "event_id": self.event_id,
            "report_id": self.report_id,
            "report_ids": list(self.report_ids),
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "inter1": self.inter1,
            "inter2": self.inter2,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "fatalities_low": self.fatalities_low,
            "fatalities_high": self.fatalities_high,
            "fatalities_qualifier": self.fatalities_qualifier,
            "injured": self.injured,
            "sources": list(self.sources),
            "verification": str(self.verification),
            "evidence": list(self.evidence),
            "notes": self.notes,
            "claims": [claim.to_record() for claim in self.claims],
        }


@dataclass(slots=True)
class CodedReport:
    """What the pipeline makes of one report."""

    report: Report
    events: list[Event] = field(default_factory=list)
    figures: list[Claim] = field(default_factory=list)  # aggregate figures that are not events


class FrontwatchError(Exception):
    """An error a user can act on; the CLI prints its message without a traceback."""
