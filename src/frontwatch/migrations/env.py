"""Alembic's environment: migrate the connection frontwatch hands over, inside its transaction.

The store opens the database (with its engine settings and write lock) and passes the connection
as `config.attributes["connection"]` (see `frontwatch.migrations.config`); nothing here opens a
database of its own, so there is no URL to configure and no alembic.ini.
"""

from __future__ import annotations

from alembic import context

from frontwatch.models import FrontwatchError
from frontwatch.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise FrontwatchError("frontwatch's migrations run through frontwatch: `frontwatch db upgrade --db ...`")
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
