"""The event store: one `Store` per database, SQLite by default, PostgreSQL through the same code.

Writes are per report and all-or-nothing, keyed by the report id, so re-running a batch (after a
crash, or on overlapping scrapes) never duplicates events. Every filter is a bound parameter.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

from frontwatch.models import Claim, CodedReport, Event, FrontwatchError, Verification
from frontwatch.store.records import (
    LIST_FIELDS,
    claim_record,
    claim_row,
    event_record,
    event_row,
    merge_lists,
    report_record,
    report_row,
)
from frontwatch.store.schema import claims, event_reports, events, events_fts, figures, metadata, reports

_CHUNK = 500  # rows per IN (...) lookup: well under every backend's bound-parameter limit
_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)
_LIKE_ESCAPE = "\\"


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters for `Store.events()`; unset ones do not filter.

    `since`/`until` bound event_date (inclusive). `actor` matches any of the four actor fields,
    case-insensitively, as a substring. `country`/`admin1` match case-insensitively. `q` is a
    full-text search over notes and evidence (every word must occur). Results are ordered by
    event_date (undated last), then event_id.
    """

    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    q: str | None = None
    min_fatalities: int | None = None
    verification: Verification | str | None = None
    limit: int | None = None
    offset: int = 0


class Store:
    """A database of coded reports and events; tables are created on first use.

    `url_or_path` is a file path or `sqlite:///...` (SQLite, parent directories created, WAL
    journal, foreign keys enforced) or `postgresql://...` (needs psycopg installed).
    """

    def __init__(self, url_or_path: str | Path) -> None:
        self.engine: Engine = _create_engine(url_or_path)
        metadata.create_all(self.engine)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release pooled connections (and, on SQLite, the file)."""
        self.engine.dispose()

    # -- writing -------------------------------------------------------------------------------

    def has_report(self, report_id: str) -> bool:
        query = sa.select(reports.c.id).where(reports.c.id == report_id)
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def save(self, coded: CodedReport) -> bool:
        """Store a report with its events, claims and figures in one transaction.

        Returns False, changing nothing, when the report id is already stored. An event id that
        another report already stored is updated in place (its report list and sources merged).
        """
        report_id = coded.report.id
        if self.has_report(report_id):
            return False
        now = datetime.now(UTC)
        try:
            with self.engine.begin() as conn:
                conn.execute(sa.insert(reports), report_row(coded.report, now))
                for event in coded.events:
                    _write_event(conn, event, report_id, now)
                _insert_claims(conn, figures, coded.figures, report_id, None)
        except IntegrityError:
            # Another writer stored the same report between our check and our insert.
            if self.has_report(report_id):
                return False
            raise
        return True

    # -- reading -------------------------------------------------------------------------------

    def events(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        country: str | None = None,
        admin1: str | None = None,
        actor: str | None = None,
        q: str | None = None,
        min_fatalities: int | None = None,
        verification: Verification | str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Event records (the `Event.to_record()` shape) matching every given filter (see `EventQuery`)."""
        query = EventQuery(
            since=since,
            until=until,
            event_type=event_type,
            sub_event_type=sub_event_type,
            country=country,
            admin1=admin1,
            actor=actor,
            q=q,
            min_fatalities=min_fatalities,
            verification=verification,
            limit=limit,
            offset=offset,
        )
        return list(self.iter_events(query))

    def iter_events(self, query: EventQuery | None = None) -> Iterator[dict[str, Any]]:
        """Like `events()`, streamed in chunks so an export of millions of events stays small in memory."""
        query = query or EventQuery()
        with self.engine.connect() as conn:
            select = (
                sa.select(events)
                .where(*_conditions(conn.dialect.name, query))
                .order_by(sa.nulls_last(events.c.event_date), events.c.event_id)
                .limit(query.limit)
                .offset(query.offset)
            )
            result = conn.execution_options(yield_per=_CHUNK).execute(select).mappings()
            for chunk in result.partitions():
                by_event = _claims_by_event(conn, [row["event_id"] for row in chunk])
                for row in chunk:
                    yield event_record(row, [claim_record(c) for c in by_event[row["event_id"]]])

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event record, its claims marked with the report that made them, plus its reports."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(events).where(events.c.event_id == event_id)).mappings().first()
            if row is None:
                return None
            claim_rows = _claims_by_event(conn, [event_id])[event_id]
            record = event_record(row, [dict(claim_record(c), report_id=c["report_id"]) for c in claim_rows])
            linked = (
                sa.select(reports)
                .join(event_reports, event_reports.c.report_id == reports.c.id)
                .where(event_reports.c.event_id == event_id)
                .order_by(reports.c.published, reports.c.id)
            )
            record["reports"] = [report_record(r) for r in conn.execute(linked).mappings()]
        return record

    def figures(self, report_id: str | None = None) -> list[dict[str, Any]]:
        """Aggregate figures (not tied to an event), optionally of one report, in stored order."""
        query = sa.select(figures).order_by(figures.c.id)
        if report_id is not None:
            query = query.where(figures.c.report_id == report_id)
        with self.engine.connect() as conn:
            return [_figure_record(row) for row in conn.execute(query).mappings()]

    def report_count(self) -> int:
        return self._count(reports)

    def event_count(self) -> int:
        return self._count(events)

    def _count(self, table: sa.Table) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


