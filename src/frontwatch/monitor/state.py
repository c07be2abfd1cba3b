"""What the watcher remembers between polls and across restarts, kept in the event database itself.

One database rather than a state file beside it: the events and the record of which reports made
them are backed up, moved and shared together, so a restored database never re-codes (or misses)
what it already holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from frontwatch.store.schema import watch_cursors, watch_items, watch_sources

if TYPE_CHECKING:
    from frontwatch.store import Store


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a source left off at one place: validators for a conditional GET, and a fingerprint
    of what the place looked like (a feed entry's fields, a file's mtime and size)."""

    key: str
    fingerprint: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class SeenItem:
    key: str
    content_hash: str
    report_id: str
    owner: bool
    """True when this item's text is stored as its own report (False: it was a copy of another's)."""


@dataclass(frozen=True, slots=True)
class Tally:
    """Reports one poll took: new ones coded, changed ones re-coded, known ones skipped."""

    coded: int = 0
    updated: int = 0
    skipped: int = 0


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """One line of `frontwatch watch --status` and of `GET /api/watch/status`."""

    source: str
    kind: str
    last_poll: datetime | None
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    failures: int
    next_poll: datetime | None
    coded: int
    updated: int
    skipped: int

    def to_record(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "last_poll": _iso(self.last_poll),
            "last_success": _iso(self.last_success),
            "last_error": self.last_error,
            "last_error_at": _iso(self.last_error_at),
            "failures": self.failures,
            "next_poll": _iso(self.next_poll),
            "coded": self.coded,
            "updated": self.updated,
            "skipped": self.skipped,
        }


class WatchState:
    """Reads and writes the three `watch_*` tables; each write is its own short transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- sources ---------------------------------------------------------------------------------

    def register(self, source: str, kind: str) -> None:
        """Make sure the source has a row; an existing one keeps its history."""
        with self.engine.begin() as conn:
            known = sa.select(watch_sources.c.source).where(watch_sources.c.source == source)
            if conn.execute(known).first():
                return
            conn.execute(sa.insert(watch_sources).values(source=source, kind=kind, failures=0, coded=0,
                                                         updated=0, skipped=0))

    def status(self, source: str) -> SourceStatus | None:
        with self.engine.connect() as conn:
            query = sa.select(watch_sources).where(watch_sources.c.source == source)
            row = conn.execute(query).mappings().first()
        return _status(row) if row else None

    def statuses(self) -> list[SourceStatus]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(watch_sources).order_by(watch_sources.c.source)).mappings().all()
        return [_status(row) for row in rows]

    def record_success(self, source: str, now: datetime, next_poll: datetime, tally: Tally) -> None:
        with self.engine.begin() as conn:
            _count(conn, source, tally, last_poll=now, last_success=now, failures=0, next_poll=next_poll)

    def record_failure(
        self, source: str, now: datetime, next_poll: datetime, error: str, tally: Tally
    ) -> None:
        """The error is kept after later successes, so `--status` still shows what last went wrong."""
        c = watch_sources.c
        with self.engine.begin() as conn:
            _count(conn, source, tally, last_poll=now, last_error=error, last_error_at=now,
                   failures=c.failures + 1, next_poll=next_poll)

    # -- cursors ---------------------------------------------------------------------------------

    def cursor(self, key: str) -> Cursor | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(watch_cursors).where(watch_cursors.c.key == key)).mappings().first()
        if row is None:
            return None
        return Cursor(row["key"], row["fingerprint"], row["etag"], row["last_modified"])

    def save_cursor(self, cursor: Cursor, now: datetime) -> None:
        values = {"fingerprint": cursor.fingerprint, "etag": cursor.etag,
                  "last_modified": cursor.last_modified, "checked_at": now}
        with self.engine.begin() as conn:
            _upsert(conn, watch_cursors, cursor.key, values)

    # -- items -----------------------------------------------------------------------------------

    def item(self, key: str) -> SeenItem | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(watch_items).where(watch_items.c.key == key)).mappings().first()
        return SeenItem(row["key"], row["content_hash"], row["report_id"], row["owner"]) if row else None

    def report_with_text(self, content_hash: str) -> str | None:
        """The report already stored for this text (whichever item brought it), if any."""
        query = (sa.select(watch_items.c.report_id).where(watch_items.c.content_hash == content_hash)
                 .order_by(watch_items.c.first_seen).limit(1))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def remember(self, source: str, item: SeenItem, now: datetime) -> None:
        values = {"source": source, "content_hash": item.content_hash, "report_id": item.report_id,
                  "owner": item.owner, "changed_at": now}
        with self.engine.begin() as conn:
            _upsert(conn, watch_items, item.key, values, first_seen=now)


def watch_status(store: Store) -> list[SourceStatus]:
    """Every source any watcher followed in this database, by name (for `--status` and the API)."""
    return WatchState(store.engine).statuses()


def _count(conn: Connection, source: str, tally: Tally, **values: Any) -> None:
    c = watch_sources.c
    conn.execute(
        sa.update(watch_sources)
        .where(c.source == source)
        .values(coded=c.coded + tally.coded, updated=c.updated + tally.updated,
                skipped=c.skipped + tally.skipped, **values)
    )


def _upsert(conn: Connection, table: sa.Table, key: str, values: dict[str, Any], **on_insert: Any) -> None:
    """Update the row, or insert it: portable across SQLite and PostgreSQL, and one watcher writes."""
    updated = conn.execute(sa.update(table).where(table.c.key == key).values(**values))
    if updated.rowcount == 0:
        conn.execute(sa.insert(table).values(key=key, **values, **on_insert))


def _status(row: Any) -> SourceStatus:
    return SourceStatus(
        source=row["source"],
        kind=row["kind"],
        last_poll=aware(row["last_poll"]),
        last_success=aware(row["last_success"]),
        last_error=row["last_error"],
        last_error_at=aware(row["last_error_at"]),
        failures=row["failures"],
        next_poll=aware(row["next_poll"]),
        coded=row["coded"],
        updated=row["updated"],
        skipped=row["skipped"],
    )


def aware(value: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without their zone; every one stored here is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
