"""The database layout, in SQLAlchemy Core so the same code runs on SQLite and PostgreSQL.

`events` keeps one column per field of `Event.to_record()` (the contract the exports and the API
serve), with list fields as JSON text; claims live in their own table so figures can be queried.
The full-text index over notes and evidence is each back end's own, made by the migrations: an
FTS5 table on SQLite, filled by the store on write (triggers would hide the sync from the one place
that writes), and a generated tsvector column with a GIN index on PostgreSQL.

This module is the schema the code reads and writes; databases get it through the revisions in
`frontwatch.migrations`, which tests/store/test_migrations.py holds equal to it.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData()

ID = sa.String(128).with_variant(sa.String(128, collation="C"), "postgresql")
"""A report, event or account id. On PostgreSQL compared byte by byte, as SQLite compares text:
under a linguistic collation ("en_US.UTF-8", ICU) "ev-b" sorts after "evA", and event pages and
the order of events would differ between the back ends."""

reports = sa.Table(
    "reports",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("published", sa.Date),
    sa.Column("source", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", ID, primary_key=True),
    sa.Column("report_id", ID, nullable=False, index=True),
    sa.Column("report_ids", sa.Text, nullable=False),  # JSON list
    sa.Column("event_date", sa.Date, index=True),
    sa.Column("date_end", sa.Date),
    sa.Column("time_precision", sa.Integer, nullable=False),
    sa.Column("event_type", sa.Text, nullable=False),  # indexed below, with the filters
    sa.Column("sub_event_type", sa.Text, nullable=False),
    sa.Column("actor1", sa.Text),
    sa.Column("assoc_actor_1", sa.Text),
    sa.Column("actor2", sa.Text),
    sa.Column("assoc_actor_2", sa.Text),
    sa.Column("inter1", sa.Integer),
    sa.Column("inter2", sa.Integer),
    sa.Column("country", sa.Text),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),
    sa.Column("location", sa.Text),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("fatalities", sa.Integer, nullable=False),
    sa.Column("fatalities_low", sa.Integer, nullable=False),
    sa.Column("fatalities_high", sa.Integer, nullable=False),
    sa.Column("fatalities_qualifier", sa.Text),
    sa.Column("injured", sa.Integer),
    sa.Column("sources", sa.Text, nullable=False),  # JSON list
    sa.Column("verification", sa.String(32), nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),  # JSON list
    sa.Column("notes", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_events_country_admin1", "country", "admin1"),
)

# The API's browsing indexes: the store's order (date, undated last, then id) and every column a
# filter reads, so a page is found, and its matches counted, from an index alone; only the events on
# the page are then read from the table, whose rows (notes, evidence) are wide. The commonest facet,
# the event type, leads a second one, so a type's pages and counts read only that type's entries.
_FILTERED = ("sub_event_type", "country", "admin1", "fatalities", "verification", "latitude", "longitude",
             "actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


def _browse_columns() -> list[sa.ColumnElement]:
    return [events.c.event_date.is_(None), events.c.event_date, events.c.event_id,
            *(events.c[name] for name in _FILTERED)]


sa.Index("ix_events_browse", *_browse_columns(), events.c.event_type)
sa.Index("ix_events_type_browse", events.c.event_type, *_browse_columns())

event_reports = sa.Table(
    "event_reports",
    metadata,
    sa.Column("event_id", sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    # No foreign key: a merged event may cite a report stored later, or in another database.
    sa.Column("report_id", ID, primary_key=True, index=True),
)


accounts = sa.Table(
    "accounts",
    metadata,
    # One report's own account of an event, exactly as it was coded (`Event.to_record()` as JSON):
    # the merged `events` are rebuilt from these whenever a new report joins them.
    sa.Column("account_id", ID, primary_key=True),
    sa.Column("report_id", sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    # No foreign key: regrouping rewrites an event's id and its accounts' pointers in one step.
    sa.Column("event_id", ID, nullable=False, index=True),
    sa.Column("event_date", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("sub_event_type", sa.Text, nullable=False),
    sa.Column("country", sa.Text),  # blocking: accounts in two countries never tell one event
    sa.Column("record", sa.Text, nullable=False),
    sa.Index("ix_accounts_dates", "event_date", "date_end"),
)

retired_events = sa.Table(
    "retired_events",
    metadata,
    # An event id that no longer names an event: its reports now belong to `replaced_by`.
    sa.Column("event_id", ID, primary_key=True),
    sa.Column("replaced_by", ID, index=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("retired_at", sa.DateTime(timezone=True), nullable=False, index=True),
)


def _claim_columns() -> list[sa.Column]:
    """Columns shared by `claims` and `figures` (fresh objects each call: a Column has one table)."""
    return [
        sa.Column("report_id", sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("low", sa.Integer, nullable=False),
        sa.Column("high", sa.Integer, nullable=False),
        sa.Column("qualifier", sa.Text),
        sa.Column("claimant", sa.Text),
        sa.Column("cited", sa.Text),
        sa.Column("group", sa.Text),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    ]


claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.ForeignKey("events.event_id", ondelete="CASCADE"), index=True),
    *_claim_columns(),
)

figures = sa.Table(
    "figures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    *_claim_columns(),
    sa.Column("period_start", sa.Date),
    sa.Column("period_end", sa.Date),
    sa.Column("area", sa.Text),
)

control_changes = sa.Table(
    "control_changes",
    metadata,
    # Who holds a place from a day on, as one report tells it (`ControlChange`).
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("report_id", sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("account_id", ID),  # the report's event it comes from (see `accounts`)
    sa.Column("place", sa.Text, nullable=False),
    sa.Column("place_key", sa.Text, nullable=False, index=True),  # `store.control.place_key(place)`
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("holder", sa.Text),
    sa.Column("previous", sa.Text),
    sa.Column("on", sa.Date),
    sa.Column("claimant", sa.Text),
    sa.Column("confirmed", sa.Boolean, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("country", sa.Text),
    sa.Column("admin1", sa.Text),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
)

actor_relations = sa.Table(
    "actor_relations",
    metadata,
    # How one actor stands to another, as one report says (`Relation`).
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("report_id", sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("subject", sa.Text, nullable=False, index=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("object", sa.Text, nullable=False, index=True),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("qualifier", sa.Text),
    sa.Column("claimant", sa.Text),
    sa.Column("evidence", sa.Text, nullable=False),
)

CLAIM_FIELDS: tuple[str, ...] = (
    "kind",
    "value",
    "low",
    "high",
    "qualifier",
    "claimant",
    "cited",
    "group",
    "evidence",
    "start",
    "end",
)
"""The `Claim.to_record()` keys, in its order: the columns a claim row gives back."""

events_fts = sa.table("events_fts", sa.column("rowid", sa.Integer), sa.column("notes"), sa.column("evidence"))
"""The FTS5 index (SQLite only), each entry under the rowid of its `events` row, so a search
reaches its events in one lookup (migration 0003). Not in `metadata`: Core cannot declare a
virtual table. Updates keep a row's rowid (the store never deletes and re-inserts a row it
rewrites), but a `.dump` restored without `--preserve-rowids` renumbers the rows and would leave
the entries pointing at the wrong events: copy a database as a file or with `.backup`."""

events_rowid = sa.literal_column("events.rowid", sa.Integer)
"""SQLite's own key of an `events` row, which `events_fts` entries carry."""

