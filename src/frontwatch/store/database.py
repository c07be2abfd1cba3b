"""The event store: one `Store` per database, SQLite by default, PostgreSQL through the same code.

Writes are per report and all-or-nothing, keyed by the report id, so re-running a batch (after a
crash, or on overlapping scrapes) never duplicates events. Every filter is a bound parameter.

Several processes may write to one database at once (`extract` runs, API servers, watchers). Each
report is written and merged in one transaction that holds the database's write lock from its
first statement: SQLite's (BEGIN IMMEDIATE, waiting out other writers' transactions) or, on
PostgreSQL, a transaction-level advisory lock. Merging reads the stored events a report touches and
rewrites them, so two merges must never interleave; under the lock each sees every report stored
before it, and the database ends as if the reports had been stored one by one. A write that still
finds the database busy (SQLite's lock held past its timeout, a PostgreSQL serialization failure or
deadlock with some other client) is retried whole.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool

from frontwatch import migrations
from frontwatch.models import CodedReport, Event, FrontwatchError, Verification
from frontwatch.store.control import control_of, insert_control
from frontwatch.store.merging import (
    changes_since,
    current_id,
    drop_unaccounted,
    insert_claims,
    merge_report,
    withdraw_report,
)
from frontwatch.store.records import (
    RECORD_FIELDS,
    claim_record,
    event_record,
    figure_record,
    report_record,
    report_row,
)
from frontwatch.store.relations import insert_relations, relations_of
from frontwatch.store.schema import (
    SEARCH_CONFIG,
    accounts,
    claims,
    event_reports,
    events,
    events_fts,
    events_rowid,
    events_search,
    figures,
    reports,
)

_CHUNK = 500  # rows per IN (...) lookup: well under every backend's bound-parameter limit
_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)
_LIKE_ESCAPE = "\\"
_ORDER = (events.c.event_date.is_(None), events.c.event_date, events.c.event_id)
"""Event order: by date, undated last, then id. Spelled as `event_date IS NULL` first rather than
NULLS LAST so that one index (`ix_events_browse`) serves it on SQLite as on PostgreSQL."""

_WRITE_ATTEMPTS = 5
_WRITE_LOCK = int.from_bytes(b"fw-store", "big") >> 1
"""PostgreSQL advisory lock key that write transactions hold (advisory locks are per database)."""
_RETRYABLE_STATES = frozenset({"40001", "40P01"})  # PostgreSQL: serialization failure, deadlock
_BUSY = ("database is locked", "database is busy")  # SQLite, when its busy timeout ran out
_SQLITE_TIMEOUT = 30.0  # seconds a SQLite connection waits for another's lock
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters for `Store.events()`; unset ones do not filter.

    `since`/`until` bound event_date (inclusive). `actor` matches any of the four actor fields,
    case-insensitively, as a substring. `country`/`admin1` match case-insensitively. `q` is a
    full-text search over notes and evidence (every word must occur; a `q` with no word in it
    matches nothing). `bbox` is (west, south, east, north) in degrees, west > east crossing the
    antimeridian as in RFC 7946. `report_id` keeps the events a report told. Results are ordered by
    event_date (undated last), then event_id; `after` is the (event_date, event_id) of the last
    event a client has seen, so the next page starts after it (keyset paging: unlike `offset`,
    as fast on the thousandth page as on the first, and stable while new events arrive).
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
    bbox: tuple[float, float, float, float] | None = None
    report_id: str | None = None
    after: tuple[date | None, str] | None = None
    limit: int | None = None
    offset: int = 0


class Store:
    """A database of coded reports and events, brought to the current schema when opened.

    `url_or_path` is a file path or `sqlite:///...` (SQLite, parent directories created, WAL
    journal, foreign keys enforced) or `postgresql://...` (needs psycopg installed). A new
    database gets every table; an older one gets the migrations it lacks (`frontwatch.migrations`).
    """

    def __init__(self, url_or_path: str | Path) -> None:
        self.engine: Engine = _create_engine(url_or_path)
        try:
            _bring_to_head(self.engine)
        except DBAPIError as error:
            self.engine.dispose()
            raise _cannot_open(self.engine, error) from None
        except FrontwatchError:
            self.engine.dispose()
            raise

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
        """Store a report with its figures, and merge its events into the stored ones, in one transaction.

        Returns False, changing nothing, when the report id is already stored. The report's events
        join the stored events they tell (see `store.merging`): the stored events are always what
        merging every stored report at once would give.
        """
        if self.has_report(coded.report.id):
            return False

        def insert(conn: Connection) -> bool:
            # asked again under the lock: another writer may have stored it since
            if conn.execute(sa.select(reports.c.id).where(reports.c.id == coded.report.id)).first():
                return False
            _insert_report(conn, coded, datetime.now(UTC))
            return True

        return _write(self.engine, insert)

    def update(self, coded: CodedReport) -> bool:
        """Store a report, or bring a stored one up to date: re-coded by a newer coder, or stored by
        a version of frontwatch that kept no accounts, it replaces its old version; coded the same,
        it changes nothing. Returns True when the database changed."""
        if not self.has_report(coded.report.id):
            return self.save(coded)
        if self._coded_as(coded):
            return False
        self.replace(coded)
        return True

    def _coded_as(self, coded: CodedReport) -> bool:
        """Whether the stored accounts of a report are exactly these events, as coded."""
        query = sa.select(accounts.c.record).where(accounts.c.report_id == coded.report.id)
        with self.engine.connect() as conn:
            stored = sorted(conn.scalars(query))
        fresh = sorted(json.dumps(Event.from_record(e.to_record()).to_record(), ensure_ascii=False)
                       for e in coded.events)
        return stored == fresh

    def replace(self, coded: CodedReport) -> bool:
        """Store a new version of a report under the same id, in one transaction: the old version's
        events, claims and figures give way to the new one's (a watched page that was updated).

        Returns True when an old version was replaced, False when there was none (then it is saved).
        """

        def swap(conn: Connection) -> bool:
            now = datetime.now(UTC)
            replaced = withdraw_report(conn, coded.report.id, now)
            drop_unaccounted(conn, coded.report.id)
            _insert_report(conn, coded, now)
            return replaced

        return _write(self.engine, swap)

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
        bbox: tuple[float, float, float, float] | None = None,
        report_id: str | None = None,
        after: tuple[date | None, str] | None = None,
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
            bbox=bbox,
            report_id=report_id,
            after=after,
            limit=limit,
            offset=offset,
        )
        return list(self.iter_events(query))

    def iter_events(
        self, query: EventQuery | None = None, fields: Sequence[str] = RECORD_FIELDS
    ) -> Iterator[dict[str, Any]]:
        """Like `events()`, streamed in chunks so an export of millions of events stays small in memory.

        With `fields` (names of record fields) each record holds only those, and only their columns
        are read: a map of ten thousand events needs neither their claims nor their evidence."""
        query = query or EventQuery()
        read = [name for name in fields if name != "claims"]
        columns = [events.c[name] for name in dict.fromkeys([*read, "event_id"])]  # claims are found by id
        with self.engine.connect() as conn:
            matching = (*_conditions(conn.dialect.name, query), *_after(query.after))
            if query.limit is None and not query.offset:
                select = sa.select(*columns).where(*matching).order_by(*_ORDER)
            else:
                # A page is chosen by id first, from `ix_events_browse` alone, and only its events are
                # read whole: sorting or skipping full rows (notes, evidence) is what makes paging slow.
                page = (
                    sa.select(events.c.event_id).where(*matching).order_by(*_ORDER)
                    .limit(query.limit).offset(query.offset)
                )
                select = sa.select(*columns).where(events.c.event_id.in_(page)).order_by(*_ORDER)
            result = conn.execution_options(yield_per=_CHUNK).execute(select).mappings()
            for chunk in result.partitions():
                if "claims" not in fields:
                    yield from (event_record(row, [], fields) for row in chunk)
                    continue
                by_event = _claims_by_event(conn, [row["event_id"] for row in chunk])
                for row in chunk:
                    yield event_record(row, [claim_record(c) for c in by_event[row["event_id"]]], fields)

    def count_events(self, query: EventQuery | None = None) -> int:
        """How many events match the query's filters, wherever its page (`after`, `limit`, `offset`) is."""
        query = query or EventQuery()
        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite" and _searches_alone(query):
                # the index holds one entry per event: a search alone is counted there, reading no event
                searched = sa.select(sa.func.count()).select_from(events_fts).where(_fts_match(query.q or ""))
                return conn.execute(searched).scalar_one()
            matching = sa.select(sa.func.count()).select_from(events)
            return conn.execute(matching.where(*_conditions(conn.dialect.name, query))).scalar_one()

    def events_of_reports(self, report_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The event records the given reports told (merged with what other reports told of them),
        in the store's order."""
        with self.engine.connect() as conn:
            event_ids: set[str] = set()
            for start in range(0, len(report_ids), _CHUNK):
                chunk = list(report_ids[start : start + _CHUNK])
                told = sa.select(accounts.c.event_id).where(accounts.c.report_id.in_(chunk))
                event_ids.update(conn.scalars(told))
            ids = sorted(event_ids)
            rows = []
            for start in range(0, len(ids), _CHUNK):
                query = sa.select(events).where(events.c.event_id.in_(ids[start : start + _CHUNK]))
                rows.extend(conn.execute(query).mappings())
            by_event = _claims_by_event(conn, ids)
        rows.sort(key=lambda row: (row["event_date"] is None, row["event_date"] or date.max, row["event_id"]))
        return [event_record(row, [claim_record(c) for c in by_event[row["event_id"]]]) for row in rows]

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
            return [figure_record(row) for row in conn.execute(query).mappings()]

    def changes(self, since: datetime) -> list[dict[str, Any]]:
        """Events created, updated or retracted since a moment (see `store.merging.changes_since`)."""
        with self.engine.connect() as conn:
            return changes_since(conn, since)

    def control(self, place: str, on: date | None = None) -> dict[str, Any]:
        """Who held a place on a day, since when, from whom, on whose claim (see `store.control`)."""
        with self.engine.connect() as conn:
            return control_of(conn, place, on)

    def relations(self, names: Sequence[str], prefixes: Sequence[str] = ()) -> list[dict[str, Any]]:
        """What reports say of how the named actors stand to others (see `store.relations`)."""
        with self.engine.connect() as conn:
            return relations_of(conn, names, prefixes)

    def current_id(self, event_id: str) -> str | None:
        """The id a stored (or since merged) event goes by now; None if the store never had it."""
        with self.engine.connect() as conn:
            return current_id(conn, event_id)

    def report_count(self) -> int:
        return self._count(reports)

    def event_count(self) -> int:
        return self._count(events)

    def _count(self, table: sa.Table) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def database_name(url_or_path: str | Path) -> str:
    """A database as messages and logs may show it: a path as given, a URL without its password."""
    target = str(url_or_path)
    if "://" not in target:
        return target
    try:
        return sa.make_url(target).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):  # malformed: show its scheme alone
        return target.split("://", 1)[0] + "://…"