# -- engines -----------------------------------------------------------------------------------


def _create_engine(url_or_path: str | Path) -> Engine:
    target = str(url_or_path)
    scheme = target.split("://", 1)[0].lower() if "://" in target else ""
    if scheme.startswith("postgres"):
        return _postgres_engine(target)
    if scheme and not scheme.startswith("sqlite"):
        raise FrontwatchError(
            f"unsupported database URL {scheme}://… (use a file path, sqlite:/// or postgresql://)"
        )
    url = sa.make_url(target) if scheme else sa.URL.create("sqlite", database=str(Path(target).expanduser()))
    return _sqlite_engine(url)


def _sqlite_engine(url: sa.URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:")
    if not in_memory:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # An in-memory database lives in one connection, so every checkout must get that connection.
    pool: dict[str, Any] = {"poolclass": StaticPool} if in_memory else {}
    engine = sa.create_engine(url, connect_args={"timeout": 30}, **pool)
    sa.event.listen(engine, "connect", _on_sqlite_connect)
    sa.event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers (the API) run while a batch writes; foreign keys are off by default.

    The driver's own transaction handling is switched off so that `_on_sqlite_begin` opens every
    transaction explicitly: otherwise reads before the first write would sit outside it.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def _on_sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def _postgres_engine(target: str) -> Engine:
    if importlib.util.find_spec("psycopg") is None:
        raise FrontwatchError("a PostgreSQL store needs psycopg: pip install 'psycopg[binary]'")
    url = sa.make_url(target.replace("postgres://", "postgresql://", 1))
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return sa.create_engine(url, pool_pre_ping=True)


# -- writing helpers ---------------------------------------------------------------------------


def _write_event(conn: Connection, event: Event, report_id: str, now: datetime) -> None:
    row = event_row(event.to_record())
    existing = conn.execute(sa.select(events).where(events.c.event_id == event.event_id)).mappings().first()
    if existing is None:
        conn.execute(sa.insert(events).values(**row, created_at=now, updated_at=now))
    else:
        row.update(_merged_lists(existing, row))
        conn.execute(
            sa.update(events).where(events.c.event_id == event.event_id).values(**row, updated_at=now)
        )
    _link_reports(conn, event.event_id, merge_lists(json.loads(row["report_ids"]), [report_id]))
    _insert_claims(conn, claims, event.claims, report_id, event.event_id)
    if conn.dialect.name == "sqlite":
        _index_text(conn, event.event_id, row)


def _merged_lists(existing: Any, row: dict[str, Any]) -> dict[str, str]:
    """List fields of an event seen again: what was stored, then what is new."""
    return {
        name: json.dumps(merge_lists(json.loads(existing[name]), json.loads(row[name])), ensure_ascii=False)
        for name in LIST_FIELDS
    }


def _link_reports(conn: Connection, event_id: str, report_ids: Sequence[str]) -> None:
    linked = set(
        conn.scalars(sa.select(event_reports.c.report_id).where(event_reports.c.event_id == event_id))
    )
    rows = [{"event_id": event_id, "report_id": rid} for rid in report_ids if rid not in linked]
    if rows:
        conn.execute(sa.insert(event_reports), rows)


def _insert_claims(
    conn: Connection, table: sa.Table, items: Iterable[Claim], report_id: str, event_id: str | None
) -> None:
    rows = [claim_row(claim, report_id=report_id, event_id=event_id) for claim in items]
    if rows:
        conn.execute(sa.insert(table), rows)


def _index_text(conn: Connection, event_id: str, row: dict[str, Any]) -> None:
    """Keep the FTS5 row in step with the event (replaced, since an event can be written again)."""
    conn.execute(sa.delete(events_fts).where(events_fts.c.event_id == event_id))
    evidence = "\n".join(json.loads(row["evidence"]))
    conn.execute(sa.insert(events_fts).values(event_id=event_id, notes=row["notes"], evidence=evidence))


# -- reading helpers ---------------------------------------------------------------------------


def _conditions(dialect: str, query: EventQuery) -> list[sa.ColumnElement[bool]]:
    """WHERE clauses for the filters set in `query`; values only ever travel as bound parameters."""
    c = events.c
    conditions: list[sa.ColumnElement[bool]] = []
    if query.since is not None:
        conditions.append(c.event_date >= query.since)
    if query.until is not None:
        conditions.append(c.event_date <= query.until)
    if query.event_type:
        conditions.append(c.event_type == query.event_type)
    if query.sub_event_type:
        conditions.append(c.sub_event_type == query.sub_event_type)
    if query.country:
        conditions.append(sa.func.lower(c.country) == query.country.lower())
    if query.admin1:
        conditions.append(sa.func.lower(c.admin1) == query.admin1.lower())
    if query.actor:
        conditions.append(_actor_condition(query.actor))
    if query.q and (words := _FTS_TOKEN.findall(query.q)):
        conditions.append(_text_condition(dialect, words))
    if query.min_fatalities is not None:
        conditions.append(c.fatalities >= query.min_fatalities)
    if query.verification:
        conditions.append(c.verification == str(query.verification))
    return conditions


def _actor_condition(actor: str) -> sa.ColumnElement[bool]:
    pattern = f"%{_escape_like(actor.lower())}%"
    columns = (events.c.actor1, events.c.assoc_actor_1, events.c.actor2, events.c.assoc_actor_2)
    return sa.or_(*(sa.func.lower(col).like(pattern, escape=_LIKE_ESCAPE) for col in columns))


def _text_condition(dialect: str, words: list[str]) -> sa.ColumnElement[bool]:
    """FTS5 on SQLite; elsewhere every word as a case-insensitive substring of notes or evidence."""
    if dialect == "sqlite":
        # Each word quoted as an FTS5 string, so user input can never be read as query syntax.
        match = " ".join('"' + word + '"' for word in words)
        matching = sa.select(events_fts.c.event_id).where(
            sa.text("events_fts MATCH :fts_query").bindparams(fts_query=match)
        )
        return events.c.event_id.in_(matching)
    return sa.and_(
        *(
            sa.or_(
                events.c.notes.ilike(f"%{_escape_like(word)}%", escape=_LIKE_ESCAPE),
                events.c.evidence.ilike(f"%{_escape_like(word)}%", escape=_LIKE_ESCAPE),
            )
            for word in words
        )
    )


def _escape_like(value: str) -> str:
    return value.replace(_LIKE_ESCAPE, _LIKE_ESCAPE * 2).replace("%", "\\%").replace("_", "\\_")


def _claims_by_event(conn: Connection, event_ids: Sequence[str]) -> defaultdict[str, list[Any]]:
    found: defaultdict[str, list[Any]] = defaultdict(list)
    for start in range(0, len(event_ids), _CHUNK):
        chunk = event_ids[start : start + _CHUNK]
        query = sa.select(claims).where(claims.c.event_id.in_(chunk)).order_by(claims.c.id)
        for row in conn.execute(query).mappings():
            found[row["event_id"]].append(row)
    return found


def _figure_record(row: Any) -> dict[str, Any]:
    return dict(
        claim_record(row),
        report_id=row["report_id"],
        period_start=row["period_start"].isoformat() if row["period_start"] else None,
        period_end=row["period_end"].isoformat() if row["period_end"] else None,
        area=row["area"],
    )
