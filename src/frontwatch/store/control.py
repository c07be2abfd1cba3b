"""Territorial control in the store: each report's control changes, and who held a place on a day.

Reports are kept as they told it (`control_changes`, one row per report and change); the answer
to "who held Aleppo on 2 December" is assembled when asked. Reports of the same change (the same
holder, within a day) count as one change with several claimants; a change is confirmed when a
report verified it (footage, geolocation, the loser's acknowledgement), when the event it comes
from is graded corroborated or better once merged with other reports, or when two claimants
tell it. Otherwise it is claimed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontwatch.geo.fold import fold_name
from frontwatch.merge.cluster import actor_key
from frontwatch.models import ControlChange, ControlKind, Verification
from frontwatch.store.schema import accounts, control_changes, events, reports

CONFIRMING = frozenset({Verification.CORROBORATED, Verification.ACKNOWLEDGED, Verification.VERIFIED})
SAME_CHANGE_DAYS = 1
"""Reports of one change of hands disagree on its day by a day at most, as reports of events do."""


@lru_cache(maxsize=1)
def _ignored_words() -> frozenset[str]:
    text = resources.files("frontwatch.data").joinpath("control.toml").read_text("utf-8")
    return frozenset(tomllib.loads(text)["place_words"]["ignore"])


def place_key(name: str) -> str:
    """The words that say which place a name is, folded and sorted ("Idlib Governorate" -> "idlib";
    "Aleppo airport" -> "alepo ayrport"), so spellings and word order do not matter."""
    words = {fold_name(word) for word in name.split() if word.lower() not in _ignored_words()}
    return " ".join(sorted(word for word in words if word))


def insert_control(conn: Connection, report_id: str, changes: Sequence[ControlChange]) -> None:
    rows = [
        {
            **{k: v for k, v in change.to_record().items() if k not in {"event_id", "on"}},
            "report_id": report_id,
            "account_id": change.event_id,
            "place_key": place_key(change.place),
            "on": change.on,
        }
        for change in changes
    ]
    if rows:
        conn.execute(sa.insert(control_changes), rows)


def matching_key(conn: Connection, place: str) -> str | None:
    """The stored place a name asks about: the one named by the most of its words, all of them in
    the name ("Aleppo International Airport" finds "Aleppo airport" before "Aleppo", and "Aleppo"
    never finds "Aleppo airport")."""
    wanted = set(place_key(place).split())
    stored = conn.scalars(sa.select(control_changes.c.place_key).distinct())
    fitting = [key for key in stored if key and set(key.split()) <= wanted]
    return max(fitting, key=lambda key: (len(key.split()), key), default=None)


@dataclass(slots=True)
class Tenure:
    """One change of hands as all reports tell it: a holder from a day on."""

    kind: str
    holder: str | None
    previous: str | None
    on: date | None
    claimants: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    confirmed: bool = False
    evidence: list[str] = field(default_factory=list)

    def tells_same(self, row: dict[str, Any]) -> bool:
        if self.kind != row["kind"] or actor_key(self.holder) != actor_key(row["holder"]):
            return False
        if self.on is None or row["on"] is None:
            return self.on == row["on"]
        return abs((self.on - row["on"]).days) <= SAME_CHANGE_DAYS

    def to_record(self) -> dict[str, Any]:
        independent = len({c.casefold() for c in self.claimants}) >= 2
        return {
            "kind": self.kind,
            "holder": self.holder,
            "previous": self.previous,
            "on": self.on.isoformat() if self.on else None,
            "claimants": self.claimants,
            "status": "confirmed" if self.confirmed or independent else "claimed",
            "reports": self.reports,
            "events": self.events,
            "evidence": self.evidence,
        }


def control_of(conn: Connection, place: str, on: date | None = None) -> dict[str, Any]:
    """Who held `place` on `on` (default: the latest day any report tells), since when, from whom,
    on whose claim, claimed or confirmed, with the place's whole history as the reports tell it."""
    key = matching_key(conn, place)
    rows = _rows(conn, key) if key is not None else []
    history = _history(rows)
    dated = [t for t in history if t.on is not None and (on is None or t.on <= on)]
    current: Tenure | None = None  # the holder's tenure: its first change, with every later telling
    previous_holder: str | None = None
    for tenure in dated:
        if current is not None and tenure.kind != ControlKind.LOST and tenure.holder == current.holder:
            # the same holder told again: its tenure began earlier, and this telling backs it
            current.claimants.extend(c for c in tenure.claimants if c not in current.claimants)
            current.confirmed |= tenure.confirmed
            continue
        previous_holder = current.holder if current is not None else previous_holder
        current = replace(tenure, claimants=list(tenure.claimants))
    answer: dict[str, Any] = {"place": place, "told_as": rows[0]["place"] if rows else None}
    answer["on"] = on.isoformat() if on else None
    if current is not None:
        record = current.to_record()
        answer.update(
            holder=current.holder if current.kind != ControlKind.LOST else None,
            since=record["on"],
            until=None,
            previous=current.previous or previous_holder,
            claimants=record["claimants"],
            status=record["status"],
        )
    elif (later := next((t for t in history if t.on is not None and t.previous), None)) is not None:
        # before the first change told, the place was its former holder's
        record = later.to_record()
        answer.update(holder=later.previous, since=None, until=record["on"], previous=None,
                      claimants=record["claimants"], status=record["status"])
    answer["known"] = "holder" in answer
    answer["history"] = [t.to_record() for t in history]
    return answer


def _rows(conn: Connection, key: str) -> list[dict[str, Any]]:
    """The place's control rows, each with the grade of the merged event it comes from."""
    c = control_changes.c
    query = (
        sa.select(
            control_changes,
            reports.c.published,
            events.c.event_id.label("merged_id"),
            events.c.verification.label("event_verification"),
        )
        .join(reports, reports.c.id == c.report_id)
        .outerjoin(accounts, accounts.c.account_id == c.account_id)
        .outerjoin(events, events.c.event_id == accounts.c.event_id)
        .where(c.place_key == key)
        .order_by(sa.nulls_last(c.on), reports.c.published, c.id)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def _history(rows: list[dict[str, Any]]) -> list[Tenure]:
    tenures: list[Tenure] = []
    for row in rows:
        tenure = next((t for t in tenures if t.tells_same(row)), None)
        if tenure is None:
            tenure = Tenure(row["kind"], row["holder"], row["previous"], row["on"])
            tenures.append(tenure)
        tenure.previous = tenure.previous or row["previous"]
        tenure.confirmed |= bool(row["confirmed"]) or row["event_verification"] in CONFIRMING
        for items, value in (
            (tenure.claimants, row["claimant"]),
            (tenure.reports, row["report_id"]),
            (tenure.events, row["merged_id"]),
            (tenure.evidence, row["evidence"]),
        ):
            if value and value not in items:
                items.append(value)
    return sorted(tenures, key=lambda t: (t.on is None, t.on or date.max))