def schema_revision(url_or_path: str | Path) -> str | None:
    """A database's schema revision, read without migrating it (`frontwatch db current`); None when
    it has none yet: empty, or made before migrations."""
    engine = _create_engine(url_or_path)
    try:
        with engine.connect() as conn:
            return migrations.current(conn)
    except DBAPIError as error:
        raise _cannot_open(engine, error) from None
    finally:
        engine.dispose()


def _cannot_open(engine: Engine, error: DBAPIError) -> FrontwatchError:
    """The database named as the user gave it, less its password, and the driver's reason."""
    where = engine.url.render_as_string(hide_password=True)
    return FrontwatchError(f"cannot open the database {where}: {error.orig}")


def _write(engine: Engine, work: Callable[[Connection], _T]) -> _T:
    """Run `work` in a transaction that holds the database's write lock, retried whole while the
    database is busy. Timestamps `work` takes are taken under the lock, so they follow the order
    the writes commit in (`changes --since` never misses a write that committed later)."""
    attempt = 0
    while True:
        attempt += 1
        try:
            with engine.connect() as conn, conn.execution_options(frontwatch_writes=True).begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_WRITE_LOCK)))
                return work(conn)
        except OperationalError as error:
            if not _is_busy(error):
                raise
            if attempt == _WRITE_ATTEMPTS:
                raise FrontwatchError(f"the database stayed busy with other writers: {error.orig}") from None
            time.sleep(random.uniform(0.05, 0.2) * 2**attempt)  # jitter: retried writers do not collide again


