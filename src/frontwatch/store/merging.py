"""Merging a new report's events into the stored ones, inside the transaction that writes the report.

The store keeps two layers. `accounts` holds each report's own account of an event exactly as it
was coded; `events` holds the merged events built from them. A new report's accounts are linked
to stored accounts by `merge.cluster.same_event`, and the part of the link graph they reach is
regrouped by `merge.group_events` and rebuilt by `merge.combine`. Grouping is a function of the
accounts (and their reports' publication days) alone, and accounts no chain of links connects never
affect each other's groups, so the stored events always equal a batch merge of every account
stored: the same reports ingested in any order give the same events under the same ids.

An event keeps its id while reports join it (the id is its earliest-published account's). When a
regrouping leaves an id naming no event (two events found to be one, or a report published
earlier arriving late), the id is recorded in `retired_events` with the event that replaced it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontwatch.merge.cluster import (
    MAX_DAYS_APART,
    UNDATED_WITHIN_DAYS,
    Published,
    group_events,
    same_event,
    told_span,
)
from frontwatch.merge.combine import combine
from frontwatch.models import Claim, Event, FrontwatchError
from frontwatch.store.records import COLUMN_FIELDS, as_utc, claim_row, event_row
from frontwatch.store.schema import (
    accounts,
    claims,
    event_reports,
    events,
    events_fts,
    events_rowid,
    reports,
    retired_events,
)

_CHUNK = 500  # ids per IN (...) list: well under every backend's bound-parameter limit
_INDEX_TEXT = sa.insert(events_fts).from_select(
    ["rowid", "notes", "evidence"],
    sa.select(events_rowid, sa.bindparam("notes", type_=sa.Text), sa.bindparam("evidence", type_=sa.Text))
    .select_from(events)
    .where(events.c.event_id == sa.bindparam("event_id")),
)


def merge_report(conn: Connection, report_id: str, coded: Sequence[Event], now: datetime) -> None:
    """Store a report's events as accounts and merge them into the stored events.

    Runs in the caller's transaction (the one that writes the report), so a failure leaves
    neither the report nor any change to the events behind.
    """
    if not coded:
        return
    # Rebuilt from their records so that a new account is exactly what a later regrouping reads.
    new = [Event.from_record(event.to_record()) for event in coded]
    _refuse_taken_ids(conn, report_id, new)
    part, published = _linked_part(conn, new)
    stored = {e.event_id: e for e in part if e.report_id != report_id}
    was = _event_of(conn, stored)
    merged = [(combine(group, published), group) for group in group_events(part, published)]
    owner = {member.event_id: event.event_id for event, group in merged for member in group}
    for old_id in sorted(set(was.values()) - {event.event_id for event, _ in merged}):
        # an event's id is its first account's, so that account shows where the event went
        _retire(conn, old_id, owner[old_id], now)
    before = _rows(conn, set(was.values()))
    for event, group in merged:
        _write_event(conn, event, group, before.get(event.event_id), now)
    conn.execute(sa.insert(accounts), [_account_row(account, owner[account.event_id]) for account in new])
    for account_id, old_event in was.items():
        if owner[account_id] != old_event:
            repointed = sa.update(accounts).where(accounts.c.account_id == account_id)
            conn.execute(repointed.values(event_id=owner[account_id]))


def insert_claims(
    conn: Connection, table: sa.Table, items: Iterable[Claim], report_id: str, event_id: str | None
) -> None:
    """Claims (or aggregate figures, with `event_id` None) that one report made."""
    rows = [claim_row(claim, report_id=report_id, event_id=event_id) for claim in items]
    if rows:
        conn.execute(sa.insert(table), rows)


# -- finding the part of the stored events a report touches --------------------------------------


def _refuse_taken_ids(conn: Connection, report_id: str, new: Sequence[Event]) -> None:
    """An event id is one report's account; a caller reusing another report's id gets told so."""
    ids = [e.event_id for e in new]
    if len(set(ids)) != len(ids):
        raise FrontwatchError(f"report {report_id} has two events with one event id")
    taken = conn.execute(
        sa.select(accounts.c.account_id, accounts.c.report_id).where(accounts.c.account_id.in_(ids))
    ).first()
    if taken is not None:
        raise FrontwatchError(
            f"report {report_id}: event id {taken.account_id} is already stored for report {taken.report_id}"
        )


def _linked_part(conn: Connection, new: Sequence[Event]) -> tuple[list[Event], dict[str, date | None]]:
    """The new accounts and every stored account a chain of same-event links reaches from them,
    with the publication day of each one's report.

    Each account found is searched from once: its candidates are fetched by date (the only links
    `same_event` allows are a few days apart at most, or with an undated account of the same
    sub-event type), then tested with `same_event` itself, so no link a batch merge would make is
    missed.
    """
    part = {e.event_id: e for e in new}
    published = _published(conn, {e.report_id for e in new})
    frontier = list(new)
    while frontier:
        candidates = [c for c in _candidates(conn, frontier, published) if c.event_id not in part]
        published.update(_published(conn, {c.report_id for c in candidates} - set(published)))
        found = {c.event_id: c for c in candidates if any(same_event(f, c, published) for f in frontier)}
        part.update(found)
        frontier = list(found.values())
    return list(part.values()), published


def _candidates(conn: Connection, frontier: Sequence[Event], published: Published) -> list[Event]:
    """Stored accounts that could be linked to some account of `frontier`: those whose days (an
    undated account's are its report's, see `told_span`) come within reach of the frontier's, and
    those with no day at all that share a sub-event type with it (`same_event` links those only
    when they agree strongly)."""
    spans = [span for e in frontier if (span := told_span(e, published)) is not None]
    c, told = accounts.c, reports.c.published
    conditions: list[sa.ColumnElement[bool]] = []
    if spans:
        window = timedelta(days=MAX_DAYS_APART)
        low, high = min(s for s, _ in spans) - window, max(e for _, e in spans) + window
        conditions.append(sa.and_(c.event_date <= high, sa.or_(c.event_date >= low, c.date_end >= low)))
        undated_reach = high + timedelta(days=UNDATED_WITHIN_DAYS)
        conditions.append(sa.and_(c.event_date.is_(None), told.between(low, undated_reach)))
    types = sorted({e.sub_event_type for e in frontier})
    conditions.append(sa.and_(c.event_date.is_(None), told.is_(None), c.sub_event_type.in_(types)))
    dayless = sorted({e.sub_event_type for e in frontier if told_span(e, published) is None})
    if dayless:
        conditions.append(c.sub_event_type.in_(dayless))
    query = (
        sa.select(c.record)
        .join(reports, reports.c.id == c.report_id)
        .where(sa.or_(*conditions))
        .order_by(c.account_id)
    )
    countries = {e.country.casefold() if e.country else None for e in frontier}
    if None not in countries:  # an account with no country may tell any country's event
        query = query.where(sa.or_(c.country.in_(sorted(countries)), c.country.is_(None)))
    return [Event.from_record(json.loads(record)) for (record,) in conn.execute(query)]


def _event_of(conn: Connection, stored: dict[str, Event]) -> dict[str, str]:
    """Stored account id -> the id of the event it belongs to now."""
    found: dict[str, str] = {}
    ids = sorted(stored)
    for start in range(0, len(ids), _CHUNK):
        query = sa.select(accounts.c.account_id, accounts.c.event_id).where(
            accounts.c.account_id.in_(ids[start : start + _CHUNK])
        )
        found.update({account_id: event_id for account_id, event_id in conn.execute(query)})
    return found


def _published(conn: Connection, report_ids: set[str]) -> dict[str, date | None]:
    ids = sorted(report_ids)
    found: dict[str, date | None] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        query = sa.select(reports.c.id, reports.c.published).where(reports.c.id.in_(chunk))
        found.update({report_id: published for report_id, published in conn.execute(query)})
    return found


def _rows(conn: Connection, event_ids: set[str]) -> dict[str, Any]:
    if not event_ids:
        return {}
    query = sa.select(events).where(events.c.event_id.in_(sorted(event_ids)))
    return {row["event_id"]: row for row in conn.execute(query).mappings()}


# -- writing -------------------------------------------------------------------------------------


def _account_row(account: Event, event_id: str) -> dict[str, Any]:
    return {
        "account_id": account.event_id,
        "report_id": account.report_id,
        "event_id": event_id,
        "event_date": account.event_date,
        "date_end": account.date_end,
        "sub_event_type": account.sub_event_type,
        "country": account.country.casefold() if account.country else None,
        "record": json.dumps(account.to_record(), ensure_ascii=False),
    }


def _write_event(
    conn: Connection, event: Event, members: Sequence[Event], before: Any, now: datetime
) -> None:
    """Insert a new event, or update a stored one only if what it says changed (so `updated_at`
    means something); its claims, report links and text index follow."""
    row = event_row(event.to_record())
    if before is not None and all(before[name] == row[name] for name in COLUMN_FIELDS):
        return
    if before is None:
        # nothing hangs off a new id yet (a retired id was unlinked when it was retired)
        conn.execute(sa.delete(retired_events).where(retired_events.c.event_id == event.event_id))
        conn.execute(sa.insert(events).values(**row, created_at=now, updated_at=now))
    else:
        updated = sa.update(events).where(events.c.event_id == event.event_id)
        conn.execute(updated.values(**row, updated_at=now))
        _unlink(conn, event.event_id)
    for member in members:
        insert_claims(conn, claims, member.claims, member.report_id, event.event_id)
    links = [{"event_id": event.event_id, "report_id": report_id} for report_id in event.report_ids]
    conn.execute(sa.insert(event_reports), links)
    if conn.dialect.name == "sqlite":
        text = {"event_id": event.event_id, "notes": event.notes, "evidence": "\n".join(event.evidence)}
        index_text(conn, [text])


def index_text(conn: Connection, texts: Sequence[dict[str, str]]) -> None:
    """Add stored events to SQLite's full-text index: each of `texts` gives an `event_id`, its
    `notes` and its `evidence` sentences one a line, indexed under the rowid of the event's row so
    that a search reaches its events by rowid (see `schema.events_fts`)."""
    conn.execute(_INDEX_TEXT, list(texts))


def drop_unaccounted(conn: Connection, report_id: str) -> None:
    """Delete the events a version of frontwatch before accounts stored for a report: each was one
    report's own event, with no account to rebuild it from."""
    unaccounted = sa.select(events.c.event_id).where(
        events.c.report_id == report_id,
        ~sa.exists(sa.select(accounts.c.event_id).where(accounts.c.event_id == events.c.event_id)),
    )
    for event_id in list(conn.scalars(unaccounted)):
        _unlink(conn, event_id)
        conn.execute(sa.delete(events).where(events.c.event_id == event_id))


