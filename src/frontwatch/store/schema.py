"""The database layout, in SQLAlchemy Core so the same code runs on SQLite and PostgreSQL.

`events` keeps one column per field of `Event.to_record()` (the contract the exports and the API
serve), with list fields as JSON text; claims live in their own table so figures can be queried.
SQLite also gets an FTS5 index over notes and evidence, created by raw DDL and filled by the
store on write (triggers would hide the sync from the one place that writes).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

reports = sa.Table(
    "reports",
    metadata,
    sa.Column("id", sa.String(128), primary_key=True),
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
    sa.Column("event_id", sa.String(128), primary_key=True),
    sa.Column("report_id", sa.String(128), nullable=False, index=True),
    sa.Column("report_ids", sa.Text, nullable=False),  # JSON list
    sa.Column("event_date", sa.Date, index=True),
    sa.Column("date_end", sa.Date),
    sa.Column("time_precision", sa.Integer, nullable=False),
    sa.Column("event_type", sa.Text, nullable=False, index=True),
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

event_reports = sa.Table(
    "event_reports",
    metadata,
    sa.Column("event_id", sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    # No foreign key: a merged event may cite a report stored later, or in another database.
    sa.Column("report_id", sa.String(128), primary_key=True, index=True),
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

events_fts = sa.table("events_fts", sa.column("event_id"), sa.column("notes"), sa.column("evidence"))
"""The FTS5 index (SQLite only). Not in `metadata`: it is created by the DDL below, not by Core."""

sa.event.listen(
    metadata,
    "after_create",
    sa.DDL(
        "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(event_id UNINDEXED, notes, evidence)"
    ).execute_if(dialect="sqlite"),
)