def _is_busy(error: OperationalError) -> bool:
    if getattr(error.orig, "sqlstate", None) in _RETRYABLE_STATES:
        return True
    return _sqlite_busy(error.orig)


def _sqlite_busy(error: BaseException | None) -> bool:
    """SQLite's own word that another connection holds the lock it needs."""
    return any(words in str(error).lower() for words in _BUSY)


def _bring_to_head(engine: Engine) -> None:
    """Migrate the database to the current schema if it is behind.

    Checked without the lock first (the common case: nothing to do), then migrated under it,
    where `migrations.upgrade` looks again: of several processes opening a new database at once,
    one creates it and the others find it made."""
    with engine.connect() as conn:
        if migrations.current(conn) == migrations.head():
            return
    _write(engine, migrations.upgrade)


def _insert_report(conn: Connection, coded: CodedReport, now: datetime) -> None:
    conn.execute(sa.insert(reports), report_row(coded.report, now))
    insert_claims(conn, figures, coded.figures, coded.report.id, None)
    merge_report(conn, coded.report.id, coded.events, now)
    insert_control(conn, coded.report.id, coded.control)
    insert_relations(conn, coded.report.id, coded.relations)


# -- engines -----------------------------------------------------------------------------------


def _create_engine(url_or_path: str | Path) -> Engine:
    target = str(url_or_path)
    scheme = target.split("://", 1)[0].lower() if "://" in target else ""
    if scheme and not scheme.startswith(("postgres", "sqlite")):
        raise FrontwatchError(
            f"unsupported database URL {scheme}://… (use a file path, sqlite:/// or postgresql://)"
        )
    try:
        if scheme.startswith("postgres"):
            return _postgres_engine(target)
        path = str(Path(target).expanduser())
        return _sqlite_engine(sa.make_url(target) if scheme else sa.URL.create("sqlite", database=path))
    except (sa.exc.ArgumentError, ValueError) as error:  # a malformed URL: a port that is no number...
        raise FrontwatchError(f"not a database URL: {database_name(target)} ({error})") from None


