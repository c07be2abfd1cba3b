"""Persistence and export of coded events (SQLAlchemy Core; SQLite by default)."""

from frontwatch.store.database import EventQuery, Store, database_name, schema_revision
from frontwatch.store.export import (
    ACLED_COLUMNS,
    FORMATS,
    write_acled_csv,
    write_csv,
    write_geojson,
    write_hxl_csv,
    write_jsonl,
)

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "EventQuery",
    "Store",
    "database_name",
    "schema_revision",
    "write_acled_csv",
    "write_csv",
    "write_geojson",
    "write_hxl_csv",
    "write_jsonl",
]
