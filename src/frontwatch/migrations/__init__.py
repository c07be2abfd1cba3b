"""Schema migrations (Alembic) for SQLite and PostgreSQL, run by the store on the databases it opens.

Each revision in `versions/` changes the schema of both back ends (or says why one has nothing to
do). `Store` brings a database to `head()` when it opens it, inside its write lock, so several
processes opening one database at once migrate it once; a database made before migrations existed
is adopted by the first revision, which creates only what is missing. Alembic is driven from here
with the store's own connection: no alembic.ini, no URL outside the store.

A new revision: change `store/schema.py`, then `alembic revision -m "what changes"` in a checkout
(pyproject.toml's [tool.alembic] points here) and write its `upgrade` and `downgrade` by hand;
tests/store/test_migrations.py fails until head matches the schema again on both back ends.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from frontwatch.models import FrontwatchError

SCRIPTS = Path(__file__).resolve().parent


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, in memory: these scripts, migrating `connection` when one is given."""
    settings = Config()
    settings.set_main_option("script_location", str(SCRIPTS))
    if connection is not None:
        settings.attributes["connection"] = connection
    return settings


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    """The revisions, read once per process (every `Store` opened checks against them)."""
    return ScriptDirectory.from_config(config())


def head() -> str:
    """The revision this frontwatch writes and reads."""
    revision = _scripts().get_current_head()
    assert revision is not None, "the migrations package has no revisions"
    return revision


def current(conn: Connection) -> str | None:
    """The revision a database is at; None for an empty one or one made before migrations."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection) -> None:
    """Run the revisions the database lacks, in `conn`'s transaction (DDL is transactional on both
    back ends, so a failure leaves the database at its old revision, not half-way)."""
    revision = current(conn)
    if revision is not None and revision not in {script.revision for script in _scripts().walk_revisions()}:
        raise FrontwatchError(
            f"the database is at schema revision {revision!r}, which this frontwatch does not know "
            f"(it knows up to {head()!r}): it was written by a newer frontwatch; upgrade frontwatch"
        )
    if revision != head():
        command.upgrade(config(conn), "head")