def _sqlite_engine(url: sa.URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:")
    if not in_memory:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # An in-memory database lives in one connection, so every checkout must get that connection.
    pool: dict[str, Any] = {"poolclass": StaticPool} if in_memory else {}
    engine = sa.create_engine(url, connect_args={"timeout": _SQLITE_TIMEOUT}, **pool)
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
    _switch_to_wal(cursor)
    cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """Put the database in WAL mode, waiting while another process does the same.

    Two processes opening one new database at once both switch it, and SQLite answers the second
    "database is locked" at once, without calling its busy handler (it would deadlock), so that
    wait is ours: for as long as the connection's own busy timeout."""
    deadline = time.monotonic() + _SQLITE_TIMEOUT
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if not _sqlite_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.01, 0.05))


def _on_sqlite_begin(conn: Connection) -> None:
    """A writing transaction (`_write`) takes the write lock at BEGIN, waiting for other writers;
    one that read first and wrote later could only fail, its snapshot outdated by their commits."""
    writes = conn.get_execution_options().get("frontwatch_writes", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _postgres_engine(target: str) -> Engine:
    if importlib.util.find_spec("psycopg") is None:
        raise FrontwatchError("a PostgreSQL store needs psycopg: pip install 'psycopg[binary]'")
    url = sa.make_url(target.replace("postgres://", "postgresql://", 1))
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return sa.create_engine(url, pool_pre_ping=True)


# -- reading helpers ---------------------------------------------------------------------------


def _conditions(dialect: str, query: EventQuery) -> list[sa.ColumnElement[bool]]:
    """WHERE clauses for the filters set in `query`; values only ever travel as bound parameters."""
    c = events.c
    conditions: list[sa.ColumnElement[bool]] = []
    if query.since is not None or query.until is not None:
        conditions.append(_ORDER[0] == sa.false())  # implied by a date bound; lets it use ix_events_browse
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
        conditions.append(_actor_condition(dialect, query.actor))
    if query.q and query.q.strip():
        conditions.append(_text_condition(dialect, query.q) if _FTS_TOKEN.search(query.q) else sa.false())
    if query.min_fatalities is not None:
        conditions.append(c.fatalities >= query.min_fatalities)
    if query.verification:
        conditions.append(c.verification == str(query.verification))
    if query.bbox is not None:
        conditions.append(_bbox_condition(*query.bbox))
    if query.report_id:
        told = sa.select(event_reports.c.event_id).where(event_reports.c.report_id == query.report_id)
        conditions.append(c.event_id.in_(told))
    return conditions


def _bbox_condition(west: float, south: float, east: float, north: float) -> sa.ColumnElement[bool]:
    """Inside the box; a box whose west edge lies east of its east edge spans the antimeridian."""
    c = events.c
    if west <= east:
        longitude = c.longitude.between(west, east)
    else:
        longitude = sa.or_(c.longitude >= west, c.longitude <= east)
    return sa.and_(c.latitude.between(south, north), longitude)


def _after(position: tuple[date | None, str] | None) -> list[sa.ColumnElement[bool]]:
    """Keyset condition: events after `position` in `_ORDER` (undated events come last)."""
    if position is None:
        return []
    event_date, event_id = position
    c = events.c
    if event_date is None:
        return [c.event_date.is_(None), c.event_id > event_id]
    return [
        sa.or_(
            c.event_date > event_date,
            sa.and_(c.event_date == event_date, c.event_id > event_id),
            c.event_date.is_(None),
        )
    ]


def _actor_condition(dialect: str, actor: str) -> sa.ColumnElement[bool]:
    """A case-insensitive substring of any actor field. SQLite's LIKE ignores case by itself (for
    ASCII, as its lower() does), so there it runs without lower() on 4 columns of every row."""
    pattern = f"%{_escape_like(actor)}%"
    columns = (events.c.actor1, events.c.assoc_actor_1, events.c.actor2, events.c.assoc_actor_2)
    if dialect == "sqlite":
        return sa.or_(*(col.like(pattern, escape=_LIKE_ESCAPE) for col in columns))
    return sa.or_(*(col.ilike(pattern, escape=_LIKE_ESCAPE) for col in columns))


def _text_condition(dialect: str, q: str) -> sa.ColumnElement[bool]:
    """Every word of `q` in the notes or evidence: FTS5 on SQLite, the `events.search` tsvector on
    PostgreSQL (whose `plainto_tsquery` splits `q` as the index split the text, ANDs the words and
    reads no query syntax)."""
    if dialect == "postgresql":
        return events_search.bool_op("@@")(postgresql.plainto_tsquery(SEARCH_CONFIG, q))
    matching = sa.select(events_fts.c.rowid).where(_fts_match(q))
    return events_rowid.in_(matching)  # each match's event found by rowid, in one lookup


def _fts_match(q: str) -> sa.ColumnElement[bool]:
    """The FTS5 entries holding every word of `q`, each word quoted as an FTS5 string so that user
    input can never be read as query syntax."""
    match = " ".join('"' + word + '"' for word in _FTS_TOKEN.findall(q))
    return sa.text("events_fts MATCH :fts_query").bindparams(fts_query=match)


def _searches_alone(query: EventQuery) -> bool:
    """Whether a query's one filter is a full-text search with a word in it (its page aside)."""
    unfiltered = replace(query, q=None, after=None, limit=None, offset=0) == EventQuery()
    return unfiltered and bool(query.q and _FTS_TOKEN.search(query.q))


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
