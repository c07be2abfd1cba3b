"""The schema as frontwatch created it before migrations: every table, index and the SQLite FTS5 index.

Frozen: later changes to `store/schema.py` come as new revisions, never as edits here. Everything
is created IF NOT EXISTS, so a database the earlier `metadata.create_all` made (which has all or
most of it) is adopted by running this revision over it, and gets the indexes it lacked.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_ID = sa.String(length=128)
_FILTERED = ("sub_event_type", "country", "admin1", "fatalities", "verification", "latitude", "longitude",
             "actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


def _table(name: str, *columns: sa.Column | sa.Constraint) -> None:
    op.create_table(name, *columns, if_not_exists=True)


def _index(name: str, table: str, columns: list[str | sa.TextClause]) -> None:
    op.create_index(name, table, columns, unique=False, if_not_exists=True)


def _claim_columns() -> list[sa.Column | sa.Constraint]:
    return [
        sa.Column("report_id", _ID, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("low", sa.Integer(), nullable=False),
        sa.Column("high", sa.Integer(), nullable=False),
        sa.Column("qualifier", sa.Text()),
        sa.Column("claimant", sa.Text()),
        sa.Column("cited", sa.Text()),
        sa.Column("group", sa.Text()),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
    ]


def upgrade() -> None:
    _table(
        "reports",
        sa.Column("id", _ID, primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published", sa.Date()),
        sa.Column("source", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    _table(
        "events",
        sa.Column("event_id", _ID, primary_key=True),
        sa.Column("report_id", _ID, nullable=False),
        sa.Column("report_ids", sa.Text(), nullable=False),
        sa.Column("event_date", sa.Date()),
        sa.Column("date_end", sa.Date()),
        sa.Column("time_precision", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("actor1", sa.Text()),
        sa.Column("assoc_actor_1", sa.Text()),
        sa.Column("actor2", sa.Text()),
        sa.Column("assoc_actor_2", sa.Text()),
        sa.Column("inter1", sa.Integer()),
        sa.Column("inter2", sa.Integer()),
        sa.Column("country", sa.Text()),
        sa.Column("admin1", sa.Text()),
        sa.Column("admin2", sa.Text()),
        sa.Column("location", sa.Text()),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.Column("geo_precision", sa.Integer()),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("fatalities_low", sa.Integer(), nullable=False),
        sa.Column("fatalities_high", sa.Integer(), nullable=False),
        sa.Column("fatalities_qualifier", sa.Text()),
        sa.Column("injured", sa.Integer()),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("verification", sa.String(length=32), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    _index("ix_events_report_id", "events", ["report_id"])
    _index("ix_events_event_date", "events", ["event_date"])
    _index("ix_events_country_admin1", "events", ["country", "admin1"])
    browse = [sa.text("(event_date IS NULL)"), "event_date", "event_id", *_FILTERED]
    _index("ix_events_browse", "events", [*browse, "event_type"])
    _index("ix_events_type_browse", "events", ["event_type", *browse])
    _table(
        "event_reports",
        sa.Column("event_id", _ID, primary_key=True),
        sa.Column("report_id", _ID, primary_key=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.event_id"], ondelete="CASCADE"),
    )
    _index("ix_event_reports_report_id", "event_reports", ["report_id"])
    _table(
        "accounts",
        sa.Column("account_id", _ID, primary_key=True),
        sa.Column("report_id", _ID, nullable=False),
        sa.Column("event_id", _ID, nullable=False),
        sa.Column("event_date", sa.Date()),
        sa.Column("date_end", sa.Date()),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("country", sa.Text()),
        sa.Column("record", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
    )
    _index("ix_accounts_report_id", "accounts", ["report_id"])
    _index("ix_accounts_event_id", "accounts", ["event_id"])
    _index("ix_accounts_dates", "accounts", ["event_date", "date_end"])
    _table(
        "retired_events",
        sa.Column("event_id", _ID, primary_key=True),
        sa.Column("replaced_by", _ID),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=False),
    )
    _index("ix_retired_events_replaced_by", "retired_events", ["replaced_by"])
    _index("ix_retired_events_retired_at", "retired_events", ["retired_at"])
    _table(
        "claims",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", _ID),
        *_claim_columns(),
        sa.ForeignKeyConstraint(["event_id"], ["events.event_id"], ondelete="CASCADE"),
    )
    _index("ix_claims_event_id", "claims", ["event_id"])
    _index("ix_claims_report_id", "claims", ["report_id"])
    _table(
        "figures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        *_claim_columns(),
        sa.Column("period_start", sa.Date()),
        sa.Column("period_end", sa.Date()),
        sa.Column("area", sa.Text()),
    )
    _index("ix_figures_report_id", "figures", ["report_id"])
    _table(
        "control_changes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("report_id", _ID, nullable=False),
        sa.Column("account_id", _ID),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("place_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("holder", sa.Text()),
        sa.Column("previous", sa.Text()),
        sa.Column("on", sa.Date()),
        sa.Column("claimant", sa.Text()),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("country", sa.Text()),
        sa.Column("admin1", sa.Text()),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
    )
    _index("ix_control_changes_report_id", "control_changes", ["report_id"])
    _index("ix_control_changes_place_key", "control_changes", ["place_key"])
    _table(
        "actor_relations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("report_id", _ID, nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("object", sa.Text(), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("qualifier", sa.Text()),
        sa.Column("claimant", sa.Text()),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
    )
    _index("ix_actor_relations_report_id", "actor_relations", ["report_id"])
    _index("ix_actor_relations_subject", "actor_relations", ["subject"])
    _index("ix_actor_relations_object", "actor_relations", ["object"])
    _table(
        "watch_sources",
        sa.Column("source", sa.Text(), primary_key=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("last_poll", sa.DateTime(timezone=True)),
        sa.Column("last_success", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text()),
        sa.Column("last_error_at", sa.DateTime(timezone=True)),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_poll", sa.DateTime(timezone=True)),
        sa.Column("coded", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
    )
    _table(
        "watch_cursors",
        sa.Column("key", sa.Text(), primary_key=True),
        sa.Column("fingerprint", sa.String(length=64)),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    )
    _table(
        "watch_items",
        sa.Column("key", sa.Text(), primary_key=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("report_id", _ID, nullable=False),
        sa.Column("owner", sa.Boolean(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    _index("ix_watch_items_content_hash", "watch_items", ["content_hash"])
    if op.get_context().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(event_id UNINDEXED, notes, evidence)"
        )


def downgrade() -> None:
    """Back to an empty database: every table goes, with what it held."""
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS events_fts")
    for table in ("watch_items", "watch_cursors", "watch_sources", "actor_relations", "control_changes",
                  "figures", "claims", "retired_events", "accounts", "event_reports", "events", "reports"):
        op.drop_table(table)
