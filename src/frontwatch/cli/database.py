"""`frontwatch db`: which schema revision a database is at, and migrating it on purpose.

Every command that opens a database migrates it to this frontwatch's schema anyway; these two let
an operator see where a shared database stands and migrate it at a chosen moment (before a
deployment's servers restart, say) rather than on the first command that happens to open it.
Alembic is imported inside the commands, so the CLI starts as fast without them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from frontwatch.models import FrontwatchError

db_app = typer.Typer(help="The database's schema: its revision, and migrating it.", no_args_is_help=True)

DbOption = Annotated[str | None, typer.Option("--db", help="SQLite file or database URL.")]


@db_app.command("current")
def current(db: DbOption = None) -> None:
    """The database's schema revision and this frontwatch's (head), without changing anything."""
    from frontwatch import migrations
    from frontwatch.cli.app import _fail, default_db
    from frontwatch.store import schema_revision

    target = db or str(default_db())
    if "://" not in target and not Path(target).exists():  # reading it would create it
        raise _fail(f"no database at {target}")
    try:
        revision = schema_revision(target)
    except FrontwatchError as error:
        raise _fail(str(error)) from None
    head = migrations.head()
    if revision == head:
        state = "up to date"
    elif revision is None:
        state = "no revision yet (empty, or made before migrations): `frontwatch db upgrade` adopts it"
    else:
        state = "behind: `frontwatch db upgrade` (or any command that opens it) migrates it"
    Console(highlight=False).print(f"{revision or '-'} (head {head}): {state}")


@db_app.command("upgrade")
def upgrade(db: DbOption = None) -> None:
    """Migrate the database to this frontwatch's schema (a new database gets every table)."""
    from frontwatch import migrations
    from frontwatch.cli.app import _fail, default_db
    from frontwatch.store import Store, schema_revision

    target = db or str(default_db())
    try:
        before = schema_revision(target)
        Store(target).close()
    except FrontwatchError as error:
        raise _fail(str(error)) from None
    head = migrations.head()
    done = "already at" if before == head else f"migrated from {before or 'nothing'} to"
    Console(highlight=False).print(f"{done} revision {head}")