SEARCH_CONFIG = "simple"
"""PostgreSQL's text search configuration for `events.search`: lower-cased words, no stemming and
no stop words, as FTS5 matches them."""

events_search = sa.literal_column("events.search", postgresql.TSVECTOR)
"""PostgreSQL's full-text index: a tsvector column generated from notes and evidence (migration
0002). Not in `metadata`, since SQLite has no such type; never selected, only searched."""

# -- the watcher's memory (`frontwatch watch`), kept beside the events it produced ----------------

watch_sources = sa.Table(
    "watch_sources",
    metadata,
    sa.Column("source", sa.Text, primary_key=True),  # feed URL, folder path, or "-" for stdin
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("last_poll", sa.DateTime(timezone=True)),
    sa.Column("last_success", sa.DateTime(timezone=True)),
    sa.Column("last_error", sa.Text),
    sa.Column("last_error_at", sa.DateTime(timezone=True)),
    sa.Column("failures", sa.Integer, nullable=False, default=0),  # consecutive; drives the back-off
    sa.Column("next_poll", sa.DateTime(timezone=True)),
    sa.Column("coded", sa.Integer, nullable=False, default=0),
    sa.Column("updated", sa.Integer, nullable=False, default=0),
    sa.Column("skipped", sa.Integer, nullable=False, default=0),
)

watch_cursors = sa.Table(
    "watch_cursors",
    metadata,
    # What was last fetched from one place (a feed or page URL, a file's URI), to ask only for news.
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("fingerprint", sa.String(64)),  # a feed entry's own fields, a file's mtime and size
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
)

watch_items = sa.Table(
    "watch_items",
    metadata,
    # One report a source offered: its URL (or file URI, or JSONL id) and the hash of its text.
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False, index=True),
    sa.Column("report_id", ID, nullable=False),
    sa.Column("owner", sa.Boolean, nullable=False),  # False: a copy of another item's report
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
)