def _unlink(conn: Connection, event_id: str) -> None:
    """Remove what hangs off an event row (claims, report links, text index) before rewriting it."""
    conn.execute(sa.delete(claims).where(claims.c.event_id == event_id))
    conn.execute(sa.delete(event_reports).where(event_reports.c.event_id == event_id))
    if conn.dialect.name == "sqlite":
        row = sa.select(events_rowid).select_from(events).where(events.c.event_id == event_id)
        conn.execute(sa.delete(events_fts).where(events_fts.c.rowid == row.scalar_subquery()))


def _retire(conn: Connection, event_id: str, successor: str, now: datetime) -> None:
    _unlink(conn, event_id)
    conn.execute(sa.delete(events).where(events.c.event_id == event_id))
    conn.execute(sa.delete(retired_events).where(retired_events.c.event_id == event_id))
    conn.execute(
        sa.insert(retired_events).values(
            event_id=event_id, replaced_by=successor, reason=f"merged into {successor}", retired_at=now
        )
    )


def withdraw_report(conn: Connection, report_id: str, now: datetime) -> bool:
    """Delete a stored report and take its accounts out of the stored events; False if it is not stored.

    For a report replaced by a new version (a watched page that changed). The events its accounts
    were in are taken apart and the other reports' accounts in them merged again, so the stored
    events stay what a batch merge of the remaining reports gives. An event that is gone afterwards
    is recorded in `retired_events`, pointing to the event its other accounts joined, if any.
    """
    if conn.execute(sa.select(reports.c.id).where(reports.c.id == report_id)).first() is None:
        return False
    told = sa.select(accounts.c.event_id).where(accounts.c.report_id == report_id)
    touched = sorted(set(conn.scalars(told)))
    others = sa.select(accounts.c.record, accounts.c.event_id).where(
        accounts.c.event_id.in_(touched), accounts.c.report_id != report_id
    )
    # (another report's account, the event it was in)
    survivors = [(Event.from_record(json.loads(record)), was) for record, was in conn.execute(others)]
    for event_id in touched:
        _unlink(conn, event_id)
    conn.execute(sa.delete(events).where(events.c.event_id.in_(touched)))
    conn.execute(sa.delete(accounts).where(accounts.c.event_id.in_(touched)))
    conn.execute(sa.delete(reports).where(reports.c.id == report_id))  # its figures and claims follow
    by_report: dict[str, list[Event]] = {}
    for account, _ in survivors:
        by_report.setdefault(account.report_id, []).append(account)
    for other_id in sorted(by_report):
        merge_report(conn, other_id, by_report[other_id], now)
    joined = _event_of(conn, {account.event_id: account for account, _ in survivors})
    successor_of = {was: joined[account.event_id] for account, was in survivors}
    still_there = set(conn.scalars(sa.select(events.c.event_id).where(events.c.event_id.in_(touched))))
    for event_id in touched:
        if event_id not in still_there:
            successor = successor_of.get(event_id)
            reason = f"its report {report_id} was replaced"
            reason += f"; merged into {successor}" if successor else ""
            conn.execute(sa.delete(retired_events).where(retired_events.c.event_id == event_id))
            conn.execute(
                sa.insert(retired_events).values(
                    event_id=event_id, replaced_by=successor, reason=reason, retired_at=now
                )
            )
    return True


