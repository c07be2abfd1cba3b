"""PostgreSQL: a full-text index over notes and evidence, and ids that sort byte by byte.

SQLite has had its FTS5 index since 0001; PostgreSQL searched with ILIKE, reading every row. Here
it gets `events.search`, a tsvector generated from the notes and the evidence sentences (the JSON
list's strings, not its brackets and quotes) under the `simple` configuration (lower-cased words,
no stemming, no stop words: FTS5's matching), with a GIN index.

PostgreSQL compares text by the database's collation, and a linguistic one ("en_US.UTF-8", ICU)
sorts "ev-b" after "evA" where SQLite's byte order puts it before: event pages, their keyset
positions and the order events come back in would differ between back ends. The id columns get the
"C" collation, which compares bytes. Nothing changes on SQLite.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID_COLUMNS = {
    "reports": ("id",),
    "events": ("event_id", "report_id"),
    "event_reports": ("event_id", "report_id"),
    "accounts": ("account_id", "report_id", "event_id"),
    "retired_events": ("event_id", "replaced_by"),
    "claims": ("event_id", "report_id"),
    "figures": ("report_id",),
    "control_changes": ("report_id", "account_id"),
    "actor_relations": ("report_id",),
    "watch_items": ("report_id",),
}
"""Every column holding a report, event or account id."""

SEARCH = (
    "to_tsvector('simple'::regconfig, notes) || to_tsvector('simple'::regconfig, evidence::jsonb)"
)


def _collate(collation: str) -> None:
    for table, columns in ID_COLUMNS.items():
        changes = ", ".join(f'ALTER COLUMN "{column}" TYPE varchar(128) {collation}' for column in columns)
        op.execute(f'ALTER TABLE "{table}" {changes}')


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    _collate('COLLATE "C"')
    op.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS ({SEARCH}) "
               "STORED")
    op.execute("CREATE INDEX IF NOT EXISTS ix_events_search ON events USING gin (search)")


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE events DROP COLUMN IF EXISTS search")  # its index goes with it
    _collate('COLLATE "default"')
