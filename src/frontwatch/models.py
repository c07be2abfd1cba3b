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
    """How far an event is established, in the spirit of Airwars' grades (see `merge.grading`).

    Graded from the event's claims: how many independent sources told it, whether the party that
    acted or lost acknowledges it, whether footage or imagery was verified, whether the parties
    contradict each other, whether a fact-check found it false.
    """

    UNVERIFIED = "unverified"  # a single source, or the outlet says it could not verify
    CLAIMED = "claimed"  # a single source that is a party's own claim ("claimed to have captured")
    CORROBORATED = "corroborated"  # several independent sources tell it
    ACKNOWLEDGED = "acknowledged"  # the party that acted or lost acknowledges it
    VERIFIED = "verified"  # footage or imagery verified, or geolocated
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

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Claim:
        """The inverse of `to_record()`: a stored claim back as a Claim."""
        return cls(
            kind=ClaimKind(record["kind"]),
            value=record["value"],
            low=record["low"],
            high=record["high"],
            qualifier=record.get("qualifier"),
            claimant=record.get("claimant"),
            cited=record.get("cited"),
            evidence=record.get("evidence") or "",
            start=record.get("start") or 0,
            end=record.get("end") or 0,
            group=record.get("group"),
        )


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

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Event:
        """The inverse of `to_record()`: an event read back from JSON Lines or the store, exactly.

        The store keeps each report's own account of an event as its record and rebuilds it with
        this to merge it again, so a round trip must lose nothing the merge reads.
        """
        values = {name: record.get(name) for name in _EVENT_SCALARS}
        for name in ("event_date", "date_end"):
            values[name] = date.fromisoformat(record[name]) if record.get(name) else None
        for name in ("sources", "evidence", "report_ids"):
            values[name] = list(record.get(name) or [])
        return cls(
            **values,
            verification=Verification(record.get("verification") or Verification.UNVERIFIED),
            claims=[Claim.from_record(claim) for claim in record.get("claims") or []],
        )


_EVENT_SCALARS: tuple[str, ...] = (
    "report_id",
    "event_type",
    "sub_event_type",
    "actor1",
    "location",
    "time_precision",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "inter1",
    "inter2",
    "country",
    "admin1",
    "admin2",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "fatalities_qualifier",
    "injured",
    "notes",
    "event_id",
)
"""Record fields that `Event.from_record` copies as they are (no date, list or enum to rebuild)."""


@dataclass(slots=True)
class Figure(Claim):
    """A humanitarian figure: a count over a period and an area, never an event.

    "At least 44 civilians killed between 26 November and 1 December in Idlib and northern
    Aleppo, OCHA said, citing local health authorities"; "more than 48,500 displaced as of 30
    November" (a period with only its end).
    """

    period_start: date | None = None
    period_end: date | None = None
    area: list[str] = field(default_factory=list)  # the places the figure covers, as the report names them

    def to_record(self) -> dict[str, Any]:
        return {
            **Claim.to_record(self),
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "area": list(self.area),
        }


class ControlKind(StrEnum):
    """What a report says happened to a place's control."""

    GAINED = "gained"  # the holder took it (capture, recapture, handover)
    LOST = "lost"  # the previous holder gave it up (withdrawal, a loss it admits)
    HELD = "held"  # the holder holds it, as the report states ("in rebel hands")


@dataclass(slots=True)
class ControlChange:
    """Who holds a place from a day on, as one report tells it, and on whose claim."""

    place: str
    kind: ControlKind
    holder: str | None = None
    previous: str | None = None  # from whom
    on: date | None = None  # the day it changed hands, or the day the report says it holds
    claimant: str | None = None  # on whose claim ("Free Syrian Army"); the outlet when it says it itself
    confirmed: bool = False  # verified (footage, geolocation) or acknowledged, not only claimed
    evidence: str = ""
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    event_id: str | None = None  # the report's event it comes from, when it comes from one

    def to_record(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "kind": str(self.kind),
            "holder": self.holder,
            "previous": self.previous,
            "on": self.on.isoformat() if self.on else None,
            "claimant": self.claimant,
            "confirmed": self.confirmed,
            "evidence": self.evidence,
            "country": self.country,
            "admin1": self.admin1,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "event_id": self.event_id,
        }


class RelationKind(StrEnum):
    """How one actor stands to another."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    PART_OF = "part of"
    LEADS = "leads"
    FORMERLY_KNOWN_AS = "formerly known as"  # the object is the old name
    DESIGNATES_TERRORIST = "designates as terrorist"


@dataclass(slots=True)
class Relation:
    """A statement about two actors: "Russia will continue to support Assad", "HTS, formerly
    Al-Nusra Front", "Turkey considers the YPG a terrorist organisation"."""

    subject: str
    kind: RelationKind
    object: str
    negated: bool = False  # "the US did not support HTS"
    qualifier: str | None = None  # "for its fight against ISIS"
    claimant: str | None = None
    evidence: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "kind": str(self.kind),
            "object": self.object,
            "negated": self.negated,
            "qualifier": self.qualifier,
            "claimant": self.claimant,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class UnplacedName:
    """A place an event was coded at that the gazetteer does not know ("Umm Ramal village"): the
    event sits at the area around it, and the name is listed for an analyst to add."""

    name: str
    country: str | None = None  # the country the event was placed in, as ACLED names it
    admin1: str | None = None


@dataclass(slots=True)
class CodedReport:
    """What the pipeline makes of one report."""

    report: Report
    events: list[Event] = field(default_factory=list)
    figures: list[Claim] = field(default_factory=list)  # aggregate figures that are not events (`Figure`s)
    control: list[ControlChange] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    unplaced: list[UnplacedName] = field(default_factory=list)


class FrontwatchError(Exception):
    """An error a user can act on; the CLI prints its message without a traceback."""