# -- reading what merging did ----------------------------------------------------------------------


def changes_since(conn: Connection, since: datetime) -> list[dict[str, Any]]:
    """Events created, updated or retracted at or after `since`, oldest change first.

    As ACLED users diff weekly releases: an event created since is listed as created (whatever
    happened to it after), one created before and changed since as updated, and an id that no
    longer names an event as retracted, with the event that replaced it.
    """
    since = since.astimezone(UTC) if since.tzinfo else since.replace(tzinfo=UTC)
    c = events.c
    found: list[dict[str, Any]] = []
    touched = sa.select(events).where(sa.or_(c.created_at >= since, c.updated_at >= since))
    for row in conn.execute(touched).mappings():
        created = as_utc(row["created_at"]) >= since
        moment = row["created_at"] if created else row["updated_at"]
        found.append(_change("created" if created else "updated", row["event_id"], moment, event=row))
    retired = sa.select(retired_events).where(retired_events.c.retired_at >= since)
    for row in conn.execute(retired).mappings():
        successor = {"replaced_by": row["replaced_by"], "reason": row["reason"]}
        found.append(_change("retracted", row["event_id"], row["retired_at"], **successor))
    return sorted(found, key=lambda change: (change["at"], change["event_id"]))


def current_id(conn: Connection, event_id: str) -> str | None:
    """The id an event goes by now: itself, or the event that replaced it (followed to the end);
    None for an id the store never had."""
    seen: set[str] = set()
    while event_id not in seen:
        seen.add(event_id)
        if conn.execute(sa.select(events.c.event_id).where(events.c.event_id == event_id)).first():
            return event_id
        successor = conn.scalar(
            sa.select(retired_events.c.replaced_by).where(retired_events.c.event_id == event_id)
        )
        if successor is None:
            return None
        event_id = successor
    return None


def _change(kind: str, event_id: str, moment: datetime, event: Any = None, **extra: Any) -> dict[str, Any]:
    summary = None
    if event is not None:
        summary = {name: event[name] for name in ("event_date", "sub_event_type", "location", "fatalities")}
        summary["event_date"] = summary["event_date"].isoformat() if summary["event_date"] else None
        summary["report_ids"] = json.loads(event["report_ids"])
    return {"change": kind, "at": as_utc(moment).isoformat(), "event_id": event_id, "event": summary, **extra}
