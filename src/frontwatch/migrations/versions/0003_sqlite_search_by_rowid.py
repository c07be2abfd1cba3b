"""SQLite: the FTS5 index keyed by the events' rowid, so a search finds its events by rowid.

0001's `events_fts` held each event's id as a text column. A search (`q`) read that column for
every match from the index's own content table, then looked each id up in the events' primary key
index before reaching the row: three lookups a match, about 100 ms for a common word on 100k
events. Here the index is made again with no id column, each entry under the rowid of its `events`
row, which SQLite reaches in one lookup; it is filled from the stored events (notes, and the
evidence sentences one a line, as the store writes them).

PostgreSQL has nothing to do: its index (0002) is a generated column of `events` itself, with no
second table to join.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_EVIDENCE = "(SELECT group_concat(value, char(10)) FROM json_each(events.evidence))"
"""The evidence column's JSON list as the store indexes it: its sentences, one a line."""


def _rebuild(columns: str, key: str) -> None:
    """`events_fts` made again with these columns and filled from every stored event, `key` (the
    rowid or the id) linking each entry to its event."""
    op.execute("DROP TABLE IF EXISTS events_fts")
    op.execute(f"CREATE VIRTUAL TABLE events_fts USING fts5({columns})")
    op.execute(f"INSERT INTO events_fts ({key}, notes, evidence) "
               f"SELECT {key}, notes, {_EVIDENCE} FROM events")


def upgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        _rebuild("notes, evidence", "rowid")


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        _rebuild("event_id UNINDEXED, notes, evidence", "event_id")
