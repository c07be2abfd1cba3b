"""Schema migrations: a new database, one made before migrations and one mid-way all end at the
schema the code uses, on SQLite and PostgreSQL, with their data intact."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from test_store import make_coded

from frontwatch import migrations
from frontwatch.models import FrontwatchError
from frontwatch.store import Store
from frontwatch.store.schema import metadata

PRE_ALEMBIC = Path(__file__).parent / "data" / "pre-alembic.sql"
FULL_TEXT = {"events_fts", "ix_events_search", "search"}
"""Each back end's own full-text index, which `metadata` cannot declare (see store/schema.py)."""


def differences(store: Store) -> list[Any]:
    """What Alembic's autogenerate finds between the database and `store.schema`."""

    def declared(obj: Any, name: str | None, kind: str, reflected: bool, compare_to: Any) -> bool:
        return not (name in FULL_TEXT or (kind == "table" and name and name.startswith("events_fts_")))

    with store.engine.connect() as conn, warnings.catch_warnings():
        # SQLite cannot reflect the expression indexes; `index_names` checks those by name
        warnings.filterwarnings("ignore", "(autogenerate skipping|Skipped unsupported).*expression-based")
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": declared})
        return compare_metadata(context, metadata)


def index_names(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            return set(conn.scalars(sa.text("SELECT name FROM sqlite_master WHERE type = 'index'")))
        return set(conn.scalars(sa.text("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")))


def declared_indexes() -> set[str]:
    return {str(index.name) for table in metadata.tables.values() for index in table.indexes}


def revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        return migrations.current(conn)


def test_a_new_database_is_made_at_head_equal_to_the_schema(database: str) -> None:
    with Store(database) as store:
        assert revision(store) == migrations.head()
        assert differences(store) == []
        assert declared_indexes() <= index_names(store)


def test_a_sqlite_file_from_before_migrations_is_adopted_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as old:
        old.executescript(PRE_ALEMBIC.read_text(encoding="utf-8"))
    with Store(path) as store:
        assert revision(store) == migrations.head()
        assert differences(store) == []
        assert declared_indexes() <= index_names(store)
        assert store.report_count() == 1 and store.event_count() == 2
        [sarmin] = store.events(q="shelled")  # its full-text index came along
        assert sarmin["location"] == "Sarmin" and sarmin["fatalities"] == 5
        later = make_coded(text="Follow-up from Idlib.")
        later.events[1].notes = "Updated: government forces shelled Sarmin again."
        assert store.save(later) is True
        assert [e["event_id"] for e in store.events(q="Updated")] == [sarmin["event_id"]]
        assert store.event(sarmin["event_id"])["report_ids"] == sorted(  # type: ignore[index]
            [sarmin["report_id"], later.report.id])


def test_a_database_at_any_earlier_revision_is_brought_to_head(database: str) -> None:
    with Store(database) as store:
        store.save(make_coded())
        with store.engine.begin() as conn:
            command.downgrade(migrations.config(conn), "0001")
            assert migrations.current(conn) == "0001"
            # as `metadata.create_all` left a database before migrations: the schema, no version
            conn.execute(sa.text("DROP TABLE alembic_version"))
    for _ in range(2):  # the second opening finds nothing to do
        with Store(database) as store:
            assert revision(store) == migrations.head()
            assert differences(store) == []
            assert [e["location"] for e in store.events(q="shelled")] == ["Sarmin"]
            assert store.report_count() == 1 and store.event_count() == 2


def test_a_database_from_a_newer_frontwatch_is_refused_untouched(database: str) -> None:
    with Store(database) as store, store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'f00d'"))
    with pytest.raises(FrontwatchError, match=r"revision 'f00d'.*newer frontwatch"):
        Store(database)
    url = sa.make_url(database).set(drivername="postgresql+psycopg") if "://" in database else (
        f"sqlite:///{database}")
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert migrations.current(conn) == "f00d"
    engine.dispose()


def test_a_file_that_is_no_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database, just notes\n" * 100)
    with pytest.raises(FrontwatchError, match=r"cannot open the database .*notes\.db"):
        Store(path)


def test_an_unreachable_server_is_named_without_its_password() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(FrontwatchError, match=r"cannot open the database postgresql\+psycopg://fw:\*\*\*@"):
        Store("postgresql://fw:secret@127.0.0.1:1/frontwatch")
